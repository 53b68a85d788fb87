/**
 * The globals learner handlers may not touch, and why.
 *
 * One table drives both the static check (unbound references, reported before running) and the
 * runtime shims (parameters of the evaluated module that shadow the real globals). Handlers must
 * be deterministic given their inputs and call results, so clocks, randomness, timers, I/O,
 * code generation and Promises are all out. `require` is handled separately (see `evaluate.ts`).
 */

const NONDETERMINISTIC = 'handlers must be deterministic';
const CLOCK = `${NONDETERMINISTIC}; the simulation has its own clock`;
const TIMERS = 'timers are not available in handlers: the simulation schedules all work';
const IO = 'handlers may only talk to the outside world through ctx calls';
const BROWSER = 'handlers run outside the page and have no browser APIs';
const CODEGEN = 'generating code at run time is not allowed in handlers';
const RAW_MEMORY = 'handlers work on plain data; raw memory buffers are not available';

/** Name → reason. The message shown is `${name} is not allowed: ${reason}` unless overridden. */
export const FORBIDDEN_GLOBALS: Readonly<Record<string, string>> = {
  Date: CLOCK,
  performance: CLOCK,
  setTimeout: TIMERS,
  setInterval: TIMERS,
  setImmediate: TIMERS,
  queueMicrotask: TIMERS,
  fetch: IO,
  XMLHttpRequest: IO,
  WebSocket: IO,
  Worker: IO,
  importScripts: IO,
  postMessage: IO,
  window: BROWSER,
  self: BROWSER,
  globalThis: BROWSER,
  document: BROWSER,
  localStorage: BROWSER,
  sessionStorage: BROWSER,
  indexedDB: BROWSER,
  process: BROWSER,
  crypto: `${NONDETERMINISTIC}; use ctx.newId() or ctx.choose()`,
  Function: CODEGEN,
  eval: CODEGEN,
  WeakRef: `${NONDETERMINISTIC} (garbage collection timing is not)`,
  FinalizationRegistry: `${NONDETERMINISTIC} (garbage collection timing is not)`,
  SharedArrayBuffer: IO,
  Atomics: IO,
  // Each could allocate gigabytes in one call, out of reach of the memory budget (meter.ts).
  ArrayBuffer: RAW_MEMORY,
  DataView: RAW_MEMORY,
  Int8Array: RAW_MEMORY,
  Uint8Array: RAW_MEMORY,
  Uint8ClampedArray: RAW_MEMORY,
  Int16Array: RAW_MEMORY,
  Uint16Array: RAW_MEMORY,
  Int32Array: RAW_MEMORY,
  Uint32Array: RAW_MEMORY,
  Float32Array: RAW_MEMORY,
  Float64Array: RAW_MEMORY,
  BigInt64Array: RAW_MEMORY,
  BigUint64Array: RAW_MEMORY,
  WebAssembly: CODEGEN,
};

/** Messages that do not follow the `X is not allowed: why` pattern. */
const SPECIAL_MESSAGES: Readonly<Record<string, string>> = {
  Promise: 'Promise is not available: await ctx calls directly',
  'Math.random': `Math.random is not allowed: ${NONDETERMINISTIC}; use ctx.newId() or ctx.choose()`,
};

export const FORBIDDEN_NAMES: readonly string[] = [...Object.keys(FORBIDDEN_GLOBALS), 'Promise'];

/** The message for using `what` (a global name, or `Name.member` for a member of one). */
export function forbiddenMessage(what: string): string {
  const special = SPECIAL_MESSAGES[what];
  if (special !== undefined) return special;
  const root = what.split('.')[0] ?? what;
  if (root === 'Promise') return SPECIAL_MESSAGES.Promise ?? '';
  const reason = FORBIDDEN_GLOBALS[root] ?? 'it is not available in handlers';
  return `${what} is not allowed: ${reason}`;
}
