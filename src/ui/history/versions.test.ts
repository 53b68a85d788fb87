import { describe, expect, it } from 'vitest';
import { appendVersion } from './versions';
import type { Version } from './versions';

const v = (code: string, at = 0, settings: Record<string, string> = {}): Version => ({
  at,
  reason: 'check',
  code,
  settings,
});

describe('the version history rule', () => {
  it('adds a version unless the newest has the same code and settings', () => {
    const one = appendVersion([], v('a'));
    expect(appendVersion(one, v('a', 5))).toEqual(one);
    expect(appendVersion(one, v('a', 5, { dispatch: 'batched' }))).toHaveLength(2);
    expect(appendVersion(one, v('b'))).toHaveLength(2);
  });

  it('keeps the newest 50, oldest dropped first', () => {
    let list: Version[] = [];
    for (let i = 0; i < 60; i++) list = appendVersion(list, v(`code ${i}`, i));
    expect(list).toHaveLength(50);
    expect(list[0]!.code).toBe('code 10');
    expect(list.at(-1)!.code).toBe('code 59');
  });
});
