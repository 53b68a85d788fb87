/**
 * The room server (issue "The room across laptops"): Hocuspocus (a Yjs sync server) with
 * - a small JSON API on the same port: `POST /api/rooms` creates a room and returns its
 *   instructor key; `POST /api/rooms/<room>/join` adds a person and returns their token;
 * - who may open which document (onAuthenticate): an attendee writes only their own person
 *   document and their team's document (its mob timer) and reads the control document; the
 *   instructor writes the control document and reads everything in their room; nobody else
 *   gets in (src/room/protocol.ts);
 * - every write checked before it is applied (beforeHandleMessage): applied to a copy of the
 *   document first, which must still meet its schema; messages are size-bounded by the socket;
 * - persistence in files, one per document (fileStore.ts), so a restart loses nothing;
 * - optionally Redis, so that several servers serve the same rooms (a large event): updates
 *   travel between them through Hocuspocus's Redis extension, documents are kept in Redis.
 * Tokens are HMACs of the room (and person, and team) under the server's secret: any server
 * sharing the secret accepts them (several servers behind Redis), and nothing else is kept about
 * them. A team's id is an HMAC of its name too: everyone who joins with the same team name (case
 * and spacing aside) is in the same team.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Database } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';
import { Server } from '@hocuspocus/server';
import type { Extension } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as v from 'valibot';
import * as Y from 'yjs';
import {
  DOC_SCHEMAS,
  ID_PATTERN,
  JoinRequest,
  MAX_MESSAGE_BYTES,
  checkRoomDoc,
  parseRoomDocName,
  roomDocName,
} from '../src/room/protocol';
import type { RoomDocKind } from '../src/room/protocol';
import { createFileStore, createRedisStore } from './fileStore';

export interface RoomServerOptions {
  port: number;
  /** Loopback by default: a room on the network is asked for explicitly. */
  address?: string;
  /** Where documents are kept (one file each). */
  dataDir: string;
  /** Signs tokens: servers sharing a room share it. */
  secret: string;
  /**
   * A Redis to share rooms with other servers (Hocuspocus's Redis extension): every server
   * given the same Redis and secret serves the same rooms, documents in sync.
   */
  redis?: { host: string; port: number };
  /** More Hocuspocus extensions. */
  extensions?: Extension[];
  /** The server's clock for `joinedAt` (tests pass their own). */
  now?: () => number;
}

interface Who {
  room: string;
  role: 'instructor' | 'person';
  person?: string;
  /** The person's team id (none: not in a team). */
  team?: string;
}

/** Sync message types of the Yjs protocol (y-protocols/sync) that carry an update. */
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
/** Hocuspocus message types that carry a Yjs sync message. */
const MESSAGE_SYNC = 0;
const MESSAGE_SYNC_REPLY = 4;

function hmac(secret: string, parts: string[], encoding: 'base64url' | 'hex'): string {
  return createHmac('sha256', secret).update(parts.join('\n')).digest(encoding);
}

export function sign(secret: string, ...parts: string[]): string {
  return hmac(secret, parts, 'base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function instructorKey(secret: string, room: string): string {
  return sign(secret, room, 'instructor');
}

/** The id of the team called `name` in `room`: the same for the same name, case and spacing aside. */
export function teamId(secret: string, room: string, name: string): string {
  const normal = name.trim().replace(/\s+/g, ' ').toLowerCase();
  // Hex: a team id is a document name's part, [a-z0-9] only.
  return hmac(secret, [room, 'team', normal], 'hex').slice(0, 16);
}

/** A person's token: `person.<id>.<signature>`, or `person.<id>.<team>.<signature>` in a team. */
export function personToken(secret: string, room: string, person: string, team?: string): string {
  return team
    ? `person.${person}.${team}.${sign(secret, room, 'person', person, team)}`
    : `person.${person}.${sign(secret, room, 'person', person)}`;
}

/** Who a token belongs to in `room`, or null. */
export function verifyToken(secret: string, room: string, token: string): Who | null {
  if (token.startsWith('person.')) {
    const parts = token.split('.');
    if (parts.length !== 3 && parts.length !== 4) return null;
    const person = parts[1]!;
    const team = parts.length === 4 ? parts[2]! : undefined;
    const sig = parts.at(-1)!;
    if (!ID_PATTERN.test(person) || (team !== undefined && !ID_PATTERN.test(team))) return null;
    const expected = team
      ? sign(secret, room, 'person', person, team)
      : sign(secret, room, 'person', person);
    if (!same(sig, expected)) return null;
    return team ? { room, role: 'person', person, team } : { room, role: 'person', person };
  }
  return same(token, instructorKey(secret, room)) ? { room, role: 'instructor' } : null;
}

function newId(): string {
  // 12 characters of [a-z0-9], uniformly drawn: 62 bits, ids cannot be guessed.
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

class Forbidden extends Error {
  readonly reason = 'Forbidden';
}

/** The update a raw Hocuspocus message would apply to its document, if any. */
function updateIn(raw: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(raw);
  decoding.readVarString(decoder); // the document's address
  const type = decoding.readVarUint(decoder);
  if (type !== MESSAGE_SYNC && type !== MESSAGE_SYNC_REPLY) return null;
  const step = decoding.readVarUint(decoder);
  return step === SYNC_STEP_2 || step === SYNC_UPDATE ? decoding.readVarUint8Array(decoder) : null;
}

/** Whether `doc` with `update` applied still meets its kind's schema (a copy is changed). */
function checkUpdate(kind: RoomDocKind, doc: Y.Doc, update: Uint8Array) {
  const probe = new Y.Doc();
  Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc));
  Y.applyUpdate(probe, update);
  const map = DOC_SCHEMAS[kind].map;
  const topLevel = [...probe.share.keys()];
  return checkRoomDoc(kind, topLevel, probe.getMap(map).toJSON());
}

