/**
 * An exercise as the app and the tools see it: its folder, manifest, instructions and source
 * files, plus a validator whose errors name the file and the field. Loaders (Vite's glob import
 * in the browser, the file system in Node) produce bundles; everything else consumes them.
 */
import { parseSeed } from '../core/random';
import { isFromResponse } from '../sim/manifest';
import { ORACLE_INVARIANTS } from '../sim/outcome';
import type { CounterexampleHint, ExerciseManifest } from '../sim';
import { FAULT_KINDS } from '../sim/faults';
import type { ModelCheckingManifest } from './modelCheckingManifest';

export type { ModelCheckingManifest };

export interface ExerciseBundle {
  /** Folder name, e.g. "04-lost-message". */
  folder: string;
  /** Position in the learning path (from the folder's number). */
  order: number;
  manifest: ExerciseManifest;
  readme: string;
  /** File name inside the folder (e.g. "starter.ts", "variants/x.ts") -> source text. */
  sources: Record<string, string>;
}

/** The model-checking lesson: its own model kind (the step DSL), with parameters and lesson steps. */
export interface ModelCheckingBundle {
  folder: string;
  order: number;
  manifest: ModelCheckingManifest;
  readme: string;
  sources: Record<string, string>;
}

/** A folder that could not be loaded: shown on its own page, without breaking the others. */
export interface BrokenExercise {
  folder: string;
  order: number;
  error: string;
}

export type LoadedExercise =
  | ({ ok: true } & ExerciseBundle)
  | ({ ok: true } & ModelCheckingBundle)
  | ({ ok: false } & BrokenExercise);

export function isMessaging(e: LoadedExercise): e is { ok: true } & ExerciseBundle {
  return e.ok && !('kind' in e.manifest);
}

export function isModelChecking(e: LoadedExercise): e is { ok: true } & ModelCheckingBundle {
  return e.ok && 'kind' in e.manifest && e.manifest.kind === 'model-checking';
}

/** Builds the bundle for a folder's manifest module (its default export). */
export function toLoaded(
  folder: string,
  mod: { default?: unknown },
  readme: string,
  sources: Record<string, string>,
): LoadedExercise {
  const order = folderOrder(folder);
  const manifest = mod.default as ExerciseManifest | ModelCheckingManifest | undefined;
  if (!manifest || typeof manifest !== 'object') {
    return {
      ok: false,
      folder,
      order,
      error: `exercises/${folder}/manifest.ts: must \`export default defineExercise({...})\` (or defineModelChecking)`,
    };
  }
  if ('kind' in manifest && manifest.kind === 'model-checking') {
    const bundle: ModelCheckingBundle = { folder, order, manifest, readme, sources };
    const problems = validateModelCheckingBundle(bundle);
    if (problems.length > 0) return { ok: false, folder, order, error: problems.join('\n') };
    return { ok: true, ...bundle };
  }
  const bundle: ExerciseBundle = {
    folder,
    order,
    manifest: manifest as ExerciseManifest,
    readme,
    sources,
  };
  const problems = validateBundle(bundle);
  if (problems.length > 0) return { ok: false, folder, order, error: problems.join('\n') };
  return { ok: true, ...bundle };
}

export function folderOrder(folder: string): number {
  const n = /^(\d+)-/.exec(folder)?.[1];
  return n ? Number(n) : 999;
}

/** The parameters the step-DSL model takes (src/checker/messageHandler/dsl.ts `HandlerParams`). */
const MODEL_CHECKING_PARAMETERS = ['messages', 'maxFailures'];

