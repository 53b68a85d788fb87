/**
 * The checker's helpers on every core in Node: worker threads serving `src/checker/pool.ts`'s
 * channel (the CLI's checks, the benchmarks).
 *
 * Contract: `threadPool(recipe, size)` starts `size` threads (default: this machine's
 * parallelism). Each locks its realm down (SES, as the CLI's check does: a learner's file runs in
 * a compartment there too), builds its model with `recipe` (a module exporting a function from
 * plain arguments to the model, so every thread builds exactly the model the search runs on) and
 * answers chunks of the search's levels. A thread that cannot build its model, or dies, fails the
 * check with an operating error (pool.ts). `close()` ends the threads.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createExpansionPool, type ExpansionPool, type HelperPort } from '../checker/pool';

/** Where a thread finds its model: `(await import(module))[exportName](args)`. */
export interface ModelRecipe {
  /** A file URL (`new URL('./x.ts', import.meta.url).href`). */
  module: string;
  exportName: string;
  /** Plain data (structured-cloned to the thread). */
  args: unknown;
}

const HELPER = new URL('./expansionHelper.thread.ts', import.meta.url);

/** Helpers by default: one per core the machine offers. */
export function defaultHelpers(): number {
  return Math.max(1, availableParallelism());
}

export interface ThreadPoolOptions {
  /** Threads (default: `defaultHelpers()`). */
  size?: number;
  /** Each thread's heap limit: past it the thread dies and the check ends with an error. */
  memoryMB?: number;
}

export function threadPool(recipe: ModelRecipe, options: ThreadPoolOptions = {}): ExpansionPool {
  // The thread loads the TypeScript entry through tsx's loader, as scripts/check.ts does.
  const entry = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(HELPER.href)}); })`;
  const ports = Array.from({ length: options.size ?? defaultHelpers() }, (): HelperPort => {
    const worker = new Worker(entry, {
      eval: true,
      workerData: recipe,
      ...(options.memoryMB ? { resourceLimits: { maxOldGenerationSizeMb: options.memoryMB } } : {}),
    });
    return {
      post: (message) => worker.postMessage(message),
      listen(onMessage, onFailure) {
        worker.on('message', onMessage);
        worker.on('error', (err) => onFailure(err.message));
        worker.on('exit', (code) => {
          if (code !== 0) onFailure(`its thread exited with code ${code}`);
        });
      },
      terminate: () => void worker.terminate(),
    };
  });
  return createExpansionPool(ports);
}
