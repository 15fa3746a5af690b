/**
 * Small helpers shared by the benchmark modules (tests/bench/*.bench.ts): a seeded PRNG,
 * synthetic stores, timing with warm-up and median, memory snapshots, a plain-text table,
 * and a fail-fast check for the data files a bench reads.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Store, StoreId, StoreStatus } from '../../src/domain/types';

export { mulberry32 } from '../fixtures/random';

/**
 * Stops a bench before any work when a file it reads is missing, with one line that says
 * which file and how to get it (instead of an ENOENT deep inside a loader).
 * `spec` is a path or, with `package: true`, a module specifier resolved from node_modules.
 */
export function requireDataFile(spec: string, hint: string, opts: { package?: boolean } = {}): string {
  let path = spec;
  if (opts.package) {
    try {
      path = createRequire(import.meta.url).resolve(spec);
    } catch {
      throw new Error(`bench needs ${spec}, which is not installed: ${hint}`);
    }
  }
  if (!existsSync(path)) throw new Error(`bench needs ${path}, which is missing: ${hint}`);
  return path;
}

/**
 * Store coordinates, `n` of them: a box picked uniformly from `boxes`, then a uniform point
 * in it (so stores follow the boxes' density, and some land just outside their polygon).
 * Draws 3 numbers per store from `random`, in a fixed order: benches that share a seed get
 * the very same stores.
 */
export function coordinatesInBoxes(
  boxes: readonly { readonly bbox: readonly [number, number, number, number] }[],
  n: number,
  random: () => number,
): { lngs: Float64Array; lats: Float64Array } {
  const lngs = new Float64Array(n);
  const lats = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [minX, minY, maxX, maxY] = boxes[Math.floor(random() * boxes.length)]!.bbox;
    lngs[i] = minX + random() * (maxX - minX);
    lats[i] = minY + random() * (maxY - minY);
  }
  return { lngs, lats };
}

const BENCH_STATUSES: readonly StoreStatus[] = ['customer', 'customer', 'prospect', 'lost'];

/**
 * One synthetic store at (lng, lat), id `S${i}`: half customers, a quarter prospects (no
 * revenue), a quarter lost; revenue, prior revenue and potential uniform in dollars and
 * cents. Draws 4–5 numbers from `random` in a fixed order.
 */
export function syntheticStore(i: number, lng: number, lat: number, random: () => number): Store {
  const status = BENCH_STATUSES[Math.floor(random() * BENCH_STATUSES.length)]!;
  return {
    id: `S${i}` as StoreId, externalId: null, name: `Store ${i}`, address: '', city: '', state: '', zip: '',
    lat, lng, geocodePrecision: 'exact', status, channel: 'independent-pet',
    revenue: status === 'prospect' ? 0 : Math.round(random() * 12_000_000) / 100,
    priorRevenue: Math.round(random() * 10_000_000) / 100,
    potential: Math.round(random() * 20_000_000) / 100,
    customerSince: status === 'customer' ? `20${20 + Math.floor(random() * 6)}-0${1 + Math.floor(random() * 9)}-15` : null,
    satisfaction: null, renewalDate: null, keyAccount: false, accountManagerId: null,
  };
}

/** The median of `values` (upper median for an even count; the input is not changed). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

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

/**
 * Forces a full GC when node runs with --expose-gc (npm run bench does); no-op otherwise.
 * Twice by default (what memory figures need: finalisers of the first pass freed too); once
 * is enough to start a timing with a clean heap, and halves the cost on a large heap.
 */
export function gc(passes = 2): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) for (let i = 0; i < passes; i++) collect();
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
