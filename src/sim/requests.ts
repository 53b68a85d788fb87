/**
 * The end of an HTTP request's life on the browser's side: a lost request, response or server
 * error either leads to a retry (the request machine back in `sending`) or to giving up, and a
 * finished request is removed and answered to its tab. Shared by http.ts (arrivals, losses) and
 * invocations.ts (a handler's response), which is why it lives apart from both.
 */
import { fire, stateValue } from './actors';
import type { StepContext } from './stepContext';
import { own, ownHistory } from './cloneWorld';

/** After a lost request or response: the client retries (machine back in `sending`) or gives up. */
export function afterHttpLoss(
  ctx: StepContext,
  requestId: string,
  which: 'request' | 'response' | 'serverError',
): void {
  const { world, machines } = ctx;
  const req = world.requests.find((r) => r.requestId === requestId)!;
  const failed = stateValue(machines.http(req.tab), req.machine) === 'failed';
  if (ctx.tracing) ctx.emit({ type: 'httpLost', requestId, which, willRetry: !failed });
  if (failed) {
    ownHistory(world, 'failedRequests').push(requestId);
    if (ctx.tracing) ctx.emit({ type: 'httpGiveUp', requestId, tab: req.tab });
    finishRequest(ctx, requestId);
  }
}

export function finishRequest(ctx: StepContext, requestId: string): void {
  const { world, machines } = ctx;
  const requests = own(world, 'requests');
  const i = requests.findIndex((r) => r.requestId === requestId);
  const req = requests[i]!;
  requests.splice(i, 1);
  const tab = own(world, 'tabs').find((t) => t.tab === req.tab)!;
  tab.responses?.push({ route: req.route, body: req.response?.body ?? null });
  tab.machine = fire(machines.tab(req.tab), tab.machine, 'RESPONSE');
}
