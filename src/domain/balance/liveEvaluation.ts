/**
 * Live evaluation while editing (issue 13): per territory, the deviation from the ideal on
 * the chosen measure, whether it is in one piece, and its Polsby–Popper compactness; for
 * the plan, the max deviation and how many territories are in pieces.
 *
 * Cheap by construction: `territoryShape` depends on one territory only (its outline, its
 * units and the layer's graph), so the app keeps each result until that territory changes
 * and an edit costs the changed territories' shapes; the deviations come from the
 * per-territory sums the plan engine already keeps (stores, customers, revenue, potential)
 * or, for workload and mixed measures, from one pass over the assignment
 * (`measureTotals`).
 *
 * Contiguity: a territory built from states or counties is judged on the unit graph
 * (units sharing a border; an island unit touches the nearest unit on the mainland, see
 * unitGraph.ts); one built from H3 cells on cell adjacency (h3 neighbours); a hand-drawn
 * one by its polygon parts.
 */
import { gridDisk } from 'h3-js';
import { computeCompactness } from '../stats/compactness';
import type { TerritoryStatsRow } from '../stats/territoryStats';
import type { Territory } from '../types';
import { polygonPartCount } from './evaluate';
import { componentsOf } from './initialPartition';
import { storeWeights, type BalanceMeasureSpec } from './measures';
import type { StoreSource } from '../market';
import type { UnitGraph } from './unitGraph';

export interface TerritoryShape {
  /** Connected pieces: 1 = contiguous, 0 = empty. */
  parts: number;
  /** What `parts` was judged on. */
  basis: 'units' | 'polygon';
  /** Polsby–Popper of the outline, 0–100. */
  compactness: number;
}

/** A graph with its id → node lookup (built once per graph). */
export interface IndexedGraph {
  graph: UnitGraph;
  byId: ReadonlyMap<string, number>;
}

export function indexGraph(graph: UnitGraph): IndexedGraph {
  return { graph, byId: new Map(graph.ids.map((id, i) => [id, i])) };
}

/** Connected pieces of a set of units on the graph (ids not in the graph count as pieces of their own). */
export function unitSetParts(g: IndexedGraph, ids: readonly string[]): number {
  const nodes = new Set<number>();
  let unknown = 0;
  for (const id of ids) {
    const u = g.byId.get(id);
    if (u === undefined) unknown++;
    else nodes.add(u);
  }
  return componentsOf(g.graph, [...nodes]).length + unknown;
}

/** Connected pieces of a set of H3 cells (cells sharing an edge are neighbours). */
export function hexSetParts(cells: readonly string[]): number {
  const set = new Set(cells);
  const seen = new Set<string>();
  let parts = 0;
  for (const s of set) {
    if (seen.has(s)) continue;
    parts++;
    seen.add(s);
    const stack = [s];
    while (stack.length > 0) {
      const c = stack.pop()!;
      let ring: string[];
      try {
        ring = gridDisk(c, 1);
      } catch {
        continue;
      }
      for (const d of ring) {
        if (set.has(d) && !seen.has(d)) {
          seen.add(d);
          stack.push(d);
        }
      }
    }
  }
  return parts;
}

/**
 * Shape figures of one territory. `graph` is the unit graph of the territory's unit level
 * (states or counties); without it (not built yet) a unit-built territory is judged by its
 * polygon parts, and the caller computes it again once the graph is there.
 */
export function territoryShape(t: Pick<Territory, 'geometry' | 'units'>, graph: IndexedGraph | null): TerritoryShape {
  const compactness = computeCompactness(t.geometry);
  const units = t.units;
  if (units && units.ids.length > 0) {
    if (units.level === 'hexagons') return { parts: hexSetParts(units.ids), basis: 'units', compactness };
    if (graph) return { parts: unitSetParts(graph, units.ids), basis: 'units', compactness };
  }
  return { parts: polygonPartCount(t.geometry), basis: 'polygon', compactness };
}

/** A measure's total per territory from the stats rows the plan engine keeps, or null when the rows do not hold it (workload, mixes). */
export function totalsFromStats(rows: readonly TerritoryStatsRow[], spec: BalanceMeasureSpec): Float64Array | null {
  if (spec.secondary && spec.secondary.weight > 0) return null;
  const pick: ((r: TerritoryStatsRow) => number) | null =
    spec.measure === 'stores' ? (r) => r.stores
    : spec.measure === 'customers' ? (r) => r.customers
    : spec.measure === 'revenue' ? (r) => r.revenue
    : spec.measure === 'potential' ? (r) => r.potential
    : null;
  return pick ? Float64Array.from(rows, pick) : null;
}

/** A measure's total per territory index from the assignment (`assignment[i]` = territory of store i, −1 none): one pass over the stores. */
export function measureTotals(stores: StoreSource, assignment: ArrayLike<number>, k: number, spec: BalanceMeasureSpec): Float64Array {
  const values = storeWeights(stores, spec);
  const out = new Float64Array(k);
  for (let i = 0; i < values.length; i++) {
    const t = assignment[i] ?? -1;
    if (t >= 0 && t < k) out[t] = out[t]! + values[i]!;
  }
  return out;
}

export interface PlanEvaluation {
  /** Per territory (same order as the totals): (total − ideal) / ideal, null when the ideal is 0. */
  deviations: (number | null)[];
  /** Largest |deviation|. */
  maxDeviation: number;
  /** Territories outside ±tolerance. */
  outOfTolerance: number;
  /** Indexes of the territories in more than one piece, in order. */
  nonContiguous: number[];
  ideal: number;
}

/**
 * Whether a deviation from the ideal lies outside ±tolerance (a hair of slack, so a
 * territory exactly on the band's edge counts as inside). Null (ideal 0) is never outside.
 * The one rule for the header's count, the balance chart and its data.
 */
export function outsideTolerance(deviation: number | null, tolerance: number): boolean {
  return deviation !== null && Math.abs(deviation) > tolerance + 1e-12;
}

/** The plan's figures from per-territory totals and shapes (null shape = not known yet). */
export function evaluatePlan(totals: ArrayLike<number>, shapes: readonly (TerritoryShape | null)[], tolerance: number): PlanEvaluation {
  const k = totals.length;
  let sum = 0;
  for (let t = 0; t < k; t++) sum += totals[t]!;
  const ideal = k > 0 ? sum / k : 0;
  const deviations: (number | null)[] = [];
  let maxDeviation = 0;
  let outOfTolerance = 0;
  for (let t = 0; t < k; t++) {
    const d = ideal > 0 ? (totals[t]! - ideal) / ideal : null;
    deviations.push(d);
    if (d !== null) {
      maxDeviation = Math.max(maxDeviation, Math.abs(d));
      if (outsideTolerance(d, tolerance)) outOfTolerance++;
    }
  }
  const nonContiguous: number[] = [];
  shapes.forEach((s, t) => {
    if (s && s.parts > 1) nonContiguous.push(t);
  });
  return { deviations, maxDeviation, outOfTolerance, nonContiguous, ideal };
}
