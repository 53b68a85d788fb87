/**
 * A tiny MagicString: position-based edits of a source text, applied at once, with a map from
 * output offsets back to source offsets (so errors in rewritten code point at the original).
 *
 * Edits never overlap. Several inserts at one position are ordered so that nesting works:
 * `close` texts come first, innermost (latest added) first; then `open` texts, outermost (first
 * added) first; then the replacement of a range starting there. Walk the tree outside-in.
 */

interface Edit {
  start: number;
  end: number;
  text: string;
  /** 0 = close, 1 = open, 2 = replace: the order at one position. */
  group: 0 | 1 | 2;
  seq: number;
}

/** A stretch of output: copied from `sourceStart` (copied) or inserted at `sourceStart`. */
interface Segment {
  outStart: number;
  sourceStart: number;
  copied: boolean;
}

export interface SpliceResult {
  code: string;
  /** The source offset an output offset came from (inserted text maps to its insertion point). */
  toSourceOffset(outOffset: number): number;
}

export class Splice {
  private readonly edits: Edit[] = [];
  private seq = 0;

  constructor(private readonly source: string) {}

  replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text, group: 2, seq: this.seq++ });
  }

  open(pos: number, text: string): void {
    this.edits.push({ start: pos, end: pos, text, group: 1, seq: this.seq++ });
  }

  close(pos: number, text: string): void {
    this.edits.push({ start: pos, end: pos, text, group: 0, seq: -this.seq++ });
  }

  apply(): SpliceResult {
    const edits = [...this.edits].sort(
      (a, b) => a.start - b.start || a.group - b.group || a.seq - b.seq,
    );
    const segments: Segment[] = [];
    let out = '';
    let cursor = 0;
    const copyTo = (end: number) => {
      if (end > cursor) {
        segments.push({ outStart: out.length, sourceStart: cursor, copied: true });
        out += this.source.slice(cursor, end);
      }
      cursor = end;
    };
    for (const edit of edits) {
      if (edit.start < cursor) {
        throw new Error(`Splice: overlapping edits at ${edit.start} (cursor ${cursor})`);
      }
      copyTo(edit.start);
      segments.push({ outStart: out.length, sourceStart: edit.start, copied: false });
      out += edit.text;
      cursor = edit.end;
    }
    copyTo(this.source.length);
    return { code: out, toSourceOffset: (offset) => toSource(segments, offset) };
  }
}

function toSource(segments: readonly Segment[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((segments[mid]?.outStart ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  const seg = segments[lo];
  if (seg === undefined) return offset;
  return seg.copied ? seg.sourceStart + (offset - seg.outStart) : seg.sourceStart;
}

/** Offsets of the first character of each line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 0-based offset → 1-based line and 0-based column. */
export function offsetToLineColumn(starts: readonly number[], offset: number) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column0: offset - (starts[lo] ?? 0) };
}
