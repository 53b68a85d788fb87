/**
 * The world: the whole simulated system as plain, JSON-compatible data.
 *
 * Everything the engine needs to continue a run is in here (no closures, no live generators), so
 * a world can be copied, hashed, posted to a worker or put in a URL. In-flight handler
 * invocations are stored as (handler, input, attempt, results so far) and restored by replay.
 * `history` holds the facts invariants need (who committed what for which logical message,
 * what was enqueued by whom), like TLA+ history variables.
 */
import type { CallResult, EffectRequest, OutgoingMessage, SimErrorData } from './effects';

export interface StoredDoc {
  value: unknown;
  version: number;
  /** Which attempt last wrote it (for the diagram's causal links). */
  writtenBy: string;
}

export interface DocStoreState {
  kind: 'documents';
  /** collection -> id -> document */
  collections: Record<string, Record<string, StoredDoc>>;
}

export interface EventStoreState {
  kind: 'events';
  /** stream -> events (version = index + 1) */
  streams: Record<string, { data: unknown; position: number; writtenBy: string }[]>;
  /** next global position */
  position: number;
}

export interface KvStoreState {
  kind: 'kv';
  entries: Record<string, StoredDoc>;
}

export type StoreState = DocStoreState | EventStoreState | KvStoreState;

/** Who produced a message: an attempt of an endpoint handling a logical input (message id or HTTP request id). */
export interface ProducedBy {
  endpoint: string;
  incomingId: string;
  attemptId: string;
}

/** One physical copy of a logical message, in a broker queue. */
export interface MessageCopy {
  copyId: string;
  messageId: string;
  type: string;
  payload: unknown;
  headers: Record<string, string>;
  destination: string;
  producedBy: ProducedBy;
  /** Compiled `copy` machine state (see src/sim/machines). */
  machine: number;
  deliveries: number;
  /** Tick at which a delayed copy becomes visible again. */
  dueTick: number;
  /** Attempt that holds the lease, while leased. */
  leasedBy: string | null;
}

export type InvocationKind = 'message' | 'http';

/** A handler run in flight. Its generator is restored by replaying `results` into a fresh run. */
export interface Invocation {
  attemptId: string;
  endpoint: string;
  kind: InvocationKind;
  /** Message type or HTTP route. */
  route: string;
  /** For messages: the copy being processed; for HTTP: the request id. */
  copyId: string | null;
  requestId: string | null;
  /** The logical input id: message id or HTTP request id. */
  incomingId: string;
  input: unknown;
  headers: Record<string, string>;
  /** Results of the calls made so far, in order (replayed on restore). */
  results: CallResult[];
  /** Digest of each call made so far (kind and arguments): a replay must make the same calls. */
  calls: string[];
  /** The call the handler is blocked on, or the phase after the handler returned. */
  pending: PendingStep;
  /** Sends captured for batched dispatch (after the handler returns). */
  captured: CapturedSend[];
  /** The lease on the input copy expired while this ran: its ack will fail. */
  leaseLost: boolean;
  /** Did this attempt commit any business write yet? */
  committed: boolean;
  /** Number of ids handed out by ctx.newId() so far (ids are deterministic per attempt). */
  idCounter: number;
  /** `readKey(store, target)` -> version this attempt read (0: absent), for lost-update detection. */
  reads: Record<string, number>;
}

export interface CapturedSend {
  destination: string;
  message: OutgoingMessage;
  mode: 'send' | 'publish' | 'reply';
}

export type PendingStep =
  | { phase: 'call'; effect: EffectRequest }
  /** Sends captured for batched dispatch leave now; then ack (messages) or respond (HTTP, with `response`). */
  | { phase: 'dispatch'; response: { status: number; body: unknown } | null }
  | { phase: 'ack' }
  | { phase: 'respond'; status: number; body: unknown }
  | { phase: 'failed'; error: SimErrorData | { code: 'HandlerThrew'; message: string } };

export interface HttpRequestState {
  requestId: string;
  tab: string;
  endpoint: string;
  route: string;
  body: unknown;
  /** Compiled `httpRequest` machine state. */
  machine: number;
  /** Attempt ids of the server-side invocations so far. */
  attempts: string[];
  response: { status: number; body: unknown } | null;
}

export interface UserTabState {
  tab: string;
  /** Compiled `userTab` machine state. */
  machine: number;
  /** Index of the next scripted action. */
  next: number;
  /**
   * Only for tabs whose script reads responses (`$fromResponse`): each finished request's route
   * and response body (null when it failed), in the order they finished.
   */
  responses?: { route: string; body: unknown }[];
}

