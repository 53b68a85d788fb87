/**
 * Learner TypeScript → JavaScript the engine can step synchronously.
 *
 * 1. sucrase strips types (type-only imports vanish) and turns ES modules into CommonJS
 *    (`exports.x = ...`, `require(...)`), keeping every line where it was.
 * 2. acorn parses the result; {@link checkProgram} reports forbidden things up front.
 * 3. Position-based edits ({@link Splice}) rewrite async code into generators:
 *    `async function` / async methods → `function*` / `*m()`, async arrows → `(function* ...)`,
 *    `await x` → `(yield* __await(x))`, and `return x` in an async function → `return (yield*
 *    __await((x)))` (an async function adopts a returned promise); and instrument it: `__tick(line)` at the top of every
 *    function and loop body (the step budget), `__guard(e)` at the top of every `catch` and
 *    `finally` so learner code cannot swallow a sandbox error, and `__spread(line, x)` around
 *    what an array or call spread copies (the memory budget, meter.ts).
 * Every position in the output maps back to the learner's file (`toLearnerPosition`).
 */
import { parse, type AnyNode, type Program, type Token } from 'acorn';
import { transform as sucrase } from 'sucrase';
import type { LearnerError } from './errors';
import { childNodes, isFunctionNode, tokenIndexAt } from './ast';
import { decodeMappings, originalPosition, type LineMappings } from './sourceMap';
import { Splice, lineStarts, offsetToLineColumn } from './splice';
import { checkProgram } from './staticCheck';
import { findSlips } from './slips';
import type { LearnerWarning } from '../core/learnerError';

export interface TransformOptions {
  /** Module specifiers `require`/`import` may name (they resolve to `{}`: types only). */
  allowedImports?: readonly string[];
  /** The exercise's store names, to flag a call naming another (slips.ts). */
  knownStores?: readonly string[];
}

export interface LearnerPosition {
  line: number;
  column: number;
}

export type TransformResult =
  | {
      ok: true;
      /** JavaScript (strict, CommonJS exports) to evaluate with the sandbox's injected names. */
      code: string;
      /** Generated 1-based line/column → the learner's 1-based line/column. */
      toLearnerPosition(line: number, column: number): LearnerPosition;
      /** Slips that run but likely do something else than meant (slips.ts). */
      warnings: LearnerWarning[];
    }
  | { ok: false; errors: LearnerError[] };

export const DEFAULT_ALLOWED_IMPORTS: readonly string[] = ['./types'];

export function transformLearnerSource(
  source: string,
  fileName: string,
  options: TransformOptions = {},
): TransformResult {
  let js: string;
  let map: LineMappings;
  try {
    // The leading space keeps the first token's source-map entry exact (sucrase maps the token at
    // offset 0 to the "use strict" prefix it inserts); line 1's columns are shifted back below.
    const out = sucrase(` ${source}`, {
      transforms: ['typescript', 'imports'],
      disableESTransforms: true,
      preserveDynamicImport: true,
      filePath: fileName,
      sourceMapOptions: { compiledFilename: fileName },
    });
    js = out.code;
    map = decodeMappings(out.sourceMap?.mappings ?? '');
  } catch (e) {
    const loc = (e as { loc?: { line: number; column: number } }).loc;
    const at = loc && { line: loc.line, column: loc.line === 1 ? loc.column - 1 : loc.column };
    return fail({ kind: 'syntax', file: fileName, ...at, message: syntaxMessage(e) });
  }
  const jsStarts = lineStarts(js);
  const jsToLearner = (offset: number): LearnerPosition => {
    const { line, column0 } = offsetToLineColumn(jsStarts, offset);
    const orig = originalPosition(map, line, column0);
    const col0 = orig.line === 1 ? orig.column0 - 1 : orig.column0;
    return { line: orig.line, column: Math.max(0, col0) + 1 };
  };

  const tokens: Token[] = [];
  let program: Program;
  try {
    program = parse(js, { ecmaVersion: 'latest', sourceType: 'script', onToken: tokens });
  } catch (e) {
    const pos = (e as { pos?: number }).pos ?? 0;
    return fail({ kind: 'syntax', file: fileName, ...jsToLearner(pos), message: syntaxMessage(e) });
  }

  const issues = checkProgram(program, options.allowedImports ?? DEFAULT_ALLOWED_IMPORTS);
  if (issues.length > 0) {
    return {
      ok: false,
      errors: issues.map((i) => ({
        kind: i.kind,
        file: fileName,
        ...jsToLearner(i.pos),
        message: i.message,
      })),
    };
  }

  const warnings = findSlips(program, options.knownStores).map((s) => ({
    file: fileName,
    ...jsToLearner(s.pos),
    message: s.message,
  }));
  const splice = new Splice(js);
  const lineOf = (offset: number) => jsToLearner(offset).line;
  rewrite(program, undefined, { js, tokens, splice, lineOf });
  const out = splice.apply();
  const outStarts = lineStarts(out.code);
  return {
    ok: true,
    code: out.code,
    warnings,
    toLearnerPosition(line, column) {
      const offset = (outStarts[line - 1] ?? 0) + Math.max(0, column - 1);
      return jsToLearner(out.toSourceOffset(offset));
    },
  };
}

