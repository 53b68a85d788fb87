import { describe, expect, it } from 'vitest';
import { getCompiledMachine } from './index';
import { enabledEvents, runEvents, stateAfter } from './testUtils';

const http = (maxAttempts: number) => getCompiledMachine('httpRequest', { maxAttempts });

describe('httpRequest machine', () => {
  it('succeeds on the first attempt', () => {
    expect(stateAfter(http(1), ['ARRIVE', 'RESPOND'])).toEqual({
      value: 'succeeded',
      context: { maxAttempts: 1, attempt: 1 },
      final: true,
    });
  });

  it('retries every kind of failed attempt while attempts are left', () => {
    for (const failure of [
      ['REQUEST_LOST'],
      ['ARRIVE', 'RESPONSE_LOST'],
      ['ARRIVE', 'SERVER_ERROR'],
    ]) {
      expect(stateAfter(http(2), failure)).toMatchObject({
        value: 'sending',
        context: { attempt: 2 },
      });
    }
  });

  it('fails when the response of the last attempt is lost (the server may have committed)', () => {
    expect(
      stateAfter(http(2), ['ARRIVE', 'RESPONSE_LOST', 'ARRIVE', 'RESPONSE_LOST']),
    ).toMatchObject({ value: 'failed', context: { attempt: 2 }, final: true });
    expect(stateAfter(http(1), ['REQUEST_LOST']).value).toBe('failed');
    expect(stateAfter(http(1), ['ARRIVE', 'SERVER_ERROR']).value).toBe('failed');
  });

  it('enables wire events while sending and server outcomes while processing', () => {
    const h = http(3);
    expect(enabledEvents(h, h.initial)).toEqual(['ARRIVE', 'REQUEST_LOST']);
    expect(enabledEvents(h, runEvents(h, ['ARRIVE']))).toEqual([
      'RESPOND',
      'RESPONSE_LOST',
      'SERVER_ERROR',
    ]);
  });

  it('has 3m + 1 reachable states', () => {
    for (const m of [1, 2, 3, 7]) expect(http(m).states.length).toBe(3 * m + 1);
  });
});
