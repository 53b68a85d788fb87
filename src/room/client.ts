/**
 * The room's client, for the browser and for Node (tests, the load bench): create or join a room
 * over the room server's JSON API, then keep the room's Yjs documents in sync over one socket.
 * - An attendee writes their own status (`setStatus`) and reads the instructor's control
 *   document (`onControl`): follow-me.
 * - The instructor reads the roster and every person's status (`onPeople`, live) and writes the
 *   control document (`follow`).
 * - A team's members share one mob timer (`onTeamTimer`, `setTeamTimer`).
 * Everything read is validated against src/room/protocol.ts before it is used (anything from the
 * room is untrusted); a document that does not validate is shown as nothing, never thrown.
 * Offline: the provider keeps local changes and sends them when the socket is back; a caller may
 * add persistence of the attendee's document (IndexedDB in the browser) with `persist`.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as v from 'valibot';
import * as Y from 'yjs';
import {
  Control,
  DOC_SCHEMAS,
  PersonStatus,
  SharedMobTimer,
  TeamState,
  roomDocName,
} from './protocol';

export interface InstructorCredentials {
  role: 'instructor';
  /** The room server's base URL (http or https). */
  server: string;
  room: string;
  key: string;
}

export interface PersonCredentials {
  role: 'person';
  server: string;
  room: string;
  person: string;
  token: string;
  /** The team's id, when they joined with a team (their token carries it). */
  teamId?: string;
}

export type RoomCredentials = InstructorCredentials | PersonCredentials;

/** One person as the instructor sees them (validated; `status` empty until they publish). */
export interface PersonView {
  id: string;
  name: string;
  team: string;
  joinedAt: number;
  status: PersonStatus;
  /** Their document is connected and in sync with the server now. */
  synced: boolean;
}

export interface RoomOptions {
  /** A WebSocket implementation where there is no global one (Node before 22: `ws`). */
  WebSocketPolyfill?: unknown;
  /** Keeps a document locally too (the browser's IndexedDB), so nothing is lost offline. */
  persist?: (name: string, doc: Y.Doc) => { destroy(): unknown };
  onStatus?: (status: 'connecting' | 'connected' | 'disconnected') => void;
  /** The server refused a document: wrong room, key or token. */
  onDenied?: (documentName: string) => void;
}

/** A failed call to the room server's API, in words for the user. */
export class RoomApiError extends Error {
  override name = 'RoomApiError';
}

async function api<T>(server: string, path: string, body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(new URL(path, server), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new RoomApiError(`The room server at ${server} cannot be reached.`);
  }
  const answer = (await response.json().catch(() => null)) as { error?: string } | null;
  if (!response.ok)
    throw new RoomApiError(answer?.error ?? `The room server answered ${response.status}.`);
  return answer as T;
}

const Created = v.object({ room: v.string(), instructorKey: v.string() });
const Joined = v.object({
  room: v.string(),
  person: v.string(),
  token: v.string(),
  team: v.optional(v.string()),
});

export async function createRoom(server: string): Promise<InstructorCredentials> {
  const r = v.parse(Created, await api(server, '/api/rooms', {}));
  return { role: 'instructor', server, room: r.room, key: r.instructorKey };
}

export async function joinRoom(
  server: string,
  room: string,
  who: { name: string; team?: string },
): Promise<PersonCredentials> {
  const r = v.parse(Joined, await api(server, `/api/rooms/${encodeURIComponent(room)}/join`, who));
  return {
    role: 'person',
    server,
    room: r.room,
    person: r.person,
    token: r.token,
    ...(r.team ? { teamId: r.team } : {}),
  };
}

/** The origin of this client's own writes to a shared document. */
const LOCAL = Symbol('local');

