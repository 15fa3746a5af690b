import { describe, expect, it } from 'vitest';
import { KPI_TABLE_CSV_HEADER, kpiTableToCsv } from '../../../src/domain/export';
import type { Territory } from '../../../src/domain/types';
import { dana, fixtureReport, region, reportRegions, reportStores, reportTerritories } from '../../fixtures/reportPlan';

const HEADER =
  'territory_id,territory,region,stores,customers,prospects,penetration,revenue,potential,whitespace,' +
  'new_customers,growth,share_of_wallet,balance,deviation,parts,compactness,manager,row_type';

const lines = (csv: string) => csv.split('\n');

describe('kpiTableToCsv', () => {
  it('starts with the contract header, exactly', () => {
    const csv = kpiTableToCsv(fixtureReport());
    expect(lines(csv)[0]).toBe(HEADER);
    expect(lines(csv)[0]!.startsWith('territory_id,territory,region,stores,customers,prospects,penetration,revenue,potential,whitespace')).toBe(true);
    expect(KPI_TABLE_CSV_HEADER.join(',')).toBe(HEADER);
  });

  it('writes territories, regions, Unassigned and Total with the figures worked out by hand', () => {
    // See tests/fixtures/reportPlan.ts. Revenue balance: ideal 250 (1000 / 4); balance on
    // stores: ideal 7/4. Regions' revenue balance: North 600, South 400 → average 500.
    expect(lines(kpiTableToCsv(fixtureReport()))).toEqual([
      HEADER,
      'A,Alpha,North,3,2,1,0.666667,300,650,400,0,0.071429,0.461538,0.2,0.714286,,,Lee Park,territory',
      'B,Bravo,North,1,1,0,1,300,500,200,0,1,0.6,0.2,-0.428571,,,,territory',
      'C,Charlie,South,2,1,0,0.5,400,500,100,0,-0.111111,0.8,0.6,0.142857,,,,territory',
      'D,Delta,,1,0,1,0,0,1000,1000,0,,0,-1,-0.428571,,,,territory',
      ',,North,4,3,1,0.75,600,1150,600,0,0.395349,0.521739,0.2,,,,Dana Whitfield,region',
      ',,South,2,1,0,0.5,400,500,100,0,-0.111111,0.8,-0.2,,,,,region',
      ',,Empty,0,0,0,0,0,0,0,0,,,,,,,,region',
      ',,No region,1,0,1,0,0,1000,1000,0,,0,,,,,,region',
      ',Unassigned,,1,1,0,1,50,60,10,0,,0.833333,,,,,,unassigned',
      ',Total,,8,5,2,0.625,1050,2710,1710,0,0.193182,0.387454,,,,,,total',
      '', // LF after the last line
    ]);
  });

  it('neutralises formula prefixes in names and quotes commas, as the other CSVs do', () => {
    const territories: Territory[] = reportTerritories.map((t) => (t.id === 'A' ? { ...t, name: '=SUM(A1)' } : t));
    const people = [{ ...dana, name: 'Whitfield, Dana' }];
    const regions = [region('R1', '+North', dana.id), ...reportRegions.slice(1)];
    const csv = kpiTableToCsv(fixtureReport({ territories, people, regions }));
    const [, a, , , , north] = lines(csv);
    expect(a!.startsWith("A,'=SUM(A1),'+North,3,")).toBe(true);
    expect(north).toBe(",,'+North,4,3,1,0.75,600,1150,600,0,0.395349,0.521739,0.2,,,,\"Whitfield, Dana\",region");
    // a negative number stays a number
    expect(lines(csv)[4]).toContain(',-1,-0.428571,');
  });

  it('writes plain numbers: no thousands separators, money to the cent', () => {
    const stores = reportStores.map((s) => (s.id === 's4' ? { ...s, revenue: 1234567.891, priorRevenue: 1000000, potential: 2500000.5 } : s));
    const b = lines(kpiTableToCsv(fixtureReport({ stores })))[2]!;
    // Bravo: one store. Whitespace 2,500,000.5 − 1,234,567.891 = 1,265,432.609 → 1265432.61.
    // Growth 234,567.891 / 1,000,000; share of wallet 1,234,567.891 / 2,500,000.5 ≈ 0.4938270.
    expect(b.startsWith('B,Bravo,North,1,1,0,1,1234567.89,2500000.5,1265432.61,0,0.234568,0.493827,')).toBe(true);
    expect(b).not.toMatch(/\d,\d{3}[,.]\d/); // no "1,234,567"
  });

  it('gives contiguity and compactness on territory rows when known', () => {
    const shapes = [{ parts: 1, basis: 'polygon' as const, compactness: 78.53981 }, { parts: 3, basis: 'units' as const, compactness: 12.3456 }, null, null];
    const [, a, b] = lines(kpiTableToCsv(fixtureReport({ shapes })));
    expect(a).toMatch(/,0\.714286,1,78\.54,Lee Park,territory$/);
    expect(b).toMatch(/,-0\.428571,3,12\.35,,territory$/);
  });

  it('an empty plan has its regions, Unassigned and Total, all zero', () => {
    const csv = kpiTableToCsv(fixtureReport({ territories: [], stores: [], assignment: new Int32Array(0) }));
    expect(lines(csv)).toEqual([
      HEADER,
      ',,North,0,0,0,0,0,0,0,0,,,,,,,Dana Whitfield,region',
      ',,South,0,0,0,0,0,0,0,0,,,,,,,,region',
      ',,Empty,0,0,0,0,0,0,0,0,,,,,,,,region',
      ',Unassigned,,0,0,0,0,0,0,0,0,,,,,,,,unassigned',
      ',Total,,0,0,0,0,0,0,0,0,,,,,,,,total',
      '',
    ]);
  });
});
