/**
 * The values injected in place of forbidden globals. Any use of one (call, `new`, property read,
 * `in`, assignment to a property) throws a `forbidden` {@link LearnerCodeError} naming what was
 * used and why; `typeof` still works. `Math` is a frozen copy without `random`; `require`
 * resolves only the allowed type modules (to an empty object, since types are erased).
 */
import { FORBIDDEN_GLOBALS, forbiddenMessage } from './forbidden';
import { importMessage } from './staticCheck';

/** Throws the forbidden error for `what` (located at the learner frame on the stack). */
export type Forbid = (what: string) => never;

export function createShims(forbid: Forbid, allowedImports: readonly string[]) {
  const values: Record<string, unknown> = {};
  for (const name of [...Object.keys(FORBIDDEN_GLOBALS), 'Promise']) {
    values[name] = forbiddenValue(name, forbid);
  }
  values.Math = safeMath(forbid);
  values.require = (spec: unknown) => {
    if (typeof spec === 'string' && allowedImports.includes(spec)) return Object.freeze({});
    return forbid(`require:${typeof spec === 'string' ? spec : ''}`);
  };
  return values;
}

/** The message for a `forbid(what)` call (imports use a `require:` prefix). */
export function shimMessage(what: string): string {
  if (what.startsWith('require:')) {
    const spec = what.slice('require:'.length);
    return importMessage(spec === '' ? undefined : spec);
  }
  return forbiddenMessage(what);
}

function forbiddenValue(name: string, forbid: Forbid): unknown {
  const member = (prop: string | symbol) =>
    forbid(typeof prop === 'string' ? `${name}.${prop}` : name);
  return new Proxy(function forbidden() {}, {
    apply: () => forbid(name),
    construct: () => forbid(name),
    get: (_target, prop) => member(prop),
    set: (_target, prop) => member(prop),
    has: () => forbid(name),
    deleteProperty: () => forbid(name),
    defineProperty: () => forbid(name),
    ownKeys: () => forbid(name),
    getPrototypeOf: () => forbid(name),
    setPrototypeOf: () => forbid(name),
  });
}

function safeMath(forbid: Forbid): Math {
  const copy: Record<string | symbol, unknown> = {};
  for (const key of Reflect.ownKeys(Math)) {
    if (key !== 'random') copy[key] = (Math as unknown as Record<string | symbol, unknown>)[key];
  }
  copy.random = function random() {
    return forbid('Math.random');
  };
  return Object.freeze(copy) as unknown as Math;
}
