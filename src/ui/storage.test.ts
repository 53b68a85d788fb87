import { describe, expect, it } from 'vitest';
import { EMPTY_PROGRESS, parseProgress, serializeProgress, statusOf } from './storage';
import type { Progress } from './storage';

const progress: Progress = {
  version: 2,
  exercises: {
    '04-lost-message': { code: 'x', settings: { 'faults.total': '2' }, status: 'passed' },
    '05-ghost-message': { code: 'y', settings: {}, status: 'in-progress' },
  },
};

describe('progress storage', () => {
  it('round-trips', () => {
    expect(parseProgress(serializeProgress(progress))).toEqual({
      progress,
      notice: null,
      damaged: false,
    });
    expect(statusOf(progress, '04-lost-message')).toBe('passed');
    expect(statusOf(progress, '03-going-async')).toBe('not-started');
  });

  it('starts empty without a notice', () => {
    expect(parseProgress(null)).toEqual({ progress: EMPTY_PROGRESS, notice: null, damaged: false });
  });

  it('starts afresh from corrupt, unversioned and future data, marking it for quarantine', () => {
    const truncated = serializeProgress(progress).slice(0, -1);
    for (const raw of [truncated, '[]', '"x"', '{"exercises":{}}', '{"version":99}']) {
      const r = parseProgress(raw);
      expect(r.progress).toEqual(EMPTY_PROGRESS);
      expect(r.damaged).toBe(true);
      expect(r.notice).toMatch(/starts afresh.*kept: download it/);
    }
  });

  it('has no silent size caps: a 250,000-character file and long settings are kept', () => {
    const big = {
      version: 2,
      exercises: {
        '04-lost-message': {
          code: 'x'.repeat(250_000),
          settings: { 'faults.total': '2' },
          status: 'in-progress',
        },
      },
    };
    expect(
      parseProgress(JSON.stringify(big)).progress.exercises['04-lost-message']?.code,
    ).toHaveLength(250_000);
    const odd = {
      version: 2,
      exercises: {
        '04-lost-message': {
          code: 'mine',
          settings: { ok: '1', long: 'y'.repeat(500) },
          status: 'in-progress',
        },
      },
    };
    const r = parseProgress(JSON.stringify(odd));
    expect(r.progress.exercises['04-lost-message']).toEqual({
      code: 'mine',
      settings: { ok: '1' },
      status: 'in-progress',
    });
    expect(r).toMatchObject({ damaged: true });
    expect(r.notice).toMatch(/damaged setting/);
  });

  it('keeps the valid entries of partly damaged data', () => {
    const raw = JSON.stringify({
      version: 2,
      exercises: {
        ...progress.exercises,
        '08-visibility-timeout': { code: 42, status: 'passed' },
        '../../etc': { code: 'z', settings: {}, status: 'passed' },
      },
    });
    const r = parseProgress(raw);
    expect(r.progress).toEqual(progress);
    expect(r.notice).toMatch(/2 saved exercises could not be read/);
    expect(r.damaged).toBe(true);
  });

  it('migrates version 1', () => {
    const raw = JSON.stringify({
      version: 1,
      code: { '04-lost-message': 'x', '05-ghost-message': 'y' },
      passed: ['04-lost-message'],
    });
    const r = parseProgress(raw);
    expect(r.progress.exercises['04-lost-message']).toEqual({
      code: 'x',
      settings: {},
      status: 'passed',
    });
    expect(r.progress.exercises['05-ghost-message']?.status).toBe('in-progress');
    expect(r.notice).toMatch(/older version/);
  });
});
