import { describe, expect, it } from 'vitest';
import { tlaTrace, tlaTraceText, tlaValue } from './tlaTrace';

describe('a model-checking counterexample as a TLC error trace', () => {
  it('writes values in TLA+ notation', () => {
    expect(tlaValue([])).toBe('{}');
    expect(tlaValue([1, 2])).toBe('{1, 2}');
    expect(tlaValue([{ id: 1, txId: 3 }])).toBe('{<<1, 3>>}');
    expect(tlaValue({ 1: 0, 2: 2 })).toBe('<<0, 2>>');
    expect(tlaValue('Receive')).toBe('"Receive"');
    expect(tlaValue(true)).toBe('TRUE');
    expect(tlaValue({ a: 1 })).toBe('[a |-> 1]');
  });

  it('numbers the states from 1, names each by its step, sorts the variables and marks changes', () => {
    const states = [
      { pc: 'MainLoop', queueIn: [1], db: [] },
      { pc: 'Receive', queueIn: [1], db: [] },
      { pc: 'MainLoop', queueIn: [1], db: [{ id: 1, txId: 1 }] },
    ];
    const trace = tlaTrace(['MainLoop', 'UpdateDb: fail'], states);
    expect(trace.map((s) => s.heading)).toEqual([
      'State 1: <Initial predicate>',
      'State 2: <MainLoop>',
      'State 3: <UpdateDb (fail)>',
    ]);
    expect(trace[0]!.conjuncts.map((c) => c.variable)).toEqual(['db', 'pc', 'queueIn']);
    expect(trace[0]!.conjuncts.some((c) => c.changed)).toBe(false);
    expect(trace[1]!.conjuncts.filter((c) => c.changed).map((c) => c.variable)).toEqual(['pc']);
    expect(trace[2]!.conjuncts.filter((c) => c.changed).map((c) => c.variable)).toEqual([
      'db',
      'pc',
    ]);
    expect(tlaTraceText(trace)).toContain(
      'State 3: <UpdateDb (fail)>\n/\\ db = {<<1, 1>>}\n/\\ pc = "MainLoop"\n/\\ queueIn = {1}',
    );
  });
});
