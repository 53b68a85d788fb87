/**
 * The room server's persistence. Alone: each Yjs document's state in one file under `dir`, written to
 * a temporary file first and renamed over the old one, so a crash mid-write keeps the previous
 * state. Plain files rather than SQLite: nothing to compile on an instructor's laptop (SQLite
 * drivers for Node are native modules), and a room is a few hundred small documents.
 */
import { mkdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis as IORedis } from 'ioredis';

export interface DocStore {
  read(name: string): Promise<Uint8Array | null>;
  write(name: string, state: Uint8Array): Promise<void>;
  /** Lets go of what the store holds open (a connection). */
  close(): Promise<void>;
}

export function createFileStore(dir: string): DocStore {
  mkdirSync(dir, { recursive: true });
  // Document names are room paths (src/room/protocol.ts): encoded, they are safe file names.
  const fileOf = (name: string) => join(dir, `${encodeURIComponent(name)}.ydoc`);
  let writes = 0;
  return {
    async read(name) {
      try {
        return new Uint8Array(await readFile(fileOf(name)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async write(name, state) {
      const file = fileOf(name);
      const temporary = `${file}.${process.pid}.${writes++}.tmp`;
      await writeFile(temporary, state);
      await rename(temporary, file);
    },
    async close() {},
  };
}

/**
 * The store when several servers share rooms through Redis: each document's state under one key
 * in that Redis, so whichever server loads a document next finds it (a file on one server would
 * be invisible to the others). Redis keeps it as configured (by default: saved to disk).
 */
export function createRedisStore(redis: { host: string; port: number }): DocStore {
  const client = new IORedis({ host: redis.host, port: redis.port, lazyConnect: false });
  const key = (name: string) => `rmw-room-doc:${name}`;
  return {
    async read(name) {
      const state = await client.getBuffer(key(name));
      return state ? new Uint8Array(state) : null;
    },
    async write(name, state) {
      await client.set(key(name), Buffer.from(state));
    },
    async close() {
      await client.quit();
    },
  };
}
