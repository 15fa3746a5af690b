import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { TerritoryId } from '../../src/domain/types';
import { createAppStore } from '../../src/store/appStore';
import { App } from '../../src/ui/App';
import { StoreProvider } from '../../src/ui/common/storeContext';
import type { ImportService } from '../../src/ui/import/ImportWizard';
import { manager, plan, squareTerritory, store, workspace } from '../fixtures/market';

// jsdom has no WebGL: the map view is a browser-test concern.
vi.mock('../../src/ui/map/MapView', () => ({ default: () => <div role="region" aria-label="Territory map" /> }));

function setup(importService?: () => ImportService) {
  const s = createAppStore({ markDirty: vi.fn() });
  s.getState().setMarket([store('S1', 5, 5), store('S2', 15, 5, { status: 'prospect', revenue: 0 }), store('S3', 50, 50)], [manager]);
  s.getState().loadPlan(workspace, { plan, territories: [squareTerritory('A', 0, 0, 10, 0, { name: 'West', managerId: manager.id }), squareTerritory('B', 10, 0, 10, 1, { name: 'East' })], regions: [] });
  s.getState().setMode('browse');
  s.getState().setSaveState({ kind: 'saved', savedAt: Date.UTC(2026, 10, 27, 15, 4, 5) });
  render(
    <StoreProvider store={s}>
      <App {...(importService ? { importService } : {})} />
    </StoreProvider>,
  );
  return s;
}

describe('App', () => {
  it('gets an import worker ready as soon as the file picker is opened, and reads the chosen file with it', async () => {
    const made: ImportService[] = [];
    const service = (): ImportService => {
      const x: ImportService = {
        open: vi.fn(() => new Promise<never>(() => undefined)),
        preview: vi.fn(),
        validate: vi.fn(),
        cancel: vi.fn(),
        rejectedCsv: vi.fn(),
        warmUp: vi.fn(),
      };
      made.push(x);
      return x;
    };
    setup(service);
    const input = screen.getByLabelText('Import stores');
    const user = userEvent.setup();
    await user.click(input);
    expect(made).toHaveLength(1);
    expect(made[0]!.warmUp).toHaveBeenCalledTimes(1);
    // the picker opened again before a file was chosen: still the one warm worker
    await user.click(input);
    expect(made).toHaveLength(1);
    fireEvent.change(input, { target: { files: [new File(['a,b\n1,2'], 'crm.csv', { type: 'text/csv' })] } });
    expect(made).toHaveLength(1);
    expect(made[0]!.open).toHaveBeenCalledTimes(1);
    // the next time the picker opens, a fresh worker gets ready for the next file
    await user.click(input);
    expect(made).toHaveLength(2);
    expect(made[1]!.warmUp).toHaveBeenCalledTimes(1);
  });

  it('exposes the accessibility contract: draw, export, table, map label', async () => {
    setup();
    expect(screen.getByRole('button', { name: /Draw territory/ })).toBeEnabled();
    expect(screen.getByRole('button', { name: /Export territories/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Export assignments/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Export ZIP list/ })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Territory statistics' })).toBeInTheDocument();
    const importControl = screen.getByLabelText('Import stores');
    expect(importControl).toHaveAttribute('type', 'file');
    expect(screen.getByRole('region', { name: 'People' })).toBeInTheDocument();
    for (const name of ['Territory statistics', 'Stores', 'Account portfolio']) expect(screen.getByRole('tab', { name })).toBeInTheDocument();
    expect(await screen.findByRole('region', { name: 'Territory map' })).toBeInTheDocument();
    expect(screen.getByTestId('save-status')).toHaveTextContent(/^Saved /);
  });

  it('selecting a row opens the territory panel; renaming there updates the table', async () => {
    const user = userEvent.setup();
    const s = setup();
    const table = screen.getByRole('table', { name: 'Territory statistics' });
    await user.click(within(table).getByRole('rowheader', { name: 'West' }));
    expect(s.getState().selectedTerritoryId).toBe('A');
    expect(s.getState().zoomRequest?.id).toBe('A');
    const panel = screen.getByRole('region', { name: 'Selected territory' });
    expect(within(panel).getByLabelText('Territory manager')).toHaveValue(manager.id);
    const name = within(panel).getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Pacific{Enter}');
    expect(within(table).getByRole('rowheader', { name: 'Pacific' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Undo' })).toBeEnabled();
  });

  it('deleting asks first, then moves the stores to Unassigned; undo brings it back', async () => {
    const user = userEvent.setup();
    const s = setup();
    act(() => s.getState().selectTerritory('B' as TerritoryId));
    const panel = await screen.findByRole('region', { name: 'Selected territory' });
    await user.click(within(panel).getByRole('button', { name: 'Delete territory' }));
    expect(s.getState().territories).toHaveLength(2);
    await user.click(within(panel).getByRole('button', { name: 'Yes, delete' }));
    expect(s.getState().territories.map((t) => t.id)).toEqual(['A']);
    expect(s.getState().stats!.unassigned.stores).toBe(2);
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(s.getState().territories.map((t) => t.id)).toEqual(['A', 'B']);
  });

  it('shows a drawn outline’s name dialog and creates the territory on submit', async () => {
    const user = userEvent.setup();
    const s = setup();
    act(() => {
      s.getState().setDraftGeometry({ type: 'Polygon', coordinates: [[[40, 40], [60, 40], [60, 60], [40, 60], [40, 40]]] });
      s.getState().setMode('naming');
    });
    const dialog = await screen.findByRole('dialog', { name: 'Name the new territory' });
    const input = within(dialog).getByLabelText('Territory name');
    await user.clear(input);
    await user.type(input, 'Far North');
    await user.click(within(dialog).getByRole('button', { name: 'Create territory' }));
    const table = screen.getByRole('table', { name: 'Territory statistics' });
    const row = within(table).getByRole('rowheader', { name: 'Far North' }).closest('tr')!;
    expect(within(row).getAllByRole('cell')[1]).toHaveTextContent('1'); // S3 at (50,50)
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says plainly when nothing is being saved', () => {
    const s = setup();
    act(() => s.getState().setSaveState({ kind: 'memory-only', message: 'browser storage is unavailable' }));
    expect(screen.getByTestId('save-status')).toHaveTextContent('Not saved: browser storage is unavailable');
  });
});
