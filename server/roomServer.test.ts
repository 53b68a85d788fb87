/**
 * The room server with real clients over real sockets (Node's `ws`): the instructor sees an
 * attendee's status live, follow-me reaches the attendee, and the trust rules hold — an attendee
 * cannot write another's document or the control document, a write that breaks the schema is
 * refused, a team shares its mob timer with its members only, and a restart loses nothing
 * (documents are kept in files).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { RoomConnection, createRoom, joinRoom } from '../src/room/client';
import type { PersonView } from '../src/room/client';
import { roomDocName } from '../src/room/protocol';
import type { Control, SharedMobTimer } from '../src/room/protocol';
import { createRoomServer } from './roomServer';
import { until } from './testing';

const SECRET = 'test-secret';
let dataDir: string;
let room: ReturnType<typeof createRoomServer>;
let server: string;

async function start() {
  room = createRoomServer({ port: 0, dataDir, secret: SECRET });
  server = `http://127.0.0.1:${await room.listen()}`;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'room-'));
  await start();
});
afterAll(async () => {
  await room.destroy();
  rmSync(dataDir, { recursive: true, force: true });
});

const connect = (c: ConstructorParameters<typeof RoomConnection>[0]) =>
  new RoomConnection(c, { WebSocketPolyfill: WebSocket });

/** A raw client on any document with any token: what a hostile attendee could try. */
function rawClient(name: string, token: string) {
  const socket = new HocuspocusProviderWebsocket({
    url: server.replace('http', 'ws'),
    WebSocketPolyfill: WebSocket,
  });
  const document = new Y.Doc();
  let provider!: HocuspocusProvider;
  const failed = new Promise<string>((resolve) => {
    provider = new HocuspocusProvider({
      websocketProvider: socket,
      name,
      document,
      token,
      onAuthenticationFailed: ({ reason }) => resolve(reason),
    });
    provider.attach();
  });
  const scope = new Promise<string>((resolve) =>
    provider.on('authenticated', ({ scope: s }: { scope: string }) => resolve(s)),
  );
  const closed = new Promise<void>((resolve) => provider.on('close', () => resolve()));
  return { document, failed, scope, closed, destroy: () => socket.destroy() };
}

