import { describe, expect, it } from 'vitest';
import { diffLines, diffStats } from './lineDiff';

describe('diffLines', () => {
  it('marks nothing when the texts are equal', () => {
    const d = diffLines('a\nb', 'a\nb');
    expect(d.every((l) => l.kind === 'same')).toBe(true);
    expect(diffStats(d)).toEqual({ added: 0, removed: 0 });
  });

  it('finds an inserted and a removed line with their line numbers', () => {
    const d = diffLines('one\ntwo\nthree', 'one\nnew\nthree\nfour');
    expect(d).toEqual([
      { kind: 'same', text: 'one', oldLine: 1, newLine: 1 },
      { kind: 'removed', text: 'two', oldLine: 2 },
      { kind: 'added', text: 'new', newLine: 2 },
      { kind: 'same', text: 'three', oldLine: 3, newLine: 3 },
      { kind: 'added', text: 'four', newLine: 4 },
    ]);
    expect(diffStats(d)).toEqual({ added: 2, removed: 1 });
  });

  it('handles empty texts', () => {
    expect(diffStats(diffLines('', 'x\ny'))).toEqual({ added: 2, removed: 1 });
  });
});
