/**
 * Invariant-relevant facts, recognised from the trace alone as it is read in order: a ghost
 * message, a second processing of one logical message at one endpoint, a lost update, a write
 * rejected by a version conflict. They mirror the engine's own history facts (src/sim/perform.ts
 * `markCommitted`, `recordLostUpdates`; src/sim/broker.ts ghosts) so the diagram highlights the
 * step an invariant complains about.
 */
import type { ExerciseManifest } from '../sim/manifest';
import type { TraceEvent } from '../sim/trace';
import type { CauseTracker } from './causes';
import type { RowHighlight } from './sequenceTypes';
import { logicalKey, readKey } from '../sim/historyKeys';

export interface Highlighter {
  /** The highlight of `e`, if any; call once per event in trace order, after `causes.observe(e)`. */
  highlightOf(e: TraceEvent): RowHighlight | null;
}

export function createHighlighter(manifest: ExerciseManifest, causes: CauseTracker): Highlighter {
  const checked = new Set(manifest.invariants.map((i) => i.name));
  if (checked.has('noGhostMessagesAtEnd')) checked.add('noGhostMessages');
  /** The fact, as an alarm when the exercise checks its invariant, else as a note. */
  const fact = (h: Omit<RowHighlight, 'checked'>): RowHighlight =>
    checked.has(h.invariant)
      ? { ...h, checked: true }
      : {
          ...h,
          checked: false,
          reason: `${h.reason} (This exercise does not check ${h.invariant}: this may be by design.)`,
        };

  /** `logicalKey(endpoint, incomingId)` -> attempts that committed a business change. */
  const committed = new Map<string, string[]>();
  /** attempt -> `readKey(store, target)` -> version read (0: absent). */
  const reads = new Map<string, Map<string, number>>();

  const isBookkeeping = (store: string, target?: string): boolean => {
    const spec = manifest.stores[store];
    if (spec?.kind === 'kv') return spec.bookkeeping === true;
    if (spec?.kind === 'documents' && target !== undefined)
      return (spec.bookkeeping ?? []).includes(target.split('/')[0] ?? '');
    return false;
  };

  /** Records a business commit; a highlight when another attempt already committed this input. */
  const commitBy = (
    attemptId: string,
    endpoint: string,
    incomingId: string,
  ): RowHighlight | null => {
    const key = logicalKey(endpoint, incomingId);
    const list = committed.get(key) ?? [];
    if (!committed.has(key)) committed.set(key, list);
    const others = list.filter((a) => a !== attemptId);
    if (!list.includes(attemptId)) list.push(attemptId);
    if (others.length === 0) return null;
    return fact({
      kind: 'secondProcessing',
      reason: `Second processing: ${endpoint} already committed ${incomingId} in ${others.join(', ')}; ${attemptId} commits it again.`,
      invariant: 'noDuplicateProcessing',
    });
  };

  // A rejected write is the store doing its job: always shown as it is.
  const conflict = (attemptId: string, what: string): RowHighlight => ({
    kind: 'conflict',
    reason: `Rejected conflict: ${what} changed after ${attemptId} read it; the write is refused.`,
    invariant: 'noLostUpdates',
    checked: true,
  });

  return {
    highlightOf(e) {
      switch (e.type) {
        case 'read': {
          const map = reads.get(e.attemptId) ?? new Map<string, number>();
          reads.set(e.attemptId, map);
          map.set(readKey(e.store, e.target), e.version ?? 0);
          return null;
        }
        case 'enqueue':
          return e.ghost
            ? fact({
                kind: 'ghost',
                reason: `Ghost message: ${e.producedBy.attemptId} sent ${e.messageType} ${e.messageId} before committing anything for ${e.producedBy.incomingId}.`,
                invariant: 'noGhostMessages',
              })
            : null;
        case 'commit': {
          const business = e.writes.some((w) => !isBookkeeping(e.store, w.target));
          const second = business ? commitBy(e.attemptId, e.endpoint, e.incomingId) : null;
          for (const w of e.writes) {
            const read = reads.get(e.attemptId)?.get(readKey(e.store, w.target));
            if (read !== undefined && w.version !== null && w.version - 1 !== read)
              return fact({
                kind: 'lostUpdate',
                reason: `Lost update: ${e.attemptId} read ${w.target} at v${read} and overwrote v${w.version - 1} (now v${w.version}).`,
                invariant: 'noLostUpdates',
              });
          }
          return second;
        }
        case 'reject':
          return e.reason === 'conflict'
            ? conflict(e.attemptId, `${e.store}/${e.target ?? '?'}`)
            : null;
        case 'kv':
        case 'append': {
          if (e.outcome === 'conflict')
            return conflict(e.attemptId, `${e.store}/${e.type === 'kv' ? e.key : e.stream}`);
          const writes = e.type === 'append' || e.op !== 'get';
          if (e.outcome !== 'ok' || !writes) return null;
          if (e.type === 'kv' && isBookkeeping(e.store)) return null;
          const input = causes.inputOf(e.attemptId);
          return input ? commitBy(e.attemptId, e.endpoint, input.id) : null;
        }
        default:
          return null;
      }
    },
  };
}
