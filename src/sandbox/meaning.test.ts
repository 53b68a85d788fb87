/**
 * The sandbox rewrite keeps JavaScript's meaning: every snippet of a corpus, formatted by
 * Prettier at several line widths (narrow widths put arrow bodies, arguments and conditions on
 * lines of their own), returns the same value after the rewrite as plain JavaScript does.
 * The reference run uses sucrase alone (types and modules), never the sandbox's splices.
 */
import * as prettier from 'prettier';
import { transform as sucrase } from 'sucrase';
import { describe, expect, it } from 'vitest';
import { compileLearnerModule } from './evaluate';

/** Each snippet exports `run` (sync) or `runAsync` (async, awaiting plain values and helpers). */
const CORPUS: Record<string, string> = {
  arrowBodyOnNextLine: `export function run() {
    const ids = ['a-1', 'b-2', 'c-3'];
    const hasIt = ids.some((identifierWithALongName) => identifierWithALongName === 'b-2' && identifierWithALongName.length === 3);
    const mapped = ids.map((x) => x.toUpperCase() + '-' + x.length + '-' + ids.indexOf(x) + '-tail-to-make-it-long');
    return { hasIt, mapped };
  }`,
  arrowReturningObject: `export function run() {
    const f = (a: number, b: number) => ({ sum: a + b, product: a * b, difference: a - b, quotient: a / b });
    return f(6, 3);
  }`,
  arrowReturningArrow: `export function run() {
    const add = (a: number) => (b: number) => (c: number) => a + b + c + 1000000 + 2000000 + 3000000;
    return add(1)(2)(3);
  }`,
  sequenceInArrow: `export function run() {
    let n = 0;
    const f = () => (n++, n++, n * 10);
    return [f(), n];
  }`,
  gettersAndSetters: `export function run() {
    const o = { v: 1, get double() { return this.v * 2; }, set value(x: number) { this.v = x; } };
    o.value = 21;
    class K { private x = 5; get y() { return this.x + 1; } static get z() { return 7; } }
    return [o.double, new K().y, K.z];
  }`,
  labels: `export function run() {
    const out: number[] = [];
    outer: for (let i = 0; i < 4; i++) {
      inner: for (let j = 0; j < 4; j++) {
        if (j === 2) continue outer;
        if (i === 3) break outer;
        out.push(i * 10 + j);
      }
    }
    block: { if (out.length > 0) break block; out.push(-1); }
    return out;
  }`,
  defaultParameters: `export function run() {
    function f(a = 1, b = a + 1, { c = b * 2 } = {}, ...rest: number[]) { return [a, b, c, rest.length]; }
    const g = (x = 'dflt', y = x.length) => x + y;
    return [f(), f(5), f(5, 6, { c: 0 }, 1, 2), g(), g('abc')];
  }`,
  commentsInOddPlaces: `export function run() {
    const f = (x: number) => // the body comes on the next line
      x * 2;
    const g = (x: number) /* before the arrow */ => /* after it */ x + 1;
    const h = (x: number) =>
      // a comment line, then the body
      x - 1;
    return [f(2), g(2), h(2) /* trailing */];
  }`,
  ternariesAndChains: `export function run() {
    const data: { a?: { b?: { c?: number } } }[] = [{ a: { b: { c: 3 } } }, {}, { a: {} }];
    return data.map((d) => d.a?.b?.c ?? (d.a ? 'has a' : 'nothing at all, not even a')).filter((x) => x !== undefined);
  }`,
  loopsWithoutBraces: `export function run() {
    let s = 0;
    for (let i = 0; i < 5; i++) s += i;
    let j = 0;
    while (j < 3) j++;
    do s += 100; while (s < 300);
    for (const k in { a: 1, b: 2 }) s += k.length;
    for (const v of [1, 2, 3]) if (v > 1) s += v;
    return [s, j];
  }`,
  tryCatchFinally: `export function run() {
    const log: string[] = [];
    try { throw new Error('boom'); } catch (e) { log.push((e as Error).message); } finally { log.push('finally'); }
    try { JSON.parse('{'); } catch { log.push('bad json'); }
    try { throw { code: 7 }; } catch ({ code }) { log.push(String(code)); }
    return log;
  }`,
  asyncHelpers: `async function double(x: number) { return x * 2; }
  const triple = async (x: number) =>
    x * 3;
  async function both(x: number) {
    const a = await double(x);
    const b = await triple(x);
    return a + b;
  }
  export async function runAsync() {
    const r = await both(5);
    const arrowResult = await (async () => {
      return await double(r);
    })();
    return [r, arrowResult, await 7];
  }`,
  asyncReturnOnNextLine: `async function find(ids: string[], x: string) {
    return ids.some((id) =>
      id === x);
  }
  export async function runAsync() {
    return [await find(['a', 'b'], 'b'), await find(['a'], 'z')];
  }`,
  asyncMethods: `class Repo { items = [1, 2, 3]; async total() { let t = 0; for (const i of this.items) t += i; return t; } }
  const o = { async name() { return 'o'; }, async ['computed' + 1]() { return 'c'; } };
  export async function runAsync() {
    return [await new Repo().total(), await o.name(), await o.computed1()];
  }`,
  switchAndDestructuring: `export function run() {
    const out: string[] = [];
    for (const [k, { v = 0 }] of [['a', { v: 1 }], ['b', {}], ['c', { v: 3 }]] as [string, { v?: number }][]) {
      switch (k) {
        case 'a': out.push('A' + v); break;
        case 'b': { out.push('B' + v); break; }
        default: out.push(k + v);
      }
    }
    return out;
  }`,
  regexAndTemplates: `export function run() {
    const t = \`line \${1 + 1}
second \${'x'.repeat(3)}\`;
    const r = /a(b+)c/g;
    return [t, 'abbc abc'.replace(r, (m, g1) => g1.length + '')];
  }`,
};

