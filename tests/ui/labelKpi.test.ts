import { describe, expect, it } from 'vitest';
import type { TerritoryId } from '../../src/domain/types';
import { formatLabelKpi } from '../../src/ui/map/labelKpi';
import { fixtureReport } from '../fixtures/reportPlan';

describe('formatLabelKpi', () => {
  // Alpha: 3 stores, 2 customers, revenue 300 of the average territory's 250.
  const alpha = fixtureReport().byId.get('A' as TerritoryId);

  it('formats the chosen KPI of a territory report row for its map label', () => {
    expect(formatLabelKpi('stores', alpha)).toBe('3 stores');
    expect(formatLabelKpi('revenue', alpha)).toBe('$300');
    expect(formatLabelKpi('penetration', alpha)).toBe('67% pen.');
    expect(formatLabelKpi('balance', alpha)).toBe('+20.0% vs avg');
  });

  it('shows nothing when no KPI is chosen or the territory has no row yet', () => {
    expect(formatLabelKpi('none', alpha)).toBeNull();
    expect(formatLabelKpi('stores', undefined)).toBeNull();
  });
});
