import { describe, expect, it } from 'vitest';
import { DigestMap } from './digestMap';

describe('values by a 64-bit digest', () => {
  it('finds a value by both halves only', () => {
    const map = new DigestMap<string>(10);
    map.set(1, 2, 'a');
    expect(map.get(1, 2)).toBe('a');
    expect(map.get(3, 2)).toBeUndefined();
    expect(map.get(1, 3)).toBeUndefined();
  });

  it('starts again past its bound', () => {
    const map = new DigestMap<string>(2);
    map.set(0, 1, 'a');
    map.set(0, 2, 'b');
    map.set(0, 3, 'c');
    expect(map.size).toBe(1);
    expect(map.get(0, 1)).toBeUndefined();
    expect(map.get(0, 3)).toBe('c');
  });
});
