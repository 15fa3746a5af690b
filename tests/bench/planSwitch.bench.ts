/**
 * Plan switching benchmark (plans and scenarios): what runs when the user picks another plan
 * — loadPlan (src/db/planRepository.ts: one read transaction for the plan record, its
 * territories, regions and undo history, every territory normalised and its geometry
 * validated, sorted by rank) and then assignPlan of the market over the loaded territories.
 *
 * Baseline in the same runs: a plain Dexie `toArray()` of a planTerritories table that
 * holds exactly the plan's rows (same objects, same count), so `loadPlan / toArray` is the
 * cost the repository adds to reading the rows at all. Also timed: the same rows read the
 * way the repository selects them (the planId index), normaliseTerritory alone in memory
 * (where the overhead goes), a plan with a full undo history on disk (100 steps, the
 * persisted limit), and the switch as a whole (loadPlan + assignPlan).
 *
 * Two workspaces:
 *  - 200 territories of ~16 merged real US counties (countyPlans.ts; two such plans to
 *    switch between, A and B, and C = B with 100 undo steps), 100k seeded stores in memory
 *    (the db holds no stores: loadPlan never reads them);
 *  - the sample market as the app seeds it on first run (data/: 10k stores, the demo plan of
 *    10 state-group territories) plus a duplicate of the demo plan to switch to.
 *
 * IndexedDB is fake-indexeddb in node (structured clone + in-memory B-trees, as in the db
 * tests): the browser's IndexedDB differs in absolute speed, the ratios are what to read.
 * 9 runs after a warm-up, switching A → B → A…, a full GC before each timing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createPlan, loadPlan, normaliseTerritory, savePlanChanges, seedWorkspace, type SeedInput } from '../../src/db/planRepository';
import { createPlannerDb, type HistoryEntry, type PlannerDb } from '../../src/db/schema';
import { assignPlan } from '../../src/domain/assignment';
import { duplicatePlan } from '../../src/domain/plans';
import { parseDemoPlan, parseSampleMarket } from '../../src/domain/sampleData';
import type { Plan, PlanBundle, PlanId, Store, StorePin, Territory, WorkspaceId } from '../../src/domain/types';
import { canMeasureMemory, fmtBytes, fmtInt, fmtMs, fmtRate, gc, median, mulberry32, printTable, requireDataFile, retainedBytes } from './benchUtils';
import { countyPlanPair, PLAN_A, PLAN_B, PLAN_TERRITORIES, vertexCount } from './countyPlans';

export const name = `plans: switch plans — loadPlan (fake-indexeddb) of ${PLAN_TERRITORIES} territories and of the sample market + assignPlan, vs a plain Dexie toArray`;

const RUNS = 9;
const WARMUP = 1;
const PINS = 100;
const UNDO_STEPS = 100; // PERSISTED_HISTORY_LIMIT
const NOW = Date.UTC(2026, 11, 5);
const PLAN_C = 'plan-bench-c' as PlanId;

let dbSeq = 0;
const freshDb = (label: string): PlannerDb => createPlannerDb(`tp-bench-${label}-${++dbSeq}-${process.pid}`, { indexedDB, IDBKeyRange });

const sortedById = (stores: Store[]): Store[] => [...stores].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

interface Scenario {
  title: string;
  /** Holds the two plans the runs switch between (and, optionally, one with history). */
  db: PlannerDb;
  switchBetween: readonly [PlanId, PlanId];
  withHistory: PlanId | null;
  /** Holds only the first plan's territory rows: the plain toArray baseline. */
  oneTable: PlannerDb;
  territoryCount: number;
  stores: readonly Store[];
  lngs: Float64Array;
  lats: Float64Array;
  /** Raw rows of the first plan (for normaliseTerritory alone). */
  rawRows: Territory[];
  setupNote: string;
}

