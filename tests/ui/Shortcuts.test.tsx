import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { TerritoryId } from '../../src/domain/types';
import { createAppStore } from '../../src/store/appStore';
import { handleShortcut, Shortcuts } from '../../src/ui/common/Shortcuts';
import { StoreProvider } from '../../src/ui/common/storeContext';
import { Toolbar } from '../../src/ui/territories/Toolbar';
import { manager, plan, squareTerritory, store, workspace } from '../fixtures/market';

function makeStore() {
  const s = createAppStore({ markDirty: vi.fn() });
  s.getState().setMarket([store('S1', 5, 5)], [manager]);
  s.getState().loadPlan(workspace, { plan, territories: [squareTerritory('A', 0, 0, 10, 0), squareTerritory('B', 10, 0, 10, 1)], regions: [] });
  s.getState().setMode('browse');
  return s;
}
const key = (k: string, over: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, target: document.body, ...over });

describe('keyboard shortcuts', () => {
  it('P/R/C/F start the draw modes; Escape is left to the toolbar', () => {
    const s = makeStore();
    expect(handleShortcut(key('r'), s, vi.fn())).toBe(true);
    expect([s.getState().mode, s.getState().drawMode]).toEqual(['drawing', 'rectangle']);
    handleShortcut(key('C'), s, vi.fn());
    expect(s.getState().drawMode).toBe('circle');
    handleShortcut(key('f'), s, vi.fn());
    handleShortcut(key('p'), s, vi.fn());
    expect(s.getState().drawMode).toBe('polygon');
  });

  it('Delete removes the selected territory; Ctrl+Z and Ctrl+Shift+Z undo and redo it', () => {
    const s = makeStore();
    s.getState().selectTerritory('B' as TerritoryId);
    expect(handleShortcut(key('Delete'), s, vi.fn())).toBe(true);
    expect(s.getState().territories.map((t) => t.id)).toEqual(['A']);
    handleShortcut(key('z', { ctrlKey: true }), s, vi.fn());
    expect(s.getState().territories.map((t) => t.id)).toEqual(['A', 'B']);
    handleShortcut(key('Z', { metaKey: true, shiftKey: true }), s, vi.fn());
    expect(s.getState().territories.map((t) => t.id)).toEqual(['A']);
  });

  it('ignores keys typed into a field, so text editing keeps its own undo', () => {
    const s = makeStore();
    const input = document.createElement('input');
    s.getState().renameTerritory('A' as TerritoryId, 'X');
    expect(handleShortcut(key('z', { ctrlKey: true, target: input }), s, vi.fn())).toBe(false);
    expect(handleShortcut(key('r', { target: input }), s, vi.fn())).toBe(false);
    expect(s.getState().territories[0]!.name).toBe('X');
    expect(s.getState().mode).toBe('browse');
  });

  it('"?" opens the help sheet listing the shortcuts; Escape closes it', async () => {
    const user = userEvent.setup();
    const s = makeStore();
    render(<StoreProvider store={s}><Shortcuts /></StoreProvider>);
    await user.keyboard('?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const k of ['P', 'R', 'C', 'F', 'Enter', 'Esc', 'Delete', '?']) expect(within(dialog).getByText(k, { selector: 'kbd' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('Toolbar draw modes', () => {
  it('offers Polygon, Rectangle, Circle and Freehand; Circle takes a typed radius in miles or km', async () => {
    const user = userEvent.setup();
    const s = makeStore();
    render(<StoreProvider store={s}><Toolbar /></StoreProvider>);
    for (const name of ['Polygon', 'Rectangle', 'Circle', 'Freehand']) expect(screen.getByRole('button', { name })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Circle' }));
    expect(s.getState().mode).toBe('drawing');
    expect(screen.getByRole('button', { name: 'Circle' })).toHaveAttribute('aria-pressed', 'true');
    await user.type(screen.getByRole('spinbutton', { name: 'Radius' }), '25');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Radius unit' }), 'km');
    expect(s.getState().circleRadius).toEqual({ value: 25, unit: 'km' });
    expect(screen.getByRole('status')).toHaveTextContent('Click the centre of a 25 km circle.');
    act(() => s.getState().setCircleRadius({ value: null, unit: 'mi' }));
    act(() => s.getState().setLiveRadius(16093.44));
    expect(screen.getByRole('status')).toHaveTextContent('Radius 10.0 mi (16.1 km).');
    await user.click(screen.getByRole('button', { name: 'Cancel drawing' }));
    expect(s.getState().mode).toBe('browse');
  });

  it('chooses the base-unit layer with a control named "Base units" and says what a click does', async () => {
    const user = userEvent.setup();
    const s = makeStore();
    render(<StoreProvider store={s}><Toolbar /></StoreProvider>);
    const control = screen.getByRole('combobox', { name: 'Base units' });
    expect(within(control).getAllByRole('option').map((o) => o.textContent)).toEqual(['None', 'States', 'Counties', 'Hexagons']);
    await user.selectOptions(control, 'Counties');
    expect(s.getState().baseUnitLevel).toBe('counties');
    expect(screen.getByRole('status')).toHaveTextContent('Select a territory in the table, then click units to paint them into it.');
    act(() => s.getState().selectTerritory('A' as TerritoryId));
    expect(screen.getByRole('status')).toHaveTextContent('Painting into Territory A: click a unit to add it, Alt-click to remove');
    act(() => s.getState().setPaintDelta({ units: 3, stores: 12, customers: 5, revenue: 25_000 }));
    expect(screen.getByRole('status')).toHaveTextContent('3 counties in the stroke: +12 stores, +5 customers, +$25K revenue');
    await user.click(screen.getByRole('button', { name: 'Lasso' }));
    expect(s.getState().mode).toBe('lasso');
    expect(screen.getByRole('status')).toHaveTextContent('Press and drag a loop around the units to add to Territory A');
    await user.keyboard('{Escape}');
    expect(s.getState().mode).toBe('browse');
  });
});
