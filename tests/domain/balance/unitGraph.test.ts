import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { latLngToCell, gridDisk } from 'h3-js';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import {
  buildUnitGraph,
  haversineMeters,
  neighborsOf,
  polsbyPopper,
  territoryCompactness,
  unitsCompactness,
  type UnitGraph,
} from '../../../src/domain/balance';
import { hexUnits, loadUsUnits } from '../../../src/domain/baseUnits';
import { cell, CELL, grid } from './grids';

const ids = (g: UnitGraph, u: number) => [...neighborsOf(g, u)].map((v) => g.ids[v]).sort();

function connected(g: UnitGraph): boolean {
  const seen = new Uint8Array(g.ids.length);
  const queue = [0];
  seen[0] = 1;
  for (let h = 0; h < queue.length; h++) for (const v of neighborsOf(g, queue[h]!)) if (!seen[v]) (seen[v] = 1), queue.push(v);
  return queue.length === g.ids.length;
}

describe('buildUnitGraph on a grid', () => {
  const g = buildUnitGraph(grid(3, 3));

  it('joins units sharing a side, not a corner, with the shared length', () => {
    expect(ids(g, 4)).toEqual(['c0r1', 'c1r0', 'c1r2', 'c2r1']);
    expect(ids(g, 0)).toEqual(['c0r1', 'c1r0']);
    const e = g.offsets[0]!;
    const side = haversineMeters(0, CELL, CELL, CELL); // a horizontal side at lat 0.1
    const lengths = [...g.sharedLength.subarray(e, g.offsets[1]!)];
    expect(Math.min(...lengths)).toBeGreaterThan(side * 0.99);
    expect(Math.max(...lengths)).toBeLessThan(side * 1.01);
    expect(g.links).toEqual([]);
    // A larger grid is just as connected without links.
    expect(buildUnitGraph(grid(30, 20)).links).toEqual([]);
  });

  it('keeps areas, perimeters and centroids of the cells', () => {
    expect(g.centroidLng[4]).toBeCloseTo(0.15, 9);
    expect(g.centroidLat[4]).toBeCloseTo(0.15, 9);
    expect(g.perimeter[4]! / 4).toBeCloseTo(haversineMeters(0.1, 0.1, 0.2, 0.1), -1);
    // A square scores π/4 (78.5) in Polsby–Popper, from the graph alone.
    const pp = territoryCompactness(g, new Int32Array(9).fill(0), 1)[0]!;
    expect(pp).toBeGreaterThan(78);
    expect(pp).toBeLessThan(79);
    expect(polsbyPopper(g.area[4]!, g.perimeter[4]!)).toBeCloseTo(pp, 0);
  });
});

describe('island units', () => {
  it('links an island to the nearest unit across the water, once', () => {
    // A 3 × 3 grid and one square two cells east of its middle row.
    const units = [...grid(3, 3), cell(5, 1)];
    const g = buildUnitGraph(units);
    expect(g.links).toEqual([[5, 9]]); // c2r1 (index 5) is the nearest to c5r1 (index 9)
    expect(ids(g, 9)).toEqual(['c2r1']);
    expect(connected(g)).toBe(true);
  });

  it('joins an archipelago first, then the nearest coast', () => {
    // Two islands east of a 2 × 2 grid, a cell's gap apart; the west one is nearer the grid.
    const g = buildUnitGraph([...grid(2, 2), cell(6, 0), cell(8, 0)]);
    expect(connected(g)).toBe(true);
    expect(g.links).toHaveLength(2);
    expect(g.links).toContainEqual([4, 5]); // island to island
    expect(g.links).toContainEqual([1, 4]); // the west island to the grid's east cell (c1r0)
  });
});

describe('real layers', () => {
  const require = createRequire(import.meta.url);
  const topology = JSON.parse(readFileSync(require.resolve('us-atlas/counties-10m.json'), 'utf8')) as Topology<{ counties: GeometryCollection }>;
  const loaded = loadUsUnits(topology, 'counties');
  if (!loaded.ok) throw new Error(loaded.message);
  const counties = loaded.value;
  const g = buildUnitGraph(counties);
  const at = (id: string) => g.ids.indexOf(id);

  it('finds county neighbours across state lines and links the islands', () => {
    const la = at('06037');
    expect(ids(g, la)).toEqual(expect.arrayContaining(['06029', '06059', '06071', '06111'])); // Kern, Orange, San Bernardino, Ventura
    expect(ids(g, at('48141'))).toEqual(expect.arrayContaining(['35013', '35035'])); // El Paso TX – Doña Ana, Otero NM
    expect(ids(g, at('25019'))).toHaveLength(1); // Nantucket: one link
    expect(connected(g)).toBe(true);
    // Hawaii's counties touch nothing by land: each reaches the rest through a link only.
    for (const hi of ['15001', '15003', '15007', '15009']) expect(g.links.some(([a, b]) => g.ids[a] === hi || g.ids[b] === hi)).toBe(true);
  });

  it('gives the Polsby–Popper of the merged outline (computeCompactness) from the graph', () => {
    const groups = [
      ['06037', '06059', '06071', '06111', '06029'],
      counties.filter((c) => c.parentId === '19').map((c) => c.id), // Iowa
      counties.filter((c) => c.parentId === '25').map((c) => c.id), // Massachusetts, with islands
    ];
    for (const group of groups) {
      const assignment = new Int32Array(g.ids.length).fill(-1);
      for (const id of group) assignment[at(id)] = 0;
      const fromGraph = territoryCompactness(g, assignment, 1)[0]!;
      const merged = unitsCompactness(counties.filter((c) => group.includes(c.id)));
      expect(Math.abs(fromGraph - merged)).toBeLessThan(0.5);
    }
  });

  it('finds the six neighbours of an H3 cell', () => {
    const r = hexUnits([-100, 39, -98, 41], 5);
    if (!r.ok) throw new Error(r.message);
    const hex = buildUnitGraph(r.value);
    const centre = latLngToCell(40, -99, 5);
    const expected = gridDisk(centre, 1).filter((c) => c !== centre).sort();
    expect(ids(hex, hex.ids.indexOf(centre))).toEqual(expected);
    expect(hex.links).toEqual([]);
  });
});