/** Problems with a model-checking folder, each naming the file and field; empty when it is valid. */
export function validateModelCheckingBundle(b: ModelCheckingBundle): string[] {
  const problems: string[] = [];
  const m = b.manifest as Partial<ModelCheckingManifest>;
  const at = (field: string) => `exercises/${b.folder}/manifest.ts: ${field}`;
  for (const field of ['id', 'title', 'summary', 'block'] as const) {
    if (typeof m[field] !== 'string' || m[field].length === 0)
      problems.push(`${at(field)} must be a non-empty string`);
  }
  const parameters = Array.isArray(m.parameters) ? m.parameters : [];
  for (const id of MODEL_CHECKING_PARAMETERS)
    if (!parameters.some((p) => p.id === id))
      problems.push(`${at('parameters')} must include "${id}"`);
  for (const [i, p] of parameters.entries()) {
    if (!MODEL_CHECKING_PARAMETERS.includes(p.id))
      problems.push(
        `${at(`parameters[${i}].id`)}: "${p.id}" is not a parameter of the model (${MODEL_CHECKING_PARAMETERS.join(', ')})`,
      );
    if (!(Number.isInteger(p.min) && p.min <= p.default && p.default <= p.max))
      problems.push(`${at(`parameters[${i}]`)} needs whole numbers min <= default <= max`);
  }
  const variants = Array.isArray(m.variants) ? m.variants : [];
  if (variants.length === 0) problems.push(`${at('variants')} must list at least the starter`);
  for (const [i, v] of variants.entries()) {
    if (!b.sources[v.file])
      problems.push(`${at(`variants[${i}].file`)}: ${v.file} does not exist in the folder`);
    if (variants.findIndex((w) => w.id === v.id) !== i)
      problems.push(`${at(`variants[${i}].id`)}: "${v.id}" is listed twice`);
  }
  if (!b.readme.trim()) problems.push(`exercises/${b.folder}/README.md is missing or empty`);
  return problems;
}

/** The source text of a model-checking folder's lesson step, for the checker (null: unknown). */
export function modelCheckingVariantSource(
  exercises: readonly LoadedExercise[],
  folder: string,
  variant: string,
): { source: string; file: string } | null {
  const bundle = exercises.find((e) => e.folder === folder);
  if (!bundle || !isModelChecking(bundle)) return null;
  const v = bundle.manifest.variants.find((x) => x.id === variant);
  const source = v && bundle.sources[v.file];
  return v && source !== undefined ? { source, file: v.file } : null;
}

