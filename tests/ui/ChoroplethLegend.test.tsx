import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../src/store/appStore';
import { selectChoropleth } from '../../src/store/selectors';
import { App } from '../../src/ui/App';
import { StoreProvider } from '../../src/ui/common/storeContext';
import { manager, plan, squareTerritory, store, workspace } from '../fixtures/market';

vi.mock('../../src/ui/map/MapView', () => ({ default: () => <div role="region" aria-label="Territory map" /> }));

/**
 * Five territories side by side, 10 wide. Penetration (customers / stores):
 *   A [0,10]   S1 customer, S2 prospect, S3 customer  → 2/3
 *   B [10,20]  S4 customer                            → 1
 *   C [20,30]  S5 customer, S6 prospect               → 1/2
 *   D [30,40]  S7 prospect                            → 0
 *   E [40,50]  no stores                              → no data
 */
function setup() {
  const s = createAppStore({ markDirty: vi.fn() });
  s.getState().setMarket([
    store('S1', 5, 5), store('S2', 6, 5, { status: 'prospect', revenue: 0 }), store('S3', 7, 5),
    store('S4', 15, 5),
    store('S5', 25, 5), store('S6', 26, 5, { status: 'prospect', revenue: 0 }),
    store('S7', 35, 5, { status: 'prospect', revenue: 0 }),
  ], [manager]);
  s.getState().loadPlan(workspace, {
    plan,
    territories: ['A', 'B', 'C', 'D', 'E'].map((id, i) => squareTerritory(id, i * 10, 0, 10, i, { name: id })),
    regions: [],
  });
  s.getState().setMode('browse');
  render(<StoreProvider store={s}><App /></StoreProvider>);
  return s;
}

const legendLines = () =>
  within(screen.getByRole('region', { name: 'Legend' })).getAllByRole('listitem').map((li) => li.textContent);

describe('Color by a KPI', () => {
  it('choosing Penetration shows a legend of its classes in percent, and No data', async () => {
    const s = setup();
    const user = userEvent.setup();
    expect(screen.queryByRole('region', { name: 'Legend' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Classes' })).toBeNull();
    const colorBy = screen.getByRole('combobox', { name: 'Color by' });
    expect(within(colorBy).getAllByRole('option').map((o) => o.textContent)).toEqual(
      ['Territory', 'Region', 'Penetration', 'Revenue', 'Potential', 'Whitespace', 'Growth', 'Deviation']);
    await user.selectOptions(colorBy, 'Penetration');

    // Quantiles (default), 5 classes of 0, 1/2, 2/3, 1: starts at positions 0, 0, 1, 2, 3 → 0, 1/2, 2/3, 1;
    // only four values, and no class starts at the maximum, so three classes.
    expect(legendLines()).toEqual(['0.0% – 50.0% (1)', '50.0% – 66.7% (1)', '66.7% – 100.0% (2)', 'No data (1)']);

    // Equal interval, 4 classes: 0–25%, 25–50%, 50–75%, 75–100%.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Classification' }), 'Equal interval');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Classes' }), '4');
    expect(legendLines()).toEqual([
      '0.0% – 25.0% (1)', '25.0% – 50.0% (0)', '50.0% – 75.0% (2)', '75.0% – 100.0% (1)', 'No data (1)',
    ]);
    expect(s.getState()).toMatchObject({ colorBy: 'penetration', classMethod: 'equal', classCount: 4 });
    expect(selectChoropleth(s.getState())!.colors.size).toBe(5);
  });

  it('Revenue reads in currency; back to Territory hides the legend and its controls', async () => {
    setup();
    const user = userEvent.setup();
    const colorBy = screen.getByRole('combobox', { name: 'Color by' });
    await user.selectOptions(colorBy, 'Revenue');
    expect(legendLines().every((l) => l!.startsWith('$') || l!.startsWith('No data'))).toBe(true);
    await user.selectOptions(colorBy, 'Territory');
    expect(screen.queryByRole('region', { name: 'Legend' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Classification' })).toBeNull();
  });
});
