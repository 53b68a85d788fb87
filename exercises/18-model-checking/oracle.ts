/**
 * A deliberately naive, independent explorer of the lesson's models, written from the text of
 * curriculum §2.1 and the exercise brief (plain objects, JSON.stringify keys in a Set). It shares
 * no code with the checker or the step DSL, so equal state counts are evidence that both are
 * right. Test-only: ~0.1M states/s.
 */
export interface OracleOptions {
  messages: number;
  maxFailures: number;
  /** Order and grouping of the DB write and the send. */
  order: 'send-first' | 'db-first' | 'atomic' | 'split';
  /** In 'split': the send uses this attempt's txId, or the txId of the DB change. */
  sendTx?: 'attempt' | 'db';
  /** 'give-up': the starter's semantics; 'bounded': fail only while the counter <= MaxFailures. */
  failures: 'give-up' | 'bounded';
  counter: 'per-message' | 'global';
  /** Process (take the txId) as its own step, or merged into Receive (the "diet"). */
  processStep: boolean;
}

interface OState {
  queueIn: number[];
  queueOut: [number, number][];
  db: [number, number][];
  processed: number[];
  failures: number | Record<number, number>;
  txCounter: number;
  pc: string;
  msg: number | null;
  txId: number | null;
}

export function countStatesNaively(o: OracleOptions): number {
  const canon = (s: OState): OState => ({
    ...s,
    queueIn: [...new Set(s.queueIn)].sort(),
    processed: [...new Set(s.processed)].sort(),
    queueOut: uniquePairs(s.queueOut),
    db: uniquePairs(s.db),
  });
  const ids = Array.from({ length: o.messages }, (_, i) => i + 1);
  const failures: OState['failures'] =
    o.counter === 'global' ? 0 : Object.fromEntries(ids.map((id) => [id, 0]));
  const init = canon({
    queueIn: ids,
    queueOut: [],
    db: [],
    processed: [],
    failures,
    txCounter: 1,
    pc: 'MainLoop',
    msg: null,
    txId: null,
  });
  const seen = new Set<string>([JSON.stringify(init)]);
  let frontier = [init];
  while (frontier.length > 0) {
    const next: OState[] = [];
    for (const s of frontier) {
      for (const t of successors(s, o).map(canon)) {
        const key = JSON.stringify(t);
        if (!seen.has(key)) {
          seen.add(key);
          next.push(t);
        }
      }
    }
    frontier = next;
  }
  return seen.size;
}

function uniquePairs(pairs: [number, number][]): [number, number][] {
  const byKey = new Map(pairs.map((p) => [`${p[0]}/${p[1]}`, p] as const));
  return [...byKey.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

function successors(s: OState, o: OracleOptions): OState[] {
  const out: OState[] = [];
  const msg = s.msg!;
  const count = (): number =>
    typeof s.failures === 'number' ? s.failures : (s.failures[msg] ?? 0);
  const bump = (): OState['failures'] =>
    typeof s.failures === 'number' ? s.failures + 1 : { ...s.failures, [msg]: count() + 1 };
  // Either fail (if allowed) or do `success`.
  const failOr = (success: OState): void => {
    if (o.failures === 'bounded') {
      if (count() <= o.maxFailures) out.push({ ...s, failures: bump(), pc: 'MainLoop' });
    } else if (count() < o.maxFailures) {
      out.push({ ...s, failures: bump(), pc: 'MainLoop' });
    } else {
      out.push({
        ...s,
        queueIn: s.queueIn.filter((m) => m !== msg),
        processed: [...s.processed, msg],
        pc: 'MainLoop',
      });
    }
    out.push(success);
  };
  const dbTx = (): number | undefined => s.db.find((c) => c[0] === msg)?.[1];
  const afterWrite = o.order === 'db-first' ? 'Send' : o.order === 'split' ? 'Send' : 'Ack';
  const first = o.order === 'send-first' ? 'Send' : o.order === 'atomic' ? 'Atomic' : 'Update';
  switch (s.pc) {
    case 'MainLoop':
      out.push({ ...s, pc: 'Receive' });
      break;
    case 'Receive':
      for (const m of s.queueIn) {
        out.push(
          o.processStep
            ? { ...s, msg: m, pc: 'Process' }
            : { ...s, msg: m, txId: s.txCounter, txCounter: s.txCounter + 1, pc: first },
        );
      }
      break;
    case 'Process':
      out.push({ ...s, txId: s.txCounter, txCounter: s.txCounter + 1, pc: first });
      break;
    case 'Update': {
      const guarded = o.order === 'split';
      const db: [number, number][] =
        guarded && dbTx() !== undefined ? s.db : [...s.db, [msg, s.txId!]];
      failOr({ ...s, db, pc: afterWrite });
      break;
    }
    case 'Send': {
      const tx = o.order === 'split' && o.sendTx === 'db' ? dbTx()! : s.txId!;
      const queueOut: [number, number][] = [...s.queueOut, [msg, tx]];
      failOr({ ...s, queueOut, pc: o.order === 'send-first' ? 'Update' : 'Ack' });
      break;
    }
    case 'Atomic':
      failOr({
        ...s,
        db: [...s.db, [msg, s.txId!]],
        queueOut: [...s.queueOut, [msg, s.txId!]],
        pc: 'Ack',
      });
      break;
    case 'Ack':
      failOr({
        ...s,
        queueIn: s.queueIn.filter((m) => m !== msg),
        processed: [...s.processed, msg],
        pc: 'MainLoop',
      });
      break;
    default:
      throw new Error(`unknown pc ${s.pc}`);
  }
  return out;
}
