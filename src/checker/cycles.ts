/**
 * The exact cycle post-check (see explorer.ts for when it runs).
 *
 * During the BFS every generated edge is recorded as the target's index, in expansion order, so
 * the edges of state i are `edges[edgeStart[i] .. edgeStart[i + 1])` and an edge's position in
 * that range is its choice index (a CSR graph over plain ints, ~4 bytes per edge). Every cycle
 * contains an edge to an already-known state of depth <= the source's (a candidate root), so an
 * iterative white/grey/black depth-first search over this integer graph from the candidate roots
 * decides exactly whether a cycle exists, in O(states + edges) without calling the model. A grey
 * target closes a cycle; its trace is the BFS-tree path to that state, then the DFS stack from it,
 * then the closing edge.
 */

export type CycleSearchOutcome =
  | { kind: 'more'; visited: number }
  | { kind: 'acyclic'; visited: number }
  | { kind: 'cycle'; visited: number; entry: number; cycleChoices: number[] };

const WHITE = 0;
const GREY = 1;
const BLACK = 2;

export class CycleSearch {
  private readonly colour: Uint8Array;
  private readonly stackState: Int32Array;
  private readonly stackEdge: Int32Array;
  private top = -1;
  private readonly roots: Int32Array;
  private rootPos = 0;

  constructor(
    stateCount: number,
    /** edges of state i: edges[edgeStart[i] .. edgeStart[i + 1]) */
    private readonly edgeStart: Int32Array,
    private readonly edges: Int32Array,
    /** Sorted, may repeat. */
    candidateRoots: Int32Array,
  ) {
    this.colour = new Uint8Array(stateCount);
    this.stackState = new Int32Array(stateCount);
    this.stackEdge = new Int32Array(stateCount);
    this.roots = candidateRoots;
  }

  run(budget: number): CycleSearchOutcome {
    const { colour, stackState, stackEdge } = this;
    const start = this.edgeStart;
    const edges = this.edges;
    let visited = 0;
    while (visited < budget) {
      if (this.top < 0) {
        if (!this.pushNextRoot()) return { kind: 'acyclic', visited };
        visited++;
        continue;
      }
      const u = stackState[this.top]!;
      const e = stackEdge[this.top]!;
      if (e === start[u + 1]!) {
        colour[u] = BLACK;
        this.top--;
        continue;
      }
      stackEdge[this.top] = e + 1;
      const t = edges[e]!;
      const c = colour[t];
      if (c === GREY) return { ...this.cycle(t), visited };
      if (c === WHITE) {
        colour[t] = GREY;
        this.top++;
        stackState[this.top] = t;
        stackEdge[this.top] = start[t]!;
        visited++;
      }
    }
    return { kind: 'more', visited };
  }

  private pushNextRoot(): boolean {
    while (this.rootPos < this.roots.length) {
      const root = this.roots[this.rootPos++]!;
      if (this.colour[root] !== WHITE) continue;
      this.colour[root] = GREY;
      this.top = 0;
      this.stackState[0] = root;
      this.stackEdge[0] = this.edgeStart[root]!;
      return true;
    }
    return false;
  }

  /** The cycle from grey state `entry` (on the stack) around to the top and back. */
  private cycle(entry: number): { kind: 'cycle'; entry: number; cycleChoices: number[] } {
    let k = this.top;
    while (this.stackState[k] !== entry) k--;
    const cycleChoices: number[] = [];
    for (; k <= this.top; k++) {
      const u = this.stackState[k]!;
      cycleChoices.push(this.stackEdge[k]! - 1 - this.edgeStart[u]!);
    }
    return { kind: 'cycle', entry, cycleChoices };
  }
}
