/**
 * The run file: a JSON export of a run (exercise, code, settings, the run's choice labels,
 * cursor, seed, a format version) for a bug report or to reload later. Parsing never throws and
 * reuses the share link's validation of every field, so a file is exactly as safe as a link.
 */
import { decodeShare, encodeShare } from '../shareLink';
import type { SharedRun } from '../shareLink';

export const RUN_FORMAT = 'reliable-messaging-workshop/run';
export const RUN_FORMAT_VERSION = 1;

export interface RunFile extends SharedRun {
  format: typeof RUN_FORMAT;
  version: typeof RUN_FORMAT_VERSION;
  exercise: string;
  file: string;
  /** The invariant a counterexample breaks, when the run is one. */
  violates?: string;
}

export type ParsedRunFile = { ok: true; run: RunFile } | { ok: false; message: string };

export function toRunFile(exercise: string, file: string, run: SharedRun, violates?: string) {
  const out: RunFile = {
    format: RUN_FORMAT,
    version: RUN_FORMAT_VERSION,
    exercise,
    file,
    ...run,
  };
  if (violates !== undefined) out.violates = violates;
  return `${JSON.stringify(out, null, 2)}\n`;
}

const fail = (why: string): ParsedRunFile => ({
  ok: false,
  message: `This file is not a run exported from the workshop: ${why}. Nothing was changed.`,
});

export function parseRunFile(text: string): ParsedRunFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail('it is not valid JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail('it is not a JSON object');
  }
  const d = data as Record<string, unknown>;
  if (d.format !== RUN_FORMAT) return fail('the "format" field is missing or different');
  if (d.version !== RUN_FORMAT_VERSION) return fail(`unknown version ${JSON.stringify(d.version)}`);
  if (typeof d.exercise !== 'string' || !/^\d{2,3}-[a-z0-9-]+$/.test(d.exercise)) {
    return fail('the "exercise" field is not an exercise folder');
  }
  if (typeof d.file !== 'string') return fail('the "file" field is missing');
  const checked = decodeShare(
    encodeShare({
      code: d.code,
      settings: d.settings,
      labels: d.labels,
      cursor: d.cursor,
      seed: d.seed === undefined ? null : d.seed,
    } as SharedRun),
  );
  if (!checked.ok) {
    return fail(
      checked.message.replace(/^This share link is damaged or was changed: |\. Ask.*$/g, ''),
    );
  }
  const run: RunFile = {
    format: RUN_FORMAT,
    version: RUN_FORMAT_VERSION,
    exercise: d.exercise,
    file: d.file,
    ...checked.run,
  };
  if (typeof d.violates === 'string') run.violates = d.violates;
  return { ok: true, run };
}
