import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { PersonId } from '../../src/domain/types';
import { createAppStore } from '../../src/store/appStore';
import { PeoplePanel } from '../../src/ui/people/PeoplePanel';
import { StoreProvider } from '../../src/ui/common/storeContext';
import { storesOf, manager, plan, squareTerritory, store, workspace, WS } from '../fixtures/market';

const am = { id: 'P-AM-01' as PersonId, workspaceId: WS, name: 'Avery Stone', role: 'account-manager' as const, email: null };
const tm2 = { ...manager, id: 'P-TM-02' as PersonId, name: 'Sam Ortiz' };

function setup() {
  const port = { markDirty: vi.fn(), savePerson: vi.fn(async () => {}), savePeopleChange: vi.fn(async () => {}) };
  const s = createAppStore(port);
  s.getState().setMarket([store('S1', 5, 5, { accountManagerId: am.id }), store('S2', 15, 5)], [manager, tm2, am]);
  s.getState().loadPlan(workspace, { plan, territories: [squareTerritory('A', 0, 0, 10, 0, { managerId: manager.id }), squareTerritory('B', 10, 0, 10, 1, { managerId: manager.id })], regions: [] });
  render(<StoreProvider store={s}><PeoplePanel /></StoreProvider>);
  return { s, port };
}

describe('PeoplePanel', () => {
  it('lists both roles with what each person manages', () => {
    setup();
    const panel = screen.getByRole('region', { name: 'People' });
    const tms = within(panel).getByRole('list', { name: 'Territory managers' });
    expect(within(tms).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringContaining('Dana Whitfield2 territories'),
      expect.stringContaining('Sam Ortiz0 territories'),
    ]);
    expect(within(panel).getByRole('list', { name: 'Account managers' })).toHaveTextContent('Avery Stone1 account');
  });

  it('adds and renames a person and saves each change', async () => {
    const user = userEvent.setup();
    const { s, port } = setup();
    const form = screen.getByRole('form', { name: 'Add a person' });
    await user.type(within(form).getByLabelText('Name'), 'Jordan Lee');
    await user.selectOptions(within(form).getByLabelText('Role'), 'account-manager');
    await user.type(within(form).getByLabelText('Email (optional)'), 'jordan@example.com');
    await user.click(within(form).getByRole('button', { name: 'Add person' }));
    const added = s.getState().people.find((p) => p.name === 'Jordan Lee')!;
    expect(added).toMatchObject({ role: 'account-manager', email: 'jordan@example.com' });
    expect(port.savePerson).toHaveBeenCalledWith(added);
    await user.click(screen.getByRole('button', { name: 'Rename Jordan Lee' }));
    const input = screen.getByRole('textbox', { name: 'New name for Jordan Lee' });
    await user.clear(input);
    await user.type(input, 'Jordan Lee-Park{Enter}');
    expect(s.getState().people.find((p) => p.id === added.id)!.name).toBe('Jordan Lee-Park');
  });

  it('deleting someone who owns territories asks who takes them over', async () => {
    const user = userEvent.setup();
    const { s, port } = setup();
    await user.click(screen.getByRole('button', { name: 'Delete Dana Whitfield' }));
    const box = screen.getByRole('group', { name: 'Delete Dana Whitfield' });
    expect(box).toHaveTextContent('Dana Whitfield manages 2 territories and 0 accounts');
    await user.selectOptions(within(box).getByLabelText('Reassign to'), tm2.id);
    await user.click(within(box).getByRole('button', { name: 'Delete Dana Whitfield' }));
    expect(s.getState().people.map((p) => p.id)).not.toContain(manager.id);
    expect(s.getState().territories.map((t) => t.managerId)).toEqual([tm2.id, tm2.id]);
    expect(port.savePeopleChange).toHaveBeenCalledWith(expect.objectContaining({ before: [manager], after: [], reassignTo: tm2.id }));
    expect(port.markDirty).toHaveBeenLastCalledWith({ territories: ['A', 'B'], regions: [], plan: false });
    // One undo brings the person back with their territories.
    s.getState().undo();
    expect(s.getState().people.map((p) => p.id)).toContain(manager.id);
    expect(s.getState().territories.map((t) => t.managerId)).toEqual([manager.id, manager.id]);
    expect(port.savePeopleChange).toHaveBeenLastCalledWith(expect.objectContaining({ before: [], after: [manager] }));
  });

  it('deleting an account manager can leave their accounts unassigned', async () => {
    const user = userEvent.setup();
    const { s, port } = setup();
    await user.click(screen.getByRole('button', { name: 'Delete Avery Stone' }));
    const box = screen.getByRole('group', { name: 'Delete Avery Stone' });
    await user.click(within(box).getByRole('button', { name: 'Delete Avery Stone' }));
    expect(storesOf(s.getState())[0]!.accountManagerId).toBeNull();
    expect(port.savePeopleChange).toHaveBeenCalledWith({
      before: [am],
      after: [],
      reassignTo: null,
      accounts: [{ storeId: storesOf(s.getState())[0]!.id, before: am.id, after: null }],
    });
    s.getState().undo();
    expect(storesOf(s.getState())[0]!.accountManagerId).toBe(am.id);
  });
});
