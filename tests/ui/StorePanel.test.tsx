import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { StoreId } from '../../src/domain/types';
import { StoreProvider } from '../../src/ui/common/storeContext';
import { StorePanel } from '../../src/ui/stores/StorePanel';
import { store } from '../fixtures/market';
import { planA, storeWithPlans, territoriesA } from './planTestKit';

// S1 lies in West (A), S2 in East (B).
const market = [store('S1', 5, 5, { name: 'Paws & Co', revenue: 1234 }), store('S2', 15, 5)];

function setup() {
  const { s, port } = storeWithPlans(market, [{ plan: planA, territories: territoriesA, regions: [] }]);
  render(
    <StoreProvider store={s}>
      <StorePanel />
    </StoreProvider>,
  );
  return { s, port, user: userEvent.setup() };
}

const panel = () => screen.getByRole('region', { name: 'Selected store' });
const pinSelect = () => within(panel()).getByRole('combobox', { name: 'Pin to territory' });

describe('StorePanel', () => {
  it('shows nothing until a store is focused, then its details and territory', () => {
    const { s } = setup();
    expect(screen.queryByRole('region', { name: 'Selected store' })).toBeNull();
    act(() => s.getState().focusStore('S1' as StoreId));
    expect(panel()).toHaveTextContent('Paws & Co');
    expect(panel()).toHaveTextContent('revenue $1,234');
    expect(panel()).toHaveTextContent('Territory: West');
    expect(pinSelect()).toHaveValue('');
    expect(within(pinSelect()).getAllByRole('option').map((o) => o.textContent)).toEqual(['Not pinned (by location)', 'West', 'East']);
  });

  it('pins the store to another territory (assignment follows) and unpinning restores it', async () => {
    const { s, port, user } = setup();
    act(() => s.getState().focusStore('S1' as StoreId));
    const eastIndex = s.getState().territories.findIndex((t) => t.id === 'B');
    const westIndex = s.getState().territories.findIndex((t) => t.id === 'A');
    expect(s.getState().assignment[0]).toBe(westIndex);

    await user.selectOptions(pinSelect(), 'B');
    expect(s.getState().plan!.pins).toEqual([{ storeId: 'S1', territoryId: 'B' }]);
    expect(s.getState().assignment[0]).toBe(eastIndex);
    expect(s.getState().stats!.rows.map((r) => r.stores)).toEqual([0, 2]);
    expect(panel()).toHaveTextContent('Territory: East');
    expect(within(panel()).getByText('pinned', { selector: '.badge' })).toBeInTheDocument();
    expect(pinSelect()).toHaveValue('B');
    expect(s.getState().undoStack.at(-1)!.label).toBe('Pinned Paws & Co to East');
    expect(port.markDirty).toHaveBeenLastCalledWith(expect.objectContaining({ plan: true }));
    // The plan list carries the pinned plan too (what a switch or duplicate reads).
    expect(s.getState().plans[0]!.pins).toEqual([{ storeId: 'S1', territoryId: 'B' }]);

    await user.selectOptions(pinSelect(), 'Not pinned (by location)');
    expect(s.getState().plan!.pins).toEqual([]);
    expect(s.getState().assignment[0]).toBe(westIndex);
    expect(panel()).toHaveTextContent('Territory: West');
    expect(within(panel()).queryByText('pinned', { selector: '.badge' })).toBeNull();
    expect(pinSelect()).toHaveValue('');
  });

  it('undo takes a pin back', async () => {
    const { s, user } = setup();
    act(() => s.getState().focusStore('S1' as StoreId));
    await user.selectOptions(pinSelect(), 'B');
    act(() => s.getState().undo());
    expect(s.getState().plan!.pins).toEqual([]);
    expect(pinSelect()).toHaveValue('');
    expect(panel()).toHaveTextContent('Territory: West');
  });

  it('cannot pin in a read-only tab; the close button clears the focus', async () => {
    const { s, user } = setup();
    act(() => s.getState().focusStore('S2' as StoreId));
    expect(panel()).toHaveTextContent('Territory: East');
    act(() => s.getState().setAccess({ kind: 'read-only', reason: 'another tab is editing' }));
    expect(pinSelect()).toBeDisabled();
    await user.click(within(panel()).getByRole('button', { name: 'Close store details' }));
    expect(s.getState().storeFocus).toBeNull();
    expect(screen.queryByRole('region', { name: 'Selected store' })).toBeNull();
  });
});
