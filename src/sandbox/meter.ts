/**
 * Allocation metering: the memory side of the step budget.
 *
 * A browser gives a worker no heap limit of its own: learner code that builds a huge array or
 * string takes the whole tab down with it. The step budget counts loop iterations and calls, but
 * one call of a built-in can allocate without bound (`'x'.repeat(1e9)`, `new Array(1e8).fill(0)`,
 * `a = a.concat(a)` in a loop). So the realm that runs learner code has those built-ins wrapped
 * (`meterIntrinsics`, before SES freezes them): while a learner module is running
 * (`engageMeter`, between the runtime's `beforeResume` and the end of that resume), each call
 * first charges the elements or characters it is about to build; the module's budget turns an
 * excess into a learner error at its line, before anything is allocated. Spreading (`[...a]`,
 * `f(...a)`) is charged by the transform (`__spread`). When no learner code runs, the wrappers
 * only pass the call on.
 *
 * Contract: units are elements or characters, estimated from the arguments (an upper bound for
 * the amplifying cases); small and exact is not the point, a bound per resume is.
 */

type Charge = (units: number) => void;

let active: Charge | null = null;

/** Charges every metered allocation to `charge` until `disengageMeter`. */
export function engageMeter(charge: Charge): void {
  active = charge;
}

export function disengageMeter(): void {
  active = null;
}

/** What a spread of `value` copies: its length or size (charged by `__spread`). */
export function spreadUnits(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value === null || typeof value !== 'object') return 0;
  const sized = value as { length?: unknown; size?: unknown };
  if (typeof sized.length === 'number') return sized.length;
  if (typeof sized.size === 'number') return sized.size;
  return 0;
}

const lengthOf = (v: unknown): number =>
  typeof v === 'string' ? v.length : Array.isArray(v) ? v.length : 0;
const num = (v: unknown): number => {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : 0;
};
const selfLength = (self: unknown): number =>
  typeof self === 'string'
    ? self.length
    : num((self as { length?: unknown } | null | undefined)?.length);

let installed = false;

/** Wraps the amplifying built-ins of this realm, once. Call before `lockdown()`. */
export function meterIntrinsics(): void {
  if (installed) return;
  installed = true;
  const S = String.prototype as unknown as Record<string, unknown>;
  const A = Array.prototype as unknown as Record<string, unknown>;
  wrap3(S, 'repeat', (self, count) => selfLength(self) * num(count));
  wrap3(S, 'padStart', (self, target) => num(target) - selfLength(self));
  wrap3(S, 'padEnd', (self, target) => num(target) - selfLength(self));
  wrap3(S, 'split', (self) => selfLength(self));
  const everywhere = (self: unknown, pattern: unknown, replacement: unknown) =>
    selfLength(self) * (lengthOf(replacement) + 1);
  wrap3(S, 'replaceAll', everywhere);
  wrap3(S, 'replace', (self, pattern, replacement) =>
    pattern instanceof RegExp && pattern.global
      ? everywhere(self, pattern, replacement)
      : lengthOf(replacement),
  );
  wrapRest(S, 'concat', (self, args) => selfLength(self) + sum(args, lengthOf));
  wrap3(A, 'fill', (self) => selfLength(self));
  wrap3(A, 'join', (self, separator) => selfLength(self) * (lengthOf(separator) + 1));
  wrap3(A, 'flat', (self) => selfLength(self));
  wrapRest(
    A,
    'concat',
    (self, args) => selfLength(self) + sum(args, (a) => (Array.isArray(a) ? a.length : 1)),
  );
  wrap3(Array as unknown as Record<string, unknown>, 'from', (_self, items) => spreadUnits(items));
}

function sum(values: unknown[], units: (v: unknown) => number): number {
  let total = 0;
  for (const v of values) total += units(v);
  return total;
}

/**
 * Replaces `target[name]` by a method of three parameters (no rest array on the hot path; every
 * method wrapped so takes at most three and treats a missing argument and `undefined` alike).
 */
function wrap3(
  target: Record<string, unknown>,
  name: string,
  units: (self: unknown, a: unknown, b: unknown) => number,
): void {
  const original = target[name] as (
    this: unknown,
    a?: unknown,
    b?: unknown,
    c?: unknown,
  ) => unknown;
  const wrapped = {
    [name](this: unknown, a?: unknown, b?: unknown, c?: unknown): unknown {
      if (active !== null) active(Math.max(0, units(this, a, b)));
      return original.call(this, a, b, c);
    },
  }[name]!;
  define(target, name, wrapped, original);
}

function wrapRest(
  target: Record<string, unknown>,
  name: string,
  units: (self: unknown, args: unknown[]) => number,
): void {
  const original = target[name] as (this: unknown, ...args: unknown[]) => unknown;
  const wrapped = {
    [name](this: unknown, ...args: unknown[]): unknown {
      if (active !== null) active(Math.max(0, units(this, args)));
      return original.apply(this, args);
    },
  }[name]!;
  define(target, name, wrapped, original);
}

function define(
  target: Record<string, unknown>,
  name: string,
  wrapped: (...args: never[]) => unknown,
  original: { length: number },
): void {
  Object.defineProperty(wrapped, 'length', { value: original.length });
  const descriptor = Object.getOwnPropertyDescriptor(target, name)!;
  Object.defineProperty(target, name, { ...descriptor, value: wrapped });
}
