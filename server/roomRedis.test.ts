/**
 * Two room servers sharing one Redis (Debian's redis-server, started here on a port of its own)
 * serve one room: an attendee on one server, the instructor on the other, and the instructor
 * sees the attendee live; follow-me crosses back.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RoomConnection, createRoom, joinRoom } from '../src/room/client';
import type { PersonView } from '../src/room/client';
import type { Control } from '../src/room/protocol';
import { createRoomServer } from './roomServer';
import { until } from './testing';

// .ci/run installs redis-server; a developer without it gets this file skipped, said so here.
const HAS_REDIS = spawnSync('redis-server', ['--version']).status === 0;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

let redis: ChildProcess;
let redisPort: number;
const dirs: string[] = [];
const servers: ReturnType<typeof createRoomServer>[] = [];

async function roomServer(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'room-redis-'));
  dirs.push(dataDir);
  const s = createRoomServer({
    port: 0,
    dataDir,
    secret: 'shared-secret',
    redis: { host: '127.0.0.1', port: redisPort },
  });
  servers.push(s);
  return `http://127.0.0.1:${await s.listen()}`;
}

describe.skipIf(!HAS_REDIS)('two room servers with Redis', () => {
  beforeAll(async () => {
    redisPort = await freePort();
    redis = spawn(
      'redis-server',
      ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve) => {
      redis.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Ready to accept connections')) resolve();
      });
    });
  });

  afterAll(async () => {
    for (const s of servers) await s.destroy();
    redis?.kill();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('serve one room: an attendee on one, the instructor on the other', async () => {
    const a = await roomServer();
    const b = await roomServer();
    const creds = await createRoom(b);
    // The attendee joins through server A with the room made on B (tokens need only the secret).
    const ada = new RoomConnection(await joinRoom(a, creds.room, { name: 'Ada' }), {
      WebSocketPolyfill: WebSocket,
    });
    const instructor = new RoomConnection(creds, { WebSocketPolyfill: WebSocket });
    try {
      ada.setStatus({ exercise: '12-outbox', hand: true });
      const people = await until<PersonView[]>(
        (l) => instructor.onPeople(l),
        (p) => p[0]?.status.exercise === '12-outbox',
      );
      expect(people[0]).toMatchObject({ name: 'Ada', status: { hand: true } });
      instructor.follow('13-inbox', 5);
      const control = await until<Control>(
        (l) => ada.onControl(l),
        (c) => c.follow?.folder === '13-inbox',
      );
      expect(control.follow?.at).toBe(5);
    } finally {
      ada.destroy();
      instructor.destroy();
    }
  });
});
