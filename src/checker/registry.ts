/**
 * Which model a check request builds. `createModelFromRequest` is the one place that maps a
 * request kind to a model; add new kinds here (see `ModelRequest` in protocol.ts).
 *
 * Learner source text is evaluated by the sandbox (src/sandbox `compileLearnerModule`), which
 * the caller injects as `evaluateModule`, so the checker does not depend on the sandbox.
 */
import { assertNever } from '../core/assert';
import type { HandlerModule } from './messageHandler/dsl';
import { createHandlerModel, type LearnerHooks } from './messageHandler/model';
import type { EnteringLearnerCode, ExerciseModelRequest, ModelRequest } from './protocol';
import type { CheckBudget, Model } from './types';

/** Learner source evaluated by the sandbox: its exports, and how to call into it. */
export interface EvaluatedModule extends LearnerHooks {
  exports: unknown;
}

export interface ModelDeps {
  /** Evaluates learner source text (throws an error with `learnerError` when it cannot). */
  evaluateModule?: (source: string, file: string) => EvaluatedModule;
  /** A model-checking folder's lesson step as text (src/workshop/bundle.ts `modelCheckingVariantSource`). */
  modelCheckingVariant?: (
    folder: string,
    variant: string,
  ) => { source: string; file: string } | null;
  /** Builds a messaging exercise's model (src/workshop/exerciseModel.ts; injected, the checker stays generic). */
  createExerciseModel?: (
    request: ExerciseModelRequest,
    hooks?: ModelHooks,
  ) => Model<unknown, unknown>;
}

/** Per-request hooks into the model's learner code. */
export interface ModelHooks {
  /** Told before every call into learner code (a watchdog's diagnostic run). */
  onEnter?: (where: EnteringLearnerCode) => void;
  /**
   * The check's time budget, which building the model shares (the oracle's reference runs):
   * past `deadlineMs` it throws SearchLimitReached.
   */
  budget?: CheckBudget;
}

/** A request that cannot be served (not a learner error): reported as an `error` response. */
export class ModelRequestError extends Error {
  override name = 'ModelRequestError';
}

export function createModelFromRequest(
  request: ModelRequest,
  deps: ModelDeps,
  hooks: ModelHooks = {},
): Model<unknown, unknown> {
  switch (request.kind) {
    case 'model-checking': {
      const { code, params } = request;
      // A lesson step is evaluated from its text exactly like the learner's edited copy of it.
      const text =
        'variant' in code ? deps.modelCheckingVariant?.(request.folder, code.variant) : code;
      if (!text) {
        throw new ModelRequestError(
          `Unknown lesson step '${'variant' in code ? code.variant : ''}' of exercise '${request.folder}'.`,
        );
      }
      if (!deps.evaluateModule) {
        throw new ModelRequestError('No sandbox is available to evaluate learner code.');
      }
      const evaluated = deps.evaluateModule(text.source, text.file);
      const module = evaluated.exports as HandlerModule;
      return createHandlerModel(module, params, text.file, evaluated) as unknown as Model<
        unknown,
        unknown
      >;
    }
    case 'exercise': {
      if (!deps.createExerciseModel) {
        throw new ModelRequestError(
          'This checker cannot build messaging exercises (no exercise loader).',
        );
      }
      return deps.createExerciseModel(request, hooks);
    }
    default:
      return assertNever(request, 'model request');
  }
}
