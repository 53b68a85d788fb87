import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED, exerciseHash, parseHash, shareHash, sharedRunHash } from './routing';
import { encodeShare } from './shareLink';

describe('parseHash', () => {
  it('reads the learning path', () => {
    expect(parseHash('')).toEqual({ name: 'path' });
    expect(parseHash('#/')).toEqual({ name: 'path' });
    expect(parseHash('#')).toEqual({ name: 'path' });
  });

  it('reads an exercise with and without a seed', () => {
    expect(parseHash('#/exercise/04-lost-message?seed=42')).toEqual({
      name: 'exercise',
      folder: '04-lost-message',
      seed: 42,
    });
    // No seed in the URL: the page opens the exercise's opening run (default DEFAULT_SEED).
    expect(parseHash('#/exercise/04-lost-message')).toEqual({
      name: 'exercise',
      folder: '04-lost-message',
    });
    expect(DEFAULT_SEED).toBe(0);
  });

  it('round-trips exerciseHash', () => {
    expect(parseHash(exerciseHash('18-model-checking', 4294967295))).toEqual({
      name: 'exercise',
      folder: '18-model-checking',
      seed: 4294967295,
    });
  });

  it('explains malformed seeds, folders and paths', () => {
    for (const bad of ['#/exercise/04-lost-message?seed=abc', '#/exercise/04-x?seed=-1']) {
      const r = parseHash(bad);
      expect(r.name).toBe('badUrl');
      if (r.name === 'badUrl') expect(r.message).toMatch(/seed/);
    }
    expect(parseHash('#/exercise/4294967296x').name).toBe('badUrl');
    expect(parseHash('#/exercise/%E0%A4%A').name).toBe('badUrl');
    expect(parseHash('#/exercise/<script>').name).toBe('badUrl');
    expect(parseHash('#/nowhere').name).toBe('badUrl');
    expect(parseHash('#/exercise/04-lost-message/extra').name).toBe('badUrl');
    expect(parseHash('#/exercise/04-lost-message?seed=99999999999').name).toBe('badUrl');
  });
});

describe('share routes', () => {
  it('decodes a share link and explains a damaged one', () => {
    const run = { code: 'x', settings: {}, labels: ['alice acts'], cursor: 1, seed: 7 };
    expect(parseHash(shareHash('04-lost-message', run))).toEqual({
      name: 'exercise',
      folder: '04-lost-message',
      seed: 7,
      share: run,
    });
    const bad = parseHash('#/exercise/04-lost-message?share=garbage');
    expect(bad.name).toBe('badUrl');
  });

  it('opens a shared run read-only only with a valid run in it', () => {
    const run = { code: 'x', settings: {}, labels: ['alice acts'], cursor: 1, seed: 7 };
    expect(parseHash(sharedRunHash('04-lost-message', encodeShare(run)))).toEqual({
      name: 'shared',
      folder: '04-lost-message',
      share: run,
      ask: false,
    });
    // Sent by the instructor's follow-me: the page asks before the code runs.
    expect(parseHash(sharedRunHash('04-lost-message', encodeShare(run), true))).toMatchObject({
      name: 'shared',
      ask: true,
    });
    expect(parseHash('#/shared/04-lost-message').name).toBe('badUrl');
    expect(parseHash('#/shared/04-lost-message?share=garbage').name).toBe('badUrl');
    expect(parseHash('#/shared/not-a-folder?share=x').name).toBe('badUrl');
  });
});

describe('room routes', () => {
  it('parses the agenda and the presenter window', () => {
    expect(parseHash('#/agenda')).toEqual({ name: 'agenda' });
    expect(parseHash('#/present')).toEqual({ name: 'present' });
  });
});
