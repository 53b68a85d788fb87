// Lesson step 3: write the DB first, then send (the fix for ghosts), with NoLostMessages added.
// Violates NoLostMessages: a give-up after a successful DB write leaves a change with no output.
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
    s.goto('UpdateDb');
  },
  UpdateDb(s) {
    if (failed(s)) return;
    s.db.add(s.msg, s.txId);
    s.goto('SendOutgoingMsg');
  },
  SendOutgoingMsg(s) {
    if (failed(s)) return;
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
};

/** The normal end: waiting in Receive with nothing left (not a deadlock). */
export const finished = (s: HandlerState): boolean => s.at('Receive') && s.queueIn.isEmpty();
