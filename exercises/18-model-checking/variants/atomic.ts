// Lesson step 4: DB write and send as ONE atomic step (models 2PC), with NoDuplicatedProcessings.
// Violates NoDuplicatedProcessings: the ack fails, and the redelivery writes a second DB change.
import type { HandlerState, Invariants, Steps } from '../types';

/**
 * A step either fails or succeeds. A failure with budget left counts against the message and
 * restarts the loop; once the message's counter has reached MaxFailures, the next failure GIVES
 * UP: the message leaves the queue and counts as processed (it went to the error queue).
 */
function failed(s: HandlerState): boolean {
  if (!s.either('fail')) return false;
  if (s.msgFailures.get(s.msg) < s.maxFailures) {
    s.msgFailures.inc(s.msg);
  } else {
    s.queueIn.delete(s.msg);
    s.processed.add(s.msg);
  }
  s.goto('MainLoop');
  return true;
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
    s.goto('UpdateDbAndSend');
  },
  UpdateDbAndSend(s) {
    if (failed(s)) return;
    s.db.add(s.msg, s.txId);
    s.queueOut.add(s.msg, s.txId);
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
};

/** The normal end: waiting in Receive with nothing left (not a deadlock). */
export const finished = (s: HandlerState): boolean => s.at('Receive') && s.queueIn.isEmpty();
