/**
 * Classic slips in handler code that compile and run but do something else than meant, found on
 * the compiled JavaScript (before the generator rewrite) and shown as warnings in the editor:
 *
 * - a `ctx` call whose promise is dropped (`ctx.send(...);` without `await`): the handler goes
 *   on, and may finish, before the call happens, so the checker then blames a lost message or a
 *   lost update rather than the missing `await`.
 *
 * Only the handler context's name `ctx` is recognised (the name every exercise and the docs
 * use); a call that is awaited, returned, assigned or passed on is not a slip.
 */
import type { AnyNode, Program } from 'acorn';
import { childNodes } from './ast';

export interface Slip {
  /** Offset in the checked (sucrase output) code. */
  pos: number;
  message: string;
}

/** What the method's call does, for the warning ("the send", "the write"...). */
const ASYNC_CTX_CALLS: Record<string, string> = {
  load: 'the read',
  store: 'the write',
  delete: 'the delete',
  batch: 'the writes',
  send: 'the send',
  sendLocal: 'the send',
  publish: 'the publish',
  reply: 'the reply',
  call: 'the call',
  choose: 'the choice',
  // ctx.kv.* and ctx.events.*
  get: 'the read',
  put: 'the write',
  append: 'the append',
  read: 'the read',
  readAll: 'the read',
};

/** `ctx.x(...)` or `ctx.y.x(...)`: the method's name and path, when the call is on the context. */
function ctxMethod(node: AnyNode): { method: string; path: string } | null {
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression') return null;
  const path: string[] = [];
  let at: AnyNode = node.callee;
  while (at.type === 'MemberExpression') {
    if (at.property.type !== 'Identifier' || at.computed) return null;
    path.unshift(at.property.name);
    at = at.object;
  }
  if (at.type !== 'Identifier' || at.name !== 'ctx') return null;
  return { method: path[path.length - 1]!, path: ['ctx', ...path].join('.') };
}

export function findSlips(program: Program): Slip[] {
  const slips: Slip[] = [];
  const visit = (node: AnyNode) => {
    if (node.type === 'ExpressionStatement') {
      const call = ctxMethod(node.expression);
      const what =
        call && Object.hasOwn(ASYNC_CTX_CALLS, call.method) ? ASYNC_CTX_CALLS[call.method] : null;
      if (call && what)
        slips.push({
          pos: node.expression.start,
          message: `\`${call.path}(...)\` is not awaited: your handler goes on, and may finish, before ${what} happens. Write \`await ${call.path}(...)\`.`,
        });
    }
    for (const child of childNodes(node)) visit(child);
  };
  visit(program);
  return slips;
}
