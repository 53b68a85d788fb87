import { CompletionContext } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { ctxCompletionSource, ctxMemberAt } from './ctxCompletions';
import { CTX_DOCS } from './ctxDocs.generated';

/** The completion result with the cursor at the end of `text`. */
function complete(text: string) {
  const state = EditorState.create({ doc: text });
  return ctxCompletionSource(new CompletionContext(state, text.length, false));
}

describe('ctx completions', () => {
  it('offer every member of ctx, with its generated signature and doc', () => {
    const result = complete('const cart = await ctx.lo');
    expect(result?.from).toBe('const cart = await ctx.'.length);
    expect(result?.options.map((o) => o.label)).toEqual(CTX_DOCS.ctx.map((m) => m.name));
    const load = result?.options.find((o) => o.label === 'load');
    expect(load).toMatchObject({ type: 'method', apply: 'load(' });
    expect(load?.detail).toMatch(/^<T = unknown>\(collection: string, id: string/);
    expect(load?.info).toContain('Loads a document: its value and version');
    const endpoint = result?.options.find((o) => o.label === 'endpoint');
    expect(endpoint).toMatchObject({ type: 'property', detail: ': string' });
    expect(endpoint).not.toHaveProperty('apply');
    expect(result?.options.find((o) => o.label === 'kv')?.type).toBe('namespace');
  });

  it('offer ctx.kv. and ctx.events. members, and nothing elsewhere', () => {
    expect(complete('ctx.kv.')?.options.map((o) => o.label)).toEqual(['get', 'put', 'delete']);
    expect(complete('await ctx.events.re')?.options.map((o) => o.label)).toEqual([
      'append',
      'read',
      'readAll',
    ]);
    expect(complete('ctx.kv.p')?.options.find((o) => o.label === 'put')?.info).toContain(
      'Writes a key',
    );
    expect(complete('const x = 1')).toBeNull();
    expect(complete('context.lo')).toBeNull();
  });
});

describe('ctx hover docs', () => {
  const line = '  const cart = await ctx.load<Cart>("carts", id); await ctx.kv.put("dedup", k, 1);';

  it('find the member under the pointer, with its range', () => {
    const at = line.indexOf('load') + 2;
    expect(ctxMemberAt(line, at)).toMatchObject({
      from: line.indexOf('load'),
      to: line.indexOf('load') + 4,
      member: { name: 'load', kind: 'method' },
    });
    expect(ctxMemberAt(line, line.indexOf('put') + 1)?.member).toMatchObject({
      name: 'put',
      doc: expect.stringContaining('Writes a key'),
    });
    expect(ctxMemberAt(line, line.indexOf('kv') + 1)?.member.name).toBe('kv');
  });

  it('ignore everything that is not a ctx member', () => {
    expect(ctxMemberAt(line, line.indexOf('cart') + 1)).toBeNull();
    expect(ctxMemberAt(line, line.indexOf('ctx') + 1)).toBeNull();
    expect(ctxMemberAt(line, line.indexOf('Cart') + 1)).toBeNull();
    expect(ctxMemberAt('other.load(x)', 7)).toBeNull();
    expect(ctxMemberAt('ctx.nope()', 5)).toBeNull();
    expect(ctxMemberAt('ctx.kv.load()', 8)).toBeNull();
  });
});
