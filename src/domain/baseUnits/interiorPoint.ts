/**
 * A point strictly inside a unit (internal), used to decide which territory a unit belongs
 * to. Scanline method: a horizontal line through the middle of the largest part meets the
 * rings at sorted crossings; between every odd and even crossing lies interior (even–odd
 * rule); the middle of the widest such interval is returned. O(edges), no iteration, so
 * thousands of counties cost a few ms (polylabel would cost ~100× more). Cached per
 * geometry object.
 */
import { polygonsOf } from '../editing/geometryBasics';
import { ringSignedArea } from '../geometry/ringSignedArea';
import type { TerritoryGeometry } from '../types';

const cache = new WeakMap<TerritoryGeometry, [number, number]>();

/**
 * A point strictly inside `geometry` (in its largest part), e.g. to test which territory a
 * unit lies in; [NaN, NaN] for an empty geometry. See the module comment for the method.
 */
export function interiorPoint(geometry: TerritoryGeometry): [number, number] {
  const hit = cache.get(geometry);
  if (hit) return hit;
  const polygons = polygonsOf(geometry);
  let best = polygons[0];
  let bestArea = -1;
  for (const p of polygons) {
    const a = Math.abs(ringSignedArea(p[0] ?? []));
    if (a > bestArea) {
      bestArea = a;
      best = p;
    }
  }
  if (!best || !best[0] || best[0].length === 0) return [NaN, NaN];
  let minY = Infinity;
  let maxY = -Infinity;
  for (const q of best[0]) {
    minY = Math.min(minY, q[1]!);
    maxY = Math.max(maxY, q[1]!);
  }
  const vertexYs = new Set<number>();
  for (const ring of best) for (const q of ring) vertexYs.add(q[1]!);
  let result: [number, number] = [best[0][0]![0]!, best[0][0]![1]!];
  for (const f of [0.5, 0.37, 0.63, 0.21, 0.79, 0.5 + 1e-7]) {
    const y = minY + (maxY - minY) * f;
    if (vertexYs.has(y)) continue;
    const xs: number[] = [];
    for (const ring of best) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i]!;
        const b = ring[i + 1]!;
        if (a[1]! > y !== b[1]! > y) xs.push(a[0]! + ((y - a[1]!) / (b[1]! - a[1]!)) * (b[0]! - a[0]!));
      }
    }
    xs.sort((m, n) => m - n);
    let width = 0;
    for (let k = 0; k + 1 < xs.length; k += 2) {
      if (xs[k + 1]! - xs[k]! > width) {
        width = xs[k + 1]! - xs[k]!;
        result = [(xs[k]! + xs[k + 1]!) / 2, y];
      }
    }
    if (width > 0) break;
  }
  cache.set(geometry, result);
  return result;
}
