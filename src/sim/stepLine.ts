/**
 * Which line of the learner's file a step ran: the code ↔ run link of stepping and
 * counterexamples.
 *
 * Contract: `learnerStepOf(program, before, choice, after)` names the line of the ctx call a `run`
 * step performed (the call its handler was waiting on in `before`), or, for a step that starts a
 * handler (a delivery, a request arriving), the first ctx call it stopped at in `after`, with the
 * attempt and input that ran it; undefined for steps no learner code takes part in (timers, faults
 * of the broker, a browser acting) or when the engine ran without `Program.locateCalls`.
 */
import type { Choice } from './choices';
import { lineOfCall } from './runtime';
import type { Program } from './runtime';
import type { Invocation, World } from './world';

/** Where a step ran the learner's code: the line, and which attempt at which input ran it. */
export interface LearnerStep {
  line: number;
  /** The attempt (e.g. `m1@Orders#2`) and its logical input (message or request id). */
  attempt: string;
  input: string;
}

export function learnerStepOf(
  program: Program,
  before: World,
  choice: Choice,
  after: World,
): LearnerStep | undefined {
  let inv: Invocation | undefined;
  switch (choice.t) {
    case 'run':
      inv = before.invocations.find((i) => i.attemptId === choice.attemptId);
      break;
    case 'deliver':
      inv = started(after, before, (i) => i.copyId === choice.copyId);
      break;
    case 'arrive':
      inv = started(after, before, (i) => i.requestId === choice.requestId);
      break;
    default:
      return undefined;
  }
  const line = callLine(program, inv);
  return inv && line !== undefined
    ? { line, attempt: inv.attemptId, input: inv.incomingId }
    : undefined;
}

/** The line of the ctx call invocation `attemptId` waits on in `world`, if it waits on one. */
export function pendingCallLine(
  program: Program,
  world: World,
  attemptId: string,
): number | undefined {
  return callLine(
    program,
    world.invocations.find((i) => i.attemptId === attemptId),
  );
}

function callLine(program: Program, inv: Invocation | undefined): number | undefined {
  return inv?.pending.phase === 'call' ? lineOfCall(program, inv.pending.effect) : undefined;
}

/** The invocation the step started: in `after`, matching, and not in `before`. */
function started(
  after: World,
  before: World,
  matches: (i: Invocation) => boolean,
): Invocation | undefined {
  const known = new Set(before.invocations.map((i) => i.attemptId));
  return after.invocations.find((i) => matches(i) && !known.has(i.attemptId));
}