/** Problems with a bundle, each naming the file and field; empty when it is valid. */
export function validateBundle(b: ExerciseBundle): string[] {
  const problems: string[] = [];
  const m = b.manifest as Partial<ExerciseManifest> | undefined;
  const at = (field: string) => `exercises/${b.folder}/manifest.ts: ${field}`;
  if (!m || typeof m !== 'object')
    return [`exercises/${b.folder}/manifest.ts: must \`export default defineExercise({...})\``];
  for (const field of ['id', 'title', 'summary', 'block'] as const) {
    if (typeof m[field] !== 'string' || m[field].length === 0)
      problems.push(`${at(field)} must be a non-empty string`);
  }
  if (m.opening !== undefined) {
    const seed: unknown = (m.opening as { seed?: unknown } | null)?.seed;
    if (typeof seed !== 'number' || parseSeed(String(seed)) !== seed)
      problems.push(`${at('opening.seed')} must be a whole number from 0 to 4294967295`);
  }
  problems.push(...hintProblems(m, at));
  if (!m.endpoints || Object.keys(m.endpoints).length === 0)
    problems.push(`${at('endpoints')} must name at least one endpoint`);
  if (!m.stores) problems.push(`${at('stores')} is missing`);
  if (!Array.isArray(m.invariants) || m.invariants.length === 0)
    problems.push(`${at('invariants')} must list at least one invariant`);
  if (!m.files) problems.push(`${at('files')} is missing`);
  else {
    for (const [role, file] of [
      ['starter', m.files.starter],
      ['solution', m.files.solution],
    ] as const) {
      if (!b.sources[file])
        problems.push(`${at(`files.${role}`)}: ${file} does not exist in the folder`);
    }
    for (const [name, v] of Object.entries(m.files.variants ?? {})) {
      if (!b.sources[v.file])
        problems.push(`${at(`files.variants.${name}.file`)}: ${v.file} does not exist`);
      if (
        v.violates !== null &&
        !ORACLE_INVARIANTS.includes(v.violates) &&
        !m.invariants?.some((i) => i.name === v.violates)
      ) {
        problems.push(
          `${at(`files.variants.${name}.violates`)}: no invariant named "${v.violates}"`,
        );
      }
    }
  }
  for (const [name, spec] of Object.entries(m.endpoints ?? {})) {
    if (spec.kind === 'messages') {
      for (const type of Object.keys(spec.handles))
        if (!type) problems.push(`${at(`endpoints.${name}.handles`)} has an empty message type`);
    }
  }
  for (const [name, spec] of Object.entries(m.stores ?? {})) {
    if (spec.kind !== 'events' || spec.initial === undefined) continue;
    const initial: unknown = spec.initial;
    if (typeof initial !== 'object' || initial === null || Array.isArray(initial)) {
      problems.push(`${at(`stores.${name}.initial`)} must map stream names to lists of events`);
      continue;
    }
    for (const [stream, events] of Object.entries(initial))
      if (!Array.isArray(events))
        problems.push(`${at(`stores.${name}.initial.${stream}`)} must be a list of events`);
  }
  for (const tab of m.workload?.tabs ?? []) {
    for (const [i, a] of tab.actions.entries()) {
      const ep = m.endpoints?.[a.endpoint];
      if (!ep || ep.kind !== 'http')
        problems.push(
          `${at(`workload.tabs.${tab.name}.actions[${i}].endpoint`)}: "${a.endpoint}" is not an HTTP endpoint`,
        );
      else if (!ep.routes[a.route])
        problems.push(
          `${at(`workload.tabs.${tab.name}.actions[${i}].route`)}: ${a.endpoint} has no route "${a.route}"`,
        );
      const fields = typeof a.body === 'object' && a.body !== null ? Object.entries(a.body) : [];
      for (const [field, v] of fields) {
        if (!(typeof v === 'object' && v !== null && '$fromResponse' in v)) continue;
        const where = at(`workload.tabs.${tab.name}.actions[${i}].body.${field}`);
        if (!isFromResponse(v))
          problems.push(`${where}: write { $fromResponse: "<field of the last response>" }`);
        else if (i === 0 || tab.actions[i - 1]!.wait === false)
          problems.push(
            `${where}: takes "${v.$fromResponse}" from the last response, so the action before it must wait for its response`,
          );
      }
    }
  }
  for (const msg of m.workload?.messages ?? []) {
    const ep = m.endpoints?.[msg.destination];
    if (!ep || ep.kind !== 'messages' || !ep.handles[msg.type])
      problems.push(`${at('workload.messages')}: ${msg.destination} does not handle ${msg.type}`);
  }
  if (!b.readme.trim()) problems.push(`exercises/${b.folder}/README.md is missing or empty`);
  return problems;
}

/** Each hint needs words and at least one condition, on an invariant and a fault that exist. */
function hintProblems(m: Partial<ExerciseManifest>, at: (field: string) => string): string[] {
  if (m.hints === undefined) return [];
  if (!Array.isArray(m.hints)) return [`${at('hints')} must be a list`];
  const invariants = new Set([
    ...(Array.isArray(m.invariants) ? m.invariants.map((i) => i.name) : []),
    ...ORACLE_INVARIANTS,
  ]);
  const problems: string[] = [];
  m.hints.forEach((hint: Partial<CounterexampleHint> | null, i) => {
    const where = `hints[${i}]`;
    if (typeof hint?.text !== 'string' || hint.text.trim() === '')
      problems.push(`${at(`${where}.text`)} must be a non-empty string`);
    const when = hint?.when;
    if (!when || (when.invariant === undefined && when.fault === undefined && !when.lineRanTwice))
      problems.push(`${at(`${where}.when`)} needs an invariant, a fault or lineRanTwice`);
    if (when?.invariant !== undefined && !invariants.has(when.invariant))
      problems.push(
        `${at(`${where}.when.invariant`)}: "${when.invariant}" is not an invariant here`,
      );
    if (when?.fault !== undefined && !(FAULT_KINDS as readonly string[]).includes(when.fault))
      problems.push(`${at(`${where}.when.fault`)}: "${when.fault}" is not a fault kind`);
  });
  return problems;
}
