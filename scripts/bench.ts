/**
 * `npm run bench`: runs every benchmark and writes bench-results.json at the repository root (an
 * array of { name, value, unit }), then prints it as a table. Benchmarks are measured here, never
 * asserted in tests.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCheckerBench } from './bench/checker';
import type { BenchEntry } from './bench/checker';
import { runEngineBench } from './bench/engine';
import { runExerciseBench } from './bench/exercises';

const results: BenchEntry[] = [];
const section = async (name: string, run: () => BenchEntry[] | Promise<BenchEntry[]>) => {
  process.stderr.write(`running ${name}...\n`);
  results.push(...(await run()));
};

await section('engine', () => runEngineBench());
await section('exercises', () => runExerciseBench());
await section('checker', () => runCheckerBench());

const path = join(import.meta.dirname, '..', 'bench-results.json');
writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
const width = Math.max(...results.map((r) => r.name.length));
for (const r of results)
  console.log(`${r.name.padEnd(width)}  ${r.value.toLocaleString('en-US').padStart(14)} ${r.unit}`);
console.log(`\nwrote ${path}`);
