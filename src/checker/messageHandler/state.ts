/**
 * The packed state of the lesson's handler model and the view the learner's code runs against.
 *
 * Layout of one state vector (7 + 3N ints):
 *   [pc, msg, txId, txCounter, failures, queueIn, processed, db[1..N], queueOut[1..N], msgFailures[1..N]]
 * Id sets are bitmasks (bit id-1); a pair set stores one txId bitmask per id (bit txId-1). Fields
 * a model does not use stay 0 and do not change state counts.
 *
 * One `StateView` object is re-pointed (`v`, `o`) at each vector, so running a step or an
 * invariant allocates nothing. Steps write through a writable view into a scratch vector;
 * invariants get a read-only view onto the frontier.
 */
import type { Counters, HandlerState, IdSet, PairSet } from './dsl';
import { learnerError, LearnerCodeError } from '../../core/learnerError';

export const PC = 0;
export const MSG = 1;
export const TXID = 2;
export const TXC = 3;
export const FAIL = 4;
export const QIN = 5;
export const PROC = 6;
export const DB = 7;

export const MAX_TX = 31;

export function vectorWidth(messages: number): number {
  return DB + 3 * messages;
}

/** Thrown (not an Error: no stack capture) when a step blocks. */
export const BLOCKED = { blocked: true } as const;

/** A mistake in the learner's model, reported as a learner error (see learnerError.ts). */
export class HandlerModelError extends LearnerCodeError {
  override name = 'HandlerModelError';
  constructor(file: string, message: string) {
    super(learnerError(file, message));
  }
}

export function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** The position (0-based) of the k-th set bit of `mask`. */
export function nthBit(mask: number, k: number): number {
  for (let m = mask; m !== 0; m &= m - 1) {
    if (k-- === 0) return 31 - Math.clz32(m & -m);
  }
  return -1;
}

/** Choice-point bookkeeping shared by the writable view and the model's enumerator. */
export interface ChoiceCursor {
  script: Int32Array;
  counts: Int32Array;
  fixed: number;
  cursor: number;
  notes: string[] | undefined;
}

export class StateView implements HandlerState {
  v: Int32Array = new Int32Array(0);
  o = 0;
  readonly queueIn: IdSetView;
  readonly processed: IdSetView;
  readonly db: PairSetView;
  readonly queueOut: PairSetView;
  readonly msgFailures: CountersView;

  constructor(
    readonly messages: number,
    readonly maxFailures: number,
    private readonly labels: string[],
    private readonly labelIndex: Map<string, number>,
    readonly file: string,
    /** Undefined for the read-only views given to invariants. */
    private readonly choice: ChoiceCursor | undefined,
  ) {
    this.queueIn = new IdSetView(this, QIN);
    this.processed = new IdSetView(this, PROC);
    this.db = new PairSetView(this, DB);
    this.queueOut = new PairSetView(this, DB + messages);
    this.msgFailures = new CountersView(this, DB + 2 * messages);
  }

  fail(message: string): never {
    throw new HandlerModelError(this.file, message);
  }

  write(field: number, value: number): void {
    if (!this.choice) this.fail('Invariants must not change the state.');
    this.v[this.o + field] = value;
  }

  checkId(id: number): number {
    if (!(id >= 1 && id <= this.messages && (id | 0) === id)) {
      this.fail(`Message id ${String(id)} is not one of 1..${this.messages}.`);
    }
    return id;
  }

  get pc(): string {
    return this.labels[this.v[this.o + PC]!]!;
  }
  at(label: string): boolean {
    return this.labels[this.v[this.o + PC]!] === label;
  }
  goto(label: string): void {
    const i = this.labelIndex.get(label);
    if (i === undefined) this.fail(`goto('${label}'): there is no step with that label.`);
    this.write(PC, i);
  }
  get msg(): number {
    return this.v[this.o + MSG]!;
  }
  set msg(x: number) {
    this.write(MSG, x);
  }
  get txId(): number {
    return this.v[this.o + TXID]!;
  }
  set txId(x: number) {
    this.write(TXID, x);
  }
  get txCounter(): number {
    return this.v[this.o + TXC]!;
  }
  set txCounter(x: number) {
    this.write(TXC, x);
  }
  get failures(): number {
    return this.v[this.o + FAIL]!;
  }
  set failures(x: number) {
    this.write(FAIL, x);
  }

  pick(set: IdSet): number {
    const c = this.choice;
    if (!c) return this.fail('Invariants cannot branch (pick).');
    const mask = (set as IdSetView).mask;
    if (mask === 0) throw BLOCKED;
    const k = c.cursor < c.fixed ? c.script[c.cursor]! : (c.script[c.cursor] = 0);
    c.counts[c.cursor++] = popcount(mask);
    const id = nthBit(mask, k) + 1;
    if (c.notes) c.notes.push(String(id));
    return id;
  }

