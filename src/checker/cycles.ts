/**
 * The exact cycle post-check (see explorer.ts for why it is needed only sometimes).
 *
 * Every cycle of the reachable graph contains an edge s -> t with depth(t) <= depth(s); the BFS
 * records each such t as a candidate root. A cycle exists iff one is reachable from a candidate
 * root, so an iterative depth-first search with white/grey/black colours over the states
 * reachable from the roots decides it, visiting each state at most once in total. A grey
 * successor closes a cycle; the trace is the BFS-tree path to the root, the DFS stack, and the
 * closing edge. Runs in budgeted slices like the BFS.
 */
import { replay } from './trace';
import type { Model } from './types';

export type CycleSearchOutcome =
  | { kind: 'more'; visited: number }
  | { kind: 'acyclic'; visited: number }
  | {
      kind: 'cycle';
      visited: number;
      initial: number;
      choiceIndices: number[];
      cycleStart: number;
    };

const WHITE = 0;
const GREY = 1;
const BLACK = 2;

interface Frame<S, C> {
  state: S;
  index: number;
  enabled: C[];
  next: number;
}

export class CycleSearch<S, C> {
  private readonly colour: Uint8Array;
  private readonly roots: number[];
  private rootPos = 0;
  private stack: Frame<S, C>[] = [];
  private rootPath: { initial: number; choiceIndices: number[] } | undefined;

  constructor(
    private readonly model: Model<S, C>,
    stateCount: number,
    candidateRoots: number[],
    private readonly indexOf: (s: S) => number,
    private readonly pathTo: (index: number) => { initial: number; choiceIndices: number[] },
  ) {
    this.colour = new Uint8Array(stateCount);
    this.roots = [...new Set(candidateRoots)].sort((a, b) => a - b);
  }

  run(budget: number): CycleSearchOutcome {
    let visited = 0;
    while (visited < budget) {
      const top = this.stack[this.stack.length - 1];
      if (!top) {
        if (!this.pushNextRoot()) return { kind: 'acyclic', visited };
        visited++;
        continue;
      }
      if (top.next === top.enabled.length) {
        this.colour[top.index] = BLACK;
        this.stack.pop();
        continue;
      }
      const ci = top.next++;
      const t = this.model.step(top.state, top.enabled[ci]!);
      const ti = this.indexOf(t);
      if (ti < 0) throw new Error('cycle check: a successor is missing from the state table');
      const c = this.colour[ti];
      if (c === GREY) return { ...this.cycleTrace(ti, ci), visited };
      if (c === WHITE) {
        this.colour[ti] = GREY;
        this.stack.push({ state: t, index: ti, enabled: this.model.enabled(t), next: 0 });
        visited++;
      }
    }
    return { kind: 'more', visited };
  }

  private pushNextRoot(): boolean {
    while (this.rootPos < this.roots.length) {
      const root = this.roots[this.rootPos++]!;
      if (this.colour[root] !== WHITE) continue;
      this.rootPath = this.pathTo(root);
      const trace = replay(this.model, this.rootPath.initial, this.rootPath.choiceIndices);
      const state = trace.states[trace.states.length - 1]!;
      this.colour[root] = GREY;
      this.stack.push({ state, index: root, enabled: this.model.enabled(state), next: 0 });
      return true;
    }
    return false;
  }

  private cycleTrace(
    to: number,
    lastChoice: number,
  ): { kind: 'cycle'; initial: number; choiceIndices: number[]; cycleStart: number } {
    const root = this.rootPath!;
    const choiceIndices = [...root.choiceIndices];
    let cycleStart = -1;
    this.stack.forEach((frame, k) => {
      if (frame.index === to) cycleStart = root.choiceIndices.length + k;
      if (k < this.stack.length - 1) choiceIndices.push(frame.next - 1);
    });
    choiceIndices.push(lastChoice);
    return { kind: 'cycle', initial: root.initial, choiceIndices, cycleStart };
  }
}
