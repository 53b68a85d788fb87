/**
 * The compact state table of a world (documents with versions, queues, handlers in flight). Built
 * in the worker, where the compiled actor machines are, so the app gets state names, not indices.
 */
import { stableStringify } from '../core/hash';
import { stateValue } from '../sim/actors';
import type { Engine, World } from '../sim';
import { waitingOnOf } from '../projections/topology';
import type { WorldSummary } from './sessionProtocol';

const MAX_VALUE_CHARS = 120;

function short(value: unknown): string {
  const text = stableStringify(value) ?? 'undefined';
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

export function summarizeWorld(engine: Engine, w: World): WorldSummary {
  const s: WorldSummary = {
    tick: w.tick,
    documents: [],
    kv: [],
    streams: [],
    queues: [],
    errorQueue: w.errorQueue.map((c) => ({
      copyId: c.copyId,
      messageId: c.messageId,
      type: c.type,
    })),
    handlers: w.invocations.map((i) => ({
      attemptId: i.attemptId,
      endpoint: i.endpoint,
      route: i.route,
      pending: waitingOnOf(i),
    })),
    requests: w.requests.map((r) => ({
      requestId: r.requestId,
      tab: r.tab,
      route: r.route,
      state: stateValue(engine.machines.http(r.tab), r.machine),
    })),
    answers: w.tabs.flatMap((t) =>
      (t.responses ?? []).map((r) => ({
        tab: t.tab,
        route: r.route,
        body: r.body === null ? 'no answer (the request failed)' : short(r.body),
      })),
    ),
    faults: { total: w.faults.total, byKind: { ...w.faults.byKind } },
  };
  for (const [store, state] of Object.entries(w.stores)) {
    if (state.kind === 'documents') {
      for (const [collection, docs] of Object.entries(state.collections)) {
        for (const [id, doc] of Object.entries(docs)) {
          s.documents.push({
            store,
            collection,
            id,
            version: doc.version,
            value: short(doc.value),
          });
        }
      }
    } else if (state.kind === 'kv') {
      for (const [key, doc] of Object.entries(state.entries)) {
        s.kv.push({ store, key, version: doc.version, value: short(doc.value) });
      }
    } else {
      for (const [stream, events] of Object.entries(state.streams)) {
        s.streams.push({ store, stream, events: events.length });
      }
    }
  }
  const queues = new Map<string, WorldSummary['queues'][number]>();
  for (const c of w.copies) {
    let q = queues.get(c.destination);
    if (!q) queues.set(c.destination, (q = { destination: c.destination, copies: [] }));
    q.copies.push({
      copyId: c.copyId,
      messageId: c.messageId,
      type: c.type,
      state: stateValue(engine.machines.copy(c.destination), c.machine),
      deliveries: c.deliveries,
    });
  }
  s.queues = [...queues.values()];
  return s;
}
