import { describe, expect, it } from 'vitest';
import { checkRoomDoc, parseRoomDocName, roomDocName } from './protocol';

describe("the room's documents", () => {
  it('names round-trip; anything else is not a room document', () => {
    const person = { room: 'abcdef123456', kind: 'person', person: 'zyx987654321' } as const;
    expect(parseRoomDocName(roomDocName(person))).toEqual(person);
    const team = { room: 'abcdef123456', kind: 'team', team: '0123456789abcdef' } as const;
    expect(parseRoomDocName(roomDocName(team))).toEqual(team);
    expect(parseRoomDocName('room/abcdef123456/control')).toEqual({
      room: 'abcdef123456',
      kind: 'control',
    });
    for (const bad of [
      'room/abc/control',
      'room/abcdef123456/person',
      'other/abcdef123456/roster',
      'room/ABCDEF123456/control',
      'room/abcdef123456/person/../x',
      'room/abcdef123456/team',
      'room/abcdef123456/team/Pierogi',
    ])
      expect(parseRoomDocName(bad)).toBeNull();
  });

  it('accept only their one map, meeting its schema', () => {
    const ok = {
      name: 'Ada',
      exercise: '04-lost-message',
      since: 5,
      verdict: {
        folder: '04-lost-message',
        verdict: 'violated',
        invariant: 'noLostMessages',
        at: 6,
      },
      hand: true,
    };
    expect(checkRoomDoc('person', ['status'], ok)).toEqual({ ok: true });
    expect(checkRoomDoc('person', ['status', 'code'], ok).ok).toBe(false);
    expect(checkRoomDoc('person', ['status'], { ...ok, name: 'x'.repeat(41) }).ok).toBe(false);
    expect(checkRoomDoc('person', ['status'], { ...ok, code: 'export …' }).ok).toBe(false);
    expect(checkRoomDoc('person', ['status'], { ...ok, exercise: '../etc' }).ok).toBe(false);
    expect(
      checkRoomDoc('person', ['status'], { ...ok, verdict: { ...ok.verdict, verdict: 'pwned' } })
        .ok,
    ).toBe(false);
    expect(
      checkRoomDoc('control', ['control'], {
        follow: { folder: '06-resend-if-in-doubt', at: 1 },
        reveal: { folder: '06-resend-if-in-doubt', what: 'hints', at: 2 },
      }),
    ).toEqual({ ok: true });
    expect(
      checkRoomDoc('control', ['control'], {
        reveal: { folder: '06-resend-if-in-doubt', what: 'everything', at: 2 },
      }).ok,
    ).toBe(false);
    // Follow me to a shared run: a share link's payload, URL-safe characters only.
    const follow = (share: string) =>
      checkRoomDoc('control', ['control'], {
        follow: { folder: '06-resend-if-in-doubt', at: 3, share },
      }).ok;
    expect(follow('N4IgbghgNg+1D$-')).toBe(true);
    expect(follow('<script>')).toBe(false);
    expect(follow('x'.repeat(48_001))).toBe(false);
    const timer = {
      names: ['Ada'],
      turnMs: 60_000,
      turn: 0,
      running: false,
      endsAtMs: null,
      leftMs: 60_000,
      turnEnded: false,
    };
    expect(checkRoomDoc('team', ['team'], { timer })).toEqual({ ok: true });
    expect(
      checkRoomDoc('team', ['team'], { timer: { ...timer, names: ['x'.repeat(41)] } }).ok,
    ).toBe(false);
    expect(checkRoomDoc('team', ['team'], { timer, code: 'x' }).ok).toBe(false);
  });
});
