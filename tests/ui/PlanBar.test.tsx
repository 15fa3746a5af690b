import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { AppStore } from '../../src/store/appStore';
import { Notices } from '../../src/ui/common/Notices';
import { StoreProvider } from '../../src/ui/common/storeContext';
import { PlanBar } from '../../src/ui/plans/PlanBar';
import { store } from '../fixtures/market';
import { planA, planB, storeWithPlans, territoriesA, territoriesB } from './planTestKit';

const market = [store('S1', 5, 5), store('S2', 15, 5), store('S3', 50, 50)];

function setup(opts: { onlyOne?: boolean } = {}) {
  const bundles = [{ plan: planA, territories: territoriesA, regions: [] }];
  if (!opts.onlyOne) bundles.push({ plan: planB, territories: territoriesB, regions: [] });
  const { s, port } = storeWithPlans(market, bundles);
  const onImportTerritories = vi.fn();
  render(
    <StoreProvider store={s}>
      <PlanBar onImportTerritories={onImportTerritories} />
      <Notices />
    </StoreProvider>,
  );
  return { s, port, onImportTerritories, user: userEvent.setup() };
}

const planSelect = () => screen.getByRole('combobox', { name: 'Plan' });
const optionNames = () => within(planSelect()).getAllByRole('option').map((o) => o.textContent);
const territoryNames = (s: AppStore) => s.getState().territories.map((t) => t.name);

