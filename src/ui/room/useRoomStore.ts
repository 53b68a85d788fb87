/**
 * This browser's place in a workshop room (issue "The room across laptops"), as a zustand store:
 * the credentials (kept in localStorage, so a reload rejoins), the connection's state, and
 * - for an attendee: their status as published (exercise, last verdict, raised hand) and the
 *   instructor's follow-me, which moves this page to the exercise;
 * - for the instructor: everyone in the room, live.
 * Only the status fields of src/room/protocol.ts leave the browser: never code. The app works the
 * same without a room; the attendee's document is kept in IndexedDB, so what happens offline is
 * sent when the server is back.
 */
import * as v from 'valibot';
import { create } from 'zustand';
import type { PersonView, RoomConnection, RoomCredentials } from '../../room/client';
import { PersonStatus } from '../../room/protocol';
import type { Control, Verdict } from '../../room/protocol';
import { exerciseHash, sharedRunHash } from '../routing';
import {
  lastFollowed,
  readCredentials,
  rememberFollowed,
  writeCredentials,
} from './roomCredentials';
import type { Stored } from './roomCredentials';

export type RoomLink = 'none' | 'connecting' | 'connected' | 'disconnected';

interface RoomState {
  credentials: Stored | null;
  link: RoomLink;
  /** What this attendee published last. */
  status: PersonStatus;
  /** Everyone in the room (the instructor's view). */
  people: PersonView[];
  /** What the instructor pushes (the attendee's view; the instructor's own, too). */
  control: Control;
  /** The connection and team name of an attendee in a team (its shared mob timer), else null. */
  team: { connection: RoomConnection; name: string } | null;
  /** What went wrong last (joining, creating), for the dialog. */
  error: string | null;
  busy: boolean;
  join(server: string, room: string, name: string, team: string): Promise<boolean>;
  create(server: string): Promise<boolean>;
  /** The instructor again, on another browser: the room and its instructor key. */
  reopen(server: string, room: string, key: string): void;
  leave(): void;
  setHand(up: boolean): void;
  /** The exercise open now (null: none), published with the time it was opened. */
  setExercise(folder: string | null): void;
  /** A check ended on `folder`: its verdict is published. */
  reportVerdict(verdict: Omit<Verdict, 'at'>): void;
  /**
   * Shares a run (a share link's payload) with the instructor; false when it is too large for
   * the room (protocol.ts).
   */
  share(folder: string, payload: string): boolean;
  /** The instructor's follow-me: moves every attendee to `folder`, or to a shared run on it. */
  follow(folder: string, share?: string): void;
  /** The instructor shows hints or the solution of `folder` to the room (null: hides them). */
  reveal(folder: string, what: 'hints' | 'solution' | null): void;
  /** The instructor opens the first `blocks` blocks to the room (null: all). */
  openBlocks(blocks: number | null): void;
}

let connection: RoomConnection | null = null;
let unsubscribe: (() => void)[] = [];
/** Counts connects and disconnects: a connect that finished loading too late is dropped. */
let generation = 0;

/**
 * The room's client (Yjs, Hocuspocus, IndexedDB persistence) loads only when this browser is in
 * a room, so the learning path paints as fast as before for everyone else.
 */
const loadClient = () =>
  Promise.all([import('../../room/client'), import('y-indexeddb')]).then(([client, idb]) => ({
    ...client,
    IndexeddbPersistence: idb.IndexeddbPersistence,
  }));

