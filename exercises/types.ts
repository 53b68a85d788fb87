/**
 * The types learner handler files import (`import type { HandlerContext } from '../types'`).
 * Type-only: the sandbox erases these imports, so learner code never loads engine code.
 */
export type {
  HandlerContext,
  HttpRequest,
  IncomingMessage,
  SendOptions,
  StoreOptions,
} from '../src/sim/context';
export type { Doc, OutgoingMessage, WriteOp, ExpectedVersion } from '../src/sim/effects';

/** The pierogi shop's shopping cart. */
export interface Cart {
  customer: string;
  items: string[];
  submitted?: boolean;
  accepted?: boolean;
}

export interface Order {
  cartId: string;
  customer: string;
  items: string[];
  lines?: string[];
}