describe('PlanBar', () => {
  it('lists the plans and switches to the chosen one after saving the open one', async () => {
    const { s, port, user } = setup();
    expect(optionNames()).toEqual(['Test plan', 'Option B']);
    expect(planSelect()).toHaveValue(planA.id);
    await user.selectOptions(planSelect(), planB.id);
    await waitFor(() => expect(s.getState().plan!.id).toBe(planB.id));
    expect(territoryNames(s)).toEqual(['Everything']);
    expect(planSelect()).toHaveValue(planB.id);
    // The open plan was flushed before the other one was opened.
    expect(vi.mocked(port.flush).mock.invocationCallOrder[0]!).toBeLessThan(vi.mocked(port.openPlan).mock.invocationCallOrder[0]!);
    expect(port.openPlan).toHaveBeenCalledWith(planB.id);
    // Stats follow the opened plan: S1 and S2 lie in "Everything", S3 does not.
    expect(s.getState().stats!.rows.map((r) => r.stores)).toEqual([2]);
  });

  it('"New plan" asks for a name and opens an empty plan over the same stores', async () => {
    const { s, port, user } = setup();
    await user.click(screen.getByRole('button', { name: 'New plan' }));
    const dialog = screen.getByRole('dialog', { name: 'New plan' });
    const input = within(dialog).getByLabelText('Plan name');
    expect(input).toHaveValue('New plan');
    await user.clear(input);
    await user.type(input, 'Blank slate');
    await user.click(within(dialog).getByRole('button', { name: 'Create plan' }));
    await waitFor(() => expect(s.getState().plan!.name).toBe('Blank slate'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(s.getState().plans.map((p) => p.name)).toEqual(['Test plan', 'Option B', 'Blank slate']);
    expect(s.getState().territories).toEqual([]);
    expect(s.getState().stats!.unassigned.stores).toBe(market.length);
    expect(port.createPlan).toHaveBeenCalledWith(expect.objectContaining({ territories: [], regions: [] }));
    expect(optionNames()).toEqual(['Test plan', 'Option B', 'Blank slate']);
    expect(planSelect()).toHaveValue(s.getState().plan!.id);
    // The plan that was open is unchanged in storage.
    expect(port.saved.get(planA.id)!.bundle.territories.map((t) => t.name)).toEqual(['West', 'East']);
  });

  it('cancelling "New plan" creates nothing', async () => {
    const { s, port, user } = setup();
    await user.click(screen.getByRole('button', { name: 'New plan' }));
    await user.click(within(screen.getByRole('dialog', { name: 'New plan' })).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(s.getState().plans).toHaveLength(2);
    expect(port.createPlan).not.toHaveBeenCalled();
  });

  it('"Duplicate plan" opens a copy with the same territories; the original stays', async () => {
    const { s, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Duplicate plan' }));
    const dialog = screen.getByRole('dialog', { name: 'Duplicate plan' });
    expect(within(dialog).getByLabelText('Name of the copy')).toHaveValue('Test plan (copy)');
    await user.click(within(dialog).getByRole('button', { name: 'Duplicate plan' }));
    await waitFor(() => expect(s.getState().plan!.name).toBe('Test plan (copy)'));
    const copyPlan = s.getState().plan!;
    expect(copyPlan.id).not.toBe(planA.id);
    expect(s.getState().plans.map((p) => p.name)).toEqual(['Test plan', 'Option B', 'Test plan (copy)']);
    expect(s.getState().territories.map((t) => [t.id, t.name, t.geometry, t.managerId])).toEqual(
      territoriesA.map((t) => [t.id, t.name, t.geometry, t.managerId]),
    );
    expect(s.getState().territories.every((t) => t.planId === copyPlan.id)).toBe(true);
    expect(s.getState().undoStack).toEqual([]);
    expect(planSelect()).toHaveValue(copyPlan.id);
    // Editing the copy leaves the original as it was.
    act(() => s.getState().renameTerritory(territoriesA[0]!.id, 'Copy west'));
    await user.selectOptions(planSelect(), planA.id);
    await waitFor(() => expect(s.getState().plan!.id).toBe(planA.id));
    expect(territoryNames(s)).toEqual(['West', 'East']);
  });

  it('"Rename plan" renames the open plan in the list; undo restores the name', async () => {
    const { s, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Rename plan' }));
    const dialog = screen.getByRole('dialog', { name: 'Rename plan' });
    const input = within(dialog).getByLabelText('Plan name');
    expect(input).toHaveValue('Test plan');
    await user.clear(input);
    await user.type(input, 'FY27 alignment{Enter}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(s.getState().plan!.name).toBe('FY27 alignment');
    expect(optionNames()).toEqual(['FY27 alignment', 'Option B']);
    expect(s.getState().undoStack.at(-1)!.label).toBe('Renamed the plan Test plan to FY27 alignment');
    act(() => s.getState().undo());
    expect(s.getState().plan!.name).toBe('Test plan');
    expect(optionNames()).toEqual(['Test plan', 'Option B']);
  });

  it('"Delete plan" asks first, deletes, and the notice’s Restore brings the plan back', async () => {
    const { s, port, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Delete plan' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete plan' });
    expect(dialog).toHaveTextContent('Delete the plan Test plan with its 2 territories?');
    // Nothing happens before the confirmation.
    expect(s.getState().plans).toHaveLength(2);
    expect(port.deletePlan).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Delete Test plan' }));
    await waitFor(() => expect(s.getState().plan!.id).toBe(planB.id));
    expect(port.deletePlan).toHaveBeenCalledWith(planA.id);
    expect(s.getState().plans.map((p) => p.name)).toEqual(['Option B']);
    expect(optionNames()).toEqual(['Option B']);
    expect(screen.getByRole('combobox', { name: 'Restore a deleted plan' })).toBeInTheDocument();

    const notice = screen.getAllByRole('status').find((n) => n.textContent?.includes('Deleted the plan Test plan.'))!;
    expect(notice).toBeDefined();
    await user.click(within(notice).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(s.getState().plan!.id).toBe(planA.id));
    expect(territoryNames(s)).toEqual(['West', 'East']);
    expect(s.getState().plans.map((p) => p.name)).toEqual(['Option B', 'Test plan']);
    expect(s.getState().deletedPlans).toEqual([]);
    expect(port.saved.has(planA.id)).toBe(true);
    expect(screen.queryByRole('combobox', { name: 'Restore a deleted plan' })).toBeNull();
  });

  it('cancelling the delete confirmation keeps the plan', async () => {
    const { s, port, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Delete plan' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Delete plan' })).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(s.getState().plans).toHaveLength(2);
    expect(port.deletePlan).not.toHaveBeenCalled();
  });

  it('"Delete plan" is disabled when the workspace has only one plan', () => {
    setup({ onlyOne: true });
    const del = screen.getByRole('button', { name: 'Delete plan' });
    expect(del).toBeDisabled();
    expect(del).toHaveAttribute('title', 'A workspace keeps at least one plan');
    expect(screen.getByRole('button', { name: 'New plan' })).toBeEnabled();
  });

  it('a read-only tab cannot edit plans but can still switch, compare and export', () => {
    const { s } = setup();
    for (const name of ['New plan', 'Duplicate plan', 'Rename plan', 'Delete plan']) expect(screen.getByRole('button', { name })).toBeEnabled();
    act(() => s.getState().setAccess({ kind: 'read-only', reason: 'another tab is editing' }));
    for (const name of ['New plan', 'Duplicate plan', 'Rename plan', 'Delete plan']) expect(screen.getByRole('button', { name })).toBeDisabled();
    expect(screen.getByLabelText('Open plan file')).toBeDisabled();
    expect(screen.getByLabelText('Import territories')).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Compare' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Export plan file' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Export KML' })).toBeEnabled();
    expect(planSelect()).toBeEnabled();
  });

  it('"Import territories" hands the chosen file to the caller', async () => {
    const { onImportTerritories, user } = setup();
    const file = new File(['{}'], 'areas.geojson', { type: 'application/geo+json' });
    await user.upload(screen.getByLabelText('Import territories'), file);
    expect(onImportTerritories).toHaveBeenCalledTimes(1);
    expect(onImportTerritories).toHaveBeenCalledWith(file);
  });
});
