import { describe, expect, it } from 'vitest';
import { buildChoropleth, choroplethValue, NO_DATA_COLOR } from '../../../src/domain/report';
import { classColors } from '../../../src/domain/report/classify';
import type { TerritoryId } from '../../../src/domain/types';
import { fixtureReport, reportTerritories } from '../../fixtures/reportPlan';
import { squareTerritory } from '../../fixtures/market';

const id = (s: string) => s as TerritoryId;

describe('buildChoropleth', () => {
  // Penetration: A 2/3, B 1/1, C 1/2 (a lost store counts), D 0/1.
  it('classes the territories by penetration and colors each by its class', () => {
    const c = buildChoropleth(fixtureReport(), 'penetration', 'equal', 4);
    expect(c.classes.map((k) => [k.from, k.to, k.count])).toEqual([[0, 0.25, 1], [0.25, 0.5, 0], [0.5, 0.75, 2], [0.75, 1, 1]]);
    const colors = classColors(4);
    expect(c.colors.get(id('A'))).toBe(colors[2]);
    expect(c.colors.get(id('B'))).toBe(colors[3]);
    expect(c.colors.get(id('C'))).toBe(colors[2]);
    expect(c.colors.get(id('D'))).toBe(colors[0]);
    expect(c.noData).toBe(0);
  });

  it('a territory without stores is no data', () => {
    const territories = [...reportTerritories, squareTerritory('E', 9, 9, 1, 4, { name: 'Echo' })];
    const report = fixtureReport({ territories });
    expect(choroplethValue('revenue', report.byId.get(id('E'))!)).toBeNull();
    const c = buildChoropleth(report, 'revenue', 'quantile', 5);
    expect(c.noData).toBe(1);
    expect(c.colors.get(id('E'))).toBe(NO_DATA_COLOR);
    expect(c.classes.reduce((n, k) => n + k.count, 0)).toBe(4);
  });

  it('growth and deviation are diverging: classes symmetric around 0', () => {
    for (const kpi of ['growth', 'deviation'] as const) {
      const c = buildChoropleth(fixtureReport(), kpi, 'equal', 4);
      expect(c.classes).toHaveLength(4);
      expect(c.classes[0]!.from).toBeCloseTo(-c.classes[3]!.to);
      expect(c.classes[2]!.from).toBe(0);
    }
    // Deviation on stores (ideal 7/4): A +5/7 is the largest magnitude.
    const d = buildChoropleth(fixtureReport(), 'deviation', 'equal', 4);
    expect(d.classes[3]!.to).toBeCloseTo(5 / 7);
  });
});
