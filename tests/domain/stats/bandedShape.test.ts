/**
 * The plan engine's point test: the raster over an outline answers most points by their
 * cell, and must give exactly the band test's answer everywhere — on vertices, on edges
 * (a point on the boundary is inside), on the raster's own cell borders, in holes.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { bandedShape, bandTest, rasterOf, shapeContains } from '../../../src/domain/stats/engineParts';
import type { TerritoryGeometry } from '../../../src/domain/types';
import { mulberry32 } from '../../fixtures/random';

/** A star-ish ring of n vertices around (cx, cy): long and short edges, every direction. */
function blob(random: () => number, cx: number, cy: number, r: number, n: number): Position[] {
  const ring: Position[] = [];
  for (let k = 0; k < n; k++) {
    const a = (2 * Math.PI * k) / n;
    const d = r * (0.4 + 0.6 * random());
    ring.push([cx + d * Math.cos(a), cy + d * Math.sin(a)]);
  }
  ring.push(ring[0]!);
  return ring;
}

function probes(g: TerritoryGeometry, random: () => number): [number, number][] {
  const s = bandedShape(g);
  const out: [number, number][] = [];
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const [x1, y1] = ring[k] as [number, number];
        const [x2, y2] = ring[k + 1] as [number, number];
        out.push([x1, y1], [(x1 + x2) / 2, (y1 + y2) / 2], [x1 + (x2 - x1) * 0.3, y1 + (y2 - y1) * 0.3]);
      }
    }
  }
  for (let k = 0; k < 4000; k++) out.push([s.minX - 1 + random() * (s.maxX - s.minX + 2), s.minY - 1 + random() * (s.maxY - s.minY + 2)]);
  // on the raster's cell borders and corners
  const r = rasterOf(s)!;
  for (let i = 0; i <= r.side; i++) {
    for (const t of [0.1, 0.5, 0.9]) {
      out.push([s.minX + i * r.cellW, s.minY + t * (s.maxY - s.minY)], [s.minX + t * (s.maxX - s.minX), s.minY + i * r.cellH], [s.minX + i * r.cellW, s.minY + i * r.cellH]);
    }
  }
  return out;
}

describe('banded outline with a raster', () => {
  it('answers exactly as the band test on vertices, edges, cell borders, holes and random points', () => {
    const random = mulberry32(77);
    const shapes: TerritoryGeometry[] = [
      { type: 'Polygon', coordinates: [blob(random, 0, 0, 10, 7)] } satisfies Polygon,
      { type: 'Polygon', coordinates: [blob(random, -97, 38, 3, 400), blob(random, -97, 38, 0.8, 40).reverse()] } satisfies Polygon,
      { type: 'MultiPolygon', coordinates: [[blob(random, 0, 0, 1, 30)], [blob(random, 5, 5, 2, 900)]] } satisfies MultiPolygon,
      // a square with a square hole: edges along raster lines
      { type: 'Polygon', coordinates: [[[0, 0], [8, 0], [8, 8], [0, 8], [0, 0]], [[2, 2], [2, 6], [6, 6], [6, 2], [2, 2]]] } satisfies Polygon,
      // a thin sliver
      { type: 'Polygon', coordinates: [[[0, 0], [100, 0.001], [100, 0.002], [0, 0]]] } satisfies Polygon,
    ];
    let viaCell = 0;
    let total = 0;
    for (const g of shapes) {
      const s = bandedShape(g);
      expect(rasterOf(s)).not.toBeNull();
      for (const [x, y] of probes(g, random)) {
        expect(shapeContains(s, x, y), `(${x}, ${y})`).toBe(bandTest(s, x, y));
        total++;
        const r = s.raster!;
        if (x >= s.minX && x <= s.maxX && y >= s.minY && y <= s.maxY) {
          const c = r.cells[Math.min(r.side - 1, Math.floor((y - s.minY) / r.cellH)) * r.side + Math.min(r.side - 1, Math.floor((x - s.minX) / r.cellW))];
          if (c !== 2) viaCell++;
        }
      }
    }
    expect(total).toBeGreaterThan(20_000);
    // the point of it: most random points in an outline's box are answered by their cell
    let inBox = 0;
    let answered = 0;
    for (const g of shapes.slice(0, 3)) {
      const s = bandedShape(g);
      const r = rasterOf(s)!;
      for (let k = 0; k < 2000; k++) {
        const x = s.minX + random() * (s.maxX - s.minX);
        const y = s.minY + random() * (s.maxY - s.minY);
        inBox++;
        if (r.cells[Math.min(r.side - 1, Math.floor((y - s.minY) / r.cellH)) * r.side + Math.min(r.side - 1, Math.floor((x - s.minX) / r.cellW))] !== 2) answered++;
      }
    }
    expect(answered).toBeGreaterThan(0.5 * inBox);
    expect(viaCell).toBeGreaterThan(0);
  });

  it('gets its raster only once it has answered a few thousand points, and answers the same before and after', () => {
    const random = mulberry32(5);
    const s = bandedShape({ type: 'Polygon', coordinates: [blob(random, 0, 0, 10, 60)] });
    const points = Array.from({ length: 3000 }, () => [s.minX + random() * (s.maxX - s.minX), s.minY + random() * (s.maxY - s.minY)] as const);
    const before = points.slice(0, 100).map(([x, y]) => shapeContains(s, x, y));
    expect(s.raster).toBeUndefined();
    const all = points.map(([x, y]) => shapeContains(s, x, y));
    expect(s.raster).toBeTruthy();
    expect(all.slice(0, 100)).toEqual(before);
    expect(all).toEqual(points.map(([x, y]) => bandTest(s, x, y)));
  });

  it('an empty outline contains nothing', () => {
    const s = bandedShape({ type: 'MultiPolygon', coordinates: [] });
    expect(rasterOf(s)).toBeNull();
    expect(shapeContains(s, 0, 0)).toBe(false);
  });
});
