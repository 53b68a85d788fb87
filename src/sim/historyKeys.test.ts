import { describe, expect, it } from 'vitest';
import { logicalKey, parseLogicalKey, parseReadKey, readKey } from './historyKeys';

describe('history keys', () => {
  it('read back what they were built from, even when an id contains the separator', () => {
    expect(parseLogicalKey(logicalKey('Orders', 'cart-1'))).toEqual({
      endpoint: 'Orders',
      incomingId: 'cart-1',
    });
    expect(parseLogicalKey(logicalKey('Api', 'r|2'))).toEqual({
      endpoint: 'Api',
      incomingId: 'r|2',
    });
    expect(parseReadKey(readKey('orders', 'o|1'))).toEqual({ store: 'orders', target: 'o|1' });
  });
});
