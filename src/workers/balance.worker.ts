/**
 * Auto-balance off the main thread (issue 13, ARCHITECTURE rule 8): loads the base units
 * (states and counties from the bundled Census topology, H3 cells where the stores are),
 * builds their adjacency graph, and runs the domain's `runBalanceJob` (weights, who holds
 * what today, the optimizer, the merged outlines). The map stays usable meanwhile; Cancel
 * is the page terminating this worker (workerSession.ts), so no cooperative flag is needed.
 *
 * It also serves the unit graphs the live contiguity column reads (`unitGraph`): the same
 * graph, built here once per layer instead of on the page.
 */
import { expose } from 'comlink';
import { getResolution } from 'h3-js';
import type { Topology } from 'topojson-specification';
import countiesTopology from 'us-atlas/counties-10m.json';
import { buildUnitGraph, runBalanceJob, type BalanceJob, type BalanceJobResult, type UnitGraph } from '../domain/balance';
import { buildUnitIndex, hexUnit, hexUnitsForPoints, loadUsUnits, type BaseUnit } from '../domain/baseUnits';

interface UsLayer {
  units: BaseUnit[];
  graph: UnitGraph | null;
  index: ReturnType<typeof buildUnitIndex> | null;
}
import { throttleProgress } from './workerProgress';
import { fetchZipTable } from './zipTable';
import { createZipLookup, type ZipLookup } from '../domain/import';

/** More hexagons than this is refused with a message (the optimizer is tuned for ≈ 10k units). */
export const MAX_BALANCE_HEXAGONS = 30_000;

export interface BalanceApiDeps {
  topology?: Topology;
  /** Loads data/zip-centroids.json (seeds from managers' home ZIPs); tests pass a fixture. */
  loadZipTable?: () => Promise<unknown>;
}

export function createBalanceApi(deps: BalanceApiDeps = {}) {
  const topology = deps.topology ?? (countiesTopology as unknown as Topology);
  const loadZipTable = deps.loadZipTable ?? fetchZipTable;
  let zips: Promise<ZipLookup | undefined> | null = null;
  /** The ZIP table, loaded once, when a job first seeds from homes; undefined when it cannot be read. */
  const zipLookup = (): Promise<ZipLookup | undefined> =>
    (zips ??= loadZipTable()
      .then(createZipLookup)
      .catch((err: unknown) => {
        zips = null;
        console.warn('Territory Planner: the offline ZIP table could not be loaded', err);
        return undefined;
      }));
  const layers = new Map<string, UsLayer>();

  const usLayer = (level: 'states' | 'counties') => {
    let hit = layers.get(level);
    if (!hit) {
      const r = loadUsUnits(topology, level);
      if (!r.ok) throw new Error(r.message);
      hit = { units: r.value, graph: null, index: null };
      layers.set(level, hit);
    }
    return hit;
  };
  const graphOf = (layer: UsLayer) => (layer.graph ??= buildUnitGraph(layer.units));
  const indexOf = (layer: UsLayer) => (layer.index ??= buildUnitIndex(layer.units));

  /** H3 cells holding stores, plus the cells today's hexagon territories of that resolution hold. */
  const hexLayer = (job: BalanceJob): BaseUnit[] => {
    const res = job.settings.hexResolution ?? 5;
    const found = hexUnitsForPoints(job.lng, job.lat, res, { maxCells: MAX_BALANCE_HEXAGONS });
    if (!found.ok) throw new Error(found.message);
    const units = found.value;
    const have = new Set(units.map((u) => u.id));
    for (const t of [...job.slots.slots, ...job.slots.others]) {
      if (t?.units?.level !== 'hexagons') continue;
      for (const id of t.units.ids) {
        if (have.has(id)) continue;
        try {
          if (getResolution(id) !== res) continue;
        } catch {
          continue;
        }
        const u = hexUnit(id);
        if (u) {
          have.add(id);
          units.push(u);
        }
      }
    }
    if (units.length > MAX_BALANCE_HEXAGONS) throw new Error(`More than ${MAX_BALANCE_HEXAGONS.toLocaleString('en-US')} hexagons: choose a coarser resolution.`);
    return units;
  };

  return {
    /** Builds or rebalances the plan of `job`; progress 0…1 at most every 1 %. */
    async balance(job: BalanceJob, onProgress?: (fraction: number) => void): Promise<BalanceJobResult> {
      const progress = throttleProgress(onProgress);
      try {
        progress.report(0);
        const level = job.settings.level;
        const lookup = job.homeZips?.some((z) => z !== null) ? await zipLookup() : undefined;
        const hooks = { onProgress: progress.report, ...(lookup ? { zipLookup: lookup } : {}) };
        let out: BalanceJobResult;
        if (level === 'hexagons') {
          out = runBalanceJob(hexLayer(job), job, hooks);
        } else {
          const layer = usLayer(level);
          out = runBalanceJob(layer.units, job, { ...hooks, graph: graphOf(layer), index: indexOf(layer) });
        }
        progress.report(1);
        return out;
      } finally {
        progress.release();
      }
    },
    /**
     * Loads a layer's units and builds its graph and point index ahead of a run (the dialog
     * asks while the user chooses), so "Start balancing" waits only for the optimizer.
     */
    prepare(level: 'states' | 'counties'): void {
      const layer = usLayer(level);
      graphOf(layer);
      indexOf(layer);
    },
    /** The adjacency graph of the states or the counties (live contiguity of unit-built territories). */
    unitGraph(level: 'states' | 'counties'): UnitGraph {
      return graphOf(usLayer(level));
    },
  };
}

export type BalanceWorkerApi = ReturnType<typeof createBalanceApi>;

// In a worker, expose one api; imported elsewhere (tests in node), do nothing.
if (typeof WorkerGlobalScope !== 'undefined' && typeof self !== 'undefined' && self instanceof WorkerGlobalScope) {
  expose(createBalanceApi());
}
