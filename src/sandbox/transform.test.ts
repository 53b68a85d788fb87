import { describe, expect, it } from 'vitest';
import { transformLearnerSource } from './transform';
import { Splice } from './splice';

function code(source: string): string {
  const r = transformLearnerSource(source, 'h.ts');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.code;
}

describe('transformLearnerSource', () => {
  it('erases types, type-only imports, interfaces and type exports', () => {
    const out = code(`import type { A } from './types';
import { type B, C } from './types';
export interface I { a: A }
export type T = B | C;
export declare const d: number;
export function f(x: I): T | undefined { return undefined as T | undefined; }`);
    expect(out).not.toMatch(/require|interface|type |declare/);
    expect(out).toMatch(/exports\.f = f/);
  });

  it('keeps learner lines where they were', () => {
    const out = code(
      'import type { A } from "./types";\n\nexport async function f(a: A) {\n  await a;\n}',
    );
    expect(out.split('\n')[3]).toBe('  ;(yield* __await( a));');
    expect(out.split('\n')[2]).toMatch(/^ function\* f\(a\) \{__tick\(3\);$/);
  });

  it('rewrites every kind of async function into a generator', () => {
    const out = code(`async function a() { await 1; }
const b = async function () {};
const c = async (x) => x;
const d = async x => { return x; };
const e = { async m() {}, async ['k']() {} };
class K { async m() {} static async s() {} }`);
    expect(out).not.toMatch(/async|=>/);
    expect(out).toMatch(/function\* a\(\)/);
    expect(out).toMatch(/const b = function\* \(\)/);
    expect(out).toContain('const c = (function* (x) {__tick(3);return (yield* __await(( x)));})');
    expect(out).toMatch(/const d = \(function\* \( x\)/);
    expect(out).toMatch(/\{ \* m\(\) \{__tick\(5\);\}, \* \['k'\]\(\)/);
    expect(out).toMatch(/class K \{ \* m\(\) \{__tick\(6\);\} static \* s\(\)/);
  });

  it('nests awaits and arrow bodies correctly', () => {
    const out = code('const f = async () => await g(await h(), () => ({ a: 1 }));');
    expect(out).toContain(
      '(function* () {__tick(1);return (yield* __await(( (yield* __await( g((yield* __await( h())), () => {__tick(1);return ( ({ a: 1 }));}))))));})',
    );
  });

  it('does not let a rewritten await continue a previous line without a semicolon', () => {
    const out = code('async function f(b) {\n  const a = b\n  await a\n  if (a) await b\n}');
    expect(out).toContain('  const a = b\n  ;(yield* __await( a))\n  if (a) (yield* __await( b))');
  });

  it('instruments every loop body, braced or not', () => {
    const out = code(
      'for (;;) x();\nwhile (a) { b(); }\ndo c(); while (d);\nfor (const k in o) ;\nfor (const v of vs) { }',
    );
    expect(out).toContain('for (;;) {__tick(1);x();}');
    expect(out).toContain('while (a) {__tick(2); b(); }');
    expect(out).toContain('do {__tick(3);c();} while (d);');
    expect(out).toContain('for (const k in o) {__tick(4);;}');
    expect(out).toContain('for (const v of vs) {__tick(5); }');
  });

  it('guards catch and finally blocks', () => {
    expect(code('try { a(); } catch (e) { b(); } finally { c(); }')).toContain(
      'catch (e) {__guard(e); b(); } finally {__guard(); c(); }',
    );
    expect(code('try { a(); } catch { b(); }')).toContain('catch (__e) {__guard(__e); b(); }');
    expect(code('try { a(); } catch ({ message }) { b(message); }')).toContain(
      'catch (__e) {__guard(__e);let { message } = __e; b(message); }',
    );
  });

  it('reports sucrase syntax errors at the learner position', () => {
    const r = transformLearnerSource('const a = 1;\nlet b: number = a +;\n', 'h.ts');
    expect(r).toEqual({
      ok: false,
      errors: [{ kind: 'syntax', file: 'h.ts', line: 2, column: 20, message: 'Unexpected token' }],
    });
  });

  it('reports acorn syntax errors at the learner position, past removed types', () => {
    const r = transformLearnerSource(
      'let x: number = 1;\nconst y: string = "a"; let x: number = 2;',
      'h.ts',
    );
    expect(r).toMatchObject({
      ok: false,
      errors: [
        {
          kind: 'syntax',
          line: 2,
          column: 28,
          message: "Identifier 'x' has already been declared",
        },
      ],
    });
    const first = transformLearnerSource('x(1 2)', 'h.ts');
    expect(first).toMatchObject({ ok: false, errors: [{ line: 1, column: 5 }] });
  });

  it('maps generated positions back to the learner file', () => {
    const r = transformLearnerSource(
      'const t: number = 1;\nasync function f(a: string) { await a.x.y; }',
      'h.ts',
    );
    if (!r.ok) throw new Error('compile failed');
    const line = r.code.split('\n')[1] ?? '';
    expect(r.toLearnerPosition(2, line.indexOf('a.x.y') + 1)).toEqual({ line: 2, column: 37 });
  });
});

describe('Splice', () => {
  it('orders nested inserts and maps output offsets back', () => {
    const s = new Splice('abcdef');
    s.open(1, '[');
    s.open(1, '(');
    s.close(4, ')');
    s.close(4, ']');
    s.replace(2, 3, 'XY');
    const out = s.apply();
    expect(out.code).toBe('a[(bXYd])ef');
    expect(out.toSourceOffset(out.code.indexOf('d'))).toBe(3);
    expect(out.toSourceOffset(out.code.indexOf('Y'))).toBe(2);
    expect(out.toSourceOffset(out.code.indexOf('e'))).toBe(4);
  });

  it('refuses overlapping edits', () => {
    const s = new Splice('abcdef');
    s.replace(1, 4, 'x');
    s.open(2, 'y');
    expect(() => s.apply()).toThrow(/overlapping/);
  });
});
