/**
 * The room server's persistence: each Yjs document's state in one file under `dir`, written to
 * a temporary file first and renamed over the old one, so a crash mid-write keeps the previous
 * state. Plain files rather than SQLite: nothing to compile on an instructor's laptop (SQLite
 * drivers for Node are native modules), and a room is a few hundred small documents.
 */
import { mkdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface DocStore {
  read(name: string): Promise<Uint8Array | null>;
  write(name: string, state: Uint8Array): Promise<void>;
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
  };
}
