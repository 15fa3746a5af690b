import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../src/domain/types';
import { createAppStore } from '../../src/store/appStore';
import { App } from '../../src/ui/App';
import { downloadText } from '../../src/ui/common/download';
import { StoreProvider } from '../../src/ui/common/storeContext';
import { niceTicks } from '../../src/ui/charts/chartScale';
import { manager, plan, squareTerritory, store, workspace } from '../fixtures/market';

vi.mock('../../src/ui/map/MapView', () => ({ default: () => <div role="region" aria-label="Territory map" /> }));
vi.mock('../../src/ui/common/download', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/ui/common/download')>()),
  downloadText: vi.fn(),
}));

const ch = (c: string) => c as Store['channel'];
/**
 * West [0,10]², East [10,20]×[0,10], North [0,10]×[10,20]; S7 lies outside all three.
 *   S1 West  customer  groomer     1,000      S4 East   customer  groomer  1,000
 *   S2 West  prospect  groomer         0      S5 North  customer  grocery    500
 *   S3 West  customer  vet-clinic  2,000      S6 North  prospect  grocery      0
 *   S7 —     customer  independent-pet 1,000
 * Stores 3 / 1 / 2 → ideal 2, deviations +50 %, −50 %, 0; tolerance ±5 % → West and East outside.
 * Targets: West 2,000 (150 %), East 2,000 (50 %), North none.
 */
function setup(opts: { territories?: boolean; stores?: boolean } = {}) {
  const s = createAppStore({ markDirty: vi.fn() });
  const stores = opts.stores === false ? [] : [
    store('S1', 5, 5, { channel: ch('groomer'), revenue: 1000 }),
    store('S2', 6, 6, { channel: ch('groomer'), status: 'prospect', revenue: 0 }),
    store('S3', 7, 7, { channel: ch('vet-clinic'), revenue: 2000 }),
    store('S4', 15, 5, { channel: ch('groomer'), revenue: 1000 }),
    store('S5', 5, 15, { channel: ch('grocery'), revenue: 500 }),
    store('S6', 6, 16, { channel: ch('grocery'), status: 'prospect', revenue: 0 }),
    store('S7', 50, 50, { revenue: 1000 }),
  ];
  s.getState().setMarket(stores, [manager]);
  s.getState().loadPlan(workspace, {
    plan,
    territories: opts.territories === false ? [] : [
      squareTerritory('A', 0, 0, 10, 0, { name: 'West', targetRevenue: 2000 }),
      squareTerritory('B', 10, 0, 10, 1, { name: 'East', targetRevenue: 2000 }),
      squareTerritory('C', 0, 10, 10, 2, { name: 'North' }),
    ],
    regions: [],
  });
  s.getState().setMode('browse');
  render(<StoreProvider store={s}><App /></StoreProvider>);
  return s;
}

const balanceChart = () => screen.getByRole('figure', { name: 'Balance chart' });
const bars = () => within(within(balanceChart()).getByRole('group', { name: 'Bars' })).getAllByRole('button');
const tableRows = (name: string) =>
  within(screen.getByRole('table', { name })).getAllByRole('row').slice(1).map((tr) => [...tr.querySelectorAll('th,td')].map((c) => c.textContent));

