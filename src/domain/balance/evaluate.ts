/**
 * Contiguity and compactness of territories made of units (issue 13, "Live evaluation"):
 * how many connected parts each territory has on the unit graph (island links count as
 * touching), and its Polsby–Popper score computed from the graph. Also the part count of a
 * freehand outline, and Polsby–Popper of merged units through the app's own
 * `computeCompactness`, which the graph figure equals (tests/domain/balance check it).
 */
import { unionOfUnits } from '../editing/unionOfUnits';
import type { UnitShape } from '../baseUnits/types';
import { computeCompactness } from '../stats/compactness';
import type { TerritoryGeometry } from '../types';
import type { UnitGraph } from './unitGraph';

/**
 * Connected parts per territory on the unit graph: 1 = contiguous, 0 = no units, 2+ = the
 * territory falls apart. `assignment[u]` is the territory of unit u (−1 = none); entries
 * ≥ k are ignored.
 */
export function territoryParts(graph: UnitGraph, assignment: ArrayLike<number>, k: number): Int32Array {
  const n = graph.ids.length;
  const parts = new Int32Array(k);
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    const t = assignment[s]!;
    if (seen[s] || t < 0 || t >= k) continue;
    parts[t]!++;
    seen[s] = 1;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    while (head < tail) {
      const u = queue[head++]!;
      for (let e = graph.offsets[u]!; e < graph.offsets[u + 1]!; e++) {
        const v = graph.neighbors[e]!;
        if (!seen[v] && assignment[v] === t) {
          seen[v] = 1;
          queue[tail++] = v;
        }
      }
    }
  }
  return parts;
}

/**
 * Contiguity of a freehand territory: its number of polygon parts (a MultiPolygon of three
 * parts is three pieces, whatever touches them). 0 for an empty geometry.
 */
export function polygonPartCount(geometry: TerritoryGeometry): number {
  return geometry.type === 'Polygon' ? (geometry.coordinates.length > 0 ? 1 : 0) : geometry.coordinates.length;
}

/**
 * Polsby–Popper (4πA / P², 0–100) per territory from the graph: A = sum of unit areas,
 * P = sum of unit perimeters minus twice the borders shared inside the territory. The same
 * figure as `computeCompactness` of the merged outline, without merging anything (a few ms
 * for thousands of units). 0 for a territory without units.
 */
export function territoryCompactness(graph: UnitGraph, assignment: ArrayLike<number>, k: number): Float64Array {
  const area = new Float64Array(k);
  const perimeter = new Float64Array(k);
  const n = graph.ids.length;
  for (let u = 0; u < n; u++) {
    const t = assignment[u]!;
    if (t < 0 || t >= k) continue;
    area[t] = area[t]! + graph.area[u]!;
    let p = graph.perimeter[u]!;
    for (let e = graph.offsets[u]!; e < graph.offsets[u + 1]!; e++) {
      if (assignment[graph.neighbors[e]!] === t) p -= graph.sharedLength[e]!;
    }
    perimeter[t] = perimeter[t]! + p;
  }
  const out = new Float64Array(k);
  for (let t = 0; t < k; t++) out[t] = polsbyPopper(area[t]!, perimeter[t]!);
  return out;
}

/** 100 × 4πA / P², clamped to 0–100 as `computeCompactness` does. */
export function polsbyPopper(area: number, perimeter: number): number {
  if (!(area > 0) || !(perimeter > 0)) return 0;
  return Math.min(100, (100 * 4 * Math.PI * area) / (perimeter * perimeter));
}

/**
 * Polsby–Popper of some units merged into one outline, by the app's `unionOfUnits` and
 * `computeCompactness` (the figure the stats table shows for a drawn territory). Slower than
 * {@link territoryCompactness}; use it to check a result or for a territory on its own.
 * 0 when the units cannot be merged (none, or a failed union).
 */
export function unitsCompactness(units: readonly UnitShape[]): number {
  const merged = unionOfUnits(units);
  return merged.ok ? computeCompactness(merged.value) : 0;
}
