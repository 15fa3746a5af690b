import { describe, expect, it, vi } from 'vitest';
import type { TerritoryId } from '../../src/domain/types';
import { createAppStore } from '../../src/store/appStore';
import { selectPlanReport } from '../../src/store/selectors';
import { plan, squareTerritory, store, workspace } from '../fixtures/market';

function setup() {
  const s = createAppStore({ markDirty: vi.fn() });
  s.getState().setMarket([store('S1', 5, 5), store('S2', 15, 5), store('S3', 16, 6)], []);
  return s;
}

describe('selectPlanReport', () => {
  it('is null until the stats are computed', () => {
    expect(selectPlanReport(createAppStore({ markDirty: vi.fn() }).getState())).toBeNull();
  });

  it('returns the same report until the stats, the plan or the balance measure change', () => {
    const s = setup();
    s.getState().loadPlan(workspace, { plan, territories: [squareTerritory('A', 0, 0, 10, 0, { name: 'West' }), squareTerritory('B', 10, 0, 10, 1, { name: 'East' })], regions: [] });
    const first = selectPlanReport(s.getState())!;
    expect(first.territories.map((r) => [r.name, r.stats.stores])).toEqual([['West', 1], ['East', 2]]);
    expect(selectPlanReport(s.getState())).toBe(first);

    // what only the view changes keeps the report
    s.getState().setBottomTab('stores');
    s.getState().setGroupByRegion(true);
    s.getState().setLabelKpi('revenue');
    s.getState().selectTerritory('A' as TerritoryId);
    expect(selectPlanReport(s.getState())).toBe(first);

    // an edit makes a new one
    s.getState().renameTerritory('A' as TerritoryId, 'Far West');
    const renamed = selectPlanReport(s.getState())!;
    expect(renamed).not.toBe(first);
    expect(renamed.territories[0]!.name).toBe('Far West');

    // so does another balance measure: customers 1 and 2 → ideal 1.5
    s.getState().setLiveMeasure({ spec: { measure: 'customers' }, tolerance: 0.2 });
    const byCustomers = selectPlanReport(s.getState())!;
    expect(byCustomers.balance).toMatchObject({ measure: { measure: 'customers' }, tolerance: 0.2, ideal: 1.5 });
    expect(byCustomers.territories.map((r) => r.deviation)).toEqual([-1 / 3, 1 / 3]);
  });
});
