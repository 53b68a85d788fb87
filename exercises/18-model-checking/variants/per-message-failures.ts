// Lesson step 6 fixed, before the diet: the send uses the txId of the DB change (outbox idea).
// One failure counter PER MESSAGE and a separate Process step: all invariants hold, but compare the
// state count with solution.ts (one global counter) for the same N and MaxFailures.
import type { HandlerState, Invariants, Steps } from '../types';

/**
 * Realistic failures: while the message's own counter is <= MaxFailures a step may fail; a
 * failure counts against the message and restarts the loop. Beyond that it can only succeed,
 * so every message is eventually processed.
 */
function failed(s: HandlerState): boolean {
  if (s.msgFailures.get(s.msg) <= s.maxFailures && s.either('fail')) {
    s.msgFailures.inc(s.msg);
    s.goto('MainLoop');
    return true;
  }
  return false;
}

export const steps: Steps = {
  MainLoop(s) {
    s.goto('Receive');
  },
  Receive(s) {
    s.msg = s.pick(s.queueIn); // one branch per queued message; blocks when the queue is empty
    s.goto('Process');
  },
  Process(s) {
    s.txId = s.txCounter;
    s.txCounter += 1;
    s.goto('UpdateDb');
  },
  UpdateDb(s) {
    if (failed(s)) return;
    if (!s.db.hasId(s.msg)) s.db.add(s.msg, s.txId);
    s.goto('Send');
  },
  Send(s) {
    if (failed(s)) return;
    s.queueOut.add(s.msg, s.db.txOf(s.msg));
    s.goto('AckInMsg');
  },
  AckInMsg(s) {
    if (failed(s)) return;
    s.queueIn.delete(s.msg);
    s.processed.add(s.msg);
    s.goto('MainLoop');
  },
};

export const invariants: Invariants = {
  NoGhostMessages: (s) => s.processed.every((m) => !s.queueOut.hasId(m) || s.db.hasId(m)),
  NoLostMessages: (s) => s.processed.every((m) => !s.db.hasId(m) || s.queueOut.hasId(m)),
  // ∀ a, b ∈ db: a.id = b.id ⇒ a.txId = b.txId, i.e. every change of a message has the same txId
  NoDuplicatedProcessings: (s) => s.db.every((id, txId) => txId === s.db.txOf(id)),
  // ∀ o1, o2 ∈ queueOut: o1.id = o2.id ⇒ o1.txId = o2.txId
  ConsistentOutput: (s) => s.queueOut.every((id, txId) => txId === s.queueOut.txOf(id)),
};

/** The normal end: waiting in Receive with nothing left (not a deadlock). */
export const finished = (s: HandlerState): boolean => s.at('Receive') && s.queueIn.isEmpty();
