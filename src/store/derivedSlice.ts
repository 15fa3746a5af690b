import type { StateCreator } from 'zustand';
import { filterStores, type StoreFilter } from '../domain/query';
import { createPlanEngine, updatePlanEngine, warmPlanEngine, type PlanEngine } from '../domain/stats';
import type { Market } from '../domain/market';
import { territoryShape, type IndexedGraph, type TerritoryShape } from '../domain/balance';
import type { Territory } from '../domain/types';
import type { AppState, DerivedSlice } from './types';

/**
 * Assignment and KPIs, derived from stores + territories, never edited directly.
 *
 * The plan engine (domain/stats/planEngine.ts) keeps them: after an edit it re-tests only
 * the stores in the touched territories' boxes and re-sums only the territories whose
 * stores changed, bit-identical to a full recompute; a plan switch, an import or a re-rank
 * is computed in full. The engine lives here, outside the zustand state, because it holds
 * large typed arrays and caches that no component should subscribe to.
 *
 * The stores filter is re-applied only when its result can have changed: the stores or
 * the filter changed, or the filter selects by territory. An edit with no territory filter
 * keeps the same `visibleStores` array, so the map and the stores table are not touched.
 */
export interface DerivedOptions {
  /**
   * Recompute everything after every edit, as the app did before the plan engine: the
   * benchmark's baseline (`?recompute=full` in the address), never the default.
   */
  fullRecompute?: boolean;
  /**
   * The unit graphs of states and counties, for the contiguity of territories built from
   * them (built off the page, see ui/map/unitGraphService.ts). `get` answers at once (null
   * while not built); `request` starts building and calls `ready` once it can answer.
   * Without it, unit-built territories are judged by their polygon parts.
   */
  unitGraphs?: UnitGraphSource;
}

export interface UnitGraphSource {
  get(level: 'states' | 'counties'): IndexedGraph | null;
  request(level: 'states' | 'counties', ready: () => void): void;
}

interface ShapeEntry {
  geometry: Territory['geometry'];
  units: Territory['units'];
  graph: IndexedGraph | null;
  shape: TerritoryShape;
}

export const createDerivedSlice = (opts: DerivedOptions = {}): StateCreator<AppState, [], [], DerivedSlice> => (set, get) => {
  let engine: PlanEngine | null = null;
  let filtered: { market: Market; filter: StoreFilter } | null = null;
  /** Shape figures by territory id, kept until the territory's outline, units or graph change. */
  let shapeCache = new Map<string, ShapeEntry>();
  const requested = new Set<string>();

  /** Contiguity and compactness, computed again only for territories that changed. */
  const shapesOf = (territories: readonly Territory[]): (TerritoryShape | null)[] => {
    const next = new Map<string, ShapeEntry>();
    const out = territories.map((t) => {
      const level = t.units && t.units.level !== 'hexagons' && t.units.ids.length > 0 ? t.units.level : null;
      const graph = level ? (opts.unitGraphs?.get(level) ?? null) : null;
      if (level && !graph && opts.unitGraphs && !requested.has(level)) {
        requested.add(level);
        opts.unitGraphs.request(level, () => {
          // The graph arrived: judge the unit-built territories on it.
          set({ shapes: shapesOf(get().territories) });
        });
      }
      const hit = shapeCache.get(t.id);
      const entry = hit && hit.geometry === t.geometry && hit.units === t.units && hit.graph === graph ? hit : { geometry: t.geometry, units: t.units, graph, shape: territoryShape(t, graph) };
      next.set(t.id, entry);
      return entry.shape;
    });
    shapeCache = next;
    return out;
  };

  const step = (territories: AppState['territories']): PlanEngine => {
    const { market, plan } = get();
    if (opts.fullRecompute) return createPlanEngine(market, territories, plan?.pins);
    return engine ? updatePlanEngine(engine, market, territories, plan?.pins) : createPlanEngine(market, territories, plan?.pins);
  };

  return {
    assignment: new Int32Array(0),
    stats: null,
    visibleStores: new Int32Array(0),
    derivedVersion: 0,
    previewing: false,
    lastEngineStep: null,
    shapes: [],
    recompute() {
      const { market, territories, storeFilter } = get();
      const next = step(territories);
      const unchanged = next.lastStep.kind === 'unchanged' && !get().previewing && get().stats !== null;
      engine = next;
      const shapes = shapesOf(territories);
      if (unchanged) {
        const before = get().shapes;
        if (shapes.length !== before.length || shapes.some((x, i) => x !== before[i])) set({ shapes });
        return;
      }
      if (next.lastStep.kind === 'full') {
        // the grid and outline caches the first edit needs, built while the user reads
        setTimeout(() => {
          if (engine === next) warmPlanEngine(next);
        }, 0);
      }
      const { assignment, stats } = next;
      const keepVisible = !opts.fullRecompute && filtered !== null && filtered.market === market && filtered.filter === storeFilter && storeFilter.territory === 'all';
      const visibleStores = keepVisible ? get().visibleStores : filterStores(market, assignment, territories, storeFilter);
      filtered = { market, filter: storeFilter };
      set({ assignment, stats, visibleStores, shapes, previewing: false, lastEngineStep: next.lastStep, derivedVersion: get().derivedVersion + 1 });
      get().refreshCompare();
    },
    previewOutline(id, geometry) {
      // Stats follow the mouse while a vertex is dragged: the outline is swapped in for the
      // computation only; nothing is committed, saved or recorded for undo, and the
      // engine's preview is not kept (the commit makes the same step from the plan).
      const draft = get().territories.map((t) => (t.id === id ? { ...t, geometry } : t));
      const preview = step(draft);
      set({ stats: preview.stats, previewing: true, lastEngineStep: preview.lastStep });
    },
  };
};
