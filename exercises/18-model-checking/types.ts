// The types a model file of this exercise uses (type-only: the sandbox strips these imports).
export type {
  Counters,
  HandlerModule,
  HandlerParams,
  HandlerState,
  IdSet,
  InvariantSpec,
  Invariants,
  PairSet,
  Step,
  Steps,
} from '../../src/checker/messageHandler/dsl';