describe('Plan charts', () => {
  beforeEach(() => vi.mocked(downloadText).mockClear());

  it('sit next to the statistics table, not instead of it', () => {
    setup();
    expect(screen.getByRole('table', { name: 'Territory statistics' })).toBeInTheDocument();
    expect(balanceChart()).toBeInTheDocument();
    expect(screen.getByRole('figure', { name: 'Penetration by channel' })).toBeInTheDocument();
    expect(screen.getByRole('figure', { name: 'Revenue against target' })).toBeInTheDocument();
  });

  it('the balance chart has one bar per territory, and marks the bars outside the tolerance', () => {
    setup();
    expect(bars().map((b) => b.getAttribute('aria-label'))).toEqual([
      'West: 3, +50.0% from the ideal, outside tolerance',
      'East: 1, −50.0% from the ideal, outside tolerance',
      'North: 2, 0.0% from the ideal',
    ]);
    expect(bars().map((b) => b.getAttribute('data-outside'))).toEqual(['true', 'true', null]);
    expect(within(balanceChart()).getByText(/Ideal 2, tolerance ±5% \(2–2\); 2 outside/)).toBeInTheDocument();
    expect(tableRows('Balance chart data')).toEqual([
      ['West', '3', '+50.0%', 'yes'],
      ['East', '1', '−50.0%', 'yes'],
      ['North', '2', '0.0%', 'no'],
    ]);
  });

  it('sorts by value and back to table order', async () => {
    setup();
    const user = userEvent.setup();
    await user.click(within(balanceChart()).getByRole('button', { name: 'Sort by value' }));
    expect(bars().map((b) => b.getAttribute('aria-label')!.split(':')[0])).toEqual(['West', 'North', 'East']);
    await user.click(within(balanceChart()).getByRole('button', { name: 'Sort by value' }));
    expect(bars().map((b) => b.getAttribute('aria-label')!.split(':')[0])).toEqual(['West', 'East', 'North']);
  });

  it('shows the figures on hover and focus; a click or Enter selects the territory', async () => {
    const s = setup();
    const user = userEvent.setup();
    fireEvent.pointerEnter(bars()[1]!);
    expect(screen.getByRole('tooltip')).toHaveTextContent('EastStores: 1Ideal: 2Deviation: −50.0% (outside tolerance)');
    await user.click(bars()[1]!);
    expect(s.getState().selectedTerritoryId).toBe('B');
    fireEvent.pointerLeave(bars()[1]!);
    expect(screen.queryByRole('tooltip')).toBeNull();
    // jsdom does not move focus onto SVG elements: fire what the browser fires
    fireEvent.focus(bars()[2]!);
    expect(screen.getByRole('tooltip')).toHaveTextContent('NorthStores: 2Ideal: 2Deviation: 0.0%');
    fireEvent.keyDown(bars()[2]!, { key: 'Enter' });
    expect(s.getState().selectedTerritoryId).toBe('C');
    expect(bars()[2]).toHaveAttribute('aria-pressed', 'true');
  });

  it('downloads each chart\'s data as CSV with plain numbers', async () => {
    setup();
    const user = userEvent.setup();
    const download = async (figure: string) => {
      vi.mocked(downloadText).mockClear();
      await user.click(within(screen.getByRole('figure', { name: figure })).getByRole('button', { name: 'Download CSV' }));
      const [fileName, text] = vi.mocked(downloadText).mock.calls[0]!;
      return { fileName, lines: text.split('\n') };
    };
    const balance = await download('Balance chart');
    expect(balance.fileName).toMatch(/^balance-chart-test-plan-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(balance.lines).toEqual([
      'territory_id,territory,stores,ideal,deviation,tolerance,outside_tolerance',
      'A,West,3,2,0.5,0.05,1',
      'B,East,1,2,-0.5,0.05,1',
      'C,North,2,2,0,0.05,0',
      '',
    ]);
    const channels = await download('Penetration by channel');
    expect(channels.lines).toEqual([
      'territory_id,territory,independent-pet_stores,independent-pet_customers,independent-pet_penetration,vet-clinic_stores,vet-clinic_customers,vet-clinic_penetration,groomer_stores,groomer_customers,groomer_penetration,grocery_stores,grocery_customers,grocery_penetration',
      'A,West,0,0,0,1,1,1,2,1,0.5,0,0,0',
      'B,East,0,0,0,0,0,0,1,1,1,0,0,0',
      'C,North,0,0,0,0,0,0,0,0,0,2,1,0.5',
      '',
    ]);
    const targets = await download('Revenue against target');
    expect(targets.lines).toEqual(['territory_id,territory,revenue,target,of_target', 'A,West,3000,2000,1.5', 'B,East,1000,2000,0.5', 'C,North,500,,', '']);
  });

  it('gives the channel and target charts data tables with the hand-computed figures', () => {
    setup();
    expect(tableRows('Penetration by channel data')).toEqual([
      ['West', 'no stores', '100.0% (1 of 1)', '50.0% (1 of 2)', 'no stores'],
      ['East', 'no stores', 'no stores', '100.0% (1 of 1)', 'no stores'],
      ['North', 'no stores', 'no stores', 'no stores', '50.0% (1 of 2)'],
    ]);
    expect(tableRows('Revenue against target data')).toEqual([
      ['West', '$3,000', '$2,000', '150.0%'],
      ['East', '$1,000', '$2,000', '50.0%'],
      ['North', '$500', '—', '—'],
    ]);
  });

  it('says why there is nothing to chart: no territories, no stores', () => {
    setup({ territories: false });
    expect(within(screen.getByRole('region', { name: 'Charts' })).getByText(/No territories yet/)).toBeInTheDocument();
    expect(screen.queryByRole('figure', { name: 'Balance chart' })).toBeNull();
  });

  it('says so when the market has no stores', () => {
    setup({ stores: false });
    expect(within(screen.getByRole('region', { name: 'Charts' })).getByText(/No stores in the market/)).toBeInTheDocument();
  });
});

describe('niceTicks', () => {
  it('steps of 1, 2, 2.5 or 5 × 10^k up to at least the maximum', () => {
    expect(niceTicks(1422)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(2.1)).toEqual([0, 1, 2, 3]); // step 0.525 → 1
    expect(niceTicks(0.9)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
  });
});
