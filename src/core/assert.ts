/**
 * Assertions and exhaustive-switch helpers. An assertion failure is an internal bug (never a
 * learner error): the UI shows it in a per-panel boundary with a copyable reproduction.
 */
export class InternalError extends Error {
  override name = 'InternalError';
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InternalError(message);
}

export function assertNever(value: never, what = 'value'): never {
  throw new InternalError(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
