import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/turf';
import { ZIP_LIST_CSV_HEADER, zipListToCsv } from '../../../src/domain/export';
import { assignPlan } from '../../../src/domain/assignment';
import { zipTableOf as zipTable } from '../../fixtures/zipTable';
import type { Person, PersonId, PlanId, Region, RegionId, StoreId, Territory, TerritoryGeometry, TerritoryId, WorkspaceId } from '../../../src/domain/types';
import { LEFT_HALF, OVERLAP_HIGH, OVERLAP_LOW, RIGHT_HALF, SQUARE_WITH_HOLE, TWO_SQUARES } from '../../fixtures/geometries';
import { mulberry32 } from '../../fixtures/random';

const PLAN = 'plan-1' as PlanId;

function territory(id: string, geometry: TerritoryGeometry, rank: number, over: Partial<Territory> = {}): Territory {
  return { id: id as TerritoryId, planId: PLAN, name: `Territory ${id}`, color: '#1f77b4', geometry, managerId: null, regionId: null, locked: false, rank, ...over };
}

/** The data lines of the export as arrays of cells (no quoted commas in these tests). */
const rowsOf = (csv: string): string[][] => csv.split('\n').slice(1, -1).map((l) => l.split(','));
/** ZIP → territory id, from the export. */
const pairs = (csv: string): Record<string, string> => Object.fromEntries(rowsOf(csv).map((r) => [r[0]!, r[1]!]));