const WIDTHS = [20, 40, 80, 120];

function plainRun(source: string): unknown {
  const js = sucrase(source, {
    transforms: ['typescript', 'imports'],
    disableESTransforms: true,
  }).code;
  const module = { exports: {} as Record<string, unknown> };
  new Function('exports', 'module', js)(module.exports, module);
  return module.exports;
}

/** Drives a rewritten (generator) async function that awaits only plain values. */
function drive(value: unknown): unknown {
  const gen = value as Generator<unknown, unknown, unknown>;
  const step = gen.next();
  if (!step.done) throw new Error(`the snippet yielded an effect: ${JSON.stringify(step.value)}`);
  return step.value;
}

describe('the sandbox rewrite keeps the meaning of formatted code', () => {
  for (const [name, snippet] of Object.entries(CORPUS)) {
    it(name, async () => {
      for (const printWidth of WIDTHS) {
        const source = await prettier.format(snippet, {
          parser: 'typescript',
          printWidth,
          singleQuote: true,
        });
        const original = plainRun(source) as Record<string, () => unknown>;
        const compiled = compileLearnerModule(source, 'snippet.ts');
        if (!compiled.ok) throw new Error(`${name} @${printWidth}: ${compiled.error.message}`);
        const exports = compiled.exports as Record<string, () => unknown>;
        const [expected, actual] = original.run
          ? [original.run(), exports.run!()]
          : [await original.runAsync!(), drive(exports.runAsync!())];
        expect(actual, `${name} at printWidth ${printWidth}:\n${source}`).toEqual(expected);
      }
    });
  }

  it('the corpus exercises the line breaks it is about (a body on the line after =>)', async () => {
    const narrow = await prettier.format(CORPUS.arrowBodyOnNextLine!, {
      parser: 'typescript',
      printWidth: 40,
    });
    expect(narrow).toMatch(/=>\s*\n/);
  });
});
