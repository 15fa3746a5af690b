/**
 * Small helpers shared by the benchmark modules (tests/bench/*.bench.ts): a seeded PRNG,
 * timing with warm-up and median, memory snapshots, and a plain-text table.
 */

export { mulberry32 } from '../fixtures/random';

export interface Timing {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed (ms); returns median/min/max. */
export function time(fn: () => unknown, runs: number, warmup = 1): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]!, max: times[times.length - 1]!, runs };
}

/** Forces a full GC when node runs with --expose-gc (npm run bench does); no-op otherwise. */
export function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) {
    collect();
    collect();
  }
}

export const canMeasureMemory = (): boolean => typeof (globalThis as { gc?: unknown }).gc === 'function';

/** Heap used + ArrayBuffer backing stores (typed arrays live outside the JS heap). */
export function memoryNow(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Bytes retained by what `make` returns (GC before and after; keep the result alive). */
export function retainedBytes<T>(make: () => T): { value: T; bytes: number } {
  gc();
  const before = memoryNow();
  const value = make();
  gc();
  const bytes = memoryNow() - before;
  return { value, bytes };
}

export function fmtMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

export function fmtRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)}M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)}k`;
  return perSecond.toFixed(0);
}

export function fmtBytes(bytes: number): string {
  if (Math.abs(bytes) >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MB`;
  if (Math.abs(bytes) >= 1 << 10) return `${(bytes / (1 << 10)).toFixed(1)} KB`;
  return `${bytes.toFixed(0)} B`;
}

export function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Prints rows as an aligned text table; the first row is the header. `align` has one letter
 * per column, 'l' or 'r' (default: first column left, the others right).
 */
export function printTable(rows: readonly (readonly string[])[], align = ''): void {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => ((align[i] ?? (i === 0 ? 'l' : 'r')) === 'l' ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  rows.forEach((row, i) => {
    console.log(line(row));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  });
}
