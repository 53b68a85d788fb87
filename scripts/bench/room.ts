/**
 * The room under load (issue "The room across laptops"): a room server process, one instructor
 * and 40 simulated attendees (Node clients over loopback) for ROOM_BENCH_SECONDS (default 600,
 * ten minutes). Each attendee publishes a new verdict every 15 s on average (staggered), and the
 * instructor's live view notes when it sees each one. Entries:
 * - `room.p95LatencyMs`: 95th percentile from an attendee's verdict to the instructor's view;
 * - `room.serverMBStart`, `room.serverMBEnd`: the server process's resident memory after the room
 *   filled and at the end;
 * - `room.verdicts`: how many verdicts were measured.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { RoomConnection, createRoom, joinRoom } from '../../src/room/client';
import { round } from './report';
import type { BenchEntry } from './report';

const ATTENDEES = 40;
const EVERY_MS = 15_000;
const FOLDERS = ['04-lost-message', '05-ghost-message', '08-visibility-timeout', '12-outbox'];

async function serverMB(server: string): Promise<number> {
  const r = (await (await fetch(`${server}/api/health`)).json()) as { rssMB: number };
  return r.rssMB;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function runRoomBench(): Promise<BenchEntry[]> {
  const seconds = Number(process.env.ROOM_BENCH_SECONDS ?? 600);
  const dataDir = mkdtempSync(join(tmpdir(), 'room-bench-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/room.ts', '--port', '0', '--host', '127.0.0.1', '--data', dataDir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on port (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`the room server exited (${code})`)));
  });
  const server = `http://127.0.0.1:${port}`;
  const options = { WebSocketPolyfill: WebSocket };
  const instructor = new RoomConnection(await createRoom(server), options);
  const room = instructor.credentials.room;
  const attendees: RoomConnection[] = [];
  for (let i = 0; i < ATTENDEES; i++) {
    const c = new RoomConnection(
      await joinRoom(server, room, { name: `attendee ${i + 1}`, team: `team ${(i % 8) + 1}` }),
      options,
    );
    c.setStatus({ name: `attendee ${i + 1}`, exercise: FOLDERS[i % FOLDERS.length]! });
    attendees.push(c);
  }
  // person id -> verdict number -> when it was published.
  const sent = new Map<string, Map<number, number>>();
  const seen = new Map<string, number>();
  const latencies: number[] = [];
  const stop = instructor.onPeople((people) => {
    const t = performance.now();
    for (const p of people) {
      const at = p.status.verdict?.at;
      if (at === undefined || seen.get(p.id) === at) continue;
      seen.set(p.id, at);
      const published = sent.get(p.id)?.get(at);
      if (published !== undefined) latencies.push(t - published);
    }
  });
  await Promise.all([instructor, ...attendees].map((c) => c.synced()));
  const mbStart = await serverMB(server);

  const timers: NodeJS.Timeout[] = [];
  attendees.forEach((c, i) => {
    const id = c.credentials.role === 'person' ? c.credentials.person : '';
    sent.set(id, new Map());
    let n = 0;
    const publish = () => {
      n++;
      sent.get(id)!.set(n, performance.now());
      c.setStatus({
        verdict: {
          folder: FOLDERS[(i + n) % FOLDERS.length]!,
          verdict: n % 3 === 0 ? 'passed' : 'violated',
          ...(n % 3 === 0 ? {} : { invariant: 'noLostMessages' }),
          at: n,
        },
      });
    };
    // Staggered: attendee i starts i/40 of a period in.
    timers.push(
      setTimeout(
        () => {
          publish();
          timers.push(setInterval(publish, EVERY_MS));
        },
        (EVERY_MS * i) / ATTENDEES,
      ),
    );
  });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  for (const t of timers) clearTimeout(t);
  const mbEnd = await serverMB(server);
  stop();
  for (const c of [instructor, ...attendees]) c.destroy();
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
  rmSync(dataDir, { recursive: true, force: true });
  const p95 = percentile(latencies, 95);
  console.log(
    `  room: ${ATTENDEES} attendees for ${seconds} s: ${latencies.length} verdicts, p95 ${Math.round(p95)} ms, server ${Math.round(mbStart)} → ${Math.round(mbEnd)} MB`,
  );
  return [
    { name: 'room.p95LatencyMs', value: round(p95), unit: 'ms' },
    { name: 'room.serverMBStart', value: round(mbStart), unit: 'MB' },
    { name: 'room.serverMBEnd', value: round(mbEnd), unit: 'MB' },
    { name: 'room.verdicts', value: latencies.length, unit: 'verdicts' },
  ];
}
