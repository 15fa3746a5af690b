/**
 * Classing for choropleth maps (issue 14, "See it on the map"): cut a set of KPI values into
 * 3–9 classes and give each class a colorblind-safe color. Pure: no store, no map.
 *
 * Classes are given by their bounds B (length = classes + 1, strictly increasing, except
 * [v, v] when every value is v): class i holds B[i] ≤ v < B[i+1], the last class also holds
 * v = B[last], so every finite value in [B[0], B[n]] falls in exactly one class. Missing
 * values (null, NaN, ±Infinity) are "no data".
 */

export type ClassMethod = 'quantile' | 'equal' | 'jenks';
export const CLASS_METHODS: readonly ClassMethod[] = ['quantile', 'equal', 'jenks'];
export const MIN_CLASSES = 3;
export const MAX_CLASSES = 9;

/** ColorBrewer YlGnBu, 9 classes: sequential, colorblind-safe, light = low. */
export const SEQUENTIAL_PALETTE = ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#253494', '#081d58'] as const;
/** ColorBrewer PuOr, 9 classes: diverging, colorblind-safe, orange = below 0, purple = above. */
export const DIVERGING_PALETTE = ['#b35806', '#e08214', '#fdb863', '#fee0b6', '#f7f7f7', '#d8daeb', '#b2abd2', '#8073ac', '#542788'] as const;
/** Fill opacity of territories colored by class on the map; the legend's swatches use it too. */
export const CLASSED_FILL_OPACITY = 0.65;
/** Territories without a value. */
export const NO_DATA_COLOR = '#c8ccd1';

export function clampClasses(k: number): number {
  return Number.isFinite(k) ? Math.min(MAX_CLASSES, Math.max(MIN_CLASSES, Math.round(k))) : 5;
}

function finiteSorted(values: readonly (number | null | undefined)[]): number[] {
  const out: number[] = [];
  for (const v of values) if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  return out.sort((a, b) => a - b);
}

/** Lower bounds of up to k classes (strictly increasing) of sorted values by the method. */
function lowerBounds(sorted: readonly number[], k: number, method: ClassMethod): number[] {
  const n = sorted.length;
  const min = sorted[0]!;
  const max = sorted[n - 1]!;
  if (min === max) return [min];
  let lows: number[];
  if (method === 'equal') {
    lows = Array.from({ length: k }, (_, i) => min + ((max - min) * i) / k);
  } else if (method === 'quantile') {
    // A start tied with the class below moves up to the next distinct value (ties stay in one class).
    lows = [min];
    for (let i = 1, at = 0; i < k; i++) {
      at = Math.max(at, Math.floor((i * n) / k));
      while (at < n && sorted[at]! <= lows[lows.length - 1]!) at++;
      if (at >= n) break;
      lows.push(sorted[at]!);
    }
  } else {
    lows = jenksLowerBounds(sorted, Math.min(k, n));
  }
  // Distinct starts; a class starting at the maximum would read "max – max": the class below takes it.
  const out: number[] = [];
  for (const l of lows) if (out.length === 0 || (l > out[out.length - 1]! && l < max)) out.push(l);
  return out;
}

/**
 * Fisher–Jenks natural breaks (minimum within-class sum of squared deviations, exact dynamic
 * programme, O(k·n²)): the first value of each class.
 */
function jenksLowerBounds(sorted: readonly number[], k: number): number[] {
  const n = sorted.length;
  // Prefix sums for the SSD of sorted[a..b] in O(1).
  const s1 = new Float64Array(n + 1);
  const s2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    s1[i + 1] = s1[i]! + sorted[i]!;
    s2[i + 1] = s2[i]! + sorted[i]! * sorted[i]!;
  }
  const ssd = (a: number, b: number) => {
    const m = b - a + 1;
    const s = s1[b + 1]! - s1[a]!;
    return s2[b + 1]! - s2[a]! - (s * s) / m;
  };
  // cost[c][j]: best cost of the first j+1 values in c+1 classes; start[c][j]: first index of the last class.
  const cost: Float64Array[] = [];
  const start: Int32Array[] = [];
  for (let c = 0; c < k; c++) {
    cost.push(new Float64Array(n).fill(Infinity));
    start.push(new Int32Array(n));
  }
  for (let j = 0; j < n; j++) cost[0]![j] = ssd(0, j);
  for (let c = 1; c < k; c++) {
    for (let j = c; j < n; j++) {
      for (let a = c; a <= j; a++) {
        const v = cost[c - 1]![a - 1]! + ssd(a, j);
        if (v < cost[c]![j]!) {
          cost[c]![j] = v;
          start[c]![j] = a;
        }
      }
    }
  }
  const starts: number[] = [];
  let j = n - 1;
  for (let c = k - 1; c >= 1; c--) {
    const a = start[c]![j]!;
    starts.push(a);
    j = a - 1;
  }
  starts.push(0);
  return starts.reverse().map((i) => sorted[i]!);
}

/**
 * Class bounds of the values: up to k classes (fewer when there are fewer distinct values);
 * [] when no value is finite. Diverging: classes symmetric around 0 (the method classes the
 * magnitudes |v|, mirrored), with 0 a bound when the count is even and inside the middle
 * class when it is odd.
 */
export function classBounds(values: readonly (number | null | undefined)[], method: ClassMethod, k: number, diverging = false): number[] {
  k = clampClasses(k);
  const sorted = finiteSorted(values);
  if (sorted.length === 0) return [];
  if (!diverging) {
    const lows = lowerBounds(sorted, k, method);
    return [...lows, sorted[sorted.length - 1]!];
  }
  const mags = finiteSorted(sorted.map(Math.abs));
  const top = mags[mags.length - 1]!;
  if (top === 0) return [0, 0];
  const half = Math.ceil(k / 2);
  // Positive bounds 0 < p1 < … < top, from the magnitudes with 0 as the floor.
  const lows = lowerBounds([0, ...mags], half, method).filter((p) => p > 0);
  const pos = [...lows, top].filter((p, i, a) => i === 0 || p > a[i - 1]!);
  const neg = pos.map((p) => -p).reverse();
  // k odd: the middle class straddles 0, [−p1, p1); k even: 0 is a bound.
  return k % 2 === 1 ? [...neg, ...pos] : [...neg, 0, ...pos];
}

/** The class of a value (0-based), or -1 for no data. Values outside the bounds clamp to the end classes. */
export function classOf(bounds: readonly number[], v: number | null | undefined): number {
  const n = bounds.length - 1;
  if (n < 1 || typeof v !== 'number' || !Number.isFinite(v)) return -1;
  let i = 0;
  for (let c = 1; c < n; c++) if (v >= bounds[c]!) i = c;
  return i;
}

/** Colors for n classes, spread over the 9-class palette end to end (symmetric for diverging). */
export function classColors(n: number, diverging = false): string[] {
  const p = diverging ? DIVERGING_PALETTE : SEQUENTIAL_PALETTE;
  if (n <= 0) return [];
  if (n === 1) return [diverging ? p[4] : p[4]];
  return Array.from({ length: n }, (_, i) => p[Math.round((i * (p.length - 1)) / (n - 1))]!);
}
