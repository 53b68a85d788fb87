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
import type { Model } from './types';

/** Learner source evaluated by the sandbox: its exports, and how to call into it. */
export interface EvaluatedModule extends LearnerHooks {
  exports: unknown;
}

export interface ModelDeps {
  /** Evaluates learner source text (throws an error with `learnerError` when it cannot). */
  evaluateModule?: (source: string, file: string) => EvaluatedModule;
  /** Built-in model files of exercise 18 by variant id (exercises/18-model-checking/modules.ts). */
  builtinModules?: Record<string, HandlerModule>;
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
      let module: HandlerModule;
      let file: string;
      let hooks: LearnerHooks = {};
      if ('variant' in code) {
        const builtin = deps.builtinModules?.[code.variant];
        if (!builtin)
          throw new ModelRequestError(`Unknown model-checking variant '${code.variant}'.`);
        module = builtin;
        file = `${code.variant}.ts`;
      } else {
        if (!deps.evaluateModule) {
          throw new ModelRequestError('No sandbox is available to evaluate learner code.');
        }
        const evaluated = deps.evaluateModule(code.source, code.file);
        module = evaluated.exports as HandlerModule;
        file = code.file;
        hooks = evaluated;
      }
      return createHandlerModel(module, params, file, hooks) as unknown as Model<unknown, unknown>;
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
