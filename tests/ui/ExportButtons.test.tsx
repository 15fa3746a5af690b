import { booleanPointInPolygon } from '@turf/turf';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import zipTable from '../../data/zip-centroids.json';
import type { RegionId, Territory } from '../../src/domain/types';
import { downloadText } from '../../src/ui/common/download';
import { Notices } from '../../src/ui/common/Notices';
import { StoreProvider } from '../../src/ui/common/storeContext';
import { ExportButtons } from '../../src/ui/plans/ExportButtons';
import { fetchZipTable } from '../../src/workers/zipTable';
import { manager, squareTerritory, store } from '../fixtures/market';
import { planA, storeWithPlans } from './planTestKit';

vi.mock('../../src/ui/common/download', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/ui/common/download')>()),
  downloadText: vi.fn(),
}));
// The page fetches the bundled table; here it is read from the repo (jsdom has no server).
vi.mock('../../src/workers/zipTable', () => ({ fetchZipTable: vi.fn() }));

/** Boston (02108 and its neighbours) and a piece of Vermont, in real coordinates. */
const territories: Territory[] = [
  squareTerritory('BOS', -71.1, 42.33, 0.06, 0, { name: '=Boston', managerId: manager.id, regionId: 'R-NE' as RegionId }),
  squareTerritory('VT', -73.3, 44.3, 0.5, 1, { name: 'Vermont North' }),
];

function setup() {
  const { s } = storeWithPlans([store('S1', -71.06, 42.36)], [
    { plan: planA, territories, regions: [{ id: 'R-NE' as RegionId, planId: planA.id, name: 'New England', color: '#123456', managerId: null }] },
  ]);
  render(
    <StoreProvider store={s}>
      <ExportButtons />
      <Notices />
    </StoreProvider>,
  );
  return { s, user: userEvent.setup() };
}

/** The ZIPs of the table whose centre lies in the territory, by turf (not the app's assignment). */
function zipsIn(t: Territory): string[] {
  return zipTable.zip
    .filter((_, i) => booleanPointInPolygon([zipTable.lng[i]! / zipTable.scale, zipTable.lat[i]! / zipTable.scale], t.geometry))
    .map((z) => String(z).padStart(5, '0'));
}

describe('ExportButtons', () => {
  beforeEach(() => {
    vi.mocked(downloadText).mockClear();
    vi.mocked(fetchZipTable).mockReset();
  });

  // The page keeps the table once loaded, for the module's life: this test comes first, to see the first load.
  it('loads the ZIP table only when asked; says so when it cannot, downloads nothing, and tries again on the next click', async () => {
    vi.mocked(fetchZipTable).mockRejectedValueOnce(new Error('HTTP 404')).mockResolvedValue(zipTable);
    const { user } = setup();
    expect(fetchZipTable).not.toHaveBeenCalled(); // nothing loaded before it is asked for
    await user.click(screen.getByRole('button', { name: /Export ZIP list/ }));
    expect(await screen.findByText(/The ZIP list was not exported: the offline ZIP table could not be loaded \(HTTP 404\)/)).toBeInTheDocument();
    expect(downloadText).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: /Export ZIP list/ }));
    await waitFor(() => expect(downloadText).toHaveBeenCalledTimes(1));
    expect(fetchZipTable).toHaveBeenCalledTimes(2);
  });

  it('"Export ZIP list" downloads the plan’s ZIP list as CSV', async () => {
    vi.mocked(fetchZipTable).mockResolvedValue(zipTable);
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: /Export ZIP list/ }));
    await waitFor(() => expect(downloadText).toHaveBeenCalledTimes(1));
    const [fileName, csv, mime] = vi.mocked(downloadText).mock.calls[0]!;
    expect(fileName).toMatch(/^zip-list-test-plan-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(mime).toMatch(/^text\/csv/);
    const lines = csv.split('\n');
    expect(lines[0]).toBe('zip,territory_id,territory,territory_manager,region');
    expect(lines.at(-1)).toBe('');
    expect(lines).toContain(`02108,BOS,'=Boston,${manager.name},New England`);
    const bos = zipsIn(territories[0]!);
    const vt = zipsIn(territories[1]!);
    expect(bos.length).toBeGreaterThan(5);
    expect(vt.length).toBeGreaterThan(5);
    const listed = lines.slice(1, -1).map((l) => `${l.split(',')[0]} ${l.split(',')[1]}`);
    expect(listed).toEqual([...bos.map((z) => `${z} BOS`), ...vt.map((z) => `${z} VT`)].sort());
    expect(screen.getByRole('button', { name: /Export ZIP list/ })).toBeEnabled();
  });
});
