import { describe, expect, it } from 'vitest';
import type { CounterexampleHint } from '../sim';
import { matchHints } from './hints';
import type { HintStep } from './hints';

const twice: CounterexampleHint = { when: { lineRanTwice: true }, text: 'Same line, twice.' };
const lostSend: CounterexampleHint = {
  when: { invariant: 'noLostMessages', fault: 'sendFail' },
  text: 'The send failed after the save.',
};

const step = (s: Partial<HintStep>): HintStep => ({ fault: null, ...s });

describe('hints tied to the failing run', () => {
  it('a line that ran in two attempts at one input matches, and says which', () => {
    const steps = [
      step({ line: 27, attempt: 'm1@Orders', input: 'm1' }),
      step({ fault: 'duplicate' }),
      step({ line: 27, attempt: 'm1@Orders', input: 'm1' }),
      step({ line: 27, attempt: 'm1>Orders#2@Orders', input: 'm1' }),
    ];
    expect(matchHints([twice], 'atMostOneOrderPerCart', steps)).toEqual([
      {
        text: 'Same line, twice.',
        detail: 'Line 27 ran in m1@Orders and in m1>Orders#2@Orders, both for m1.',
      },
    ]);
  });

  it('the same line for two different inputs, or one attempt twice, does not', () => {
    const steps = [
      step({ line: 27, attempt: 'm1@Orders', input: 'm1' }),
      step({ line: 27, attempt: 'm1@Orders', input: 'm1' }),
      step({ line: 27, attempt: 'm2@Orders', input: 'm2' }),
    ];
    expect(matchHints([twice], 'x', steps)).toEqual([]);
  });

  it('every condition given must hold: the invariant and the fault', () => {
    const withFault = [step({ fault: 'sendFail' })];
    expect(matchHints([lostSend], 'noLostMessages', withFault)).toEqual([
      { text: 'The send failed after the save.', detail: null },
    ]);
    expect(matchHints([lostSend], 'oneOrderPerSubmittedCart', withFault)).toEqual([]);
    expect(matchHints([lostSend], 'noLostMessages', [step({ fault: 'storeFail' })])).toEqual([]);
    expect(matchHints(undefined, 'noLostMessages', withFault)).toEqual([]);
  });
});
