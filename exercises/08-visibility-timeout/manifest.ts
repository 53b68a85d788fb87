import { coreInvariants, defineExercise, docs, invariant } from '../../src/sim';
import type { Order } from '../types';

export default defineExercise({
  id: 'visibility-timeout',
  title: 'Visibility timeout: concurrent duplicates',
  summary: 'A slow handler outlives its lease; another consumer takes the same message.',
  block: 'Duplicates',
  endpoints: {
    Orders: { kind: 'messages', handles: { AddItem: 'onAddItem' }, concurrency: 2 },
  },
  stores: {
    db: {
      kind: 'documents',
      initial: {
        orders: { 'order-1': { cartId: 'cart-1', customer: 'alice', items: [], lines: [] } },
      },
    },
  },
  workload: {
    messages: [
      { destination: 'Orders', type: 'AddItem', payload: { orderId: 'order-1', filling: 'Meat' } },
    ],
  },
  faults: { total: 1, perKind: { leaseExpire: 1 } },
  invariants: [
    invariant(
      'oneLinePerAddItem',
      'always',
      'One AddItem adds exactly one line, even if it is processed twice.',
      (w) => {
        for (const [id, o] of docs<Order>(w, 'orders')) {
          const n = (o.lines ?? []).filter((l) => l === 'Meat').length;
          if (n > 1) return `Order ${id} has ${n} Meat lines for one AddItem.`;
        }
        return true;
      },
    ),
    coreInvariants.noDuplicateProcessing,
    coreInvariants.noLostUpdates,
  ],
  files: {
    variants: {
      'check-without-version': {
        description: 'Checks for the line but writes without an expected version.',
        violates: 'noDuplicateProcessing',
      },
      'version-without-check': {
        description: 'Writes at the expected version but never checks for the line.',
        violates: 'oneLinePerAddItem',
      },
    },
  },
});
