import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RegionId } from '../../src/domain/types';
import { createAppStore } from '../../src/store/appStore';
import { selectPlanReport } from '../../src/store/selectors';
import { App } from '../../src/ui/App';
import { downloadText } from '../../src/ui/common/download';
import { formatCount, formatDeviation, formatMoney, formatPercent } from '../../src/ui/common/format';
import { StoreProvider } from '../../src/ui/common/storeContext';
import { manager, plan, squareTerritory, store, workspace, PLAN } from '../fixtures/market';

vi.mock('../../src/ui/map/MapView', () => ({ default: () => <div role="region" aria-label="Territory map" /> }));
vi.mock('../../src/ui/common/download', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/ui/common/download')>()),
  downloadText: vi.fn(),
}));

/**
 * West [0,10]² holds S1 and S4, East [10,20]×[0,10] holds S2; S3 lies outside both.
 *   S1 customer  revenue 1,000     prior   800  potential  5,000
 *   S2 prospect  revenue 0         prior   800  potential  5,000
 *   S3 customer  revenue 1,000     prior   800  potential  5,000
 *   S4 customer  revenue 12,500.5  prior 10,000 potential 20,000
 * West is in region Plains (managed by Dana); East has no region.
 */
function setup() {
  const s = createAppStore({ markDirty: vi.fn() });
  s.getState().setMarket([
    store('S1', 5, 5),
    store('S2', 15, 5, { status: 'prospect', revenue: 0 }),
    store('S3', 50, 50),
    store('S4', 6, 6, { revenue: 12500.5, priorRevenue: 10000, potential: 20000 }),
  ], [manager]);
  const plains = { id: 'R1' as RegionId, planId: PLAN, name: 'Plains', color: '#336699', managerId: manager.id };
  s.getState().loadPlan(workspace, {
    plan,
    territories: [
      squareTerritory('A', 0, 0, 10, 0, { name: 'West', managerId: manager.id, regionId: plains.id }),
      squareTerritory('B', 10, 0, 10, 1, { name: 'East' }),
    ],
    regions: [plains],
  });
  s.getState().setMode('browse');
  render(<StoreProvider store={s}><App /></StoreProvider>);
  return s;
}

describe('Export KPI table', () => {
  beforeEach(() => vi.mocked(downloadText).mockClear());

  it('downloads the statistics table as CSV: a row per territory and region, Unassigned and Total', async () => {
    setup();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /Export KPI table/ }));
    expect(downloadText).toHaveBeenCalledTimes(1);
    const [fileName, csv, mime] = vi.mocked(downloadText).mock.calls[0]!;
    expect(fileName).toMatch(/^kpi-table-test-plan-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(mime).toMatch(/^text\/csv/);
    const lines = csv.split('\n');
    expect(lines[0]).toBe('territory_id,territory,region,stores,customers,prospects,penetration,revenue,potential,whitespace,new_customers,growth,share_of_wallet,balance,deviation,parts,compactness,manager,row_type');
    // West: whitespace 4,000 + 7,499.5; growth 2,700.5 / 10,800; share 13,500.5 / 25,000.
    // Revenue balance: ideal 6,750.25 → +1 / −1. Stores balance (the default measure): 2 and 1 → ±1/3.
    // Both squares are in one piece; their compactness depends on the projection, so it is matched loosely.
    expect(lines[1]).toMatch(/^A,West,Plains,2,2,0,1,13500\.5,25000,11499\.5,0,0\.250046,0\.54002,1,0\.333333,1,\d+(\.\d+)?,Dana Whitfield,territory$/);
    expect(lines[2]).toMatch(/^B,East,,1,0,1,0,0,5000,5000,0,-1,0,-1,-0\.333333,1,\d+(\.\d+)?,,territory$/);
    expect(lines.slice(3)).toEqual([
      ',,Plains,2,2,0,1,13500.5,25000,11499.5,0,0.250046,0.54002,0,,,,Dana Whitfield,region',
      ',,No region,1,0,1,0,0,5000,5000,0,-1,0,,,,,,region',
      ',Unassigned,,1,1,0,1,1000,5000,4000,0,0.25,0.2,,,,,,unassigned',
      // growth (14,500.5 − 12,400) / 12,400; share 14,500.5 / 35,000
      ',Total,,4,3,1,0.75,14500.5,35000,20499.5,0,0.169395,0.4143,,,,,,total',
      '',
    ]);
  });

  it('the statistics table, the balance panel and the header show the figures of the same report', async () => {
    const s = setup();
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Group by region' }));
    const table = screen.getByRole('table', { name: 'Territory statistics' });
    const cellsOf = (tr: HTMLElement) => within(tr).getAllByRole('cell').map((c) => c.textContent);

    // by hand: West 2 stores, 100 % penetration, $13,501 (13,500.5 rounded), whitespace $11,500
    const west = cellsOf(within(table).getByRole('rowheader', { name: 'West' }).closest('tr')!);
    expect(west.slice(0, 11)).toEqual(['Dana Whitfield', '2', '2', '0', '100.0%', '0', '$13,501', '+25.0%', '$25,000', '54.0%', '$11,500']);
    expect(west[11]).toBe('+100.0%'); // Balance: revenue vs the average territory
    expect(west[12]).toBe('+33.3%'); // Deviation: stores vs the ideal

    // and every row of the report is in the table with its numbers
    const report = selectPlanReport(s.getState())!;
    for (const r of report.territories) {
      const cells = cellsOf(within(table).getByRole('rowheader', { name: r.name }).closest('tr')!);
      expect(cells.slice(1, 5)).toEqual([formatCount(r.stats.stores), formatCount(r.stats.customers), formatCount(r.stats.prospects), formatPercent(r.stats.penetration)]);
      expect(cells[6]).toBe(formatMoney(r.stats.revenue));
      expect(cells[12]).toBe(formatDeviation(r.deviation));
    }
    for (const g of report.regions) {
      const cells = cellsOf(within(table).getByRole('button', { name: new RegExp(g.name) }).closest('tr')!);
      expect(cells.slice(1, 3)).toEqual([formatCount(g.stats.stores), formatCount(g.stats.customers)]);
      expect(cells[6]).toBe(formatMoney(g.stats.revenue));
    }
    const total = cellsOf(within(table).getByRole('rowheader', { name: 'Total' }).closest('tr')!);
    expect(total[1]).toBe('4');
    expect(total[6]).toBe('$14,501');
    expect([total[1], total[6]]).toEqual([formatCount(report.total.stats.stores), formatMoney(report.total.stats.revenue)]);

    // Plan balance on revenue: 13,500.5 and 0 → ideal 6,750.25, deviations ±1 → index 0, CV 100 %.
    const summary = screen.getByRole('region', { name: 'Plan summary' });
    expect(summary).toHaveTextContent('2 territories · revenue $14K · ideal $7K per territory');
    expect(summary).toHaveTextContent('Balance index 0/100 · max deviation ±100% · CV 100%');
    expect(screen.getByTestId('max-deviation')).toHaveTextContent('Max deviation ±33.3 % (stores)');
    expect(screen.getByTestId('non-contiguous')).toHaveTextContent('all contiguous');
  });
});
