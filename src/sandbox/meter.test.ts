/**
 * The memory budget (meter.ts): learner code that would build a huge array or string stops with
 * a learner error at its line before it allocates, while ordinary code and the engine's own
 * allocations are untouched. The intrinsics of this test's realm are metered as a learner-code
 * worker's are before lockdown.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compileLearnerModule, type LearnerModule } from './evaluate';
import { isLearnerCodeError } from './errors';
import { meterIntrinsics } from './meter';

beforeAll(() => meterIntrinsics());

function compile(source: string): LearnerModule {
  const mod = compileLearnerModule(source, 'shop.ts');
  if (!mod.ok) throw new Error(`compile failed: ${JSON.stringify(mod.errors)}`);
  return mod;
}

/** Calls `name` as the runtime does (a fresh budget, the meter paused afterwards). */
function call(mod: LearnerModule, name: string): unknown {
  mod.resetBudget();
  try {
    return (mod.exports[name] as () => unknown)();
  } finally {
    mod.pauseMeter();
  }
}

function learnerErrorOf(run: () => unknown) {
  try {
    run();
  } catch (e) {
    if (isLearnerCodeError(e)) return e.learnerError;
    throw e;
  }
  throw new Error('no learner error');
}

const HOGS: [string, string, number][] = [
  ['one huge string', `export function hog() {\n  return 'x'.repeat(1_000_000_000);\n}`, 2],
  [
    'filled arrays pushed in a loop',
    `export function hog() {\n  const all = [];\n  for (;;) all.push(new Array(1_000_000).fill(0));\n}`,
    3,
  ],
  [
    'an array doubled by spreading',
    `export function hog() {\n  let a = [1];\n  for (;;) a = [...a, ...a];\n}`,
    3,
  ],
  [
    'an array doubled by concat',
    `export function hog() {\n  let a = [1];\n  for (;;) a = a.concat(a);\n}`,
    3,
  ],
  ['padding', `export function hog() {\n  return ''.padEnd(2 ** 30, 'ab');\n}`, 2],
  [
    'a string squared',
    `export function hog() {\n  const s = 'y'.repeat(9_000);\n  return s.replaceAll('', s);\n}`,
    3,
  ],
  [
    'Array.from a length',
    `export function hog() {\n  return Array.from({ length: 1e9 }, () => 0);\n}`,
    2,
  ],
];

describe('the memory budget', () => {
  it.each(HOGS)('%s stops with a learner error at its line', (_what, source, line) => {
    const error = learnerErrorOf(() => call(compile(source), 'hog'));
    expect(error).toMatchObject({ kind: 'budget', file: 'shop.ts', line });
    expect(error.message).toMatch(/^Memory budget exceeded: your code built more than 16,000,000/);
  });

  it('ordinary code runs as before, with the same results', () => {
    const mod = compile(
      `export function ok() {
        const items = [1, 2, 3].concat([4], 5);
        const copy = [...items, ...'ab'];
        return [
          copy.join('|'),
          'ab'.padStart(5, '.'),
          'x'.repeat(3),
          Array.from({ length: 3 }, (_, i) => i * 2).join(),
          [[1], [2, [3]]].flat().length,
          new Array(4).fill(7).join(''),
          'a-b-c'.split('-').length,
          'aXbX'.replace(/X/g, '_'),
          'ab'.concat('cd', 'ef'),
          Math.max(...items),
        ];
      }`,
    );
    expect(call(mod, 'ok')).toEqual([
      '1|2|3|4|5|a|b',
      '...ab',
      'xxx',
      '0,2,4',
      3,
      '7777',
      3,
      'a_b_',
      'abcdef',
      5,
    ]);
  });

  it('the budget is per resume, and nothing is charged while no learner code runs', () => {
    const mod = compile(`export function some() {\n  return 'z'.repeat(10_000_000).length;\n}`);
    expect(call(mod, 'some')).toBe(10_000_000);
    expect(call(mod, 'some')).toBe(10_000_000);
    // Outside a resume (the engine's own code), a big allocation is not the learner's.
    expect('q'.repeat(20_000_000).length).toBe(20_000_000);
  });

  it('a negative estimate buys no budget back', () => {
    const mod = compile(
      `export function sly() {\n  'abc'.padStart(-1e9);\n  return 'x'.repeat(20_000_000).length;\n}`,
    );
    expect(learnerErrorOf(() => call(mod, 'sly'))).toMatchObject({ kind: 'budget', line: 3 });
  });

  it('raw memory buffers are not available to handlers: reported before anything runs', () => {
    const mod = compileLearnerModule(
      `export function raw() {\n  return new Uint8Array(8);\n}`,
      'shop.ts',
    );
    expect(mod.ok).toBe(false);
    if (mod.ok) return;
    expect(mod.error).toMatchObject({ kind: 'forbidden', line: 2 });
    expect(mod.error.message).toMatch(/Uint8Array is not allowed: handlers work on plain data/);
  });
});
