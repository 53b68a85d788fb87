import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCtxDocs, OUTPUT_FILE, readCtxDocs } from '../../../scripts/generate-ctx-docs';

describe('ctxDocs.generated.ts', () => {
  it('is up to date with HandlerContext in src/sim/context.ts', async () => {
    const expected = await generateCtxDocs();
    const committed = readFileSync(OUTPUT_FILE, 'utf8');
    expect(
      committed === expected,
      'ctxDocs.generated.ts is out of date: run npx tsx scripts/generate-ctx-docs.ts',
    ).toBe(true);
  });

  it('reads every member of ctx, ctx.kv and ctx.events, each with a signature and its TSDoc', () => {
    const docs = readCtxDocs();
    expect(docs.ctx.map((m) => m.name)).toEqual([
      'endpoint',
      'attemptId',
      'message',
      'delivery',
      'load',
      'store',
      'delete',
      'batch',
      'send',
      'sendLocal',
      'publish',
      'reply',
      'kv',
      'events',
      'call',
      'newId',
      'choose',
      'log',
    ]);
    expect(docs.kv.map((m) => m.name)).toEqual(['get', 'put', 'delete']);
    expect(docs.events.map((m) => m.name)).toEqual(['append', 'read', 'readAll']);
    for (const m of [...docs.ctx, ...docs.kv, ...docs.events]) {
      expect(m.doc, `${m.name} has no TSDoc in src/sim/context.ts`).not.toBe('');
      expect(m.signature).toContain(m.name);
    }
    const byName = (name: string) => docs.ctx.find((m) => m.name === name);
    expect(byName('load')).toMatchObject({
      kind: 'method',
      signature:
        'load<T = unknown>(collection: string, id: string, options?: { store?: string; }): Promise<Doc<T> | null>',
      doc: 'Loads a document: its value and version, or null if absent. One step.',
    });
    expect(byName('endpoint')).toMatchObject({
      kind: 'property',
      signature: 'readonly endpoint: string',
    });
    expect(byName('kv')).toMatchObject({
      kind: 'namespace',
      signature: 'kv: { get, put, delete }',
    });
    expect(docs.kv.find((m) => m.name === 'put')?.signature).toMatch(
      /^put\(store: string, key: string, value: unknown, options\?: \{ expectedVersion\?: ExpectedVersion; \}\): Promise<void>$/,
    );
  });
});
