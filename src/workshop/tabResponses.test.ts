import { describe, expect, it } from 'vitest';
import { l3Manifest } from '../sim/testing/scenarios';
import type { TabSpec } from '../sim';
import { validateBundle } from './bundle';
import type { ExerciseBundle } from './bundle';

function bundleWith(tabs: TabSpec[]): ExerciseBundle {
  return {
    folder: '99-test',
    order: 99,
    manifest: l3Manifest(2, { tabs }),
    readme: '',
    sources: { 'starter.ts': '', 'solution.ts': '' },
  } as unknown as ExerciseBundle;
}

const submit = (body: unknown, wait?: boolean) => ({
  endpoint: 'Frontend',
  route: 'submit',
  body,
  ...(wait === undefined ? {} : { wait }),
});

describe('validateBundle: request fields taken from a response', () => {
  it('accepts a field taken from the response the tab waited for', () => {
    const tabs = [
      {
        name: 'alice',
        actions: [submit({ cartId: 'cart-1' }), submit({ t: { $fromResponse: 'token' } })],
      },
    ];
    expect(validateBundle(bundleWith(tabs)).filter((p) => p.includes('body.t'))).toEqual([]);
  });

  it('rejects one on the first action, or after an action that does not wait', () => {
    const first = [{ name: 'alice', actions: [submit({ t: { $fromResponse: 'token' } })] }];
    expect(validateBundle(bundleWith(first))).toContain(
      'exercises/99-test/manifest.ts: workload.tabs.alice.actions[0].body.t: takes "token" from the last response, so the action before it must wait for its response',
    );
    const noWait = [
      {
        name: 'alice',
        actions: [submit({ cartId: 'cart-1' }, false), submit({ t: { $fromResponse: 'token' } })],
      },
    ];
    expect(validateBundle(bundleWith(noWait)).join('\n')).toContain(
      'actions[1].body.t: takes "token"',
    );
  });

  it('rejects a malformed reference', () => {
    const bad = [
      {
        name: 'alice',
        actions: [submit({ cartId: 'cart-1' }), submit({ t: { $fromResponse: 3 } })],
      },
    ];
    expect(validateBundle(bundleWith(bad))).toContain(
      'exercises/99-test/manifest.ts: workload.tabs.alice.actions[1].body.t: write { $fromResponse: "<field of the last response>" }',
    );
  });
});
