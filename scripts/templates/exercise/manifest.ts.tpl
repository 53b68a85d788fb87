import { coreInvariants, defineExercise } from '../../src/sim';
import { carts, oneOrderPerSubmittedCart, submitTab } from '../shared';

// A new exercise, scaffolded by `npm run new-exercise`. It already verifies; change the story,
// the actors, the faults and the invariants to fit your lesson (docs/authoring-exercises.md).
export default defineExercise({
  id: '{{id}}',
  title: '{{title}}',
  summary: 'One line that says what goes wrong and what the learner fixes.',
  block: 'New exercises',
  endpoints: {
    Frontend: { kind: 'http', routes: { submit: 'submitCart' } },
    Orders: { kind: 'messages', handles: { SubmitOrder: 'onSubmitOrder' } },
  },
  stores: { db: { kind: 'documents', initial: { carts: carts(1) } } },
  workload: { tabs: [submitTab('cart-1', 2)] },
  faults: { total: 1, perKind: { sendFail: 1 } },
  invariants: [coreInvariants.noLostMessages, oneOrderPerSubmittedCart],
  // Mutants of the solution this small model cannot tell apart from it, and why: grow the model
  // until it catches them, or keep the reason true (`npm run verify-exercises` checks both).
  equivalentMutants: {
    'swap-calls in submitCart #1':
      'only the send can fail here, so sending before saving cannot leave a ghost (exercise 05)',
    'drop-expectedVersion in submitCart #1':
      'one tab submits the cart: no concurrent write to it (exercise 02)',
  },
  files: {
    variants: {
      'swallow-error': {
        description: 'Catches the broker error and carries on.',
        violates: 'noLostMessages',
      },
    },
  },
});
