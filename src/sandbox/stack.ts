/**
 * Finding the learner's line in a JavaScript stack trace. Each evaluated module is named with a
 * unique `//# sourceURL=learner:///<file>?v=<n>`, so its frames can be told apart (also from an
 * older compile of the same file); the wrapper's extra lines are measured once with a probe
 * rather than assumed, since engines differ in how they wrap `new Function` bodies.
 */
import { escapeRegExp } from '../core/regex';
import type { LearnerPosition } from './transform';

type ToLearner = (line: number, column: number) => LearnerPosition;

const REGISTRY_SIZE_MAX = 64;
const registry = new Map<string, ToLearner>();
let serial = 0;
let headerLines: number | undefined;

export function sourceUrlFor(fileName: string): string {
  serial += 1;
  return `learner:///${fileName.replace(/[\s?#]/g, '_')}?v=${serial}`;
}

/** Remember how to map a module's frames (bounded: old compiles are forgotten). */
export function registerModule(url: string, toLearner: ToLearner): void {
  registry.set(url, toLearner);
  if (registry.size > REGISTRY_SIZE_MAX) {
    const oldest = registry.keys().next().value;
    if (oldest !== undefined) registry.delete(oldest);
  }
}

/** Lines before the learner's line 1 in the evaluated function (engine header + our wrapper). */
export function wrapperLineCount(): number {
  if (headerLines === undefined) {
    const url = 'learner:///__probe__';
    const probe = new Function(`return new Error().stack;\n//# sourceURL=${url}`) as () => string;
    const m = new RegExp(`${escapeRegExp(url)}:(\\d+):\\d+`).exec(probe() ?? '');
    headerLines = m ? Number(m[1]) - 1 : 2;
  }
  return headerLines + 1; // our `return function () {` line
}

/** The innermost frame of module `url` in `error`'s stack, mapped to the learner's file. */
export function locateInStack(
  error: unknown,
  url: string,
  toLearner: ToLearner,
): Partial<LearnerPosition> {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const m = new RegExp(`${escapeRegExp(url)}:(\\d+):(\\d+)`).exec(stack);
  if (!m) return {};
  return toLearner(Number(m[1]), Number(m[2]));
}

/**
 * The learner position of an error thrown by learner code compiled from `fileName` (the innermost
 * frame of the most recent compile that appears in the stack), or `{}` when there is none.
 */
export function learnerLocation(error: unknown, fileName: string): Partial<LearnerPosition> {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const prefix = `learner:///${fileName.replace(/[\s?#]/g, '_')}?v=`;
  const m = new RegExp(`${escapeRegExp(prefix)}(\\d+):(\\d+):(\\d+)`).exec(stack);
  if (!m) return {};
  const toLearner = registry.get(`${prefix}${m[1]}`);
  return toLearner ? toLearner(Number(m[2]), Number(m[3])) : {};
}
