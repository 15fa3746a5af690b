/**
 * Assignment benchmark: synthetic stores into the ≈3.2k US counties of us-atlas.
 *
 * Measures, in one run: index build time and memory; assignPoints for 100k and 1M stores
 * (warm-up, then median of several runs); the naive baseline (turf booleanPointInPolygon
 * against every county in rank order, first hit wins, no bbox pre-check) on a sample; the
 * engine/naive agreement on that sample; memory per store. Target: 1M stores in ≤ 100 ms
 * once the index is built.
 */
import { booleanPointInPolygon } from '@turf/turf';
import {
  assignPoints,
  buildTerritoryIndex,
  subCellValue,
  territoryIndexStats,
  type TerritoryIndex,
} from '../../src/domain/assignment';
import { loadUsCounties } from '../fixtures/usCounties';
import {
  canMeasureMemory,
  coordinatesInBoxes,
  fmtBytes,
  fmtInt,
  fmtMs,
  fmtRate,
  gc,
  memoryNow,
  mulberry32,
  printTable,
  retainedBytes,
  time,
} from './benchUtils';

export const name = 'assignment: stores → US counties (point in polygon)';

const SEED = 20240611;
const TARGET_MS_1M = 100;
/** Naive baseline sample: as many of the first 10k stores as fit in this time budget. */
const NAIVE_MAX_SAMPLE = 10_000;
const NAIVE_BUDGET_MS = 30_000;

/** Deterministic stores: a county picked uniformly, then a uniform point in its bbox. */
function makeStores(counties: ReturnType<typeof loadUsCounties>, n: number): { lngs: Float64Array; lats: Float64Array } {
  return coordinatesInBoxes(counties, n, mulberry32(SEED));
}

/** How points are answered: first-level cell, sub-cell, or exact test (diagnostic only). */
function answerLevels(index: TerritoryIndex, lngs: Float64Array, lats: Float64Array): [number, number, number, number] {
  const { minX, minY, maxX, maxY, cols, rows, scaleX, scaleY, cells } = index;
  const k = index.subdivision;
  let outside = 0;
  let cell = 0;
  let sub = 0;
  let exact = 0;
  for (let i = 0; i < lngs.length; i++) {
    const x = lngs[i]!;
    const y = lats[i]!;
    if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) {
      outside++;
      continue;
    }
    const gx = (x - minX) * scaleX;
    const gy = (y - minY) * scaleY;
    const c = Math.min(cols - 1, gx | 0);
    const r = Math.min(rows - 1, gy | 0);
    const v = cells[r * cols + c]!;
    if (v >= -1) {
      cell++;
      continue;
    }
    const subCell = Math.min(k - 1, ((gy - r) * k) | 0) * k + Math.min(k - 1, ((gx - c) * k) | 0);
    if (subCellValue(index, -2 - v, subCell) >= -1) sub++;
    else exact++;
  }
  return [outside, cell, sub, exact];
}

/** Naive: every county in rank order with turf, first hit wins. */
function naiveAssign(counties: ReturnType<typeof loadUsCounties>, lng: number, lat: number): number {
  const point = [lng, lat];
  for (let t = 0; t < counties.length; t++) {
    if (booleanPointInPolygon(point, counties[t]!.geometry)) return t;
  }
  return -1;
}

