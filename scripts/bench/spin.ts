/**
 * Runs SPIN on the Promela port of the lesson's solution model (message-handler.pml): generate
 * the verifier (`spin -a`), compile it (`gcc -O2 -DSAFETY`), run `./pan`, and time each phase.
 * Used by the benchmark and by spin.test.ts. Never -DHC4 (hash compaction loses states).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SPIN_PATH = '/usr/bin/spin';
export const PML_PATH = join(dirname(fileURLToPath(import.meta.url)), 'message-handler.pml');

export function hasSpin(): boolean {
  if (!existsSync(SPIN_PATH)) return false;
  try {
    execFileSync('gcc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface SpinRun {
  statesStored: number;
  errors: number;
  generateMs: number;
  compileMs: number;
  panMs: number;
}

/** One run of `./pan`: its time and what it reported. */
export interface PanRun {
  ms: number;
  statesStored: number;
  errors: number;
}

/** A generated and compiled pan for N messages and F failures, ready to run (then `close` it). */
export interface CompiledPan {
  generateMs: number;
  compileMs: number;
  run(): PanRun;
  close(): void;
}

export function compilePan(messages: number, maxFailures: number): CompiledPan {
  const dir = mkdtempSync(join(tmpdir(), 'spin-mc-'));
  const timed = (file: string, args: string[]): [number, string] => {
    const t0 = performance.now();
    const out = execFileSync(file, args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 24 });
    return [performance.now() - t0, out];
  };
  const close = () => rmSync(dir, { recursive: true, force: true });
  try {
    const [generateMs] = timed(SPIN_PATH, [
      `-DN=${messages}`,
      `-DF=${maxFailures}`,
      '-a',
      PML_PATH,
    ]);
    const [compileMs] = timed('gcc', ['-O2', '-DSAFETY', '-o', 'pan', 'pan.c']);
    const run = () => {
      const [ms, out] = timed(join(dir, 'pan'), []);
      const stored = /(\d+) states, stored/.exec(out);
      const errors = /errors: (\d+)/.exec(out);
      if (!stored || !errors) throw new Error(`unexpected pan output:\n${out}`);
      return { ms, statesStored: Number(stored[1]), errors: Number(errors[1]) };
    };
    return { generateMs, compileMs, run, close };
  } catch (e) {
    close();
    throw e;
  }
}

/** `repeats` runs of the compiled pan: `panMs` is their median (the output of the last). */
export function runSpin(messages: number, maxFailures: number, repeats = 1): SpinRun {
  const pan = compilePan(messages, maxFailures);
  try {
    const runs = Array.from({ length: repeats }, () => pan.run());
    const last = runs.at(-1)!;
    return {
      statesStored: last.statesStored,
      errors: last.errors,
      generateMs: pan.generateMs,
      compileMs: pan.compileMs,
      panMs: median(runs.map((r) => r.ms)),
    };
  } finally {
    pan.close();
  }
}

export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
