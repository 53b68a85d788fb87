// Lesson step 1: the workshop's starting model. Run the check: everything passes.
// Step 2 adds the first safety invariant (uncomment NoGhostMessages below).
import type { HandlerState, Invariants, Steps } from './types';

/**
 * A step either fails or succeeds. [1] A failure with budget left counts against the message and
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
    s.txId = s.txCounter; // [2] this attempt's txId
    s.txCounter += 1;
    s.goto('SendOutgoingMsg');
  },
  SendOutgoingMsg(s) {
    if (failed(s)) return;
    s.queueOut.add(s.msg, s.txId);
    s.goto('UpdateDb');
  },
  UpdateDb(s) {
    if (failed(s)) return;
    s.db.add(s.msg, s.txId);
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
  TypeOK: (s) => s.msg >= 0 && s.msg <= s.messages && s.txId < s.txCounter,
  // NoGhostMessages: (s) => s.processed.every((m) => !s.queueOut.hasId(m) || s.db.hasId(m)),
  Finishes: {
    kind: 'sometimes',
    description: 'The handler can end waiting in Receive with an empty queue.',
    holds: (s) => s.at('Receive') && s.queueIn.isEmpty(),
  },
};

/** The normal end: waiting in Receive with nothing left (not a deadlock). */
export const finished = (s: HandlerState): boolean => s.at('Receive') && s.queueIn.isEmpty();

// [1] Here "processed" means "left the input queue", not "handled successfully".
// [2] A txId stands for the content produced by one attempt; equal pairs in a set merge.