export function run(): void {
  if (!canMeasureMemory()) console.log('(memory figures need node --expose-gc, as `npm run bench` does)');
  let t0 = performance.now();
  const counties = loadUsCounties();
  const loadMs = performance.now() - t0;
  let edges = 0;
  for (const c of counties) {
    const polygons = c.geometry.type === 'Polygon' ? [c.geometry.coordinates] : c.geometry.coordinates;
    for (const polygon of polygons) for (const ring of polygon) edges += ring.length - 1;
  }

  // ---- index
  t0 = performance.now();
  const { value: index, bytes: indexRetained } = retainedBytes(() => buildTerritoryIndex(counties));
  const coldBuildMs = performance.now() - t0; // includes two GCs; the warm figure below does not
  const build = time(() => buildTerritoryIndex(counties), 3, 0);
  const stats = territoryIndexStats(index);

  // ---- stores
  const n1M = 1_000_000;
  const n100k = 100_000;
  const stores = makeStores(counties, n1M);
  const lngs100k = stores.lngs.subarray(0, n100k);
  const lats100k = stores.lats.subarray(0, n100k);

  // ---- engine
  const engine100k = time(() => assignPoints(index, lngs100k, lats100k), 9, 3);
  const engine1M = time(() => assignPoints(index, stores.lngs, stores.lats), 7, 2);
  const result1M = assignPoints(index, stores.lngs, stores.lats);
  let assigned = 0;
  for (const w of result1M) if (w >= 0) assigned++;
  const [outside, byCell, bySub, byExact] = answerLevels(index, stores.lngs, stores.lats);

  // ---- memory per store: coordinates (2 × f64) + result (i32), measured
  gc();
  const memBefore = memoryNow();
  const lngsCopy = new Float64Array(stores.lngs);
  const latsCopy = new Float64Array(stores.lats);
  const resultCopy = assignPoints(index, lngsCopy, latsCopy);
  gc();
  const perStoreBytes = (memoryNow() - memBefore) / n1M;
  if (resultCopy.length !== n1M) throw new Error('unreachable');

  // ---- naive baseline on a sample, timed; agreement with the engine on the same sample
  const probe = 200;
  t0 = performance.now();
  for (let i = 0; i < probe; i++) naiveAssign(counties, stores.lngs[i]!, stores.lats[i]!);
  const perPointMs = (performance.now() - t0) / probe;
  const sample = Math.max(probe, Math.min(NAIVE_MAX_SAMPLE, Math.floor(NAIVE_BUDGET_MS / perPointMs)));
  const naive = new Int32Array(sample);
  t0 = performance.now();
  for (let i = 0; i < sample; i++) naive[i] = naiveAssign(counties, stores.lngs[i]!, stores.lats[i]!);
  const naiveMs = performance.now() - t0;
  let disagreements = 0;
  let disagreementsOnBorder = 0;
  for (let i = 0; i < sample; i++) {
    if (naive[i] === result1M[i]) continue;
    disagreements++;
    const point = [stores.lngs[i]!, stores.lats[i]!];
    const onBorder = [naive[i]!, result1M[i]!].some(
      (t) => t >= 0 && !booleanPointInPolygon(point, counties[t]!.geometry, { ignoreBoundary: true }),
    );
    if (onBorder) disagreementsOnBorder++;
  }

  // ---- report
  const rate = (count: number, ms: number) => (count / ms) * 1000;
  const naiveRate = rate(sample, naiveMs);
  const engineRate1M = rate(n1M, engine1M.median);
  console.log(
    `territories: ${fmtInt(counties.length)} US counties (${fmtInt(edges)} edges), loaded in ${fmtMs(loadMs)} ms; ` +
      `stores: seeded (mulberry32 ${SEED}), uniform in the bbox of a uniformly picked county`,
  );
  console.log(
    `index: ${stats.cols} × ${stats.rows} cells, ${fmtInt(stats.subdividedCells)} split ${index.subdivision}×${index.subdivision}, ` +
      `${fmtInt(stats.mixedSubCells)} sub-cells with an exact test`,
  );
  console.log('');
  printTable([
    ['measure', 'value', 'detail'],
    ['index build (first, cold JIT)', `${fmtMs(coldBuildMs)} ms`, ''],
    ['index build (warm)', `${fmtMs(build.median)} ms`, `median of ${build.runs}, min ${fmtMs(build.min)}`],
    ['index memory (typed arrays)', fmtBytes(stats.bytes), ''],
    ['index memory (retained, GC delta)', canMeasureMemory() ? fmtBytes(indexRetained) : 'n/a', ''],
    [
      'assignPoints 100k',
      `${fmtMs(engine100k.median)} ms`,
      `${fmtRate(rate(n100k, engine100k.median))} stores/s (median of ${engine100k.runs}, min ${fmtMs(engine100k.min)})`,
    ],
    [
      'assignPoints 1M',
      `${fmtMs(engine1M.median)} ms`,
      `${fmtRate(engineRate1M)} stores/s (median of ${engine1M.runs}, min ${fmtMs(engine1M.min)}, max ${fmtMs(engine1M.max)})`,
    ],
    [
      '1M answered by',
      `${((byCell / n1M) * 100).toFixed(1)}% cell`,
      `${((bySub / n1M) * 100).toFixed(1)}% sub-cell, ${((byExact / n1M) * 100).toFixed(1)}% exact test, ` +
        `${((outside / n1M) * 100).toFixed(1)}% outside bbox; ${((assigned / n1M) * 100).toFixed(1)}% assigned`,
    ],
    [
      `naive turf, ${fmtInt(sample)} sample`,
      `${fmtMs(naiveMs)} ms`,
      `${fmtRate(naiveRate)} stores/s (every county in rank order, first hit wins)`,
    ],
    ['speed-up engine (1M) / naive', `${fmtInt(Math.round(engineRate1M / naiveRate))}×`, ''],
    [
      'engine vs naive disagreements',
      `${disagreements}`,
      `of ${fmtInt(sample)}; ${disagreementsOnBorder} of them exactly on a border`,
    ],
    [
      'memory per store',
      canMeasureMemory() ? `${perStoreBytes.toFixed(1)} B` : 'n/a',
      'measured: 2 × Float64 coordinates + Int32 result (20 B expected)',
    ],
    [
      'index memory per territory',
      fmtBytes(stats.bytes / counties.length),
      `${fmtBytes(stats.bytes / n1M)} per store at 1M`,
    ],
  ], 'lrl');
  console.log('');
  const pass = engine1M.median <= TARGET_MS_1M;
  console.log(
    `target: 1M stores in ≤ ${TARGET_MS_1M} ms after the index is built → ${fmtMs(engine1M.median)} ms ` +
      `(${fmtRate(engineRate1M)} stores/s): ${pass ? 'PASS' : 'FAIL'}`,
  );
  if (disagreements !== disagreementsOnBorder) {
    console.log(`WARNING: ${disagreements - disagreementsOnBorder} disagreement(s) off the borders`);
  }
}
