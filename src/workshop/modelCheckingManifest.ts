/**
 * The manifest of a model-checking exercise (the step-DSL lesson, exercise 18): not a messaging
 * simulation but a model whose parameters the learner sets and whose lesson steps are variants.
 * Exercise folders import this type; the engine reads the manifest as data.
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
  /** Path relative to this folder. */
  file: string;
  /** The invariant the checker reports as violated, or null when all hold. */
  expectedViolation: string | null;
}

export interface ModelCheckingManifest {
  /** Tells the app and the tools this is not a messaging simulation but the step-DSL model. */
  kind: 'model-checking';
  id: 'model-checking';
  title: string;
  summary: string;
  block: string;
  parameters: ExerciseParameter[];
  variants: ExerciseVariant[];
}