export function createRoomServer(options: RoomServerOptions) {
  const { secret } = options;
  const now = options.now ?? Date.now;
  const store = options.redis ? createRedisStore(options.redis) : createFileStore(options.dataDir);

  const server = new Server<Who>({
    port: options.port,
    address: options.address ?? '127.0.0.1',
    quiet: true,
    stopOnSignals: false,
    websocketOptions: { maxPayload: MAX_MESSAGE_BYTES },
    extensions: [
      new Database({
        fetch: ({ documentName }) => store.read(documentName),
        store: ({ documentName, state }) => store.write(documentName, state),
      }),
      ...(options.redis
        ? [new Redis({ host: options.redis.host, port: options.redis.port, prefix: 'rmw-room' })]
        : []),
      ...(options.extensions ?? []),
    ],

    async onAuthenticate({ documentName, token, connectionConfig }) {
      const doc = parseRoomDocName(documentName);
      const who = doc ? verifyToken(secret, doc.room, token) : null;
      if (!doc || !who) throw new Forbidden('not in this room');
      if (who.role === 'instructor') {
        connectionConfig.readOnly = doc.kind !== 'control';
        return who;
      }
      if (doc.kind === 'person' && doc.person === who.person) return who;
      if (doc.kind === 'team' && who.team !== undefined && doc.team === who.team) return who;
      if (doc.kind === 'control') {
        connectionConfig.readOnly = true;
        return who;
      }
      throw new Forbidden('not your document');
    },

    async beforeHandleMessage({ connection, document, documentName, update: raw }) {
      if (connection.readOnly) return; // Hocuspocus applies nothing from a read-only client.
      const doc = parseRoomDocName(documentName);
      const update = updateIn(raw);
      if (!doc || !update) return;
      const checked = checkUpdate(doc.kind, document, update);
      if (!checked.ok) throw new Forbidden(`rejected: ${checked.message}`);
    },

    async onRequest({ request, response }) {
      if (!request.url?.startsWith('/api/')) return;
      await handleApi(request, response);
      // Answered here: Hocuspocus's own answer is skipped by rejecting with nothing.
      throw null;
    },
  });

  async function addToRoster(room: string, person: string, join: JoinRequest) {
    const connection = await server.hocuspocus.openDirectConnection(
      roomDocName({ room, kind: 'roster' }),
    );
    await connection.transact((doc) => {
      doc.getMap(DOC_SCHEMAS.roster.map).set(person, {
        name: join.name,
        team: join.team ?? '',
        joinedAt: now(),
      });
    });
    await connection.disconnect();
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse) {
    // The app is served from another origin (the instructor's laptop or a static host); no
    // cookies are involved, so any origin may call.
    const cors = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Content-Type',
    };
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/json', ...cors });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors);
      response.end();
      return;
    }
    const path = (request.url ?? '').split('?')[0]!;
    if (request.method === 'GET' && path === '/api/health') {
      // Memory in MB, for the room load benchmark (scripts/bench/room.ts).
      const { rss, heapUsed } = process.memoryUsage();
      return answer(200, { ok: true, rssMB: rss / 1_048_576, heapMB: heapUsed / 1_048_576 });
    }
    if (request.method !== 'POST') return answer(405, { error: 'Use POST.' });
    if (path === '/api/rooms') {
      const room = newId();
      return answer(201, { room, instructorKey: instructorKey(secret, room) });
    }
    const join = /^\/api\/rooms\/([a-z0-9]{6,24})\/join$/.exec(path);
    if (!join) return answer(404, { error: 'No such endpoint.' });
    const room = join[1]!;
    const body = await readJson(request);
    const parsed = v.safeParse(JoinRequest, body);
    if (!parsed.success)
      return answer(400, {
        error: `A name of 1 to 40 characters (and a team of up to 40) is needed.`,
      });
    const person = newId();
    await addToRoster(room, person, parsed.output);
    const name = parsed.output.team ?? '';
    const team = name.trim() ? teamId(secret, room, name) : undefined;
    return answer(201, {
      room,
      person,
      token: personToken(secret, room, person, team),
      ...(team ? { team } : {}),
    });
  }

  return {
    server,
    async listen(): Promise<number> {
      await server.listen();
      return server.address.port;
    },
    async destroy(): Promise<void> {
      await server.destroy();
      await store.close();
    },
  };
}

/** A JSON body of at most 4 KB, or null. */
async function readJson(request: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 4096) return null;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
