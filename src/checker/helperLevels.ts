/**
 * The search's side of its helpers (pool.ts): which chunk of the current level goes to which
 * helper, what is out, and who produced each state of the next level.
 *
 * Contract: the explorer `push`es each new state of the next level (its fingerprint and the
 * helper that produced it, -1 for none) in index order, calls `advance()` when it begins that
 * level, and `dispatch(...)` to send chunks until every helper has its share out; it merges
 * `head()`'s answer (then `shift()`) strictly in level order. A run of states one helper produced
 * goes back to it without texts (it still holds them); another helper takes the run with texts
 * only when it would otherwise sit idle.
 */
import { IntVector } from './fingerprintTable';
import type { ExpandedChunk, ExpansionPool } from './types';

/** Chunks a helper works on or has queued; answered chunks waiting to be merged, per helper. */
const OUTSTANDING_PER_HELPER = 3;
const CHUNKS_AHEAD = 6;

/** A chunk of the current level out with a helper. */
export interface PendingChunk {
  count: number;
  helper: number;
  settled: Promise<unknown>;
  chunk?: ExpandedChunk;
  error?: unknown;
}

/** What a dispatch needs of the current level. */
export interface LevelToSend {
  size: number;
  depth: number;
  /** The state at position `p` as text, released from the frontier. */
  takeText(p: number): string;
  countOnly: boolean;
  /** Per `sometimes` invariant: 1 while the search still wants a witness. */
  wanted: number[];
}

export class HelperLevels {
  private readonly chunks: PendingChunk[] = [];
  private dispatched = 0;
  /** Per state of the current / next level: fingerprint (hi, lo) and producing helper (-1: none). */
  private current = new IntVector(1024);
  private next = new IntVector(1024);

  constructor(
    readonly pool: ExpansionPool,
    /** Helpers on other threads (the pool may count one in the search's own). */
    readonly threads: number,
  ) {}

  /** A new state of the next level, produced by `helper` (-1: by the search itself). */
  push(hi: number, lo: number, helper: number): void {
    this.next.push(hi);
    this.next.push(lo);
    this.next.push(helper);
  }

  /** The next level becomes the current one. */
  advance(): void {
    const done = this.current;
    this.current = this.next;
    this.next = done;
    done.length = 0;
    this.dispatched = 0;
  }

  /** The answer to merge next, if sent. */
  head(): PendingChunk | undefined {
    return this.chunks[0];
  }

  shift(): void {
    this.chunks.shift();
  }

  /** Forgets every chunk out (the search ended). */
  clear(): void {
    this.chunks.length = 0;
  }

  /** Sends chunks of the current level, in order, until every helper has its share out. */
  dispatch(level: LevelToSend): void {
    const { pool } = this;
    const meta = this.current;
    // About eight chunks per helper and level, 1-64 states each: small early levels still spread.
    const chunkStates = Math.max(1, Math.min(64, Math.ceil(level.size / (pool.size * 8))));
    while (this.dispatched < level.size && this.chunks.length < pool.size * CHUNKS_AHEAD) {
      const from = this.dispatched;
      const producer = meta.get(3 * from + 2);
      let to = from + 1;
      while (to < level.size && to - from < chunkStates && meta.get(3 * to + 2) === producer) to++;
      let helper = producer;
      if (helper < 0 || pool.outstanding(helper) >= OUTSTANDING_PER_HELPER) {
        let idlest = 0;
        for (let i = 1; i < pool.size; i++) {
          if (pool.outstanding(i) < pool.outstanding(idlest)) idlest = i;
        }
        // Another helper takes the run only if it would otherwise sit idle (or no one holds it).
        if (pool.outstanding(idlest) >= (producer < 0 ? OUTSTANDING_PER_HELPER : 1)) return;
        helper = idlest;
      }
      const texts: (string | null)[] = [];
      const fingerprints = new Int32Array(2 * (to - from));
      for (let p = from; p < to; p++) {
        const text = level.takeText(p);
        texts.push(helper === producer ? null : text);
        fingerprints[2 * (p - from)] = meta.get(3 * p);
        fingerprints[2 * (p - from) + 1] = meta.get(3 * p + 1);
      }
      const request = {
        level: level.depth,
        fingerprints,
        texts,
        countOnly: level.countOnly,
        wanted: level.wanted,
      };
      const entry: PendingChunk = { count: to - from, helper, settled: Promise.resolve() };
      entry.settled = pool.expand(request, helper).then(
        (chunk) => {
          entry.chunk = chunk;
        },
        (error: unknown) => {
          entry.error = error;
        },
      );
      this.chunks.push(entry);
      this.dispatched = to;
    }
  }
}
