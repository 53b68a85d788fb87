/**
 * Choices: the closed set of things that can happen next in a world. `enabledSteps` lists them
 * in a deterministic order; `step` performs one. A choice is plain data, so a run is a list of
 * choices: replaying it reproduces the run exactly (Play, share links, counterexamples).
 */
import { assertNever } from '../core/assert';
import type { FaultKind } from './faults';
import type { Invocation, World } from './world';

export type CallOutcome = 'ok' | 'fail' | 'crash' | 'commitLost';

export type Choice =
  /** A browser tab performs its next scripted action (an HTTP request). */
  | { t: 'act'; tab: string }
  /** An HTTP request reaches the server, which starts its handler. */
  | { t: 'arrive'; requestId: string }
  /** Fault: the HTTP request is lost on the way. */
  | { t: 'loseRequest'; requestId: string }
  /** The broker delivers a queued copy to its endpoint. */
  | { t: 'deliver'; copyId: string; reorder?: boolean }
  /** Fault: the broker makes an extra copy. */
  | { t: 'duplicate'; copyId: string }
  /** Fault: a copy is delivered after those behind it. */
  | { t: 'delay'; copyId: string }
  /** The next timer fires (delayed retries). */
  | { t: 'timer' }
  /** An invocation performs its pending call (or dispatch / ack / response), with an outcome. */
  | { t: 'run'; attemptId: string; outcome: CallOutcome; option?: number }
  /** Fault: the lease of a running invocation expires. */
  | { t: 'expireLease'; attemptId: string };

/** The fault a choice injects, if any (Play draws these less often; budgets count them). */
export function faultOf(choice: Choice, effectKind?: string): FaultKind | null {
  switch (choice.t) {
    case 'act':
    case 'arrive':
    case 'timer':
      return null;
    case 'loseRequest':
      return 'requestLost';
    case 'deliver':
      return choice.reorder ? 'reorder' : null;
    case 'duplicate':
      return 'duplicate';
    case 'delay':
      return 'delay';
    case 'expireLease':
      return 'leaseExpire';
    case 'run':
      switch (choice.outcome) {
        case 'ok':
          return null;
        case 'crash':
          return 'crash';
        case 'commitLost':
          return 'externalCommitLost';
        case 'fail':
          return failKindOf(effectKind);
        default:
          return assertNever(choice.outcome, 'outcome');
      }
    default:
      return assertNever(choice, 'choice');
  }
}

/** What an invocation's next step is: the kind of its pending call, or its phase after the handler. */
export function pendingKindOf(inv: Invocation): string {
  return inv.pending.phase === 'call' ? inv.pending.effect.kind : inv.pending.phase;
}

/**
 * The fault a choice injects in this world (null: a normal step). The one answer for the engine
 * (budgets), the seeded schedule (fault weight) and the UI (fault menus): a failing `run` needs
 * the kind of the call it fails.
 */
export function faultIn(world: World, choice: Choice): FaultKind | null {
  if (choice.t !== 'run') return faultOf(choice);
  if (choice.outcome === 'ok') return null;
  const inv = world.invocations.find((i) => i.attemptId === choice.attemptId);
  return faultOf(choice, inv ? pendingKindOf(inv) : undefined);
}

/** Which budget a failing call of this kind draws on. */
export function failKindOf(effectKind: string | undefined): FaultKind {
  switch (effectKind) {
    case 'send':
    case 'dispatch':
      return 'sendFail';
    case 'external':
      return 'externalFail';
    case 'ack':
      return 'ackFail';
    case 'respond':
      return 'responseLost';
    default:
      return 'storeFail';
  }
}

export function describeChoice(c: Choice): string {
  switch (c.t) {
    case 'act':
      return `${c.tab} acts`;
    case 'arrive':
      return `request ${c.requestId} arrives`;
    case 'loseRequest':
      return `lose request ${c.requestId}`;
    case 'deliver':
      return `deliver ${c.copyId}${c.reorder ? ' (out of order)' : ''}`;
    case 'duplicate':
      return `duplicate ${c.copyId}`;
    case 'delay':
      return `delay ${c.copyId}`;
    case 'timer':
      return 'timer fires';
    case 'run':
      return `${c.attemptId}: ${c.outcome}${c.option !== undefined ? ` #${c.option}` : ''}`;
    case 'expireLease':
      return `lease of ${c.attemptId} expires`;
    default:
      return assertNever(c, 'choice');
  }
}