describe('the room server', () => {
  it("shows an attendee's exercise and verdict to the instructor, live; follow-me reaches them", async () => {
    const instructor = connect(await createRoom(server));
    const ada = connect(
      await joinRoom(server, instructor.credentials.room, { name: 'Ada', team: 'A' }),
    );
    try {
      ada.setStatus({ name: 'Ada', exercise: '04-lost-message', since: 1 });
      ada.setStatus({
        verdict: {
          folder: '04-lost-message',
          verdict: 'violated',
          invariant: 'noLostMessages',
          at: 2,
        },
        hand: true,
      });
      const people = await until<PersonView[]>(
        (l) => instructor.onPeople(l),
        (p) => p[0]?.status.verdict?.invariant === 'noLostMessages',
      );
      expect(people).toHaveLength(1);
      expect(people[0]).toMatchObject({
        name: 'Ada',
        team: 'A',
        status: { exercise: '04-lost-message', hand: true },
      });

      instructor.follow('05-ghost-message', 3);
      const control = await until<Control>(
        (l) => ada.onControl(l),
        (c) => c.follow?.folder === '05-ghost-message',
      );
      expect(control.follow).toEqual({ folder: '05-ghost-message', at: 3 });
    } finally {
      ada.destroy();
      instructor.destroy();
    }
  });

  it("refuses anyone outside the room, an attendee on another's document, and a bad token", async () => {
    const instructor = await createRoom(server);
    const other = await createRoom(server);
    const ada = await joinRoom(server, instructor.room, { name: 'Ada' });
    const bob = await joinRoom(server, instructor.room, { name: 'Bob' });
    const bobsDoc = roomDocName({ room: instructor.room, kind: 'person', person: bob.person });
    const attempts = [
      rawClient(bobsDoc, ada.token), // Ada on Bob's document
      rawClient(roomDocName({ room: instructor.room, kind: 'roster' }), ada.token),
      rawClient(roomDocName({ room: other.room, kind: 'control' }), instructor.key), // another room
      rawClient(bobsDoc, `person.${bob.person}.forged`),
    ];
    try {
      for (const a of attempts) await expect(a.failed).resolves.toBeTruthy();
    } finally {
      for (const a of attempts) a.destroy();
    }
  });

  it("applies no write from a reader, nor one that breaks the document's schema", async () => {
    const creds = await createRoom(server);
    const ada = await joinRoom(server, creds.room, { name: 'Ada' });
    const instructor = connect(creds);
    const attendee = connect(ada);
    try {
      // The attendee writes the control document (read-only for them): nothing reaches others.
      const control = roomDocName({ room: creds.room, kind: 'control' });
      const sneaky = rawClient(control, ada.token);
      await expect(sneaky.scope).resolves.toBe('readonly');
      sneaky.document.getMap('control').set('follow', { folder: '13-sneaky', at: 9 });
      // A status that breaks the schema (a name of 500 characters) is refused.
      attendee.setStatus({ exercise: '04-lost-message' });
      await attendee.synced();
      const huge = rawClient(
        roomDocName({ room: creds.room, kind: 'person', person: ada.person }),
        ada.token,
      );
      huge.document.getMap('status').set('name', 'x'.repeat(500));
      huge.document.getMap('status').set('exercise', '99-not-real');
      // The server closes a connection whose write it refuses.
      await huge.closed;

      const people = await until<PersonView[]>(
        (l) => instructor.onPeople(l),
        (p) => p[0]?.synced === true && p[0].status.exercise !== undefined,
      );
      expect(people[0]!.status).toEqual({ exercise: '04-lost-message' });
      const seen = await until<Control>(
        (l) => instructor.onControl(l),
        () => true,
      );
      expect(seen.follow).toBeUndefined();
      sneaky.destroy();
      huge.destroy();
    } finally {
      attendee.destroy();
      instructor.destroy();
    }
  });

  it("shares a team's mob timer among its members only; another team, no team or a forged team is refused", async () => {
    const creds = await createRoom(server);
    const adaCreds = await joinRoom(server, creds.room, { name: 'Ada', team: 'Pierogi' });
    // The same team, named with other case and spacing.
    const boCreds = await joinRoom(server, creds.room, { name: 'Bo', team: '  pierogi ' });
    const cyCreds = await joinRoom(server, creds.room, { name: 'Cy', team: 'Dumplings' });
    const dee = await joinRoom(server, creds.room, { name: 'Dee' });
    expect(adaCreds.teamId).toMatch(/^[a-f0-9]{16}$/);
    expect(boCreds.teamId).toBe(adaCreds.teamId);
    expect(cyCreds.teamId).not.toBe(adaCreds.teamId);
    expect(dee.teamId).toBeUndefined();
    const ada = connect(adaCreds);
    const bo = connect(boCreds);
    const timer = {
      names: ['Ada', 'Bo'],
      turnMs: 60_000,
      turn: 0,
      running: true,
      endsAtMs: 1_000_000,
      leftMs: 60_000,
      turnEnded: false,
    };
    const pierogi = roomDocName({ room: creds.room, kind: 'team', team: adaCreds.teamId! });
    // Cy's team id in a token of his own, signed for his team: not Pierogi's document.
    const forged = cyCreds.token.replace(cyCreds.teamId!, adaCreds.teamId!);
    const attempts = [
      rawClient(pierogi, cyCreds.token),
      rawClient(pierogi, dee.token),
      rawClient(pierogi, forged),
    ];
    try {
      ada.setTeamTimer(timer);
      const seen = await until<SharedMobTimer>(
        (l) => bo.onTeamTimer(l),
        (t) => t.running,
      );
      expect(seen).toEqual(timer);
      for (const a of attempts) await expect(a.failed).resolves.toBeTruthy();
      // The instructor reads a team's document, never writes it.
      const watching = rawClient(pierogi, creds.key);
      await expect(watching.scope).resolves.toBe('readonly');
      watching.destroy();
      // A timer outside the schema is refused, and its connection closed.
      const bad = rawClient(pierogi, boCreds.token);
      await expect(bad.scope).resolves.toBe('read-write');
      bad.document.getMap('team').set('timer', { ...timer, turnMs: 5 });
      await bad.closed;
      bad.destroy();
    } finally {
      for (const a of attempts) a.destroy();
      ada.destroy();
      bo.destroy();
    }
  });

  it('keeps every document across a restart', async () => {
    const creds = await createRoom(server);
    const ada = connect(await joinRoom(server, creds.room, { name: 'Ada' }));
    ada.setStatus({ exercise: '08-visibility-timeout', hand: true });
    await ada.synced();
    ada.destroy();
    // Documents are stored after a short debounce: destroying the server flushes them.
    await room.destroy();
    await start();
    const instructor = connect({ ...creds, server });
    try {
      const people = await until<PersonView[]>(
        (l) => instructor.onPeople(l),
        (p) => p[0]?.status.exercise === '08-visibility-timeout',
      );
      expect(people[0]!.status.hand).toBe(true);
    } finally {
      instructor.destroy();
    }
  });
});
