/**
 * Share links: exercise + code + settings + the run's choices and cursor, compressed with
 * lz-string into the URL hash (`#/exercise/04-lost-message?share=...`). Decoding validates every
 * field and never throws: a malformed or tampered link is a clear message. The code in a link is
 * only ever put in the editor and run in the simulation worker, like typed code.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

export const SHARE_VERSION = 1;
const MAX_CODE_CHARS = 200_000;
const MAX_STEPS = 5_000;
const MAX_LABEL_CHARS = 200;

export interface SharedRun {
  code: string;
  settings: Record<string, string>;
  /** `describeChoice` labels of the run's choices, in order. */
  labels: string[];
  cursor: number;
  seed: number | null;
}

export type DecodedShare = { ok: true; run: SharedRun } | { ok: false; message: string };

export function encodeShare(run: SharedRun): string {
  return compressToEncodedURIComponent(JSON.stringify({ v: SHARE_VERSION, ...run }));
}

const bad = (why: string): DecodedShare => ({
  ok: false,
  message: `This share link is damaged or was changed: ${why}. Ask for the link again.`,
});

export function decodeShare(text: string): DecodedShare {
  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(text);
  } catch {
    json = null;
  }
  if (!json) return bad('it could not be decompressed');
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return bad('its content is not valid');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return bad('its content is not valid');
  }
  const d = data as Record<string, unknown>;
  if (d.v !== SHARE_VERSION) return bad(`it has an unknown version (${String(d.v)})`);
  if (typeof d.code !== 'string' || d.code.length > MAX_CODE_CHARS)
    return bad('the code is missing');
  const settings = d.settings;
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    return bad('the settings are not valid');
  }
  const s: Record<string, string> = {};
  for (const [k, v] of Object.entries(settings)) {
    if (typeof v !== 'string' || k.length > 40 || v.length > 20) {
      return bad('the settings are not valid');
    }
    s[k] = v;
  }
  const labels = d.labels;
  if (
    !Array.isArray(labels) ||
    labels.length > MAX_STEPS ||
    !labels.every((l) => typeof l === 'string' && l.length <= MAX_LABEL_CHARS)
  ) {
    return bad('the steps of the run are not valid');
  }
  const cursor = d.cursor;
  if (
    typeof cursor !== 'number' ||
    !Number.isInteger(cursor) ||
    cursor < 0 ||
    cursor > labels.length
  ) {
    return bad('the position in the run is not valid');
  }
  const seed = d.seed;
  if (
    seed !== null &&
    (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
  ) {
    return bad('the seed is not valid');
  }
  return { ok: true, run: { code: d.code, settings: s, labels: labels as string[], cursor, seed } };
}
