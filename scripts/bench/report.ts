/** What every benchmark section returns, and the table `npm run bench` prints. */
export interface BenchEntry {
  name: string;
  value: number;
  unit: string;
}

export function round(x: number, digits = 1): number {
  const p = 10 ** digits;
  return Math.round(x * p) / p;
}

export function printTable(entries: readonly BenchEntry[]): void {
  const width = Math.max(...entries.map((r) => r.name.length));
  for (const r of entries)
    console.log(
      `${r.name.padEnd(width)}  ${r.value.toLocaleString('en-US').padStart(14)} ${r.unit}`,
    );
}