export const useRoomStore = create<RoomState>((set, get) => {
  const publish = (patch: Partial<PersonStatus>) => {
    set({ status: { ...get().status, ...patch } });
    if (connection?.credentials.role === 'person') connection.setStatus(patch);
  };

  const connect = async (c: Stored) => {
    disconnect();
    const credentials: RoomCredentials =
      c.role === 'instructor'
        ? c
        : {
            role: 'person',
            server: c.server,
            room: c.room,
            person: c.person,
            token: c.token,
            ...(c.teamId ? { teamId: c.teamId } : {}),
          };
    set({ link: 'connecting' });
    const mine = generation;
    const { RoomConnection, IndexeddbPersistence } = await loadClient();
    if (mine !== generation) return;
    connection = new RoomConnection(credentials, {
      persist: (name, doc) => new IndexeddbPersistence(`rmw.${name}`, doc),
      onStatus: (status) => set({ link: status }),
      onDenied: () =>
        set({
          error:
            'The room server refused this browser: the room code or key is wrong, or the server lost its secret.',
        }),
    });
    const attendee = c.role === 'person';
    if (attendee) {
      connection.setStatus({ name: c.name ?? '', team: c.team ?? '', ...get().status });
      // The team's mob timer is joined to this browser's by the header (shell/useTeamTimer.ts).
      if (c.teamId) set({ team: { connection, name: c.team ?? '' } });
    } else unsubscribe.push(connection.onPeople((people) => set({ people })));
    unsubscribe.push(
      connection.onControl((control) => {
        set({ control });
        // Follow-me moves an attendee once per move, a reload included.
        const follow = control.follow;
        if (!attendee || !follow || follow.at <= lastFollowed()) return;
        rememberFollowed(follow.at);
        window.location.hash = follow.share
          ? sharedRunHash(follow.folder, follow.share, true)
          : exerciseHash(follow.folder);
      }),
    );
  };

  /** Joins or creates a room: its credentials are kept and the connection opened. */
  const enter = async (credentials: () => Promise<Stored>, patch: Partial<RoomState> = {}) => {
    set({ busy: true, error: null });
    try {
      const c = await credentials();
      writeCredentials(c);
      set({ credentials: c, busy: false, ...patch });
      void connect(c);
      return true;
    } catch (e) {
      set({ busy: false, error: e instanceof Error ? e.message : String(e) });
      return false;
    }
  };

  /** The instructor's pushes: nothing when this browser is not the room's instructor. */
  const asInstructor = (push: (c: RoomConnection) => void) => {
    if (connection?.credentials.role === 'instructor') push(connection);
  };

  const disconnect = () => {
    generation++;
    for (const u of unsubscribe) u();
    unsubscribe = [];
    connection?.destroy();
    connection = null;
    set({ link: 'none', people: [], control: {}, team: null });
  };

  const initial = typeof localStorage === 'undefined' ? null : readCredentials();
  if (initial) queueMicrotask(() => void connect(initial));

  return {
    credentials: initial,
    link: 'none',
    status: {},
    people: [],
    control: {},
    team: null,
    error: null,
    busy: false,

    join(server, room, name, team) {
      return enter(
        async () => {
          const { joinRoom } = await loadClient();
          const c = await joinRoom(server, room, { name, ...(team ? { team } : {}) });
          return { ...c, name, team };
        },
        { status: { ...get().status, name, team } },
      );
    },

    create(server) {
      return enter(async () => (await loadClient()).createRoom(server));
    },

    reopen(server, room, key) {
      void enter(async () => ({ role: 'instructor', server, room, key }));
    },

    leave() {
      disconnect();
      writeCredentials(null);
      set({ credentials: null, status: {}, error: null });
    },

    setHand(up) {
      publish({ hand: up });
    },

    setExercise(folder) {
      if (get().status.exercise === folder) return;
      publish({ exercise: folder, since: Date.now() });
    },

    reportVerdict(verdict) {
      publish({ verdict: { ...verdict, at: Date.now() } });
    },

    share(folder, payload) {
      const shared = { folder, share: payload, at: Date.now() };
      if (!v.safeParse(PersonStatus.entries.shared, shared).success) return false;
      publish({ shared });
      return true;
    },

    follow(folder, share) {
      asInstructor((c) => c.follow(folder, Date.now(), share));
    },

    reveal(folder, what) {
      asInstructor((c) => c.reveal(folder, what, Date.now()));
    },

    openBlocks(blocks) {
      asInstructor((c) => c.openBlocks(blocks));
    },
  };
});
