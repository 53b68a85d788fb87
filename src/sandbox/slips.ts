/**
 * Classic slips in handler code that compile and run but do something else than meant, found on
 * the compiled JavaScript (before the generator rewrite) and shown as warnings in the editor:
 *
 * - a `ctx` call whose promise is dropped (`ctx.send(...);` without `await`): the handler goes
 *   on, and may finish, before the call happens, so the checker then blames a lost message or a
 *   lost update rather than the missing `await`;
 * - a read whose result is thrown away (`await ctx.load(...);` as a statement): the check the
 *   read was meant for is not made;
 * - a store the exercise does not have (`ctx.kv.get('dbb', ...)`, `{ store: 'dbb' }`), when the
 *   caller says which stores exist.
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

/** Calls that only read: awaiting one and dropping its result is a slip. */
const READS = new Set(['load', 'get', 'read', 'readAll', 'choose']);
/** ctx.kv.* and ctx.events.* name their store as the first argument. */
const STORE_FIRST = /^ctx\.(kv|events)\./;

/** The store names a ctx call gives as string literals (first argument or `{ store: '...' }`). */
function storeNames(
  node: AnyNode & { type: 'CallExpression' },
  path: string,
): { name: string; pos: number }[] {
  const out: { name: string; pos: number }[] = [];
  const first = node.arguments[0];
  if (STORE_FIRST.test(path) && first?.type === 'Literal' && typeof first.value === 'string')
    out.push({ name: first.value, pos: first.start });
  for (const arg of node.arguments) {
    if (arg.type !== 'ObjectExpression') continue;
    for (const prop of arg.properties) {
      if (
        prop.type === 'Property' &&
        !prop.computed &&
        prop.key.type === 'Identifier' &&
        prop.key.name === 'store' &&
        prop.value.type === 'Literal' &&
        typeof prop.value.value === 'string'
      )
        out.push({ name: prop.value.value, pos: prop.value.start });
    }
  }
  return out;
}

export function findSlips(program: Program, knownStores?: readonly string[]): Slip[] {
  const slips: Slip[] = [];
  const visit = (node: AnyNode) => {
    if (node.type === 'CallExpression' && knownStores) {
      const call = ctxMethod(node);
      if (call) {
        for (const store of storeNames(node, call.path)) {
          if (!knownStores.includes(store.name))
            slips.push({
              pos: store.pos,
              message: `This exercise has no store '${store.name}' (it has ${knownStores.map((n) => `'${n}'`).join(', ')}).`,
            });
        }
      }
    }
    if (node.type === 'ExpressionStatement' && node.expression.type === 'AwaitExpression') {
      const call = ctxMethod(node.expression.argument);
      if (call && READS.has(call.method))
        slips.push({
          pos: node.expression.start,
          message: `The result of \`${call.path}(...)\` is not used: whatever it reads is not checked. Keep it, e.g. \`const found = await ${call.path}(...)\`.`,
        });
    }
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
  return slips.sort((a, b) => a.pos - b.pos);
}
