/**
 * A value worked out once per object and kept on the object itself, for objects that never change
 * once made (the checker's world sections and values, src/sim/cloneWorld.ts): its digest, say.
 *
 * Kept under a symbol that is not enumerable, so no spread, `Object.assign`, copy, JSON or
 * structured clone carries it to a new object (which may then be changed); a frozen object's is
 * kept in a WeakMap instead. Either way it goes with its object. A property is several times
 * cheaper than a WeakMap where it is looked up on every state, and leaves the garbage collector
 * no ephemerons to trace.
 */
export class KeptOnObjects<T> {
  private readonly key: symbol;
  private readonly frozen = new WeakMap<object, T>();

  constructor(description: string) {
    this.key = Symbol(description);
  }

  get(o: object): T | undefined {
    return (o as Record<symbol, T | undefined>)[this.key] ?? this.frozen.get(o);
  }

  set(o: object, value: T): void {
    if (Object.isExtensible(o))
      Object.defineProperty(o, this.key, { value, enumerable: false, writable: false });
    else this.frozen.set(o, value);
  }
}