export async function run(): Promise<void> {
  const dataDir = join(import.meta.dirname, '../../data');
  const regen = 'it ships with the repo (regenerate with `npm run generate:market`)';
  const marketPath = requireDataFile(join(dataDir, 'sample-market.json'), regen);
  const demoPath = requireDataFile(join(dataDir, 'demo-plan.json'), regen);

  const scenarios = [await countyScenario(), await sampleScenario(marketPath, demoPath)];
  for (const s of scenarios) {
    await measure(s);
    await s.db.delete();
    await s.oneTable.delete();
  }
}

/** 200 merged-county territories; plans A and B (B reshaped), C = B + 100 undo steps. */
async function countyScenario(): Promise<Scenario> {
  const pair = countyPlanPair();
  const random = mulberry32(11);
  const pins: StorePin[] = Array.from({ length: PINS }, () => ({
    storeId: pair.stores[Math.floor(random() * pair.stores.length)]!.id,
    territoryId: pair.territoriesA[Math.floor(random() * pair.territoriesA.length)]!.id,
  }));
  const ws = 'ws-bench' as WorkspaceId;
  const plan = (id: PlanId, name: string, t: number): Plan => ({ id, workspaceId: ws, name, createdAt: t, updatedAt: t, overlapMode: 'take', pins });
  const bundle = (p: Plan, territories: readonly Territory[]): PlanBundle => ({ plan: p, territories: territories.map((t) => ({ ...t, planId: p.id })), regions: [] });
  const a = bundle(plan(PLAN_A, 'Plan 2027', NOW), pair.territoriesA);
  const b = bundle(plan(PLAN_B, 'Plan 2027 (realigned)', NOW + 1), pair.territoriesB);
  const c = bundle(plan(PLAN_C, 'Plan 2027 (realigned, edited)', NOW + 2), pair.territoriesB);
  const input = (plans: PlanBundle[]): SeedInput => ({
    workspace: { id: ws, name: 'Bench', activePlanId: PLAN_A, createdAt: NOW },
    plans,
    stores: [],
    people: [],
  });

  const t0 = performance.now();
  const db = freshDb('switch');
  await seedWorkspace(db, input([a, b, c]));
  // C's undo history: each step reshaped one pair (before: A's outlines, after: B's).
  const undo: HistoryEntry[] = Array.from({ length: UNDO_STEPS }, (_, k) => {
    const t = pair.reshaped[(2 * k) % pair.reshaped.length]!;
    return {
      label: `Reshaped ${pair.territoriesA[t]!.name} and ${pair.territoriesA[t + 1]!.name}`,
      before: [a.territories[t]!, a.territories[t + 1]!].map((x) => ({ ...x, planId: PLAN_C })),
      after: [c.territories[t]!, c.territories[t + 1]!],
    };
  });
  await savePlanChanges(db, {
    planId: PLAN_C, territoryUpserts: [], territoryDeletes: [], regionUpserts: [], regionDeletes: [], savedAt: NOW + 3, history: { undo, redo: [] },
  });
  const oneTable = freshDb('switch-one');
  await seedWorkspace(oneTable, input([a]));
  const seedMs = performance.now() - t0;

  return {
    title: `${PLAN_TERRITORIES} territories of merged US counties (${fmtInt(vertexCount(a.territories))} outline vertices, ` +
      `${fmtBytes(JSON.stringify(a.territories).length)} as JSON), ${PINS} pins; 100k stores`,
    db,
    switchBetween: [PLAN_A, PLAN_B],
    withHistory: PLAN_C,
    oneTable,
    territoryCount: a.territories.length,
    stores: pair.stores,
    lngs: pair.lngs,
    lats: pair.lats,
    rawRows: a.territories,
    setupNote: `plans built in ${fmtMs(pair.buildMs)} ms (shared with comparePlans.bench.ts); 3 plans + ${UNDO_STEPS} undo steps seeded in ${fmtMs(seedMs)} ms`,
  };
}