export interface ExternalApiState {
  /** Compiled `externalApi` machine state. */
  machine: number;
  /** Records the API holds (e.g. charges, shipments), by id. */
  records: Record<string, { data: unknown; createdBy: string; idempotencyKey?: string }>;
  /** idempotency key -> stored response */
  keys: Record<string, unknown>;
  nextId: number;
  /** Only for an API with an outage: the tick of every call made while it was down. */
  callsWhileDown?: number[];
}

export interface FaultUsage {
  total: number;
  byKind: Record<string, number>;
}

/** Facts for invariants: what committed, what was enqueued, by whom. */
export interface History {
  /** `logicalKey(endpoint, incomingId)` -> attempt ids that committed a business change */
  effects: Record<string, string[]>;
  /** `logicalKey(endpoint, incomingId)` -> ids of messages enqueued on its behalf */
  out: Record<string, string[]>;
  /** message id -> content digest of its first enqueued copy and how many copies were enqueued */
  enqueued: Record<
    string,
    {
      digest: string;
      copies: number;
      producedBy: ProducedBy;
      type: string;
      destination: string;
      /** The first copy's payload (what the exactly-once oracle compares, ids masked). */
      payload: unknown;
    }
  >;
  /** attempt id -> digests of messages it intended to send (called send/publish), for I-LOSS */
  intended: Record<string, string[]>;
  /** Violations observed at the moment they happened (strong forms of I-GHOST and I-OCC). */
  ghosts: { messageId: string; attemptId: string }[];
  lostUpdates: {
    store: string;
    collection: string;
    id: string;
    attemptId: string;
    readVersion: number;
    currentVersion: number;
  }[];
  /** Copies enqueued under an id already used for different content (I-CONSISTENT-OUT). */
  inconsistent: { messageId: string; attemptId: string }[];
  /** Logical messages dead-lettered (parked in the error queue). */
  deadLettered: string[];
  /** HTTP request id -> the user's intent it carries (`tab#action`), for the exactly-once oracle. */
  requestIntents: Record<string, string>;
  /** Requests the browser gave up on (lost, or a server error, on every try): indeterminate. */
  failedRequests: string[];
}

export interface World {
  /** Logical time (ticks); advances only when a timer fires. */
  tick: number;
  /** How many of each named thing were created so far (see naming.ts). */
  minted: Record<string, number>;
  stores: Record<string, StoreState>;
  /** Broker: every copy not yet acked, in enqueue order. */
  copies: MessageCopy[];
  errorQueue: MessageCopy[];
  invocations: Invocation[];
  requests: HttpRequestState[];
  tabs: UserTabState[];
  external: Record<string, ExternalApiState>;
  /** Compiled `endpoint` machine state per endpoint. */
  endpoints: Record<string, number>;
  faults: FaultUsage;
  history: History;
}

/**
 * The world as invariants see it: everything but provenance — which attempt last wrote a
 * document, a key or an event, and which attempt of its producer enqueued a message (its
 * endpoint and input are there). The checker's fingerprint leaves provenance out (two runs that
 * differ only in which retry wrote what are one state, fingerprint.ts), so an invariant must not
 * depend on it; with this type, one that reads it does not compile. History keeps what
 * invariants need about attempts (who committed, who meant to send what).
 */
export interface InvariantWorld extends Omit<
  World,
  'stores' | 'copies' | 'errorQueue' | 'history'
> {
  stores: Record<string, InvariantStoreState>;
  copies: InvariantCopy[];
  errorQueue: InvariantCopy[];
  history: Omit<History, 'enqueued'> & {
    enqueued: Record<
      string,
      Omit<History['enqueued'][string], 'producedBy'> & { producedBy: MessageSource }
    >;
  };
}

/** Who produced a message, without which of its attempts did. */
export type MessageSource = Omit<ProducedBy, 'attemptId'>;

export type InvariantCopy = Omit<MessageCopy, 'producedBy'> & { producedBy: MessageSource };

type UnattributedDoc = Omit<StoredDoc, 'writtenBy'>;

export type InvariantStoreState =
  | { kind: 'documents'; collections: Record<string, Record<string, UnattributedDoc>> }
  | {
      kind: 'events';
      streams: Record<string, { data: unknown; position: number }[]>;
      position: number;
    }
  | { kind: 'kv'; entries: Record<string, UnattributedDoc> };
