/**
 * A checker helper's worker thread (threadPool.ts): locks the realm down first when the search's
 * thread is (then learner code runs in a metered compartment here too), builds the model from its
 * recipe, then expands the chunks it is sent (src/checker/expansion.ts) in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createExpansionHelper } from '../checker/expansion';
import { serveExpansion, type HelperRequest, type HelperResponse } from '../checker/pool';
import type { Model } from '../checker/types';
import type { ModelRecipe } from './threadPool';

const port = parentPort!;
const post = (response: HelperResponse) => port.postMessage(response);
const recipe = workerData as ModelRecipe;
try {
  // Before any module that evaluates learner code is loaded (the recipe's).
  if (recipe.lockdown) await import('../sandbox/lockdown');
  const loaded = (await import(recipe.module)) as Record<string, unknown>;
  const build = loaded[recipe.exportName] as (args: unknown) => Promise<Model<unknown, unknown>>;
  const serve = serveExpansion(createExpansionHelper(await build(recipe.args)), post);
  // Chunks sent while the model was built waited in the port's queue until now.
  port.on('message', (message: HelperRequest) => serve(message));
} catch (err) {
  post({ type: 'unavailable', message: err instanceof Error ? err.message : String(err) });
}