function socketUrl(server: string): string {
  const url = new URL(server);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** The validated contents of a document's map, or `fallback` when they do not validate. */
function read<T>(doc: Y.Doc, map: string, schema: v.GenericSchema<unknown, T>, fallback: T): T {
  const parsed = v.safeParse(schema, doc.getMap(map).toJSON());
  return parsed.success ? parsed.output : fallback;
}

export class RoomConnection {
  private readonly socket: HocuspocusProviderWebsocket;
  private readonly providers = new Map<string, HocuspocusProvider>();
  private readonly kept: { destroy(): unknown }[] = [];
  /** Person documents the instructor's people view already listens to. */
  private readonly observed = new WeakSet<Y.Doc>();

  constructor(
    readonly credentials: RoomCredentials,
    private readonly options: RoomOptions = {},
  ) {
    this.socket = new HocuspocusProviderWebsocket({
      url: socketUrl(credentials.server),
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
      maxDelay: 5_000,
      onStatus: ({ status }) => options.onStatus?.(status),
    });
  }

  private token(): string {
    const c = this.credentials;
    return c.role === 'instructor' ? c.key : c.token;
  }

  /** The document `name`, opened once and kept in sync. */
  private open(name: string, persist = false): HocuspocusProvider {
    let provider = this.providers.get(name);
    if (provider) return provider;
    const document = new Y.Doc();
    if (persist && this.options.persist) this.kept.push(this.options.persist(name, document));
    provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name,
      document,
      token: this.token(),
      onAuthenticationFailed: () => this.options.onDenied?.(name),
    });
    provider.attach();
    this.providers.set(name, provider);
    return provider;
  }

  /** The attendee's own status: the fields given replace theirs (null clears one). */
  setStatus(patch: Partial<PersonStatus>): void {
    const c = this.credentials;
    if (c.role !== 'person') throw new Error('Only an attendee has a status.');
    const doc = this.open(
      roomDocName({ room: c.room, kind: 'person', person: c.person }),
      true,
    ).document;
    const map = doc.getMap(DOC_SCHEMAS.person.map);
    doc.transact(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        map.set(key, value);
      }
    });
  }

  /** The room's control document (the instructor writes it; attendees read it). */
  private control(): Y.Doc {
    return this.open(roomDocName({ room: this.credentials.room, kind: 'control' })).document;
  }

  /** Sets one field of the control document (the server refuses it from anyone but the instructor). */
  private setControl<K extends keyof Control>(key: K, value: Control[K]): void {
    this.control().getMap(DOC_SCHEMAS.control.map).set(key, value);
  }

  /** Calls `listener` with the instructor's control document now and on every change. */
  onControl(listener: (control: Control) => void): () => void {
    const doc = this.control();
    const tell = () => listener(read(doc, DOC_SCHEMAS.control.map, Control, {}));
    doc.on('update', tell);
    tell();
    return () => doc.off('update', tell);
  }

  /**
   * Follow me: moves every attendee to `folder`, or to the shared run `share` on it, read-only
   * (the instructor only).
   */
  follow(folder: string, at: number, share?: string): void {
    this.setControl('follow', share ? { folder, at, share } : { folder, at });
  }

  /** Opens the first `blocks` blocks of the learning path to the room (null: all of them). */
  openBlocks(blocks: number | null): void {
    this.setControl('openBlocks', blocks);
  }

  /** Shows the hints or solution of `folder` to the room, or hides them (`what` null). */
  reveal(folder: string, what: 'hints' | 'solution' | null, at: number): void {
    this.setControl('reveal', what ? { folder, what, at } : null);
  }

  /** The attendee's team document, or null when they are in no team. */
  private teamDoc(): Y.Doc | null {
    const c = this.credentials;
    if (c.role !== 'person' || !c.teamId) return null;
    return this.open(roomDocName({ room: c.room, kind: 'team', team: c.teamId })).document;
  }

  /**
   * Calls `listener` with the team's mob timer whenever a member changes it (and now, if the
   * team has one). Nothing happens for an attendee in no team.
   */
  onTeamTimer(listener: (timer: SharedMobTimer) => void): () => void {
    const doc = this.teamDoc();
    if (!doc) return () => {};
    const tell = (_update: Uint8Array, origin: unknown) => {
      // This member's own writes are not news.
      if (origin === LOCAL) return;
      const timer = read(doc, DOC_SCHEMAS.team.map, TeamState, {}).timer;
      if (timer) listener(timer);
    };
    doc.on('update', tell);
    tell(new Uint8Array(), null);
    return () => doc.off('update', tell);
  }

  /** Shares the mob timer with the team (nothing for an attendee in no team). */
  setTeamTimer(timer: SharedMobTimer): void {
    const doc = this.teamDoc();
    // The server would refuse a timer outside the schema, and close the connection: not sent.
    if (!doc || !v.safeParse(SharedMobTimer, timer).success) return;
    doc.transact(() => doc.getMap(DOC_SCHEMAS.team.map).set('timer', timer), LOCAL);
  }

  /** Calls `listener` with everyone in the room, now and whenever anyone changes (instructor). */
  onPeople(listener: (people: PersonView[]) => void): () => void {
    const { room } = this.credentials;
    const roster = this.open(roomDocName({ room, kind: 'roster' })).document;
    let stopped = false;
    const tell = () => {
      if (stopped) return;
      const { map, schema } = DOC_SCHEMAS.roster;
      const entries = read(roster, map, schema, {});
      listener(
        Object.entries(entries)
          .map(([id, entry]) => {
            const provider = this.open(roomDocName({ room, kind: 'person', person: id }));
            if (!this.observed.has(provider.document)) {
              this.observed.add(provider.document);
              provider.document.on('update', tell);
              provider.on('synced', tell);
            }
            return {
              id,
              ...entry,
              status: read(provider.document, DOC_SCHEMAS.person.map, PersonStatus, {}),
              synced: provider.isSynced,
            };
          })
          .sort((a, b) => a.joinedAt - b.joinedAt || a.id.localeCompare(b.id)),
      );
    };
    roster.on('update', tell);
    tell();
    return () => {
      stopped = true;
      roster.off('update', tell);
    };
  }

  /** Resolves once every document opened so far is in sync with the server. */
  async synced(): Promise<void> {
    await Promise.all(
      [...this.providers.values()].map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.isSynced && p.unsyncedChanges === 0) return resolve();
            const check = () => {
              if (p.isSynced && p.unsyncedChanges === 0) {
                p.off('synced', check);
                p.off('unsyncedChanges', check);
                resolve();
              }
            };
            p.on('synced', check);
            p.on('unsyncedChanges', check);
          }),
      ),
    );
  }

  destroy(): void {
    for (const p of this.providers.values()) p.destroy();
    this.providers.clear();
    for (const k of this.kept) k.destroy();
    this.socket.destroy();
  }
}
