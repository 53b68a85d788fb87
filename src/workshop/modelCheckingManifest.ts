/**
 * The manifest of a model-checking exercise (the step-DSL lesson, exercise 18): not a messaging
 * simulation but a model whose parameters the learner sets and whose lesson steps are variants.
 * Any folder whose manifest says `kind: 'model-checking'` is one (copy the folder to make
 * another); the engine reads the manifest and the step files as data, through the bundle loader.
 */
export interface ExerciseParameter {
  id: string;
  label: string;
  default: number;
  min: number;
  max: number;
}

export interface ExerciseVariant {
  /** Its id (the name of its file without `.ts`, e.g. `send-first`). */
  id: string;
  title: string;
  /** Path relative to this folder (default: `<id>.ts`, or `variants/<id>.ts` after the first). */
  file: string;
  /** The invariant the checker reports as violated, or null when all hold (as in messaging manifests). */
  violates: string | null;
}

export interface ModelCheckingManifest {
  /** Tells the app and the tools this is not a messaging simulation but the step-DSL model. */
  kind: 'model-checking';
  id: string;
  title: string;
  summary: string;
  block: string;
  parameters: ExerciseParameter[];
  /** The lesson steps in order; the first is the starter the editor opens with. */
  variants: ExerciseVariant[];
}

/** What an author writes: a variant's `file` may be left out (see `ExerciseVariant.file`). */
export type ModelCheckingManifestInput = Omit<ModelCheckingManifest, 'kind' | 'variants'> & {
  variants: (Omit<ExerciseVariant, 'file'> & { file?: string })[];
};

/** `export default defineModelChecking({...})` in a model-checking folder's manifest.ts. */
export function defineModelChecking(input: ModelCheckingManifestInput): ModelCheckingManifest {
  return {
    ...input,
    kind: 'model-checking',
    variants: input.variants.map((v, i) => ({
      ...v,
      file: v.file ?? (i === 0 ? `${v.id}.ts` : `variants/${v.id}.ts`),
    })),
  };
}

/** The parameter values a check uses: the learner's where valid, else each parameter's default. */
export function parameterValues(
  manifest: ModelCheckingManifest,
  given: Record<string, string | number | undefined> = {},
): Record<string, number> {
  return Object.fromEntries(
    manifest.parameters.map((p) => {
      const n = Number(given[p.id]);
      return [p.id, Number.isInteger(n) && n >= p.min && n <= p.max ? n : p.default];
    }),
  );
}
