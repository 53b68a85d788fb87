/**
 * The BFS frontier of a generic (not packed) model: the level being expanded and the next one.
 *
 * States stay objects (fastest) while they hold little. A model with `serialize`/`deserialize`
 * has every 64th new state serialised to estimate what an object state holds, and once the
 * objects would pass `serialiseAboveBytes`, new states are kept as their text (compact, and
 * nearly nothing for the garbage collector to trace). The estimate samples by insertion index, so
 * the switch happens at the same state on every machine. `bytes()` is what the frontier holds:
 * two bytes per character of text plus the estimate for object states (uncounted without
 * `serialize`).
 */

/**
 * Heap bytes per character of JSON a state kept as objects holds. Deep copies held 7-12 KB for
 * 3 KB of JSON; copy-on-write worlds (src/sim/cloneWorld.ts) share what their step did not write
 * with their parent and siblings, and a grown check kept as objects measured ~620 MB of heap per
 * million states against ~970 MB when serialised past 250 MB: objects are now the compact form,
 * and this estimate (still above what was measured) only decides when a frontier that grows past
 * the threshold turns to text.
 */
const OBJECT_BYTES_PER_CHAR = 1;

export interface Serialiser<S> {
  serialize(s: S): string;
  deserialize(text: string): S;
}

/** A frontier state kept as its `serialize` text. */
class Serialised {
  constructor(readonly text: string) {}
}

export class GenericFrontier<S> {
  private current: (S | Serialised)[] = [];
  private upcoming: (S | Serialised)[] = [];
  private chars = 0;
  private objects = 0;
  private bytesPerObject = 0;
  private sampledChars = 0;
  private sampledStates = 0;
  private serialising = false;

  constructor(
    private readonly serialiser: Serialiser<S> | undefined,
    private readonly serialiseAboveBytes: number,
  ) {}

  /** Adds a state of the next level; `index` is its insertion index in the search. */
  push(s: S, index: number): void {
    const serialiser = this.serialiser;
    if (serialiser && (this.serialising || (index & 63) === 0)) {
      const text = serialiser.serialize(s);
      this.sampledChars += text.length;
      this.sampledStates++;
      this.bytesPerObject = (this.sampledChars / this.sampledStates) * OBJECT_BYTES_PER_CHAR;
      if (this.serialising) {
        this.chars += text.length;
        this.upcoming.push(new Serialised(text));
        return;
      }
    }
    this.upcoming.push(s);
    this.objects++;
    if (serialiser && !this.serialising)
      this.serialising = this.objects * this.bytesPerObject > this.serialiseAboveBytes;
  }

  /** Adds a state of the next level as its text (a successor a helper expanded, see pool.ts). */
  pushText(text: string): void {
    this.chars += text.length;
    this.upcoming.push(new Serialised(text));
  }

  /** The current level's state at `pos` as its text (serialised now if it was an object), released. */
  takeText(pos: number): string {
    const item = this.current[pos]!;
    this.current[pos] = undefined as never;
    if (item instanceof Serialised) {
      this.chars -= item.text.length;
      return item.text;
    }
    this.objects--;
    return this.serialiser!.serialize(item);
  }

  /** The current level's state at `pos`, released from the frontier. */
  take(pos: number): S {
    const item = this.current[pos]!;
    this.current[pos] = undefined as never;
    if (item instanceof Serialised) {
      this.chars -= item.text.length;
      return this.serialiser!.deserialize(item.text);
    }
    this.objects--;
    return item;
  }

  /** The next level becomes the current one. */
  advance(): void {
    this.current = this.upcoming;
    this.upcoming = [];
  }

  /** States not yet taken, given that `pos` of the current level were. */
  waiting(pos: number): number {
    return this.current.length - pos + this.upcoming.length;
  }

  bytes(): number {
    return this.chars * 2 + this.objects * this.bytesPerObject;
  }

  clear(): void {
    this.current = [];
    this.upcoming = [];
    this.chars = 0;
    this.objects = 0;
  }
}
