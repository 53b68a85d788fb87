/**
 * The interactive run of the exercise page: a session in the simulation worker (see
 * src/workers/sessionProtocol.ts) and what the page shows of it. Requests go one at a time; the
 * trace is kept here between answers (a seek does not resend it). When the worker had to be
 * stopped (deadline) or died, the next request re-opens the run from its labels first.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TraceEvent } from '../../sim';
import { createSessionClient } from '../../workers/sessionClient';
import type { SessionClient } from '../../workers/sessionClient';
import type {
  EnabledChoice,
  SessionOp,
  SessionOutcome,
  SessionSpec,
  SessionView,
} from '../../workers/sessionProtocol';
import type { LearnerError } from '../../sandbox';
import type { LearnerWarning } from '../../core/learnerError';

export type RunProblem = Exclude<
  SessionOutcome,
  SessionView | { type: 'faults' } | { type: 'compiled' }
>;

export interface SessionState {
  view: (SessionView & { events: TraceEvent[] }) | null;
  /** What went wrong with the last request (cleared by the next good answer). */
  problem: RunProblem | { type: 'failed'; message: string } | null;
  busy: boolean;
  /** The request in flight ('play' also for an open that plays). */
  pending: SessionOp['op'] | null;
  /** The spec of the open run (its code may differ from the editor's). */
  spec: SessionSpec | null;
}

export interface Session extends SessionState {
  open(
    spec: SessionSpec,
    options?: {
      labels?: string[];
      cursor?: number;
      seed?: number | null;
      play?: { seed: number; maxSteps: number };
    },
  ): Promise<boolean>;
  run(op: Exclude<SessionOp, { op: 'open' } | { op: 'faultsAt' }>): Promise<boolean>;
  faultsAt(step: number): Promise<EnabledChoice[]>;
  /** The source's compile error (null: none) and slips; undefined when the worker could not say. */
  compile(
    folder: string,
    file: string,
    source: string,
  ): Promise<{ error: LearnerError | null; warnings: LearnerWarning[] } | undefined>;
  /**
   * The state as of the last answer, even before React renders it (for handlers that may run
   * between an answer and the render that shows it, e.g. quick key presses).
   */
  latest(): SessionState;
}

export function useSession(): Session {
  const clientRef = useRef<SessionClient | null>(null);
  const stateRef = useRef<SessionState>({
    view: null,
    problem: null,
    busy: false,
    pending: null,
    spec: null,
  });
  const needsOpen = useRef(false);
  const [state, setState] = useState<SessionState>(stateRef.current);

  const client = useCallback(() => (clientRef.current ??= createSessionClient()), []);
  useEffect(
    () => () => {
      clientRef.current?.dispose();
      clientRef.current = null;
    },
    [],
  );

  const update = useCallback((patch: Partial<SessionState>) => {
    stateRef.current = { ...stateRef.current, ...patch };
    setState(stateRef.current);
  }, []);

  /** Sends one op and folds the answer into the state; true when it gave a view. */
  const send = useCallback(
    async (op: SessionOp): Promise<boolean> => {
      update({ busy: true, pending: op.op === 'open' && op.play ? 'play' : op.op });
      let outcome: SessionOutcome;
      try {
        outcome = await client().session(op);
      } catch (error) {
        needsOpen.current = true;
        update({
          busy: false,
          pending: null,
          problem: {
            type: 'failed',
            message: error instanceof Error ? error.message : String(error),
          },
        });
        return false;
      }
      if (outcome.type === 'session') {
        const previous = stateRef.current.view;
        const events = outcome.events ?? previous?.events ?? [];
        update({ busy: false, pending: null, problem: null, view: { ...outcome, events } });
        return true;
      }
      if (outcome.type === 'timedOut') needsOpen.current = true;
      if (outcome.type === 'faults' || outcome.type === 'compiled') {
        update({ busy: false, pending: null });
        return false;
      }
      update({ busy: false, pending: null, problem: outcome });
      return false;
    },
    [client, update],
  );

  const open = useCallback<Session['open']>(
    (spec, options = {}) => {
      needsOpen.current = false;
      update({ spec });
      return send({ op: 'open', spec, labels: [], seed: null, ...options });
    },
    [send, update],
  );

  const reopenIfNeeded = useCallback(async () => {
    const { spec, view } = stateRef.current;
    if (!needsOpen.current || !spec) return true;
    needsOpen.current = false;
    return send({ op: 'open', spec, labels: [], seed: view?.seed ?? null });
  }, [send]);

  const run = useCallback<Session['run']>(
    async (op) => {
      if (!(await reopenIfNeeded())) return false;
      return send(op);
    },
    [reopenIfNeeded, send],
  );

  const faultsAt = useCallback<Session['faultsAt']>(
    async (step) => {
      if (!(await reopenIfNeeded())) return [];
      const r = await client().session({ op: 'faultsAt', step });
      return r.type === 'faults' ? r.faults : [];
    },
    [client, reopenIfNeeded],
  );

  const compile = useCallback<Session['compile']>(
    async (folder, file, source) => {
      try {
        const r = await client().compile({ folder, file, source });
        if (r.type === 'compiled') return { error: r.error, warnings: r.warnings };
        if (r.type === 'timedOut') needsOpen.current = true;
        return undefined;
      } catch {
        needsOpen.current = true;
        return undefined;
      }
    },
    [client],
  );

  const latest = useCallback(() => stateRef.current, []);

  return { ...state, open, run, faultsAt, compile, latest };
}
