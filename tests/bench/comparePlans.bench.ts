/**
 * Compare benchmark (plans and scenarios): the realignment report of two 200-territory
 * plans over 100k stores, against ONE assignPlan of the same stores measured in the same
 * runs (the yardstick: opening the compare view should cost about one assignment).
 *
 * Setup (countyPlans.ts): plan A = 200 territories of ~16 adjacent real US counties each
 * (merged outlines); plan B = plan A duplicated (same territory ids) with 10 neighbouring
 * pairs reshaped (10 counties handed over per pair, ≈ 3k stores change hands); 100k seeded
 * stores; 100 store pins in both plans. Plan B is the open plan: its assignment is in memory.
 *
 * Measured (7 runs after a warm-up, interleaved so that background load hits all alike,
 * a full GC before each timing; ratios are medians of the per-run ratios):
 *  - baseline: assignPlan(100k stores, plan A) — index build + point in polygon + pins;
 *  - comparePlans(A, B), both assignments in memory: what refreshCompare runs after an edit;
 *  - the compare view opening on a plan that is not in memory, after it is read from
 *    storage (as compareSlice's loadSide + compute): sort by rank + assignPlan(A) +
 *    comparePlans. Reading the plan (loadPlan) is timed in planSwitch.bench.ts;
 *  - realignmentToCsv ("Download moves") of the comparison;
 * and the memory the comparison and the CSV keep.
 */
import { assignPlan, buildTerritoryIndex } from '../../src/domain/assignment';
import { realignmentToCsv } from '../../src/domain/export/realignmentCsv';
import { comparePlans, type PlanComparison } from '../../src/domain/plans';
import type { StorePin, Territory } from '../../src/domain/types';
import { canMeasureMemory, fmtBytes, fmtInt, fmtMs, fmtRate, gc, median, mulberry32, printTable, retainedBytes } from './benchUtils';
import { countyPlanPair, PLAN_STORES, PLAN_TERRITORIES, RESHAPED_PAIRS, COUNTIES_MOVED_PER_PAIR, vertexCount } from './countyPlans';

export const name = `plans: compare two ${PLAN_TERRITORIES}-territory plans over 100k stores (realignment report) vs one assignPlan`;

const RUNS = 7;
const PINS = 100;
/** The compare (both sides in memory) should cost well under one assignment. */
const TARGET_COMPARE_RATIO = 1;
/** Opening compare on a stored plan should cost about one assignment (+ the compare). */
const TARGET_OPEN_RATIO = 1.5;