function fail(error: LearnerError): TransformResult {
  return { ok: false, errors: [error] };
}

function syntaxMessage(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  return raw.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)\s*$/, '');
}

interface RewriteContext {
  js: string;
  tokens: readonly Token[];
  splice: Splice;
  lineOf(offset: number): number;
}

type FunctionNode = Extract<
  AnyNode,
  { type: 'FunctionDeclaration' | 'FunctionExpression' | 'ArrowFunctionExpression' }
>;

/** Pre-order walk: a node's edits are registered before its children's (see Splice). */
function rewrite(
  node: AnyNode,
  parent: AnyNode | undefined,
  cx: RewriteContext,
  inAsync = false,
): void {
  const { splice } = cx;
  const tick = (at: AnyNode) => `__tick(${cx.lineOf(at.start)});`;
  switch (node.type) {
    case 'ExpressionStatement': {
      // `a = b\nawait x` would become `a = b\n(yield* ...)`, a call of `b`: end the previous
      // statement explicitly. Only in statement lists, where an empty statement is harmless.
      const first = tokenValue(cx.tokens[tokenIndexAt(cx.tokens, node.start)] ?? node);
      const inList =
        parent?.type === 'Program' ||
        parent?.type === 'BlockStatement' ||
        parent?.type === 'StaticBlock' ||
        parent?.type === 'SwitchCase';
      if (inList && (first === 'await' || first === 'async')) splice.open(node.start, ';');
      break;
    }
    case 'ReturnStatement':
      // An async function adopts a returned promise: `return helper()` runs the helper.
      if (inAsync && node.argument) {
        splice.open(node.argument.start, '(yield* __await((');
        splice.close(node.argument.end, ')))');
      }
      break;
    case 'AwaitExpression':
      splice.replace(node.start, node.start + 'await'.length, '(yield* __await(');
      splice.close(node.end, '))');
      break;
    case 'Property':
    case 'MethodDefinition':
      if (node.value?.type === 'FunctionExpression' && node.value.async) {
        const i = findToken(
          cx.tokens,
          node.start,
          node.key.start,
          (t) => tokenValue(t) === 'async',
        );
        const t = cx.tokens[i];
        if (t) splice.replace(t.start, t.end, '*');
      }
      break;
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
    case 'WhileStatement':
    case 'DoWhileStatement':
      if (node.body.type === 'BlockStatement') {
        splice.open(node.body.start + 1, tick(node));
      } else {
        splice.open(node.body.start, `{${tick(node)}`);
        splice.close(node.body.end, '}');
      }
      break;
    case 'CatchClause':
      if (node.param?.type === 'Identifier') {
        splice.open(node.body.start + 1, `__guard(${node.param.name});`);
      } else if (node.param) {
        const pattern = cx.js.slice(node.param.start, node.param.end);
        splice.replace(node.param.start, node.param.end, '__e');
        splice.open(node.body.start + 1, `__guard(__e);let ${pattern} = __e;`);
        rewrite(node.body, node, cx, inAsync);
        return; // the pattern's text was copied as is
      } else {
        splice.open(node.body.start, '(__e) ');
        splice.open(node.body.start + 1, '__guard(__e);');
      }
      break;
    case 'TryStatement':
      if (node.finalizer) splice.open(node.finalizer.start + 1, '__guard();');
      break;
    case 'SpreadElement':
      // `[...a]`, `f(...a)`: what the spread copies is charged to the memory budget (meter.ts).
      if (parent?.type !== 'ObjectExpression') {
        splice.open(node.argument.start, `__spread(${cx.lineOf(node.start)}, `);
        splice.close(node.argument.end, ')');
      }
      break;
    default:
      if (isFunctionNode(node)) rewriteFunction(node, parent, cx, tick(node));
      break;
  }
  const childAsync = isFunctionNode(node) ? node.async : inAsync;
  for (const child of childNodes(node)) rewrite(child, node, cx, childAsync);
}

