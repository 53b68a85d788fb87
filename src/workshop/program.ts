/**
 * From an exercise and the learner's source text to a runnable `Program`: compiles the source
 * in the sandbox, checks that it exports every handler and middleware the manifest names, and
 * wires the sandbox's step budget and error locations into the engine. Runs wherever learner code
 * may run: in a Worker in the browser, in-process in Node (tests, CLI).
 */
import { compileLearnerModule } from '../sandbox';
import type { LearnerError } from '../sandbox';
import type { ExerciseManifest, Program } from '../sim';
import { learnerError } from '../core/learnerError';
import type { LearnerWarning } from '../core/learnerError';

/** Type-only imports a handler file may use (erased at compile time). */
export const HANDLER_IMPORTS = ['./types', '../types', '../../types'];

export type ProgramResult =
  | {
      ok: true;
      program: Program;
      /** Slips in the learner's code that run but likely do something else than meant. */
      warnings: LearnerWarning[];
    }
  | { ok: false; error: LearnerError };

/** Export names the manifest expects the learner's file to provide. */
export function requiredExports(manifest: ExerciseManifest): string[] {
  const names = new Set<string>();
  for (const spec of Object.values(manifest.endpoints)) {
    if (spec.kind === 'http') Object.values(spec.routes).forEach((n) => names.add(n));
    else {
      Object.values(spec.handles).forEach((n) => names.add(n));
      (spec.middleware ?? []).forEach((n) => names.add(n));
    }
  }
  return [...names];
}

export function createProgram(
  manifest: ExerciseManifest,
  source: string,
  fileName: string,
  stepBudget?: number,
): ProgramResult {
  const compiled = compileLearnerModule(source, fileName, {
    allowedImports: HANDLER_IMPORTS,
    knownStores: Object.keys(manifest.stores),
    ...(stepBudget ? { stepBudget } : {}),
  });
  if (!compiled.ok) return { ok: false, error: compiled.error };
  const missing = requiredExports(manifest).filter(
    (name) => typeof compiled.exports[name] !== 'function',
  );
  if (missing.length > 0) {
    return {
      ok: false,
      error: learnerError(
        fileName,
        `Your file must export ${missing.map((m) => `a function \`${m}\``).join(', ')} (the exercise routes messages to ${missing.length > 1 ? 'them' : 'it'}).`,
      ),
    };
  }
  return {
    ok: true,
    warnings: compiled.warnings,
    program: {
      manifest,
      handlers: compiled.exports,
      file: fileName,
      instantiate: compiled.instantiate,
      toLearnerError: compiled.toLearnerError,
      beforeResume: compiled.resetBudget,
      afterResume: compiled.pauseMeter,
      describeError: (error) => {
        const e = compiled.toLearnerError(error);
        return e.line ? `${e.message} (line ${e.line})` : e.message;
      },
    },
  };
}
