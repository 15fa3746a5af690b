import { describe, expect, it } from 'vitest';
import { measureColumn } from '../../../src/domain/export';
import { balanceChartData, targetRows } from '../../../src/domain/report';
import { fixtureReport } from '../../fixtures/reportPlan';

describe('balanceChartData', () => {
  const report = fixtureReport(); // stores 3, 1, 2, 1 → ideal 1.75, tolerance ±5 %

  it('draws the territories in table order with the band around the ideal', () => {
    const d = balanceChartData(report);
    expect(d.bars.map((b) => [b.name, b.value])).toEqual([['Alpha', 3], ['Bravo', 1], ['Charlie', 2], ['Delta', 1]]);
    expect(d.ideal).toBe(1.75);
    expect(d.low).toBeCloseTo(1.6625, 12);
    expect(d.high).toBeCloseTo(1.8375, 12);
    expect(d.bars.every((b) => b.outside)).toBe(true); // |deviation| ≥ 1/7 > 5 %
  });

  it('sorts largest first and keeps the table order between equal values', () => {
    expect(balanceChartData(report, true).bars.map((b) => b.name)).toEqual(['Alpha', 'Charlie', 'Bravo', 'Delta']);
  });

  it('marks nothing outside with a wide tolerance, and nothing when the ideal is 0', () => {
    const wide = fixtureReport({ balance: { spec: { measure: 'stores' }, tolerance: 0.75 } });
    expect(balanceChartData(wide).bars.map((b) => b.outside)).toEqual([false, false, false, false]);
    const none = fixtureReport({ territories: [], assignment: Int32Array.from([-1, -1, -1, -1, -1, -1, -1, -1]) });
    expect(balanceChartData(none).bars).toEqual([]);
  });

  it('names a mixed measure by both parts', () => {
    expect(measureColumn({ measure: 'revenue', secondary: { measure: 'stores', weight: 0.3 } })).toBe('revenue+stores');
    expect(measureColumn({ measure: 'revenue', secondary: { measure: 'stores', weight: 0 } })).toBe('revenue');
  });
});

describe('targetRows', () => {
  it('gives revenue, target and share of target, null without a target', () => {
    const rows = targetRows(fixtureReport());
    expect(rows[0]).toMatchObject({ name: 'Alpha', revenue: 300, target: 400, ofTarget: 0.75 });
    expect(rows[1]).toMatchObject({ name: 'Bravo', revenue: 300, target: null, ofTarget: null });
  });
});