  either(name = 'fail'): boolean {
    const c = this.choice;
    if (!c) return this.fail('Invariants cannot branch (either).');
    const k = c.cursor < c.fixed ? c.script[c.cursor]! : (c.script[c.cursor] = 0);
    c.counts[c.cursor++] = 2;
    if (k === 0 && c.notes) c.notes.push(name);
    return k === 0;
  }

  await(condition: boolean): void {
    if (!condition) throw BLOCKED;
  }
}

class IdSetView implements IdSet {
  constructor(
    private readonly st: StateView,
    private readonly f: number,
  ) {}
  get mask(): number {
    return this.st.v[this.st.o + this.f]!;
  }
  get size(): number {
    return popcount(this.mask);
  }
  has(id: number): boolean {
    return (this.mask & (1 << (id - 1))) !== 0 && id >= 1;
  }
  isEmpty(): boolean {
    return this.mask === 0;
  }
  add(id: number): void {
    this.st.write(this.f, this.mask | (1 << (this.st.checkId(id) - 1)));
  }
  delete(id: number): void {
    this.st.write(this.f, this.mask & ~(1 << (this.st.checkId(id) - 1)));
  }
  every(pred: (id: number) => boolean): boolean {
    for (let m = this.mask; m !== 0; m &= m - 1) if (!pred(32 - Math.clz32(m & -m))) return false;
    return true;
  }
  some(pred: (id: number) => boolean): boolean {
    for (let m = this.mask; m !== 0; m &= m - 1) if (pred(32 - Math.clz32(m & -m))) return true;
    return false;
  }
  forEach(fn: (id: number) => void): void {
    for (let m = this.mask; m !== 0; m &= m - 1) fn(32 - Math.clz32(m & -m));
  }
  ids(): number[] {
    const out: number[] = [];
    this.forEach((id) => out.push(id));
    return out;
  }
}

class PairSetView implements PairSet {
  constructor(
    private readonly st: StateView,
    private readonly f: number,
  ) {}
  private txMask(id: number): number {
    return this.st.v[this.st.o + this.f + id - 1]!;
  }
  get size(): number {
    let n = 0;
    for (let id = 1; id <= this.st.messages; id++) n += popcount(this.txMask(id));
    return n;
  }
  has(id: number, txId: number): boolean {
    return (this.txMask(this.st.checkId(id)) & (1 << (txId - 1))) !== 0 && txId >= 1;
  }
  hasId(id: number): boolean {
    return this.txMask(this.st.checkId(id)) !== 0;
  }
  txOf(id: number): number {
    const m = this.txMask(this.st.checkId(id));
    return m === 0 ? 0 : 32 - Math.clz32(m & -m);
  }
  countOf(id: number): number {
    return popcount(this.txMask(this.st.checkId(id)));
  }
  isEmpty(): boolean {
    for (let id = 1; id <= this.st.messages; id++) if (this.txMask(id) !== 0) return false;
    return true;
  }
  add(id: number, txId: number): void {
    if (!(txId >= 1 && txId <= MAX_TX && (txId | 0) === txId)) {
      this.st.fail(`txId ${String(txId)} is not one of 1..${MAX_TX} (is the txId unset?).`);
    }
    this.st.write(this.f + this.st.checkId(id) - 1, this.txMask(id) | (1 << (txId - 1)));
  }
  delete(id: number, txId: number): void {
    this.st.write(this.f + this.st.checkId(id) - 1, this.txMask(id) & ~(1 << (txId - 1)));
  }
  every(pred: (id: number, txId: number) => boolean): boolean {
    for (let id = 1; id <= this.st.messages; id++) {
      for (let m = this.txMask(id); m !== 0; m &= m - 1) {
        if (!pred(id, 32 - Math.clz32(m & -m))) return false;
      }
    }
    return true;
  }
  some(pred: (id: number, txId: number) => boolean): boolean {
    return !this.every((id, txId) => !pred(id, txId));
  }
  forEach(fn: (id: number, txId: number) => void): void {
    this.every((id, txId) => {
      fn(id, txId);
      return true;
    });
  }
  pairs(): { id: number; txId: number }[] {
    const out: { id: number; txId: number }[] = [];
    this.forEach((id, txId) => out.push({ id, txId }));
    return out;
  }
}

class CountersView implements Counters {
  constructor(
    private readonly st: StateView,
    private readonly f: number,
  ) {}
  get(id: number): number {
    return this.st.v[this.st.o + this.f + this.st.checkId(id) - 1]!;
  }
  set(id: number, value: number): void {
    this.st.write(this.f + this.st.checkId(id) - 1, value);
  }
  inc(id: number): void {
    this.set(id, this.get(id) + 1);
  }
}
