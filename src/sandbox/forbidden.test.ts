import { describe, expect, it } from 'vitest';
import { compileLearnerModule } from './evaluate';
import { isLearnerCodeError, type LearnerError } from './errors';
import { createShims } from './shims';

function errorOf(source: string): LearnerError | undefined {
  const mod = compileLearnerModule(source, 'handlers.ts');
  return mod.ok ? undefined : mod.error;
}

/** Each snippet is placed on line 3 of a handler; the column is where the culprit starts. */
const CASES: [snippet: string, column: number, message: RegExp][] = [
  [
    '  const r = Math.random();',
    13,
    /^Math\.random is not allowed: handlers must be deterministic; use ctx\.newId\(\) or ctx\.choose\(\)$/,
  ],
  ['  const t = Date.now();', 13, /^Date\.now is not allowed: handlers must be deterministic/],
  [
    '  const d: Date = new Date();',
    23,
    /^Date is not allowed: handlers must be deterministic; the simulation has its own clock$/,
  ],
  ['  setTimeout(() => {}, 10);', 3, /^setTimeout is not allowed: timers/],
  ['  const res = await fetch("https://x");', 21, /^fetch is not allowed/],
  ['  (globalThis as any).x = 1;', 4, /^globalThis\.x is not allowed/],
  ['  eval("1 + 1");', 3, /^eval is not allowed: generating code/],
  [
    '  await Promise.all([ctx.load("a", "b")]);',
    9,
    /^Promise is not available: await ctx calls directly$/,
  ],
  ['  const f = new Function("return 1");', 17, /^Function is not allowed/],
  ['  process.exit(1);', 3, /^process\.exit is not allowed/],
];

describe('forbidden globals are reported before running, with their position', () => {
  it.each(CASES)('%s', (snippet, column, message) => {
    const error = errorOf(
      `import type { Ctx } from './types';\nexport async function h(msg: unknown, ctx: Ctx) {\n${snippet}\n}\n`,
    );
    expect(error).toMatchObject({ kind: 'forbidden', file: 'handlers.ts', line: 3, column });
    expect(error?.message).toMatch(message);
  });

  it('allows local bindings that shadow a forbidden name', () => {
    const mod = compileLearnerModule(
      `export async function h(msg, ctx) {
  const document = await ctx.load('docs', msg.id);
  function fetch(x: number) { return x; }
  const { self } = msg;
  return [document, fetch(1), self];
}`,
      'handlers.ts',
    );
    expect(mod.ok).toBe(true);
  });

  it('reports every problem, first one first', () => {
    const mod = compileLearnerModule('const a = Date.now();\nconst b = Math.random();', 'h.ts');
    expect(mod.ok ? [] : mod.errors.map((e) => [e.line, e.column])).toEqual([
      [1, 11],
      [2, 11],
    ]);
  });

  it('rejects generators, yield, for await and reserved names', () => {
    expect(errorOf('export function* g() {}')?.message).toMatch(/generators are not supported/);
    expect(errorOf('async function f(xs) {\n  for await (const x of xs) {}\n}')).toMatchObject({
      kind: 'forbidden',
      line: 2,
      message: expect.stringMatching(/^for await is not supported/),
    });
    expect(errorOf('const __tick = 1;')?.message).toMatch(/reserved by the sandbox/);
  });

  it('rejects value imports of anything but the types module', () => {
    expect(errorOf("import fs from 'fs';\nfs.readFileSync('x');")).toMatchObject({
      kind: 'forbidden',
      line: 1,
      message: expect.stringMatching(/^Importing 'fs' is not allowed/),
    });
    expect(errorOf("const m = await import('./x');")?.kind).toBe('syntax'); // top-level await
    expect(errorOf("export async function f() { return import('./x'); }")?.message).toMatch(
      /Dynamic imports are not allowed/,
    );
  });
});

describe('forbidden globals are also trapped at run time', () => {
  it('Math.random reached through an alias fails with the learner line', () => {
    const mod = compileLearnerModule(
      'export function pick() {\n  const m = Math;\n  return m.random();\n}',
      'h.ts',
    );
    if (!mod.ok) throw new Error(mod.error.message);
    let thrown: unknown;
    try {
      (mod.exports.pick as () => number)();
    } catch (e) {
      thrown = e;
    }
    expect(isLearnerCodeError(thrown)).toBe(true);
    expect(mod.toLearnerError(thrown)).toMatchObject({
      kind: 'forbidden',
      file: 'h.ts',
      line: 3,
      message: expect.stringMatching(/^Math\.random is not allowed/),
    });
  });

  it('every shim throws a named, explained error on use', () => {
    const seen: string[] = [];
    const shims = createShims(
      (what) => {
        seen.push(what);
        throw new Error(what);
      },
      ['./types'],
    );
    const use = (f: () => unknown) => expect(f).toThrow();
    use(() => new (shims.Date as DateConstructor)());
    use(() => (shims.Date as DateConstructor).now());
    use(() => (shims.setTimeout as (f: () => void) => void)(() => {}));
    use(() => (shims.Promise as PromiseConstructor).resolve(1));
    use(() => (shims.globalThis as Record<string, unknown>).x);
    use(() => (shims.require as (s: string) => unknown)('node:fs'));
    use(() => (shims.Math as Math).random());
    expect((shims.Math as Math).max(1, 3)).toBe(3);
    expect(Object.isFrozen(shims.Math)).toBe(true);
    expect((shims.require as (s: string) => unknown)('./types')).toEqual({});
    expect(seen).toEqual([
      'Date',
      'Date.now',
      'setTimeout',
      'Promise.resolve',
      'globalThis.x',
      'require:node:fs',
      'Math.random',
    ]);
  });
});
