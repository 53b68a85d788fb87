/**
 * The keys of a world's history and of an attempt's reads, built and read in one place: a
 * logical input is an endpoint and the id of what it handles (a message id or an HTTP request
 * id), a read is a store and a document. Invariants (the engine's and the exercises') use these
 * instead of joining and splitting strings themselves.
 */

/** The key of a logical input in `history.effects` and `history.out`. */
export function logicalKey(endpoint: string, incomingId: string): string {
  return `${endpoint}|${incomingId}`;
}

/** The endpoint and input id a `logicalKey` names. */
export function parseLogicalKey(key: string): { endpoint: string; incomingId: string } {
  const bar = key.indexOf('|');
  return bar < 0
    ? { endpoint: key, incomingId: '' }
    : { endpoint: key.slice(0, bar), incomingId: key.slice(bar + 1) };
}

/** The key of a document read in `Invocation.reads`. */
export function readKey(store: string, target: string): string {
  return `${store}|${target}`;
}

/** The store and document a `readKey` names. */
export function parseReadKey(key: string): { store: string; target: string } {
  const bar = key.indexOf('|');
  return bar < 0
    ? { store: key, target: '' }
    : { store: key.slice(0, bar), target: key.slice(bar + 1) };
}
