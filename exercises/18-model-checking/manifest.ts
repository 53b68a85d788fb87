/**
 * Exercise 18: model checking the message handler (the workshop's TLA+ lesson, curriculum §2.1).
 * A model-checking exercise: copy this folder to make another (see docs/AUTHORING.md).
 */
import { defineModelChecking } from '../../src/workshop/modelCheckingManifest';

export type ModelCheckingVariantId =
  | 'starter'
  | 'send-first'
  | 'db-first'
  | 'atomic'
  | 'guarded'
  | 'per-message-failures'
  | 'solution';

export default defineModelChecking({
  id: 'model-checking',
  title: 'Model checking the message handler',
  summary:
    'Edit a handler made of labelled atomic steps and its invariants, check every interleaving ' +
    'of failures exhaustively, and watch the state count grow with N and MaxFailures.',
  block: 'Model checking',
  parameters: [
    { id: 'messages', label: 'Messages (N)', default: 2, min: 1, max: 6 },
    { id: 'maxFailures', label: 'MaxFailures', default: 1, min: 0, max: 6 },
  ],
  variants: [
    { id: 'starter', title: '1. Run the checker', violates: null },
    { id: 'send-first', title: '2. Ghost messages', violates: 'NoGhostMessages' },
    { id: 'db-first', title: '3. Lost messages', violates: 'NoLostMessages' },
    { id: 'atomic', title: '4. Duplicate processing', violates: 'NoDuplicatedProcessings' },
    {
      id: 'guarded',
      title: '5-6. Realistic failures, consistent output',
      violates: 'ConsistentOutput',
    },
    {
      id: 'per-message-failures',
      title: '6. Fixed, one failure counter per message',
      violates: null,
    },
    { id: 'solution', title: '7. The "diet" model', file: 'solution.ts', violates: null },
  ],
});
