import { describe, expect, it } from 'vitest';
import { getCompiledMachine } from './index';
import { runEvents } from './testUtils';

describe('externalApi machine', () => {
  const api = getCompiledMachine('externalApi', {});

  it('shows how the last call ended, from any state', () => {
    const outcomes = {
      CALL_OK: 'responded',
      CALL_FAILED: 'failed',
      CALL_COMMITTED_RESPONSE_LOST: 'responseLost',
    } as const;
    expect(api.states.map((s) => s.value)).toEqual([
      'ready',
      'responded',
      'failed',
      'responseLost',
    ]);
    for (let state = 0; state < api.states.length; state++) {
      for (const [event, value] of Object.entries(outcomes)) {
        expect(api.states[api.next(state, event)]?.value).toBe(value);
      }
    }
  });

  it('enables a repeat of the same outcome (a self-transition)', () => {
    const responded = runEvents(api, ['CALL_OK']);
    expect(api.next(responded, 'CALL_OK')).toBe(responded);
    expect(api.isFinal(responded)).toBe(false);
  });
});
