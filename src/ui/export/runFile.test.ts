import { describe, expect, it } from 'vitest';
import { RUN_FORMAT, parseRunFile, toRunFile } from './runFile';

const run = { code: 'x', settings: { k: 'v' }, labels: ['a', 'b'], cursor: 1, seed: 7 };

describe('run files', () => {
  it('round-trips a run with its format version', () => {
    const text = toRunFile('04-lost-message', 'starter.ts', run, 'noLostMessages');
    const data = JSON.parse(text) as Record<string, unknown>;
    expect(data).toMatchObject({ format: RUN_FORMAT, version: 1, exercise: '04-lost-message' });
    expect(parseRunFile(text)).toEqual({
      ok: true,
      run: { ...data },
    });
  });

  it('explains bad files', () => {
    expect(parseRunFile('{')).toMatchObject({ ok: false, message: /not valid JSON/ });
    expect(parseRunFile('[]')).toMatchObject({ ok: false, message: /not a JSON object/ });
    expect(parseRunFile('{"format":"x"}')).toMatchObject({ ok: false, message: /"format"/ });
    const bad = JSON.parse(toRunFile('04-lost-message', 'starter.ts', run)) as Record<
      string,
      unknown
    >;
    bad.cursor = 9;
    expect(parseRunFile(JSON.stringify(bad))).toMatchObject({
      ok: false,
      message: /position in the run is not valid. Nothing was changed/,
    });
  });
});
