/**
 * The HTTP edge's transitions: a request reaches the server (which starts its handler), or is
 * lost; after a lost request or response, or a 500, the client retries per its policy or gives
 * up and the tab sees an error.
 */
import { InternalError } from '../core/assert';
import { fire } from './actors';
import type { HttpRequest } from './context';
import { newInvocation, startHandler } from './invocations';
import { afterHttpLoss } from './requests';
import type { StepContext } from './stepContext';
import { own } from './cloneWorld';

export function arrive(ctx: StepContext, requestId: string): void {
  const { world, machines } = ctx;
  const req = own(world, 'requests').find((r) => r.requestId === requestId);
  if (!req) throw new InternalError(`no request ${requestId}`);
  req.machine = fire(machines.http(req.tab), req.machine, 'ARRIVE');
  const attempt = req.attempts.length + 1;
  const input: HttpRequest = { requestId, route: req.route, body: req.body, attempt };
  const inv = newInvocation(world, {
    endpoint: req.endpoint,
    kind: 'http',
    route: req.route,
    copyId: null,
    requestId,
    incomingId: requestId,
    input,
    headers: { attempt: String(attempt) },
  });
  req.attempts.push(inv.attemptId);
  if (ctx.tracing)
    ctx.emit({
      type: 'httpArrive',
      requestId,
      attemptId: inv.attemptId,
      endpoint: req.endpoint,
      route: req.route,
      attempt,
    });
  startHandler(ctx, inv);
}

export function loseRequest(ctx: StepContext, requestId: string): void {
  const req = own(ctx.world, 'requests').find((r) => r.requestId === requestId);
  if (!req) throw new InternalError(`no request ${requestId}`);
  req.machine = fire(ctx.machines.http(req.tab), req.machine, 'REQUEST_LOST');
  afterHttpLoss(ctx, requestId, 'request');
}
