/**
 * Reading sucrase's source map: sucrase keeps every line where it was and maps each token to its
 * original column, so a lookup is "same line, nearest token at or before the column".
 * Decodes the standard base64 VLQ `mappings` string; nothing else of the format is needed.
 */

/** Per generated line (0-based): sorted [generatedColumn, sourceLine, sourceColumn] triples. */
export type LineMappings = [number, number, number][][];

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function decodeMappings(mappings: string): LineMappings {
  const lines: LineMappings = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const lineText of mappings.split(';')) {
    const line: [number, number, number][] = [];
    let generatedColumn = 0;
    for (const segment of lineText.split(',')) {
      if (segment === '') continue;
      const fields = decodeVlq(segment);
      generatedColumn += fields[0] ?? 0;
      if (fields.length >= 4) {
        sourceLine += fields[2] ?? 0;
        sourceColumn += fields[3] ?? 0;
        line.push([generatedColumn, sourceLine, sourceColumn]);
      }
    }
    lines.push(line.sort((a, b) => a[0] - b[0]));
  }
  return lines;
}

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = BASE64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** Generated (1-based line, 0-based column) → original (1-based line, 0-based column). */
export function originalPosition(
  map: LineMappings,
  line: number,
  column0: number,
): { line: number; column0: number } {
  const segments = map[line - 1] ?? [];
  let best: [number, number, number] | undefined;
  for (const seg of segments) {
    if (seg[0] > column0) break;
    best = seg;
  }
  if (best === undefined) return { line, column0 };
  return { line: best[1] + 1, column0: best[2] + (column0 - best[0]) };
}
