import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { writeBackup, type BackupContent } from '../../src/domain/backup';
import { Notices } from '../../src/ui/common/Notices';
import { StoreProvider } from '../../src/ui/common/storeContext';
import { StoragePanel } from '../../src/ui/storage/StoragePanel';
import { storesOf, manager, store, workspace } from '../fixtures/market';
import { planA, planB, storeWithPlans, territoriesA, territoriesB } from './planTestKit';

const here = [store('S1', 5, 5), store('S2', 15, 5)];

/** A backup of another market: 3 stores, 1 person, the two test plans. */
const backupContent: BackupContent = {
  workspace: { ...workspace, name: 'Prairie Pet Supply' },
  stores: [store('B1', 1, 1), store('B2', 12, 2), store('B3', 3, 3)],
  people: [manager],
  plans: [
    { bundle: { plan: planA, territories: territoriesA, regions: [] }, history: { undo: [], redo: [] } },
    { bundle: { plan: planB, territories: territoriesB, regions: [] } },
  ],
  settings: {},
  createdAt: Date.UTC(2026, 10, 20, 9, 30),
};

function setup() {
  const { s, port } = storeWithPlans(here, [{ plan: planA, territories: territoriesA, regions: [] }]);
  const replaceEverything = vi.fn(async (content: BackupContent) => {
    port.saved.clear();
    for (const p of content.plans) port.saved.set(p.bundle.plan.id, { bundle: p.bundle, history: { undo: [], redo: [] } });
  });
  port.replaceEverything = replaceEverything;
  render(
    <StoreProvider store={s}>
      <StoragePanel />
      <Notices />
    </StoreProvider>,
  );
  return { s, port, replaceEverything, user: userEvent.setup() };
}

const panel = () => screen.getByRole('region', { name: 'Storage and backups' });
const fact = (term: string) => within(panel()).getByText(term, { selector: 'dt' }).nextElementSibling!;

describe('StoragePanel', () => {
  it('says there is no backup yet and nudges; the nudge goes once there is one', () => {
    const { s } = setup();
    expect(fact('Last backup')).toHaveTextContent(/^never$/);
    expect(panel()).toHaveTextContent('No backup yet. Clearing the browser’s site data deletes every plan');
    act(() => s.getState().setStorage({ lastBackupAt: Date.UTC(2026, 10, 27, 15, 0), usage: 3 * 1024 * 1024, quota: 2 * 1024 ** 3, persisted: true }));
    expect(fact('Last backup')).not.toHaveTextContent('never');
    expect(fact('Last backup')).toHaveTextContent('2026');
    expect(panel()).not.toHaveTextContent('No backup yet');
    expect(fact('Used')).toHaveTextContent('3.0 MB of 2.0 GB');
    expect(fact('Persistent')).toHaveTextContent('yes');
  });

  it('"Restore backup" shows what the backup holds and changes nothing before the confirmation; Cancel keeps everything', async () => {
    const { s, replaceEverything, user } = setup();
    const file = new File([writeBackup(backupContent)], 'prairie.backup.json', { type: 'application/json' });
    await user.upload(within(panel()).getByLabelText('Restore backup'), file);

    const dialog = await screen.findByRole('dialog', { name: 'Restore backup' });
    expect(dialog).toHaveTextContent('This backup of Prairie Pet Supply was made');
    const contents = within(dialog).getByRole('list', { name: 'Backup contents' });
    expect(within(contents).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '3 stores and 1 person',
      'Plan “Test plan”: 2 territories',
      'Plan “Option B”: 1 territory',
    ]);
    expect(within(dialog).getByRole('button', { name: 'Replace everything with this backup' })).toBeInTheDocument();
    // Nothing changed yet.
    expect(replaceEverything).not.toHaveBeenCalled();
    expect(storesOf(s.getState()).map((x) => x.id)).toEqual(['S1', 'S2']);

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(replaceEverything).not.toHaveBeenCalled();
    expect(storesOf(s.getState()).map((x) => x.id)).toEqual(['S1', 'S2']);
    expect(s.getState().plans.map((p) => p.name)).toEqual(['Test plan']);
  });

  it('confirming the restore replaces everything with the backup', async () => {
    const { s, replaceEverything, user } = setup();
    const file = new File([writeBackup(backupContent)], 'prairie.backup.json', { type: 'application/json' });
    await user.upload(within(panel()).getByLabelText('Restore backup'), file);
    const dialog = await screen.findByRole('dialog', { name: 'Restore backup' });
    await user.click(within(dialog).getByRole('button', { name: 'Replace everything with this backup' }));
    await waitFor(() => expect(storesOf(s.getState()).map((x) => x.id)).toEqual(['B1', 'B2', 'B3']));
    expect(replaceEverything).toHaveBeenCalledTimes(1);
    expect(replaceEverything.mock.calls[0]![0].workspace.name).toBe('Prairie Pet Supply');
    expect(s.getState().plans.map((p) => p.name)).toEqual(['Test plan', 'Option B']);
    expect(s.getState().plan!.id).toBe(planA.id);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('Restored the backup: 3 stores, 2 plans.');
  });

  it('a file that is not a backup gives an error notice and no dialog', async () => {
    const { s, replaceEverything, user } = setup();
    const file = new File([JSON.stringify({ type: 'FeatureCollection', features: [] })], 'territories.json', { type: 'application/json' });
    await user.upload(within(panel()).getByLabelText('Restore backup'), file);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/^territories\.json is not a backup this app can restore: .* Nothing was changed\./);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(replaceEverything).not.toHaveBeenCalled();
    expect(storesOf(s.getState()).map((x) => x.id)).toEqual(['S1', 'S2']);
  });

  it('"Restore backup" is disabled in a read-only tab', () => {
    const { s } = setup();
    expect(within(panel()).getByLabelText('Restore backup')).toBeEnabled();
    act(() => s.getState().setAccess({ kind: 'read-only', reason: 'another tab is editing' }));
    expect(within(panel()).getByLabelText('Restore backup')).toBeDisabled();
    expect(within(panel()).getByRole('button', { name: 'Back up everything' })).toBeEnabled();
  });
});
