import { describe, expect, it } from 'vitest';
import { KeptOnObjects } from './keptOnObjects';

describe('KeptOnObjects', () => {
  it('keeps a value on its object, and no copy of the object carries it', () => {
    const kept = new KeptOnObjects<number>('test');
    const o = { a: 1, list: [1, 2] };
    expect(kept.get(o)).toBeUndefined();
    kept.set(o, 42);
    expect(kept.get(o)).toBe(42);
    for (const copy of [
      { ...o },
      Object.assign({}, o),
      structuredClone(o),
      JSON.parse(JSON.stringify(o)),
    ])
      expect(kept.get(copy)).toBeUndefined();
    expect(Object.keys(o)).toEqual(['a', 'list']);
    expect(JSON.stringify(o)).toBe('{"a":1,"list":[1,2]}');
    const list = o.list;
    kept.set(list, 7);
    expect(kept.get(list.slice())).toBeUndefined();
    expect(kept.get(list)).toBe(7);
  });

  it('keeps a frozen object’s value too, and one kept value apart from another kind', () => {
    const kept = new KeptOnObjects<string>('one');
    const other = new KeptOnObjects<string>('two');
    const frozen = Object.freeze({ a: 1 });
    kept.set(frozen, 'x');
    expect(kept.get(frozen)).toBe('x');
    expect(other.get(frozen)).toBeUndefined();
    const o = {};
    other.set(o, 'y');
    expect(kept.get(o)).toBeUndefined();
  });
});
