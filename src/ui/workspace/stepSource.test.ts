import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { stepSource } from './stepSource';
import { formatValue } from './StateTable';

const starter = readFileSync('exercises/18-model-checking/starter.ts', 'utf8');

describe("a step's code in the learner's model", () => {
  it('is the method of that name, braces balanced, dedented', () => {
    expect(stepSource(starter, 'SendOutgoingMsg')).toBe(
      [
        'SendOutgoingMsg(s) {',
        '  if (failed(s)) return;',
        '  s.queueOut.add(s.msg, s.txId);',
        "  s.goto('UpdateDb');",
        '}',
      ].join('\n'),
    );
  });

  it('is absent for a name that is not a step, or not a name', () => {
    expect(stepSource(starter, 'NoSuchStep')).toBeNull();
    expect(stepSource(starter, 'a.*')).toBeNull();
  });
});

describe('state values in the lesson notation', () => {
  it('shows sets, (message, txId) pairs and counters', () => {
    expect(formatValue([1, 2])).toBe('{1, 2}');
    expect(formatValue([{ id: 1, txId: 3 }])).toBe('{(1, tx3)}');
    expect(formatValue({ 1: 0, 2: 1 })).toBe('1→0, 2→1');
    expect(formatValue('Receive')).toBe('Receive');
  });
});