describe('zipListToCsv', () => {
  it('writes exactly the header, then nothing, for an empty plan', () => {
    const zips = zipTable([[66002, 1, 1]]);
    expect(zipListToCsv(zips, [])).toBe('zip,territory_id,territory,territory_manager,region\n');
    expect(ZIP_LIST_CSV_HEADER.join(',')).toBe('zip,territory_id,territory,territory_manager,region');
    // A plan whose territories hold no ZIP centre is empty too.
    const faraway: TerritoryGeometry = { type: 'Polygon', coordinates: [[[50, 50], [51, 50], [51, 51], [50, 50]]] };
    expect(zipListToCsv(zips, [territory('A', faraway, 0)])).toBe('zip,territory_id,territory,territory_manager,region\n');
  });

  it('lists the ZIPs whose centre lies inside, leaving out those in a hole', () => {
    const zips = zipTable([
      [10001, 1, 1], // in the ring
      [10002, 5, 5], // in the hole (3..7)
      [10003, 3, 5], // on the hole's edge: the boundary is inside the territory
      [10004, 12, 5], // outside
      [10005, 6.9999, 6.9999], // in the hole, by a hair
    ]);
    expect(pairs(zipListToCsv(zips, [territory('A', SQUARE_WITH_HOLE, 0)]))).toEqual({ '10001': 'A', '10003': 'A' });
  });

  it('lists the ZIPs of every part of a multipolygon, not those between the parts', () => {
    const zips = zipTable([[20001, 1, 1], [20002, 4, 4], [20003, 6, 6], [20004, 7, 5.5]]);
    expect(pairs(zipListToCsv(zips, [territory('M', TWO_SQUARES, 0)]))).toEqual({ '20001': 'M', '20003': 'M', '20004': 'M' });
  });

  it('gives a ZIP centre exactly on a shared edge to the lower rank, as the store assignment does', () => {
    const zips = zipTable([[30001, 5, 5], [30002, 5, 0], [30003, 2, 5], [30004, 10, 5]]);
    // The array order does not matter, the rank does.
    const leftWins = [territory('R', RIGHT_HALF, 1), territory('L', LEFT_HALF, 0)];
    expect(pairs(zipListToCsv(zips, leftWins))).toEqual({ '30001': 'L', '30002': 'L', '30003': 'L', '30004': 'R' });
    const rightWins = [territory('R', RIGHT_HALF, 0), territory('L', LEFT_HALF, 1)];
    expect(pairs(zipListToCsv(zips, rightWins))).toEqual({ '30001': 'R', '30002': 'R', '30003': 'L', '30004': 'R' });
  });

  it('resolves overlaps by rank: one line per ZIP', () => {
    const zips = zipTable([[40001, 5, 5], [40002, 1, 1], [40003, 9, 9]]);
    const csv = zipListToCsv(zips, [territory('LOW', OVERLAP_LOW, 1), territory('HIGH', OVERLAP_HIGH, 0)]);
    expect(rowsOf(csv).map((r) => r[0])).toEqual(['40001', '40002', '40003']);
    expect(pairs(csv)).toEqual({ '40001': 'HIGH', '40002': 'LOW', '40003': 'HIGH' });
  });

  it('writes ZIPs as 5-digit text with leading zeros, in ZIP order', () => {
    const zips = zipTable([[60601, 1, 1], [2108, 2, 2], [501, 3, 3]]);
    const csv = zipListToCsv(zips, [territory('A', LEFT_HALF, 0)]);
    expect(rowsOf(csv).map((r) => r[0])).toEqual(['00501', '02108', '60601']);
    expect(csv).toContain('\n02108,A,Territory A,,\n');
  });

  it('names the territory manager and the region, and neutralises formula text', () => {
    const zips = zipTable([[2108, 2, 2], [2109, 7, 2]]);
    const people: Person[] = [{ id: 'P-1' as PersonId, workspaceId: 'ws' as WorkspaceId, name: 'Dana Whitfield', role: 'territory-manager', email: null }];
    const regions: Region[] = [{ id: 'R-1' as RegionId, planId: PLAN, name: '+East, "coast"', color: '#000000', managerId: null }];
    const csv = zipListToCsv(
      zips,
      [
        territory('A', LEFT_HALF, 0, { name: '=HYPERLINK("http://x")', managerId: 'P-1' as PersonId, regionId: 'R-1' as RegionId }),
        territory('@B', RIGHT_HALF, 1, { name: 'Boston North', managerId: 'P-gone' as PersonId, regionId: 'R-gone' as RegionId }),
      ],
      regions,
      people,
    );
    expect(csv.split('\n')).toEqual([
      'zip,territory_id,territory,territory_manager,region',
      `02108,A,"'=HYPERLINK(""http://x"")",Dana Whitfield,"'+East, ""coast"""`,
      `02109,'@B,Boston North,,`,
      '',
    ]);
  });

  it('agrees with the store assignment on random points and overlapping territories', () => {
    const rand = mulberry32(16);
    const square = (x: number, y: number, s: number): TerritoryGeometry => ({ type: 'Polygon', coordinates: [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]] });
    const territories = Array.from({ length: 12 }, (_, k) =>
      territory(`T${k}`, k % 4 === 0 ? SQUARE_WITH_HOLE : square(Math.floor(rand() * 8), Math.floor(rand() * 8), 1 + Math.floor(rand() * 4)), Math.floor(rand() * 5)),
    );
    // Points on a 0.5 grid (many exactly on edges and corners) and random ones.
    const rows: [number, number, number][] = [];
    for (let x = 0; x <= 12; x += 0.5) for (let y = 0; y <= 12; y += 0.5) rows.push([rows.length + 1, x, y]);
    for (let i = 0; i < 500; i++) rows.push([rows.length + 1, rand() * 12, rand() * 12]);
    const zips = zipTable(rows);
    const lngs = Float64Array.from(zips.lng, (v) => v / zips.scale);
    const lats = Float64Array.from(zips.lat, (v) => v / zips.scale);
    const stores = rows.map((r) => ({ id: `S${r[0]}` as StoreId }));
    const assignment = assignPlan(stores, lngs, lats, territories, []);
    const expected: Record<string, string> = {};
    assignment.forEach((t, i) => {
      if (t >= 0) expected[String(rows[i]![0]).padStart(5, '0')] = territories[t]!.id;
    });
    expect(Object.keys(expected).length).toBeGreaterThan(200);
    expect(pairs(zipListToCsv(zips, territories))).toEqual(expected);
    // …and the points it lists lie in their territory by turf's test too.
    const byId = new Map(territories.map((t) => [t.id as string, t]));
    for (const [zip, id] of Object.entries(expected)) {
      const i = Number(zip) - 1;
      expect(booleanPointInPolygon([lngs[i]!, lats[i]!], byId.get(id)!.geometry), zip).toBe(true);
    }
  });
});
