import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../sim';
import { toTimelineRows } from './timeline';

describe('toTimelineRows', () => {
  it('projects events into rows with actor and description', () => {
    const events: TraceEvent[] = [
      {
        type: 'userAct',
        step: 0,
        tick: 0,
        tab: 'alice',
        requestId: 'r1',
        route: 'submit',
        endpoint: 'Frontend',
      },
      {
        type: 'deliver',
        step: 3,
        tick: 2,
        copyId: 'c1',
        messageId: 'a1.1',
        payload: { cartId: 'cart-1' },
        messageType: 'SubmitOrder',
        endpoint: 'Orders',
        attemptId: 'a2',
        delivery: 1,
        reordered: false,
      },
      { type: 'timer', step: 4, tick: 10, copyIds: ['c1'] },
    ];
    expect(toTimelineRows(events)).toEqual([
      {
        key: 0,
        step: 0,
        tick: 0,
        actor: 'alice',
        type: 'userAct',
        description: 'alice clicks submit (request r1)',
      },
      {
        key: 1,
        step: 3,
        tick: 2,
        actor: 'Orders',
        type: 'deliver',
        description: 'SubmitOrder a1.1 (copy c1) delivered to Orders as a2',
      },
      {
        key: 2,
        step: 4,
        tick: 10,
        actor: 'broker',
        type: 'timer',
        description: 'timer fires: c1 visible again',
      },
    ]);
  });
});