function rewriteFunction(
  fn: FunctionNode,
  parent: AnyNode | undefined,
  cx: RewriteContext,
  tick: string,
): void {
  const { splice, tokens } = cx;
  const isMethod =
    parent?.type === 'MethodDefinition' ||
    (parent?.type === 'Property' && (parent.method || parent.kind !== 'init'));
  if (fn.type !== 'ArrowFunctionExpression') {
    if (fn.async && !isMethod) {
      const i = findToken(tokens, fn.start, fn.body.start, (t) => tokenValue(t) === 'function');
      const fnToken = tokens[i];
      if (fnToken) splice.replace(fn.start, fnToken.end, 'function*');
    }
    splice.open(fn.body.start + 1, tick);
    return;
  }
  const arrowIndex = findLastToken(tokens, fn.start, fn.body.start, (t) => t.type.label === '=>');
  const arrow = tokens[arrowIndex];
  if (!arrow) throw new Error('transform: arrow token not found');
  const block = fn.body.type === 'BlockStatement';
  if (!fn.async) {
    if (block) {
      splice.open(fn.body.start + 1, tick);
    } else {
      // `return (` on the arrow's line: a body on the next line (Prettier's own output) must not
      // become `return;` by automatic semicolon insertion.
      splice.replace(arrow.start, arrow.end, `=> {${tick}return (`);
      splice.close(fn.end, ');}');
    }
    return;
  }
  const asyncToken = tokens[tokenIndexAt(tokens, fn.start)];
  const next = tokens[tokenIndexAt(tokens, fn.start) + 1];
  if (!asyncToken || !next) throw new Error('transform: async arrow tokens not found');
  const parenthesised = next.type.label === '(';
  splice.replace(asyncToken.start, asyncToken.end, parenthesised ? '(function*' : '(function* (');
  if (!parenthesised) splice.close(next.end, ')');
  if (block) {
    splice.replace(arrow.start, arrow.end, '');
    splice.open(fn.body.start + 1, tick);
    splice.close(fn.end, ')');
  } else {
    splice.replace(arrow.start, arrow.end, `{${tick}return (yield* __await((`);
    splice.close(fn.end, ')));})');
  }
}

function findToken(
  tokens: readonly Token[],
  from: number,
  to: number,
  match: (t: Token) => boolean,
): number {
  for (let i = tokenIndexAt(tokens, from); i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || t.start >= to) break;
    if (match(t)) return i;
  }
  return -1;
}

function findLastToken(
  tokens: readonly Token[],
  from: number,
  to: number,
  match: (t: Token) => boolean,
): number {
  for (let i = tokenIndexAt(tokens, to) - 1; i >= 0; i--) {
    const t = tokens[i];
    if (!t || t.start < from) break;
    if (match(t)) return i;
  }
  return -1;
}

function tokenValue(t: Token | AnyNode): unknown {
  return (t as { value?: unknown }).value;
}
