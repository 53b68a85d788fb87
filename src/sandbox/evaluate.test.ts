import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { transform } from 'sucrase';
import { SimError, type CallResult, type EffectRequest } from '../sim/effects';
import { compileLearnerModule, learnerLocation, type LearnerModule } from './evaluate';
import { isLearnerCodeError } from './errors';
import { drive, fakeCtx, type Answer } from './fakeEngine';

type AnyFn = (...args: unknown[]) => unknown;
const exported = (mod: LearnerModule, name: string) => mod.exports[name] as AnyFn;

function compile(source: string, stepBudget?: number): LearnerModule {
  const mod = compileLearnerModule(source, 'handlers.ts', { stepBudget });
  if (!mod.ok) throw new Error(`compile failed: ${JSON.stringify(mod.errors)}`);
  return mod;
}

/** The oracle: the same learner source run as real async JavaScript with Promise-returning ctx. */
async function runAsAsync(source: string, handler: string, msg: unknown, answer: Answer) {
  const js = transform(source, { transforms: ['typescript', 'imports'] }).code;
  const exports: Record<string, unknown> = {};
  new Function('exports', 'require', js)(exports, () => ({}));
  const effects: EffectRequest[] = [];
  const base = fakeCtx();
  const wrap =
    <A extends unknown[]>(f: (...args: A) => EffectRequest) =>
    (...args: A) => {
      const effect = f(...args);
      effects.push(effect);
      const r = answer(effect, effects.length - 1);
      return r.ok ? Promise.resolve(r.value) : Promise.reject(new SimError(r.error));
    };
  const ctx = { load: wrap(base.load), send: wrap(base.send) };
  try {
    const result = await (exports[handler] as (m: unknown, c: unknown) => Promise<unknown>)(
      msg,
      ctx,
    );
    return { effects, result };
  } catch (thrown) {
    return { effects, thrown };
  }
}

const ORDER_HANDLER = `import type { HandlerContext, SubmitOrder } from './types';
import { type Cart } from './types';

interface Totals { placed: number; failures: number }
export type Outcome = Totals & { n: number };

export async function onSubmitOrder(msg: SubmitOrder, ctx: HandlerContext): Promise<Outcome | undefined> {
  const cart = await ctx.load('carts', msg.cartId) as { value: Cart } | undefined;
  if (cart?.value.submitted) return undefined;
  const totals: Totals = { placed: 0, failures: 0 };
  for (const item of msg.items) {
    totals.placed += await place(ctx, item);
  }
  const notify = async (text: string) => {
    await ctx.send('Notify', { type: 'Note', payload: { text } });
    return text.length;
  };
  try {
    await ctx.send('Billing', { type: 'Bill', payload: { placed: totals.placed } });
  } catch (err) {
    totals.failures += 1;
    await notify(\`billing failed: \${(err as Error).name}\`);
  }
  const n = await notify('done');
  return { ...totals, n };
}

async function place(ctx: HandlerContext, item: string): Promise<number> {
  await ctx.send('Orders', { type: 'PlaceOrder', payload: { item } });
  return item.length;
}
`;

const billingDown: Answer = (e) => {
  if (e.kind === 'load') return { ok: true, value: { value: { submitted: false }, version: 1 } };
  if (e.kind === 'send' && e.destination === 'Billing') {
    return { ok: false, error: { code: 'BrokerUnavailable', message: 'broker down' } };
  }
  return { ok: true, value: undefined };
};

