/**
 * Causal bookkeeping for projections: fed the trace event by event, it knows which logical input
 * each attempt handles, who produced each message, which tab sent each request and where each
 * copy is queued, and answers "which attempt produced this" as a chain of links.
 *
 * The workload's initial messages have no `enqueue` event (they are in the initial world); they
 * are seeded from the manifest with the ids `createInitialWorld` gives them (c1.., m1..).
 */
import type { ExerciseManifest } from '../sim/manifest';
import type { TraceEvent } from '../sim/trace';
import type { CauseLink } from './sequenceTypes';

/** Links followed at most (a chain longer than this is cut, never looped). */
const CHAIN_LENGTH_MAX = 24;

export interface CauseTracker {
  /** Records what `e` tells about ids; call once per event, in trace order, before querying. */
  observe(e: TraceEvent): void;
  /** The chain of `e`, nearest cause first. */
  chainOf(e: TraceEvent): CauseLink[];
  destinationOf(copyId: string): string | undefined;
  tabOf(requestId: string): string | undefined;
  /** The HTTP endpoint a request is addressed to. */
  endpointOfRequest(requestId: string): string | undefined;
  /** The latest server attempt of an HTTP request. */
  attemptOfRequest(requestId: string): string | undefined;
  /** The logical input (message or request id) an attempt handles, and its endpoint. */
  inputOf(
    attemptId: string,
  ): { kind: 'message' | 'request'; id: string; endpoint: string } | undefined;
}

export function createCauseTracker(manifest: ExerciseManifest): CauseTracker {
  const copyDest = new Map<string, string>();
  const producer = new Map<string, { attemptId: string; destination: string }>();
  const requestTab = new Map<string, string>();
  const requestEndpoint = new Map<string, string>();
  const requestAttempt = new Map<string, string>();
  const attemptInput = new Map<
    string,
    { kind: 'message' | 'request'; id: string; endpoint: string }
  >();

  (manifest.workload.messages ?? []).forEach((m, i) => {
    copyDest.set(`c${i + 1}`, m.destination);
    producer.set(m.id ?? `m${i + 1}`, { attemptId: 'start', destination: m.destination });
  });

  const fromRequest = (requestId: string, out: CauseLink[]): void => {
    out.push({ kind: 'request', id: requestId });
    const tab = requestTab.get(requestId);
    if (tab !== undefined) out.push({ kind: 'tab', id: tab });
  };
  const fromMessage = (messageId: string, out: CauseLink[]): void => {
    const p = producer.get(messageId);
    out.push(
      p
        ? { kind: 'message', id: messageId, at: p.destination }
        : { kind: 'message', id: messageId },
    );
    if (!p) return;
    if (p.attemptId === 'start') out.push({ kind: 'workload', id: 'workload' });
    else fromAttempt(p.attemptId, out);
  };
  const fromAttempt = (attemptId: string, out: CauseLink[]): void => {
    if (out.length >= CHAIN_LENGTH_MAX) return;
    const input = attemptInput.get(attemptId);
    out.push(
      input
        ? { kind: 'attempt', id: attemptId, at: input.endpoint }
        : { kind: 'attempt', id: attemptId },
    );
    if (!input) return;
    if (input.kind === 'request') fromRequest(input.id, out);
    else fromMessage(input.id, out);
  };

  return {
    observe(e) {
      switch (e.type) {
        case 'userAct':
          requestTab.set(e.requestId, e.tab);
          requestEndpoint.set(e.requestId, e.endpoint);
          break;
        case 'httpArrive':
          requestAttempt.set(e.requestId, e.attemptId);
          attemptInput.set(e.attemptId, { kind: 'request', id: e.requestId, endpoint: e.endpoint });
          break;
        case 'deliver':
          copyDest.set(e.copyId, e.endpoint);
          attemptInput.set(e.attemptId, { kind: 'message', id: e.messageId, endpoint: e.endpoint });
          break;
        case 'enqueue':
          copyDest.set(e.copyId, e.destination);
          if (!producer.has(e.messageId))
            producer.set(e.messageId, {
              attemptId: e.producedBy.attemptId,
              destination: e.destination,
            });
          break;
        case 'duplicate': {
          const dest = copyDest.get(e.copyId);
          if (dest !== undefined) copyDest.set(e.newCopyId, dest);
          break;
        }
        default:
          break;
      }
    },
    chainOf(e) {
      const out: CauseLink[] = [];
      if ('attemptId' in e) fromAttempt(e.attemptId, out);
      else if (e.type === 'enqueue') {
        out.push({ kind: 'message', id: e.messageId, at: e.destination });
        fromAttempt(e.producedBy.attemptId, out);
      } else if ('messageId' in e) fromMessage(e.messageId, out);
      else if ('requestId' in e) fromRequest(e.requestId, out);
      return out;
    },
    destinationOf: (copyId) => copyDest.get(copyId),
    tabOf: (requestId) => requestTab.get(requestId),
    endpointOfRequest: (requestId) => requestEndpoint.get(requestId),
    attemptOfRequest: (requestId) => requestAttempt.get(requestId),
    inputOf: (attemptId) => attemptInput.get(attemptId),
  };
}
