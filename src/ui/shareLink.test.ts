import { compressToEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare } from './shareLink';
import type { SharedRun } from './shareLink';

const run: SharedRun = {
  code: 'export async function f() {}\n',
  settings: { dispatch: 'batched', 'faults.total': '2' },
  labels: ['alice acts', 'request r1 arrives', 'a1: ok'],
  cursor: 2,
  seed: 42,
};

describe('share links', () => {
  it('round-trip and stay URL-safe', () => {
    const text = encodeShare(run);
    expect(text).toMatch(/^[A-Za-z0-9+\-$_]*$/);
    expect(decodeShare(text)).toEqual({ ok: true, run });
  });

  it('reject garbage, tampering and out-of-range fields with a message', () => {
    const tampered = encodeShare(run).slice(0, -6) + 'AAAAAA';
    const cases = [
      '',
      'not-a-link',
      tampered,
      compressToEncodedURIComponent('[1,2]'),
      compressToEncodedURIComponent(JSON.stringify({ ...run, v: 9 })),
      compressToEncodedURIComponent(JSON.stringify({ ...run, v: 1, cursor: 7 })),
      compressToEncodedURIComponent(JSON.stringify({ ...run, v: 1, labels: [1] })),
      compressToEncodedURIComponent(JSON.stringify({ ...run, v: 1, settings: { a: 1 } })),
      compressToEncodedURIComponent(JSON.stringify({ ...run, v: 1, seed: -1 })),
    ];
    for (const text of cases) {
      const r = decodeShare(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/share link is damaged or was changed/);
    }
  });
});
