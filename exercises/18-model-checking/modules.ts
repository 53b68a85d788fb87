// The variant files as evaluated modules, for tests, the benchmark and in-thread checks. In the
// app, the learner's edited text goes through the sandbox instead (see src/checker/registry.ts).
import type { HandlerModule } from './types';
import type { ModelCheckingVariantId } from './manifest';
import * as starter from './starter';
import * as solution from './solution';
import * as sendFirst from './variants/send-first';
import * as dbFirst from './variants/db-first';
import * as atomic from './variants/atomic';
import * as guarded from './variants/guarded';
import * as perMessageFailures from './variants/per-message-failures';

export const variantModules: Record<ModelCheckingVariantId, HandlerModule> = {
  starter,
  'send-first': sendFirst,
  'db-first': dbFirst,
  atomic,
  guarded,
  'per-message-failures': perMessageFailures,
  solution,
};
