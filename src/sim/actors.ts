/**
 * The engine's view of the actors' compiled XState machines: one place that knows which input
 * each actor's machine is compiled with, and that fires an event or fails loudly when the event
 * is not enabled (an engine bug, never a learner error).
 */
import { InternalError } from '../core/assert';
import { getCompiledMachine, userTabInputFor } from './machines';
import type { CompiledMachine } from './machines';
import type { ExerciseManifest, RetryPolicy, TabSpec } from './manifest';
import { configuredRetries, DEFAULT_RETRIES, RETRY_POLICY_RANGE } from './manifest';
import { learnerError, LearnerCodeError } from '../core/learnerError';

export interface ActorMachines {
  copy(endpoint: string): CompiledMachine;
  http(tab: string): CompiledMachine;
  tab(tab: string): CompiledMachine;
  endpoint(endpoint: string): CompiledMachine;
  external(): CompiledMachine;
}

/** What the learner's file exports, and its name (for the errors it causes). */
export interface LearnerExports {
  handlers: Record<string, unknown>;
  file: string;
}

/** The retry policy of an endpoint: the learner's exported one when the manifest names it. */
export function retryPolicyOf(
  manifest: ExerciseManifest,
  endpoint: string,
  learner?: LearnerExports,
): RetryPolicy {
  const spec = manifest.endpoints[endpoint];
  if (spec?.kind !== 'messages') return DEFAULT_RETRIES;
  if (spec.retriesExport) {
    if (!learner)
      throw new InternalError(`${endpoint}'s retry policy is exported by the learner's file`);
    const file = learner.file;
    const p = learner.handlers[spec.retriesExport] as Partial<RetryPolicy> | undefined;
    const ok = (field: keyof RetryPolicy) => {
      const n = p?.[field];
      const { min, max } = RETRY_POLICY_RANGE[field];
      return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
    };
    if (!p || !ok('immediate') || !ok('delayed') || !ok('backoffBaseTicks')) {
      throw new RetryPolicyError(
        file,
        `Your file must export \`${spec.retriesExport}\` = { immediate, delayed, backoffBaseTicks }: whole numbers (immediate and delayed at most 10, backoffBaseTicks at most 1000).`,
      );
    }
    return { immediate: p.immediate!, delayed: p.delayed!, backoffBaseTicks: p.backoffBaseTicks! };
  }
  return configuredRetries(spec);
}

/** The learner's exported retry policy is not usable: a learner error. */
export class RetryPolicyError extends LearnerCodeError {
  override name = 'RetryPolicyError';
  /** `file`: the learner's file (the program's). */
  constructor(file: string, message: string) {
    super(learnerError(file, message));
  }
}

export function createActorMachines(
  manifest: ExerciseManifest,
  learner?: LearnerExports,
): ActorMachines {
  const tabs = new Map<string, TabSpec>((manifest.workload.tabs ?? []).map((t) => [t.name, t]));
  const tabSpec = (tab: string): TabSpec => {
    const spec = tabs.get(tab);
    if (!spec) throw new InternalError(`unknown tab ${tab}`);
    return spec;
  };
  // getCompiledMachine caches by the canonical JSON of its input; memoise per actor name so the
  // hot path (enabledSteps, step) is a Map lookup, not a JSON.stringify.
  const memo = <T>(compute: (name: string) => T): ((name: string) => T) => {
    const cache = new Map<string, T>();
    return (name) => {
      let m = cache.get(name);
      if (m === undefined) cache.set(name, (m = compute(name)));
      return m;
    };
  };
  let external: CompiledMachine | undefined;
  return {
    copy: memo((endpoint) => {
      const retries = retryPolicyOf(manifest, endpoint, learner);
      return getCompiledMachine('copy', {
        immediateRetries: retries.immediate,
        delayedRetries: retries.delayed,
      });
    }),
    http: memo((tab) =>
      getCompiledMachine('httpRequest', { maxAttempts: tabSpec(tab).maxAttempts ?? 1 }),
    ),
    tab: memo((tab) =>
      getCompiledMachine(
        'userTab',
        userTabInputFor(tabSpec(tab).actions.map((a) => ({ wait: a.wait ?? true }))),
      ),
    ),
    endpoint: memo((endpoint) => {
      const spec = manifest.endpoints[endpoint];
      const concurrency = spec?.kind === 'messages' ? (spec.concurrency ?? 1) : 1_000;
      return getCompiledMachine('endpoint', { concurrency });
    }),
    external: () => (external ??= getCompiledMachine('externalApi', {})),
  };
}

/**
 * The `userTab` event of a tab's next scripted action (`next` = `UserTabState.next`): null when
 * the script is over, `ACT_LAST` for its last action, else `ACT_WAIT` or `ACT_CONTINUE` by the
 * action's `wait` (default true). The machine does not know the script; the engine does.
 */
export function tabEvent(
  spec: TabSpec,
  next: number,
): 'ACT_WAIT' | 'ACT_CONTINUE' | 'ACT_LAST' | null {
  const action = spec.actions[next];
  if (action === undefined || next < 0) return null;
  if (next === spec.actions.length - 1) return 'ACT_LAST';
  return (action.wait ?? true) ? 'ACT_WAIT' : 'ACT_CONTINUE';
}

/** Fires `event` on a compiled machine; an event that is not enabled is an engine bug. */
export function fire(machine: CompiledMachine, state: number, event: string): number {
  const next = machine.next(state, event);
  if (next < 0) {
    throw new InternalError(
      `${machine.kind} machine: event ${event} is not enabled in state ${machine.states[state]?.value}`,
    );
  }
  return next;
}

export function stateValue(machine: CompiledMachine, state: number): string {
  return machine.states[state]?.value ?? '?';
}