const byRank = (a: Territory, b: Territory) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function run(): void {
  const pair = countyPlanPair();
  const { stores, lngs, lats, territoriesA, territoriesB } = pair;
  const n = stores.length;
  if (n !== PLAN_STORES) throw new Error('unreachable');

  // The same pins in both plans: pinned stores never move.
  const random = mulberry32(7);
  const pins: StorePin[] = Array.from({ length: PINS }, () => ({
    storeId: stores[Math.floor(random() * n)]!.id,
    territoryId: territoriesA[Math.floor(random() * territoriesA.length)]!.id,
  }));

  const assignmentB = assignPlan(stores, lngs, lats, territoriesB, pins); // the open plan
  const compare = (assignmentA: Int32Array): PlanComparison =>
    comparePlans({ stores, assignmentA, territoriesA, assignmentB, territoriesB });
  /** compareSlice: loadSide for a stored plan (sort + assignPlan), then compute. */
  const openOnStoredPlan = (): PlanComparison => {
    const sorted = [...territoriesA].sort(byRank);
    return comparePlans({ stores, assignmentA: assignPlan(stores, lngs, lats, sorted, pins), territoriesA: sorted, assignmentB, territoriesB });
  };

  // Sanity: the moves are exactly the stores whose territory index differs (B keeps A's
  // ids and order), and the CSV has one line per moved store.
  const assignmentA = assignPlan(stores, lngs, lats, territoriesA, pins);
  const comparison = compare(assignmentA);
  let differing = 0;
  for (let i = 0; i < n; i++) if (assignmentA[i] !== assignmentB[i]) differing++;
  if (comparison.summary.storesMoved !== differing) {
    throw new Error(`comparePlans reports ${comparison.summary.storesMoved} moved stores, the assignments differ on ${differing}`);
  }
  const csv = realignmentToCsv(stores, comparison, territoriesA, territoriesB);
  const csvLines = csv.split('\n').length - 1;
  if (csvLines !== differing + 1) throw new Error(`realignment CSV has ${csvLines} lines for ${differing} moved stores`);
  let assignedA = 0;
  for (const t of assignmentA) if (t >= 0) assignedA++;

  const clock = (fn: () => unknown): number => {
    gc(1);
    const t = performance.now();
    fn();
    return performance.now() - t;
  };
  const times = { assign: [] as number[], index: [] as number[], compare: [] as number[], open: [] as number[], csv: [] as number[] };
  const ratios = { index: [] as number[], compare: [] as number[], open: [] as number[], csv: [] as number[] };
  for (let r = 0; r <= RUNS; r++) {
    const assign = clock(() => assignPlan(stores, lngs, lats, territoriesA, pins));
    const cmp = clock(() => compare(assignmentA));
    const open = clock(openOnStoredPlan);
    const csvMs = clock(() => realignmentToCsv(stores, comparison, territoriesA, territoriesB));
    const index = clock(() => buildTerritoryIndex(territoriesA));
    if (r === 0) continue; // warm-up
    times.assign.push(assign);
    times.index.push(index);
    times.compare.push(cmp);
    times.open.push(open);
    times.csv.push(csvMs);
    ratios.index.push(index / assign);
    ratios.compare.push(cmp / assign);
    ratios.open.push(open / assign);
    ratios.csv.push(csvMs / assign);
  }

  const moved = comparison.summary.storesMoved;
  /** `ratio`: per-run ratios to the baseline, or null for the baseline itself. */
  const rowOf = (label: string, xs: number[], count: number, unit: string, ratio: number[] | null, detail = '') => [
    label,
    fmtMs(median(xs)),
    fmtMs(Math.min(...xs)),
    `${fmtRate((count / median(xs)) * 1000)} ${unit}/s`,
    ratio ? `${median(ratio).toFixed(2)}×` : '1.00×',
    detail,
  ];
  console.log(
    `plans: A = ${PLAN_TERRITORIES} territories of ~${Math.round(pair.counties.ordered.length / PLAN_TERRITORIES)} adjacent US counties ` +
      `(${fmtInt(vertexCount(territoriesA))} outline vertices); B = A with ${RESHAPED_PAIRS * 2} territories reshaped ` +
      `(${RESHAPED_PAIRS} pairs, ${COUNTIES_MOVED_PER_PAIR} counties handed over each); built in ${fmtMs(pair.buildMs)} ms ` +
      `(unions ${fmtMs(pair.unionMs)} ms, shared with planSwitch.bench.ts)`,
  );
  console.log(
    `market: ${fmtInt(n)} seeded stores, ${fmtInt(assignedA)} assigned in A, ${PINS} pins in both plans; ` +
      `moves: ${fmtInt(moved)} stores (${((moved / n) * 100).toFixed(1)}%) in ${comparison.moves.length} (from → to) groups, ` +
      `$${fmtInt(Math.round(comparison.summary.revenueMoved))} revenue; ${comparison.territories.length} report rows`,
  );
  console.log('');
  printTable(
    [
      [`100k stores (${RUNS} interleaved runs)`, 'median ms', 'min ms', 'throughput', 'vs assignPlan', 'detail'],
      rowOf('baseline: assignPlan (plan A)', times.assign, n, 'stores', null, 'index build + point in polygon + pins'),
      rowOf('  of which buildTerritoryIndex', times.index, PLAN_TERRITORIES, 'territories', ratios.index, 'timed alone: most of an assignPlan'),
      rowOf('comparePlans (both sides in memory)', times.compare, n, 'stores', ratios.compare, 'refresh after an edit'),
      rowOf('open compare on a stored plan', times.open, n, 'stores', ratios.open, 'sort + assignPlan(A) + comparePlans'),
      rowOf('realignmentToCsv (Download moves)', times.csv, moved, 'rows', ratios.csv, `${fmtInt(moved)} lines, ${fmtBytes(Buffer.byteLength(csv))}`),
    ],
    'lrrrrl',
  );
  if (canMeasureMemory()) {
    const kept = retainedBytes(() => compare(assignmentA));
    const text = retainedBytes(() => realignmentToCsv(stores, comparison, territoriesA, territoriesB));
    console.log(
      `memory kept: comparison ${fmtBytes(kept.bytes)} (${fmtBytes(kept.bytes / Math.max(1, moved))} per moved store, incl. 3 Int32Arrays of the moves); ` +
        `CSV text ${fmtBytes(text.bytes)} (${fmtBytes(Buffer.byteLength(text.value))} UTF-8); one assignment ${fmtBytes(assignmentA.byteLength)}`,
    );
  }
  const compareRatio = median(ratios.compare);
  const openRatio = median(ratios.open);
  console.log(
    `target: compare ≤ ${TARGET_COMPARE_RATIO}× one assignPlan → ${compareRatio.toFixed(2)}×: ${compareRatio <= TARGET_COMPARE_RATIO ? 'MET' : 'NOT MET'}; ` +
      `open compare on a stored plan ≤ ${TARGET_OPEN_RATIO}× one assignPlan → ${openRatio.toFixed(2)}×: ${openRatio <= TARGET_OPEN_RATIO ? 'MET' : 'NOT MET'}`,
  );
}
