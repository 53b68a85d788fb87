/**
 * Exercise 18: model checking the message handler (the workshop's TLA+ lesson, curriculum §2.1).
 * Its manifest's shape is src/workshop/modelCheckingManifest.ts.
 */
import type { ModelCheckingManifest } from '../../src/workshop/modelCheckingManifest';

export type ModelCheckingVariantId =
  | 'starter'
  | 'send-first'
  | 'db-first'
  | 'atomic'
  | 'guarded'
  | 'per-message-failures'
  | 'solution';

export const manifest: ModelCheckingManifest = {
  kind: 'model-checking',
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
    { id: 'starter', title: '1. Run the checker', file: 'starter.ts', expectedViolation: null },
    {
      id: 'send-first',
      title: '2. Ghost messages',
      file: 'variants/send-first.ts',
      expectedViolation: 'NoGhostMessages',
    },
    {
      id: 'db-first',
      title: '3. Lost messages',
      file: 'variants/db-first.ts',
      expectedViolation: 'NoLostMessages',
    },
    {
      id: 'atomic',
      title: '4. Duplicate processing',
      file: 'variants/atomic.ts',
      expectedViolation: 'NoDuplicatedProcessings',
    },
    {
      id: 'guarded',
      title: '5-6. Realistic failures, consistent output',
      file: 'variants/guarded.ts',
      expectedViolation: 'ConsistentOutput',
    },
    {
      id: 'per-message-failures',
      title: '6. Fixed, one failure counter per message',
      file: 'variants/per-message-failures.ts',
      expectedViolation: null,
    },
    { id: 'solution', title: '7. The "diet" model', file: 'solution.ts', expectedViolation: null },
  ],
};

export default manifest;