/** The first-run workspace (as src/boot/sampleWorkspace.ts builds it) + a copy of the demo plan. */
async function sampleScenario(marketPath: string, demoPath: string): Promise<Scenario> {
  const market = parseSampleMarket(JSON.parse(readFileSync(marketPath, 'utf8')));
  if (!market.ok) throw new Error(`data/sample-market.json: ${market.message}`);
  const demoJson: unknown = JSON.parse(readFileSync(demoPath, 'utf8'));
  const demo = parseDemoPlan(demoJson);
  if (!demo.ok) throw new Error(`data/demo-plan.json: ${demo.message}`);
  const ws = 'ws-default' as WorkspaceId;
  const demoId = 'plan-demo' as PlanId;
  const copyId = 'plan-demo-copy' as PlanId;
  const demoBundle: PlanBundle = {
    plan: { id: demoId, workspaceId: ws, name: demo.value.name, createdAt: NOW, updatedAt: NOW },
    territories: demo.value.territories.map((t) => ({ ...t, planId: demoId })),
    regions: [],
  };
  const people = [...market.value.people, ...demo.value.people].map((p) => ({ ...p, workspaceId: ws }));
  const input = (stores: Store[]): SeedInput => ({
    workspace: { id: ws, name: 'Sample market', activePlanId: demoId, createdAt: NOW },
    plans: [demoBundle],
    stores,
    people,
  });

  const t0 = performance.now();
  const db = freshDb('sample');
  await seedWorkspace(db, input(market.value.stores));
  await createPlan(db, duplicatePlan(demoBundle, { newPlanId: copyId, name: `${demo.value.name} (copy)`, now: NOW + 1 }));
  const oneTable = freshDb('sample-one');
  await seedWorkspace(oneTable, input([]));
  const seedMs = performance.now() - t0;

  const stores = sortedById(market.value.stores); // loadStores' order
  return {
    title: `sample market: demo plan, ${demoBundle.territories.length} state-group territories (${fmtInt(vertexCount(demoBundle.territories))} outline vertices, ` +
      `${fmtBytes(JSON.stringify(demoBundle.territories).length)} as JSON); ${fmtInt(stores.length)} stores`,
    db,
    switchBetween: [demoId, copyId],
    withHistory: null,
    oneTable,
    territoryCount: demoBundle.territories.length,
    stores,
    lngs: Float64Array.from(stores, (s) => s.lng),
    lats: Float64Array.from(stores, (s) => s.lat),
    rawRows: demoBundle.territories,
    setupNote: `workspace (${fmtInt(stores.length)} stores, demo plan + its copy) seeded in ${fmtMs(seedMs)} ms`,
  };
}