describe('compiled handlers driven as generators', () => {
  const msg = { cartId: 'c1', items: ['ab', 'cde'] };

  it('yields the same effects in the same order and returns the same result as async code', async () => {
    const mod = compile(ORDER_HANDLER);
    const run = drive(mod, () => exported(mod, 'onSubmitOrder')(msg, fakeCtx()), billingDown);
    expect(run.thrown).toBeUndefined();
    expect(run.effects.map((e) => (e.kind === 'send' ? `send ${e.destination}` : e.kind))).toEqual([
      'load',
      'send Orders',
      'send Orders',
      'send Billing',
      'send Notify',
      'send Notify',
    ]);
    expect(run.result).toEqual({ placed: 5, failures: 1, n: 4 });
    expect(run.effects[4]).toMatchObject({
      message: { payload: { text: 'billing failed: BrokerUnavailable' } },
    });
    const oracle = await runAsAsync(ORDER_HANDLER, 'onSubmitOrder', msg, billingDown);
    expect(run.effects).toEqual(oracle.effects);
    expect(run.result).toEqual(oracle.result);
  });

  it('returns early exactly like the async code', () => {
    const mod = compile(ORDER_HANDLER);
    const submitted: Answer = () => ({ ok: true, value: { value: { submitted: true } } });
    const run = drive(mod, () => exported(mod, 'onSubmitOrder')(msg, fakeCtx()), submitted);
    expect(run.effects).toHaveLength(1);
    expect(run.result).toBeUndefined();
  });

  it('matches async semantics for random call failures (property)', async () => {
    const mod = compile(ORDER_HANDLER);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), async (fails) => {
        const answer: Answer = (e, i) =>
          fails[i] && e.kind !== 'load'
            ? { ok: false, error: { code: 'BrokerUnavailable', message: 'down' } }
            : billingDown(e, i);
        const run = drive(mod, () => exported(mod, 'onSubmitOrder')(msg, fakeCtx()), answer);
        const oracle = await runAsAsync(ORDER_HANDLER, 'onSubmitOrder', msg, answer);
        expect(run.effects).toEqual(oracle.effects);
        expect(run.result).toEqual(oracle.result);
        expect((run.thrown as Error | undefined)?.name).toEqual(
          (oracle.thrown as Error | undefined)?.name,
        );
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it('replays deterministically: same results in, identical effects out', () => {
    const mod = compile(ORDER_HANDLER);
    const start = () => exported(mod, 'onSubmitOrder')(msg, fakeCtx());
    const first = drive(mod, start, billingDown);
    const results: CallResult[] = first.effects.map((e, i) => billingDown(e, i));
    const replay = drive(mod, start, (_e, i) => results[i] as CallResult);
    expect(replay).toEqual(first);
  });

  it('runs middleware (async arrows awaiting next) around a handler', () => {
    const mod = compile(`
export const middleware = [
  async (msg, ctx, next) => {
    const seen = await ctx.load('inbox', msg.id);
    if (seen) return 'duplicate';
    const r = await next();
    await ctx.send('Audit', { type: 'Done', payload: r });
    return r;
  },
];
export async function handle(msg, ctx) { await ctx.send('Out', { type: 'X' }); return 42; }
const o = { async m(ctx) { return (await ctx.load('a', this.key)) ?? 'none'; }, key: 'k' };
export const viaMethod = (ctx) => o.m(ctx);
export class Svc { static async run(ctx) { return await viaMethod(ctx); } }
`);
    const [mw] = mod.exports.middleware as AnyFn[];
    const ctx = fakeCtx();
    const m = { id: 'm1' };
    const run = drive(
      mod,
      () => mw?.(m, ctx, () => exported(mod, 'handle')(m, ctx)),
      () => ({
        ok: true,
        value: undefined,
      }),
    );
    expect(run.effects.map((e) => e.kind)).toEqual(['load', 'send', 'send']);
    expect(run.result).toBe(42);
    const viaClass = drive(
      mod,
      () => (mod.exports.Svc as { run: AnyFn }).run(ctx),
      (e) => ({
        ok: true,
        value: e.kind === 'load' ? `${e.collection}/${e.id}` : undefined,
      }),
    );
    expect(viaClass.result).toBe('a/k');
  });
});

describe('async semantics kept by the rewrite', () => {
  it('adopts a returned helper call or ctx call, like an async function adopts a promise', async () => {
    const source = `
async function count(ctx, id) { const d = await ctx.load('c', id); return d.n; }
export async function viaReturn(msg, ctx) { return count(ctx, msg.id); }
export const viaArrow = async (msg, ctx) => ctx.load('c', msg.id + '!');
export async function plain() { return 5; }
export async function sum(msg, ctx) { return (await viaReturn(msg, ctx)) + (await viaArrow(msg, ctx)).n; }`;
    const mod = compile(source);
    const answer: Answer = (e) => ({ ok: true, value: { n: e.kind === 'load' ? e.id.length : 0 } });
    const ctx = fakeCtx();
    const msg = { id: 'abc' };
    for (const name of ['viaReturn', 'viaArrow', 'plain', 'sum']) {
      const run = drive(mod, () => exported(mod, name)(msg, ctx), answer);
      const oracle = await runAsAsync(source, name, msg, answer);
      expect(run).toEqual(oracle);
    }
    expect(drive(mod, () => exported(mod, 'sum')(msg, ctx), answer).result).toBe(7);
  });
});

describe('step budget', () => {
  it('turns an infinite loop inside one step into a budget error naming the line', () => {
    const mod = compile(`export async function h(msg, ctx) {
  await ctx.load('a', 'b');
  let i = 0;
  while (true) {
    i++;
  }
}`);
    const run = drive(
      mod,
      () => exported(mod, 'h')({}, fakeCtx()),
      () => ({ ok: true, value: 1 }),
    );
    expect(run.effects).toHaveLength(1);
    expect(isLearnerCodeError(run.thrown)).toBe(true);
    const error = mod.toLearnerError(run.thrown);
    expect(error).toMatchObject({ kind: 'budget', file: 'handlers.ts', line: 4 });
    expect(error.message).toBe(
      'Step budget exceeded: your code ran more than 100000 operations without awaiting the infrastructure (line 4) — is there an infinite loop?',
    );
  });

  it('cannot be swallowed by a learner try/catch or finally', () => {
    const mod = compile(`export async function h() {
  for (;;) {
    try { for (;;) {} } catch (e) { return 'swallowed'; } finally { }
  }
}
export function g() { try { while (true) {} } finally { return 'escaped'; } }`);
    const run = drive(
      mod,
      () => exported(mod, 'h')(),
      () => ({ ok: true, value: 1 }),
    );
    expect(mod.toLearnerError(run.thrown)).toMatchObject({ kind: 'budget', line: 3 });
    mod.resetBudget();
    expect(() => exported(mod, 'g')()).toThrow(/Step budget exceeded/);
  });

  it('lets a long but finite loop pass, and counts per resume', () => {
    const mod = compile(`export async function h(msg, ctx) {
  let sum = 0;
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 60000; i++) sum += i % 7;
    await ctx.load('a', String(round));
  }
  return sum;
}`);
    const run = drive(
      mod,
      () => exported(mod, 'h')({}, fakeCtx()),
      () => ({ ok: true, value: 1 }),
    );
    expect(run.thrown).toBeUndefined();
    expect(run.effects).toHaveLength(3);
    let expected = 0;
    for (let i = 0; i < 60000; i++) expected += i % 7;
    expect(run.result).toBe(3 * expected); // 180k iterations in all: over budget without resets
  });

  it('is configurable', () => {
    const src = `export function h() {\n  let n = 0;\n  for (let i = 0; i < 2000; i++) n++;\n  return n;\n}`;
    expect(exported(compile(src, 5000), 'h')()).toBe(2000);
    const small = compile(src, 1000);
    small.resetBudget();
    expect(() => exported(small, 'h')()).toThrow(/more than 1000 operations .*line 3/);
  });

  it('applies to module top-level code', () => {
    const mod = compileLearnerModule('let x = 0;\n\ndo { x++; } while (x > 0);', 'top.ts');
    expect(mod.ok ? undefined : mod.error).toMatchObject({
      kind: 'budget',
      file: 'top.ts',
      line: 3,
    });
  });
});

describe('runtime errors', () => {
  it('maps a TypeError to the learner line and column', () => {
    const mod = compile(`import type { Ctx } from './types';
type Doc = { value: { n: number } };
export async function h(msg: { id: string }, ctx: Ctx) {
  const doc = (await ctx.load('a', msg.id)) as Doc | undefined;
  const n: number = doc!.value.n;
  return n;
}`);
    const run = drive(
      mod,
      () => exported(mod, 'h')({ id: 'x' }, fakeCtx()),
      () => ({
        ok: true,
        value: undefined,
      }),
    );
    expect(run.thrown).toBeInstanceOf(TypeError);
    const error = mod.toLearnerError(run.thrown);
    expect(error).toMatchObject({ kind: 'runtime', file: 'handlers.ts', line: 5 });
    expect(error.message).toMatch(/^TypeError: /);
    expect(learnerLocation(run.thrown, 'handlers.ts')).toEqual({ line: 5, column: error.column });
    expect(error.column).toBeGreaterThanOrEqual(21);
    expect(error.column).toBeLessThanOrEqual(31);
  });

  it('reports an error thrown by learner code at module load', () => {
    const mod = compileLearnerModule('const a = 1;\nthrow new Error("boom");', 'm.ts');
    expect(mod.ok ? undefined : mod.error).toMatchObject({
      kind: 'runtime',
      line: 2,
      message: 'Error: boom',
    });
  });

  it('lets learner code catch the typed errors the engine throws in', () => {
    const mod = compile(`export async function h(msg, ctx) {
  try { await ctx.load('a', 'b'); } catch (err) { return err.code + '/' + (err instanceof Error); }
}`);
    const run = drive(
      mod,
      () => exported(mod, 'h')({}, fakeCtx()),
      () => ({
        ok: false,
        error: { code: 'StoreUnavailable', message: 'down' },
      }),
    );
    expect(run.result).toBe('StoreUnavailable/true');
  });
});
