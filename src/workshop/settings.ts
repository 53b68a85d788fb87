/**
 * Learner- and instructor-adjustable settings of a messaging exercise (`--set name=value` on the
 * command line, the settings panel in the UI): dispatch mode, fault budgets, the retry policy
 * of each message endpoint (`retries.<Endpoint>.immediate|delayed|backoffBaseTicks`) and a grown
 * workload (`workload.extraMessages`: copies of the last initial message under new ids;
 * `workload.extraTabs`: copies of the first tab under new names; the checker samples these past
 * the bounds, see beyond.ts). Unknown names and bad values are clear errors, never silently
 * ignored.
 */
import { configuredRetries, FAULT_KINDS, initialMessageIds, RETRY_POLICY_RANGE } from '../sim';
import type { ExerciseManifest, FaultKind, RetryPolicy } from '../sim';

export const SETTING_NAMES = [
  'dispatch',
  'faults.total',
  ...FAULT_KINDS.map((k) => `faults.${k}`),
  'retries.<Endpoint>.immediate',
  'retries.<Endpoint>.delayed',
  'retries.<Endpoint>.backoffBaseTicks',
  'workload.extraMessages',
  'workload.extraTabs',
] as const;

/** Most copies a grown-workload setting may add. */
const MAX_EXTRA = 3;

/** The message endpoints whose retry policy is a setting (not taken from the learner's code). */
export function retryEndpoints(manifest: ExerciseManifest): string[] {
  return Object.entries(manifest.endpoints)
    .filter(([, spec]) => spec.kind === 'messages' && !spec.retriesExport)
    .map(([name]) => name);
}

export class SettingError extends Error {
  override name = 'SettingError';
}

/** Returns a copy of the manifest with the settings applied. */
export function applySettings(
  manifest: ExerciseManifest,
  settings: Record<string, string>,
): ExerciseManifest {
  let m: ExerciseManifest = {
    ...manifest,
    faults: { total: manifest.faults.total, perKind: { ...manifest.faults.perKind } },
  };
  for (const [name, value] of Object.entries(settings)) {
    if (name === 'dispatch') {
      if (value !== 'immediate' && value !== 'batched')
        throw new SettingError(`dispatch must be "immediate" or "batched", not "${value}"`);
      m = { ...m, dispatch: value };
      continue;
    }
    const fault = /^faults\.(.+)$/.exec(name)?.[1];
    if (fault) {
      const n = Number(value);
      if (!/^\d+$/.test(value) || n > 20)
        throw new SettingError(`${name} must be a whole number from 0 to 20, not "${value}"`);
      if (fault === 'total') m.faults.total = n;
      else if ((FAULT_KINDS as readonly string[]).includes(fault))
        m.faults.perKind[fault as FaultKind] = n;
      else
        throw new SettingError(`unknown fault kind "${fault}" (known: ${FAULT_KINDS.join(', ')})`);
      continue;
    }
    const extra = /^workload\.(extraMessages|extraTabs)$/.exec(name)?.[1];
    if (extra) {
      const n = Number(value);
      if (!/^\d+$/.test(value) || n > MAX_EXTRA)
        throw new SettingError(
          `${name} must be a whole number from 0 to ${MAX_EXTRA}, not "${value}"`,
        );
      m = extra === 'extraMessages' ? withExtraMessages(m, n, name) : withExtraTabs(m, n, name);
      continue;
    }
    const retry = /^retries\.([^.]+)\.(immediate|delayed|backoffBaseTicks)$/.exec(name);
    if (retry) {
      m = withRetrySetting(m, retry[1]!, retry[2] as keyof RetryPolicy, value);
      continue;
    }
    throw new SettingError(`unknown setting "${name}" (known: ${SETTING_NAMES.join(', ')})`);
  }
  return m;
}

function withRetrySetting(
  m: ExerciseManifest,
  endpoint: string,
  field: keyof RetryPolicy,
  value: string,
): ExerciseManifest {
  const name = `retries.${endpoint}.${field}`;
  const spec = m.endpoints[endpoint];
  if (spec?.kind !== 'messages') {
    const known = retryEndpoints(m);
    throw new SettingError(
      `${name}: ${endpoint} is not a message endpoint of this exercise${known.length ? ` (message endpoints: ${known.join(', ')})` : ''}`,
    );
  }
  if (spec.retriesExport)
    throw new SettingError(
      `${name}: in this exercise the retry policy of ${endpoint} comes from your code (export \`${spec.retriesExport}\`)`,
    );
  const { min, max } = RETRY_POLICY_RANGE[field];
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw new SettingError(`${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  const retries = { ...configuredRetries(spec), [field]: n };
  return { ...m, endpoints: { ...m.endpoints, [endpoint]: { ...spec, retries } } };
}

/** `n` copies of the workload's last initial message, each a new logical message (a new id). */
function withExtraMessages(m: ExerciseManifest, n: number, name: string): ExerciseManifest {
  const messages = m.workload.messages ?? [];
  const last = messages[messages.length - 1];
  if (n === 0) return m;
  if (!last) throw new SettingError(`${name}: this exercise starts with no message to copy`);
  const ids = new Set(initialMessageIds(messages));
  const copies = Array.from({ length: n }, (_, i) => {
    const { id, ...rest } = last;
    // A copy of a message with a chosen id gets a chosen id too; one without, the next `m<n>`.
    return id === undefined ? rest : { ...rest, id: freshName(`${id}-copy${i + 1}`, ids) };
  });
  return { ...m, workload: { ...m.workload, messages: [...messages, ...copies] } };
}

/** `n` copies of the workload's first tab, under new names (`<tab>-2`, ...). */
function withExtraTabs(m: ExerciseManifest, n: number, name: string): ExerciseManifest {
  const tabs = m.workload.tabs ?? [];
  const first = tabs[0];
  if (n === 0) return m;
  if (!first) throw new SettingError(`${name}: this exercise has no browser tab to copy`);
  const names = new Set(tabs.map((t) => t.name));
  const copies = Array.from({ length: n }, (_, i) => ({
    ...first,
    name: freshName(`${first.name}-${i + 2}`, names),
  }));
  return { ...m, workload: { ...m.workload, tabs: [...tabs, ...copies] } };
}

function freshName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let k = 2; taken.has(name); k++) name = `${wanted}-${k}`;
  taken.add(name);
  return name;
}
