import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CTX_MEMBERS, EVENTS_MEMBERS, KV_MEMBERS } from './ctxCompletions';

/** Member names declared in an interface body of src/sim/context.ts (one level deep). */
function membersOf(source: string, start: string): string[] {
  const body = source.slice(source.indexOf(start));
  const names: string[] = [];
  let depth = 0;
  for (const line of body.split('\n').slice(1)) {
    if (depth === 0) {
      const m = /^\s{2}(?:readonly )?(\w+)[<(:?]/.exec(line);
      if (m) names.push(m[1]!);
    }
    depth += (line.match(/[{(]/g) ?? []).length - (line.match(/[})]/g) ?? []).length;
    if (depth < 0) break;
  }
  return names;
}

describe('ctx completions', () => {
  it('cover every member of HandlerContext', () => {
    const source = readFileSync('src/sim/context.ts', 'utf8');
    const declared = membersOf(source, 'export interface HandlerContext {');
    expect(declared.length).toBeGreaterThan(10);
    expect(CTX_MEMBERS.map((m) => m.label).sort()).toEqual([...new Set(declared)].sort());
    expect(KV_MEMBERS.map((m) => m.label)).toEqual(['get', 'put', 'delete']);
    expect(EVENTS_MEMBERS.map((m) => m.label)).toEqual(['append', 'read', 'readAll']);
  });
});
