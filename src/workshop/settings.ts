/**
 * Learner- and instructor-adjustable settings of a messaging exercise (`--set name=value` on the
 * command line, the settings panel in the UI): dispatch mode and fault budgets. Unknown names and
 * bad values are clear errors, never silently ignored.
 */
import { FAULT_KINDS } from '../sim';
import type { ExerciseManifest, FaultKind } from '../sim';

export const SETTING_NAMES = [
  'dispatch',
  'faults.total',
  ...FAULT_KINDS.map((k) => `faults.${k}`),
] as const;

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
    throw new SettingError(`unknown setting "${name}" (known: ${SETTING_NAMES.join(', ')})`);
  }
  return m;
}
