/**
 * `npm run bench`: runs every benchmark and writes bench-results.json at the repository root (an
 * array of { name, value, unit }), then prints it as a table. Benchmarks are measured here, never
 * asserted in tests.
 *
 * `npm run bench -- ui checker` runs only the named sections (engine, exercises, checker, scale,
 * ui, room: ten minutes of a loaded room, ROOM_BENCH_SECONDS to change) and keeps the other
 * sections' entries already in the file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCheckerBench } from './bench/checker';
import { printTable } from './bench/report';
import type { BenchEntry } from './bench/report';
import { runEngineBench } from './bench/engine';
import { runExerciseBench } from './bench/exercises';
import { runRoomBench } from './bench/room';
import { runScaleBench } from './bench/scale';
import { runUiBench } from './bench/ui';

const SECTIONS: Record<string, () => BenchEntry[] | Promise<BenchEntry[]>> = {
  engine: runEngineBench,
  exercises: runExerciseBench,
  checker: runCheckerBench,
  scale: runScaleBench,
  ui: runUiBench,
  room: runRoomBench,
};
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in SECTIONS));
if (unknown.length > 0) {
  console.error(
    `unknown bench section ${unknown.join(', ')} (known: ${Object.keys(SECTIONS).join(', ')})`,
  );
  process.exit(2);
}

const path = join(import.meta.dirname, '..', 'bench-results.json');
const measured: BenchEntry[] = [];
for (const [name, run] of Object.entries(SECTIONS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  process.stderr.write(`running ${name}...\n`);
  measured.push(...(await run()));
}
// A partial run keeps the earlier figures of the sections it did not run.
const earlier: BenchEntry[] =
  wanted.length > 0 && existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : [];
const fresh = new Set(measured.map((r) => r.name));
const results = [...earlier.filter((r) => !fresh.has(r.name)), ...measured];

writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
printTable(results);
console.log(`\nwrote ${path}`);