async function measure(s: Scenario): Promise<void> {
  const { db, oneTable, stores, lngs, lats } = s;
  const n = stores.length;
  // Sanity: loadPlan gives back every row, nothing reported, and the baselines read as many.
  for (const id of [...s.switchBetween, ...(s.withHistory ? [s.withHistory] : [])]) {
    const p = await loadPlan(db, id);
    if (!p || p.problems.length > 0 || p.bundle.territories.length !== s.territoryCount) {
      throw new Error(`loadPlan(${id}) did not load the ${s.territoryCount} territories: ${p ? p.problems.join('; ') || `${p.bundle.territories.length} loaded` : 'no plan'}`);
    }
    if (id === s.withHistory && p.history.undo.length !== UNDO_STEPS) throw new Error(`expected ${UNDO_STEPS} undo steps, loaded ${p.history.undo.length}`);
  }
  if ((await oneTable.planTerritories.toArray()).length !== s.territoryCount) throw new Error('baseline table does not hold the plan rows');

  const clock = async (fn: () => unknown): Promise<number> => {
    gc(1);
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const times = { table: [] as number[], indexed: [] as number[], load: [] as number[], normalise: [] as number[], history: [] as number[], assign: [] as number[], total: [] as number[] };
  const ratios = { indexed: [] as number[], load: [] as number[], history: [] as number[] };
  for (let r = 0; r < WARMUP + RUNS; r++) {
    const target = s.switchBetween[r % 2]!;
    const table = await clock(() => oneTable.planTerritories.toArray());
    const indexed = await clock(() => db.planTerritories.where('planId').equals(target).toArray());
    const load = await clock(() => loadPlan(db, target));
    const normalise = await clock(() => s.rawRows.map(normaliseTerritory));
    const history = s.withHistory ? await clock(() => loadPlan(db, s.withHistory!)) : NaN;
    // The switch itself, to the other plan: loadPlan, then assignPlan of the market.
    gc(1);
    const t0 = performance.now();
    const p = (await loadPlan(db, s.switchBetween[(r + 1) % 2]!))!;
    const t1 = performance.now();
    assignPlan(stores, lngs, lats, p.bundle.territories, p.bundle.plan.pins);
    const t2 = performance.now();
    const assign = t2 - t1;
    const total = t2 - t0;
    if (r < WARMUP) continue;
    times.table.push(table);
    times.indexed.push(indexed);
    times.load.push(load);
    times.normalise.push(normalise);
    times.assign.push(assign);
    times.total.push(total);
    ratios.indexed.push(indexed / table);
    ratios.load.push(load / table);
    if (s.withHistory) {
      times.history.push(history);
      ratios.history.push(history / table);
    }
  }

  // Memory a loaded plan keeps (territories with their geometry, plan, history), measured as
  // a deep copy of it made synchronously: heap deltas across an await are unreliable (an
  // async function's suspended frame keeps its previous values alive).
  const keptBytes = async (id: PlanId): Promise<number> => {
    const p = (await loadPlan(db, id))!;
    return retainedBytes(() => structuredClone({ bundle: p.bundle, history: p.history })).bytes;
  };
  const kept = canMeasureMemory() ? await keptBytes(s.switchBetween[0]) : NaN;
  const keptHistory = canMeasureMemory() && s.withHistory ? await keptBytes(s.withHistory) : NaN;

  const T = s.territoryCount;
  /** `ratio`: per-run ratios to the baseline; 'base' for the baseline itself. */
  const row = (label: string, xs: number[], count: number, unit: string, ratio: number[] | 'base' | null, detail = '') => [
    label,
    fmtMs(median(xs)),
    fmtMs(Math.min(...xs)),
    `${fmtRate((count / median(xs)) * 1000)} ${unit}/s`,
    ratio === 'base' ? '1.00×' : ratio ? `${median(ratio).toFixed(2)}×` : '',
    detail,
  ];
  console.log(`\n${s.title}`);
  console.log(s.setupNote);
  printTable(
    [
      [`switch plan (${RUNS} runs, alternating)`, 'median ms', 'min ms', 'throughput', 'vs toArray', 'detail'],
      row(`baseline: planTerritories.toArray()`, times.table, T, 'rows', 'base', `plain Dexie, a table of exactly the ${T} rows`),
      row('same rows by the planId index', times.indexed, T, 'rows', ratios.indexed, 'where(planId).equals(id).toArray(), no transaction'),
      row('loadPlan (repository)', times.load, T, 'territories', ratios.load, 'transaction: plan + rows + regions + history, normalise, sort'),
      row(`  normaliseTerritory × ${T} alone`, times.normalise, T, 'territories', null, 'in memory: geometry validation + copy'),
      ...(s.withHistory
        ? [row(`loadPlan, ${UNDO_STEPS} undo steps on disk`, times.history, T, 'territories', ratios.history, `each step: 2 territories before + 2 after`)]
        : []),
      row('switch total: loadPlan + assignPlan', times.total, n, 'stores', null, 'what the user waits for before the map and table update'),
      row(`  of which assignPlan ${fmtInt(n)} stores`, times.assign, n, 'stores', null, 'index build + point in polygon + pins, after the load'),
    ],
    'lrrrrl',
  );
  if (canMeasureMemory()) {
    console.log(
      `memory kept by a loaded plan: ${fmtBytes(kept)} (${fmtBytes(kept / T)} per territory)` +
        (s.withHistory ? `; with ${UNDO_STEPS} undo steps ${fmtBytes(keptHistory)}` : ''),
    );
  }
  const assignShare = median(times.assign) / median(times.total);
  console.log(
    `loadPlan / plain toArray: ${median(ratios.load).toFixed(2)}× (median of per-run ratios); ` +
      `of the switch, assignPlan takes ${(assignShare * 100).toFixed(0)}%, loadPlan the other ${((1 - assignShare) * 100).toFixed(0)}%`,
  );
}
