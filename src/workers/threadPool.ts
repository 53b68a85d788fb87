/**
 * The checker's helpers on every core in Node: worker threads serving `src/checker/pool.ts`'s
 * channel (the CLI's checks, the benchmarks).
 *
 * Contract: `threadPool(recipe, options)` starts `options.size` threads. Each locks its realm
 * down when the recipe says so (as the search's thread is: the CLI's), builds its model with
 * `recipe` (a module exporting a function from plain arguments to the model, so every thread
 * builds exactly the model the search runs on) and answers chunks of the search's levels. A
 * thread that cannot build its model, or dies, fails the check with an operating error (pool.ts).
 * `close()` ends the threads.
 *
 * `defaultHelpers()` is one less than the cores, none below three. On this shared 2-core machine
 * one helper thread ran a search at 0.98-1.17x of one thread on 22 with a second tab (50,000
 * states) and at 0.91-0.95x on 17 with 5 payments (about 3 s, where starting the thread, about a
 * second, is most of the difference), while the search's heap held its frontier as text (the
 * grown suite's heap per million states went from 566 to 1,253 MB): no gain worth that on two
 * cores. `npm run bench`, `scale.helpers.*`.
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
  /**
   * Lock the thread's realm down (SES) first: whenever the search's thread is, so that learner
   * code runs exactly as there (`isLockedDown()`; the CLI's checks are, the benchmarks are not).
   */
  lockdown: boolean;
}

const HELPER = new URL('./expansionHelper.thread.ts', import.meta.url);

/** Lets worker threads' messages in (a macrotask): pass to `checkModelAsync` with a pool. */
export function yieldToThreads(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Helpers by default: one less than the cores, none below three (see above), at most eight (each
 * thread holds its own model: about 100 MB).
 */
export function defaultHelpers(cores = availableParallelism()): number {
  return cores >= 3 ? Math.min(cores - 1, 8) : 0;
}

export interface ThreadPoolOptions {
  /** Threads (default: `defaultHelpers()`, at least one). */
  size?: number;
  /** Each thread's heap limit: past it the thread dies and the check ends with an error. */
  memoryMB?: number;
}

export function threadPool(recipe: ModelRecipe, options: ThreadPoolOptions = {}): ExpansionPool {
  // The thread loads the TypeScript entry through tsx's loader, as scripts/check.ts does.
  const entry = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(HELPER.href)}); })`;
  const size = Math.max(1, options.size ?? defaultHelpers());
  const ports = Array.from({ length: size }, (): HelperPort => {
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
