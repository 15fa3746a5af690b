import { describe, expect, it } from 'vitest';
import { buildPlanReport, type PlanReport, type PlanReportRow } from '../../../src/domain/report';
import { computeTerritoryStats, type TerritoryStatsRow } from '../../../src/domain/stats';
import type { RegionId, Territory, TerritoryId } from '../../../src/domain/types';
import { dana, fixtureReport, lee, reportInput, reportStores, reportTerritories, REPORT_DAY, STORES_MEASURE } from '../../fixtures/reportPlan';

const SUMMED = ['stores', 'customers', 'prospects', 'lost', 'revenue', 'priorRevenue', 'potential', 'whitespace', 'newCustomers'] as const;
const row = (r: PlanReport, id: string) => r.byId.get(id as TerritoryId)!;
const regionRow = (r: PlanReport, name: string) => r.regions.find((g) => g.name === name)!;
const sums = (s: TerritoryStatsRow) => Object.fromEntries(SUMMED.map((k) => [k, s[k]]));

describe('buildPlanReport', () => {
  const report = fixtureReport();

  it('has one row per territory in plan order, with its names and the figures worked out by hand', () => {
    expect(report.territories.map((r) => r.name)).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta']);
    const a = row(report, 'A');
    expect(a).toMatchObject({ kind: 'territory', key: 'A', territoryId: 'A', regionId: 'R1', region: 'North', manager: 'Lee Park', color: '#1f77b4' });
    expect(sums(a.stats)).toEqual({ stores: 3, customers: 2, prospects: 1, lost: 0, revenue: 300, priorRevenue: 280, potential: 650, whitespace: 400, newCustomers: 0 });
    expect(a.stats.penetration).toBeCloseTo(2 / 3, 12);
    expect(a.stats.revenueGrowth).toBeCloseTo(20 / 280, 12);
    expect(a.ofTarget).toBe(300 / 400);
    expect(a.targetRevenue).toBe(400);
    const c = row(report, 'C');
    expect(sums(c.stats)).toEqual({ stores: 2, customers: 1, prospects: 0, lost: 1, revenue: 400, priorRevenue: 450, potential: 500, whitespace: 100, newCustomers: 0 });
    expect(c.stats.penetration).toBe(0.5);
    expect(c.ofTarget).toBeNull(); // no target
    expect(c.targetRevenue).toBeNull();
  });

  it('gives a territory without a region an empty region, and a deleted region counts as none', () => {
    expect(row(report, 'D')).toMatchObject({ regionId: null, region: '', manager: '' });
    const orphan = fixtureReport({ territories: reportTerritories.map((t) => (t.id === 'C' ? { ...t, regionId: 'GONE' as RegionId } : t)) });
    expect(row(orphan, 'C')).toMatchObject({ regionId: null, region: '' });
    expect(regionRow(orphan, 'No region').territoryIds).toEqual(['C', 'D']);
  });

  it('counts the stores outside every territory as Unassigned, and every store once in Total', () => {
    expect(report.unassigned).toMatchObject({ kind: 'unassigned', name: 'Unassigned', territoryId: null, deviation: null });
    expect(sums(report.unassigned.stats)).toEqual({ stores: 1, customers: 1, prospects: 0, lost: 0, revenue: 50, priorRevenue: 0, potential: 60, whitespace: 10, newCustomers: 0 });
    expect(report.total).toMatchObject({ kind: 'total', name: 'Total' });
    expect(sums(report.total.stats)).toEqual({ stores: 8, customers: 5, prospects: 2, lost: 1, revenue: 1050, priorRevenue: 880, potential: 2710, whitespace: 1710, newCustomers: 0 });
    expect(report.total.stats.penetration).toBe(5 / 8);
  });

  it('rolls territories up by region: each region row is the sum of its territories, ratios from the sums', () => {
    expect(report.regions.map((g) => [g.name, g.territoryIds])).toEqual([['North', ['A', 'B']], ['South', ['C']], ['Empty', []], ['No region', ['D']]]);
    for (const g of report.regions) {
      const members = report.territories.filter((t) => g.territoryIds.includes(t.territoryId));
      for (const k of SUMMED) expect(g.stats[k]).toBe(members.reduce((acc, t) => acc + t.stats[k], 0));
    }
    const north = regionRow(report, 'North');
    expect(north).toMatchObject({ kind: 'region', key: 'R1', regionId: 'R1', region: 'North', manager: 'Dana Whitfield', color: '#445566', deviation: null });
    expect(sums(north.stats)).toEqual({ stores: 4, customers: 3, prospects: 1, lost: 0, revenue: 600, priorRevenue: 430, potential: 1150, whitespace: 600, newCustomers: 0 });
    expect(north.stats.penetration).toBe(0.75); // 3 / 4, not the mean of 2/3 and 1
    // Revenue of the regions with territories: North 600, South 400 → average 500.
    expect(north.stats.balanceDeviation).toBeCloseTo(0.2, 12);
    expect(regionRow(report, 'South').stats.balanceDeviation).toBeCloseTo(-0.2, 12);
    expect(regionRow(report, 'Empty').stats.stores).toBe(0);
    expect(regionRow(report, 'No region')).toMatchObject({ key: 'none', regionId: null, color: null });
  });

  it('deviates each territory from the ideal on the balance measure: above the ideal is positive', () => {
    // Stores 3, 1, 2, 1 → ideal 7/4.
    const deviations = report.territories.map((r) => r.deviation!);
    const expected = [5 / 7, -3 / 7, 1 / 7, -3 / 7];
    deviations.forEach((d, i) => expect(d).toBeCloseTo(expected[i]!, 12));
    expect(deviations[0]).toBeGreaterThan(0);
    expect(deviations[1]).toBeLessThan(0);
    const b = report.balance;
    expect(b.measure).toEqual({ measure: 'stores' });
    expect(b.tolerance).toBe(0.05);
    expect(b.ideal).toBe(1.75);
    expect(b.maxDeviation).toBeCloseTo(5 / 7, 12);
    expect(b.outOfTolerance).toBe(4);
    expect(b.balanceIndex).toBeCloseTo(100 * (1 - 3 / 7), 9); // mean |deviation| = (5 + 3 + 1 + 3) / 7 / 4
    // what each deviation compares with the ideal: the territory's stores
    expect(report.territories.map((r) => r.measureValue)).toEqual([3, 1, 2, 1]);
    expect(report.unassigned.measureValue).toBeNull();
  });

  it('balances revenue over the territories as the Plan balance panel shows it', () => {
    // Revenue 300, 300, 400, 0 → total 1000, ideal 250, deviations +0.2 +0.2 +0.6 −1.
    const r = report.balance.revenue;
    expect(r.total).toBe(1000);
    expect(r.ideal).toBe(250);
    expect(r.maxAbsDeviation).toBe(1);
    expect(r.balanceIndex).toBeCloseTo(50, 9);
    expect(row(report, 'D').stats.balanceDeviation).toBe(-1);
  });

  it('on a measure the stats do not hold (workload), sums it from the stores and the assignment', () => {
    // One channel (w minutes a year a customer, w/2 a prospect, 0 a lost store):
    // A 2.5w, B w, C w, D 0.5w → ideal 1.25w.
    const workload = fixtureReport({ balance: { spec: { measure: 'workload' }, tolerance: 0.1 } });
    const expected = [1, -0.2, -0.2, -0.6];
    workload.territories.forEach((t, i) => expect(t.deviation).toBeCloseTo(expected[i]!, 12));
    expect(workload.balance.tolerance).toBe(0.1);
  });

  it('lists the territories in more than one piece by id', () => {
    const shapes = [null, { parts: 2, basis: 'polygon' as const, compactness: 40 }, { parts: 1, basis: 'polygon' as const, compactness: 80 }, null];
    const r = fixtureReport({ shapes });
    expect(r.balance.nonContiguous).toEqual(['B']);
    expect(row(r, 'B').shape).toEqual(shapes[1]);
    expect(r.unassigned.shape).toBeNull();
  });

  it('an empty plan: no rows, zero Unassigned and Total, an even balance', () => {
    const empty = fixtureReport({ territories: [], stores: [], assignment: new Int32Array(0) });
    expect(empty.territories).toEqual([]);
    expect(empty.byId.size).toBe(0);
    expect(empty.regions.map((g) => g.name)).toEqual(['North', 'South', 'Empty']); // regions stay, empty
    for (const r of [empty.unassigned, empty.total, ...empty.regions] as PlanReportRow[]) {
      expect(r.stats.stores).toBe(0);
      expect(r.stats.penetration).toBe(0);
    }
    expect(empty.balance).toMatchObject({ ideal: 0, maxDeviation: 0, outOfTolerance: 0, balanceIndex: 100, nonContiguous: [] });
    expect(empty.balance.revenue).toMatchObject({ total: 0, ideal: 0, balanceIndex: 100 });
  });

  it('no territories: every store is unassigned, and Total equals Unassigned', () => {
    const none = fixtureReport({ territories: [], assignment: new Int32Array(reportStores.length).fill(-1) });
    expect(none.territories).toEqual([]);
    expect(none.unassigned.stats.stores).toBe(8);
    expect(sums(none.unassigned.stats)).toEqual(sums(none.total.stats));
    expect(none.regions.some((g) => g.name === 'No region')).toBe(false);
  });

  it('territories without any region roll up under No region alone', () => {
    const plain: Territory[] = reportTerritories.map((t) => ({ ...t, regionId: null }));
    const r = buildPlanReport({ ...reportInput({ territories: plain }), regions: [] });
    expect(r.regions).toHaveLength(1);
    expect(r.regions[0]).toMatchObject({ name: 'No region', territoryIds: ['A', 'B', 'C', 'D'] });
    expect(r.regions[0]!.stats.stores).toBe(7); // every store but the unassigned one
    expect(r.territories.every((t) => t.region === '')).toBe(true);
  });

  it('leaves out a territory the stats do not know, and judges the balance on all territories from the stores', () => {
    const input = reportInput();
    const stats = computeTerritoryStats(reportStores, input.assignment as Int32Array, reportTerritories.slice(0, 3), { referenceDate: REPORT_DAY });
    const r = buildPlanReport({ ...input, stats, balance: STORES_MEASURE });
    expect(r.territories.map((t) => t.territoryId)).toEqual(['A', 'B', 'C']);
    expect(r.balance.ideal).toBe(1.75); // four territories, seven stores
  });

  it('names managers from the people given', () => {
    const r = fixtureReport({ people: [dana] });
    expect(row(r, 'A').manager).toBe('');
    expect(regionRow(r, 'North').manager).toBe('Dana Whitfield');
    expect(lee.name).toBe('Lee Park'); // A's manager, left out above
  });
});
