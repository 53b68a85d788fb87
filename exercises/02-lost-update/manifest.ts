import { coreInvariants, defineExercise } from '../../src/sim';
import type { TabSpec } from '../../src/sim';
import { submittedIffOrder } from '../01-double-submit/manifest';
import { atMostOneOrderPerCart, carts } from '../shared';

/** A browser tab that submits cart-1 once; a 500 makes the browser try once more. */
const tab = (name: string): TabSpec => ({
  name,
  maxAttempts: 2,
  actions: [{ endpoint: 'Frontend', route: 'submit', body: { cartId: 'cart-1' } }],
});

export default defineExercise({
  id: 'lost-update',
  title: 'Lost update: two tabs at once',
  summary: 'Two tabs submit the same cart at the same moment; both pass the submitted check.',
  block: 'Foundations',
  endpoints: {
    Frontend: { kind: 'http', routes: { submit: 'submitCart' } },
  },
  stores: { db: { kind: 'documents', initial: { carts: carts(1) } } },
  // Alice has the cart open in two tabs and clicks Submit in both, at once.
  workload: { tabs: [tab('alice-tab-1'), tab('alice-tab-2')] },
  faults: { total: 0, perKind: {} },
  invariants: [atMostOneOrderPerCart, submittedIffOrder, coreInvariants.noLostUpdates],
  equivalentMutants: {
    'per-attempt-id in submitCart #1':
      'the order id is already a fresh ctx.newId(): another fresh id changes nothing',
    'drop-expectedVersion in submitCart #1':
      'create-only on a fresh id never collides: the version of the cart is what stops the second order',
  },
  files: {
    variants: {
      'version-on-order-only': {
        description: 'Creates the order create-only, but writes the cart without its version.',
        violates: 'atMostOneOrderPerCart',
      },
      'check-again-before-writing': {
        description: 'Reloads the cart and checks the flag again right before writing.',
        violates: 'atMostOneOrderPerCart',
      },
      'versioned-separate-writes': {
        description: 'Saves the cart with its version, then the order in a second write.',
        violates: 'submittedIffOrder',
      },
    },
  },
});
