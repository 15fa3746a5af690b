import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { TerritoryId } from '../../src/domain/types';
import { createAppStore } from '../../src/store/appStore';
import { App } from '../../src/ui/App';
import { StoreProvider } from '../../src/ui/common/storeContext';
import { manager, plan, squareTerritory, store, workspace } from '../fixtures/market';

vi.mock('../../src/ui/map/MapView', () => ({ default: () => <div role="region" aria-label="Territory map" /> }));

function setup() {
  const port = { markDirty: vi.fn() };
  const s = createAppStore(port);
  s.getState().setMarket([store('S1', 5, 5, { revenue: 100 }), store('S2', 15, 5, { revenue: 300 }), store('S3', 25, 5, { revenue: 50 })], [manager]);
  s.getState().loadPlan(workspace, { plan, territories: [
    squareTerritory('A', 0, 0, 10, 0, { name: 'Alpha' }),
    squareTerritory('B', 10, 0, 10, 1, { name: 'Bravo' }),
    squareTerritory('C', 20, 0, 10, 2, { name: 'Charlie' }),
  ], regions: [] });
  s.getState().setMode('browse');
  render(<StoreProvider store={s}><App /></StoreProvider>);
  return { s, port };
}

describe('regions', () => {
  it('adds a region, moves territories into it (undoable) and rolls the stats up, collapsibly', async () => {
    const user = userEvent.setup();
    const { s, port } = setup();
    const panel = screen.getByRole('region', { name: 'Regions' });
    await user.type(within(panel).getByRole('textbox', { name: 'New region name' }), 'West');
    await user.click(within(panel).getByRole('button', { name: 'Add region' }));
    const west = s.getState().regions[0]!;
    expect(west.name).toBe('West');
    expect(s.getState().undoStack.at(-1)!.label).toBe('Added region West');
    expect(port.markDirty).toHaveBeenLastCalledWith({ territories: [], regions: [west.id], plan: false });

    s.getState().selectTerritory('A' as TerritoryId);
    const tp = await screen.findByRole('region', { name: 'Selected territory' });
    await user.selectOptions(within(tp).getByRole('combobox', { name: 'Region' }), west.id);
    expect(s.getState().undoStack.at(-1)!.label).toBe('Moved Alpha into West');
    s.getState().setTerritoryRegion('B' as TerritoryId, west.id);

    await user.click(screen.getByRole('checkbox', { name: 'Group by region' }));
    const table = screen.getByRole('table', { name: 'Territory statistics' });
    const group = within(table).getByRole('button', { name: /West/ });
    expect(group).toHaveAttribute('aria-expanded', 'true');
    const groupRow = group.closest('tr')!;
    expect(within(groupRow).getByText('$400')).toBeInTheDocument(); // 100 + 300
    expect(within(table).getByRole('rowheader', { name: 'Alpha' })).toBeInTheDocument();
    await user.click(group);
    expect(group).toHaveAttribute('aria-expanded', 'false');
    expect(within(table).queryByRole('rowheader', { name: 'Alpha' })).toBeNull();
    expect(within(table).getByRole('button', { name: /No region/ })).toBeInTheDocument(); // Charlie

    // Deleting the region keeps its territories, without a region; one undo brings both back.
    await user.click(within(panel).getByRole('button', { name: 'Delete region West' }));
    expect(s.getState().territories.map((t) => t.regionId)).toEqual([null, null, null]);
    expect(s.getState().regions).toEqual([]);
    expect(port.markDirty).toHaveBeenLastCalledWith({ territories: ['A', 'B'], regions: [west.id], plan: false });
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(s.getState().regions).toEqual([west]);
    expect(s.getState().territories.map((t) => t.regionId)).toEqual([west.id, west.id, null]);
  });

  it('sets a revenue target and notes as undoable steps and shows progress to target', async () => {
    const user = userEvent.setup();
    const { s } = setup();
    s.getState().selectTerritory('B' as TerritoryId);
    const tp = await screen.findByRole('region', { name: 'Selected territory' });
    const target = within(tp).getByRole('textbox', { name: 'Target revenue (USD per year)' });
    await user.type(target, '$1,200{Enter}');
    expect(s.getState().territories.find((t) => t.id === 'B')!.targetRevenue).toBe(1200);
    expect(within(tp).getByText('25%')).toBeInTheDocument(); // 300 / 1200
    await user.type(within(tp).getByRole('textbox', { name: 'Notes' }), 'Hire a second rep in Q3');
    await user.tab();
    expect(s.getState().territories.find((t) => t.id === 'B')!.notes).toBe('Hire a second rep in Q3');
    expect(s.getState().undoStack.map((c) => c.label).slice(-2)).toEqual(['Set the revenue target of Bravo', 'Edited the notes of Bravo']);
  });
});
