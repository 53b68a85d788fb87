/**
 * A model-checking counterexample (exercise 18) as TLC prints an error trace: numbered states,
 * each named by the step that led to it, each a conjunction `/\ var = value` over the variables
 * in alphabetical order, values in TLA+ notation (sets `{1, 2}`, tuples `<<1, 3>>`, a function
 * over the message ids 1..N as the tuple of its values, the handler's label as a string). So the
 * trace reads like the lesson's TLA+ original. Pure: text only.
 */
import { stableStringify } from '../../core/hash';

export interface TlaConjunct {
  variable: string;
  value: string;
  /** The step that led here changed this variable. */
  changed: boolean;
}

export interface TlaState {
  /** "State 3: <SendOutgoingMsg>" (TLC's heading; "fail" and other outcomes after the name). */
  heading: string;
  conjuncts: TlaConjunct[];
}

/** One value in TLA+ notation. */
export function tlaValue(v: unknown): string {
  if (v === undefined || v === null) return 'NULL';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `{${v.map(tlaValue).join(', ')}}`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 2 && 'id' in o && 'txId' in o)
    return `<<${tlaValue(o.id)}, ${tlaValue(o.txId)}>>`;
  // A function whose domain is 1..n is a tuple in TLA+.
  if (keys.every((k, i) => k === String(i + 1)))
    return `<<${keys.map((k) => tlaValue(o[k])).join(', ')}>>`;
  return `[${keys.map((k) => `${k} |-> ${tlaValue(o[k])}`).join(', ')}]`;
}

/**
 * The trace: `states[0]` is the initial state, `states[i]` the state after `labels[i - 1]`
 * ("SendOutgoingMsg: fail" is the step SendOutgoingMsg taking its "fail" branch).
 */
export function tlaTrace(labels: readonly string[], states: readonly unknown[]): TlaState[] {
  return states.map((state, i) => {
    const record = asRecord(state);
    const previous = i > 0 ? asRecord(states[i - 1]) : null;
    const conjuncts = Object.keys(record)
      .sort()
      .map((variable) => ({
        variable,
        value: tlaValue(record[variable]),
        changed:
          previous !== null &&
          stableStringify(previous[variable]) !== stableStringify(record[variable]),
      }));
    return {
      heading: `State ${i + 1}: <${i === 0 ? 'Initial predicate' : stepHeading(labels[i - 1] ?? '?')}>`,
      conjuncts,
    };
  });
}

/** The whole trace as plain text, to copy next to a TLC run. */
export function tlaTraceText(trace: readonly TlaState[]): string {
  return trace
    .map((s) => [s.heading, ...s.conjuncts.map((c) => `/\\ ${c.variable} = ${c.value}`)].join('\n'))
    .join('\n\n');
}

function stepHeading(label: string): string {
  const [name, ...rest] = label.split(':');
  const outcome = rest.join(':').trim();
  return outcome ? `${name!.trim()} (${outcome})` : name!.trim();
}

function asRecord(state: unknown): Record<string, unknown> {
  return typeof state === 'object' && state !== null && !Array.isArray(state)
    ? (state as Record<string, unknown>)
    : { state };
}
