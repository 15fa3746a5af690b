/**
 * How to read: each edit's "app store" time is what the app's derived state costs after a
 * committed edit now (plan engine, incremental); "full recompute" is what it cost before
 * (assignPlan + computeTerritoryStats + filterStores over every store), timed on the same
 * plan in the same run. Ratio < 1 = faster. Also: a vertex drag frame (previewOutline).
 *
 * The app store (src/store) is driven exactly as the UI drives it — deleteTerritory, undo,
 * reshapeTerritory, paint-like reshapes of two neighbours, previewOutline — over 200
 * territories of ~16 merged real US counties (countyPlans.ts) and 1,000,000 seeded stores
 * (SCALE_STORES overrides). No map, no IndexedDB (markDirty is a no-op): this is the
 * main-thread compute an edit costs, the part the engine changes.
 */
import { assignPlan } from '../../src/domain/assignment';
import { EMPTY_STORE_FILTER, filterStores } from '../../src/domain/query';
import { computeTerritoryStats } from '../../src/domain/stats';
import type { PlanId, Store, Territory, WorkspaceId } from '../../src/domain/types';
import { createAppStore } from '../../src/store/appStore';
import { coordinatesInBoxes, fmtInt, fmtMs, gc, median, mulberry32, printTable, syntheticStore } from './benchUtils';
import { countyPlanPair } from './countyPlans';

const STORES = Number(process.env['SCALE_STORES'] ?? 1_000_000);
const RUNS = 7;

export const name = `scale: an edit's stats in the app store — plan engine vs full recompute, ${fmtInt(STORES)} stores, 200 county territories`;

function fullRecompute(stores: readonly Store[], lngs: Float64Array, lats: Float64Array, territories: readonly Territory[]): void {
  const assignment = assignPlan(stores, lngs, lats, territories, undefined);
  computeTerritoryStats(stores, assignment, territories);
  filterStores(stores, assignment, territories, EMPTY_STORE_FILTER);
}

function timed(fn: () => void): number {
  gc();
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export function run(): void {
  const pair = countyPlanPair();
  const random = mulberry32(7);
  const { lngs, lats } = coordinatesInBoxes(pair.counties.ordered, STORES, random);
  const stores = Array.from({ length: STORES }, (_, i) => syntheticStore(i, lngs[i]!, lats[i]!, random)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const sLngs = Float64Array.from(stores, (s) => s.lng);
  const sLats = Float64Array.from(stores, (s) => s.lat);
  const planId = 'plan-bench-a' as PlanId;
  const workspace = { id: 'ws-bench' as WorkspaceId, name: 'Bench', activePlanId: planId, createdAt: 0 };
  const app = createAppStore({ markDirty() {} });
  const t0 = performance.now();
  app.getState().setMarket(stores, []);
  app.getState().loadPlan(workspace, { plan: { id: planId, workspaceId: workspace.id, name: 'A', createdAt: 0, updatedAt: 0 }, territories: pair.territoriesA, regions: [] }, { undo: [], redo: [] });
  const loadMs = performance.now() - t0;

  const rows: string[][] = [];
  const measure = (label: string, edit: () => void, check: () => void) => {
    const app: number[] = [];
    const full: number[] = [];
    let kinds = '';
    for (let r = 0; r < RUNS; r++) {
      app.push(timed(edit));
      kinds = state().lastEngineStep?.kind ?? '?';
      const territories = state().territories;
      full.push(timed(() => fullRecompute(stores, sLngs, sLats, territories)));
      check();
    }
    rows.push([label, kinds, fmtMs(median(app)), fmtMs(Math.max(...app)), fmtMs(median(full)), `${(median(app) / median(full)).toFixed(3)}×`]);
  };
  const state = () => app.getState();
  const target = pair.territoriesA[100]!;
  const neighbour = pair.territoriesA[101]!;
  const reshaped = pair.territoriesB[pair.reshaped[0]!]!;
  let toggle = false;
  // A different territory each run: a delete the engine has not computed before.
  let victim = 90;
  measure('delete a territory (each run another)', () => state().deleteTerritory(pair.territoriesA[++victim]!.id), () => state().undo());
  state().deleteTerritory(target.id);
  measure('undo the delete (the engine of before is reused)', () => state().undo(), () => state().deleteTerritory(target.id));
  state().undo();
  // Fresh outline objects each run, so no run is an undo of an earlier one.
  measure('reshape one territory (10 counties to a neighbour)', () => {
    toggle = !toggle;
    state().reshapeTerritory(pair.territoriesA[pair.reshaped[0]!]!.id, structuredClone(toggle ? reshaped.geometry : pair.territoriesA[pair.reshaped[0]!]!.geometry), 'allow');
  }, () => undefined);
  measure('vertex drag frame (previewOutline)', () => state().previewOutline(neighbour.id, pair.territoriesB[101]!.geometry), () => state().recompute());

  console.log(`${fmtInt(STORES)} stores, ${pair.territoriesA.length} territories; market + plan loaded in ${fmtMs(loadMs)} ms (full computation, once)`);
  printTable([['edit', 'engine step', 'app store median (ms)', 'app store max (ms)', 'full recompute median (ms)', 'ratio'], ...rows], 'llrrrr');
}
