import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { StoreProvider } from '../../src/ui/common/storeContext';
import ImportTerritoriesDialog from '../../src/ui/plans/ImportTerritoriesDialog';
import { territoryFileServiceFrom } from '../../src/ui/plans/territoryFileService';
import { territoryFileApi } from '../../src/workers/territoryFile.worker';
import { store } from '../fixtures/market';
import { planA, storeWithPlans, territoriesA } from './planTestKit';

const square = (x: number, y: number, size: number) => [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]];

/** Three polygons: 1 and 2 overlap, 3 is a bow-tie (crosses itself, cannot be repaired). */
const threeAreas = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { name: 'North Plains', code: 'NP' }, geometry: { type: 'Polygon', coordinates: square(-100, 40, 2) } },
    { type: 'Feature', properties: { name: 'High Desert', code: 'HD' }, geometry: { type: 'Polygon', coordinates: square(-99, 41, 2) } },
    { type: 'Feature', properties: { name: 'Bow Tie', code: 'BT' }, geometry: { type: 'Polygon', coordinates: [[[-90, 40], [-88, 42], [-88, 40], [-90, 42], [-90, 40]]] } },
  ],
});

/** A File whose arrayBuffer() works whatever jsdom's File supports. */
function fileOf(content: string | Uint8Array, name: string): File {
  const bytes: Uint8Array<ArrayBuffer> = typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content);
  const f = new File([bytes], name);
  if (typeof f.arrayBuffer !== 'function') {
    Object.defineProperty(f, 'arrayBuffer', { value: async () => bytes.slice().buffer });
  }
  return f;
}

function setup(file: File) {
  // The open plan gives way on overlaps: the dialog offers that as its default.
  const { s, port } = storeWithPlans([store('S1', -99.5, 40.5), store('S2', -98.5, 42.5)], [
    { plan: { ...planA, overlapMode: 'yield' }, territories: territoriesA, regions: [] },
  ]);
  const onClose = vi.fn();
  const service = territoryFileServiceFrom(territoryFileApi);
  render(
    <StoreProvider store={s}>
      <ImportTerritoriesDialog file={file} onClose={onClose} service={service} />
    </StoreProvider>,
  );
  return { s, port, onClose, user: userEvent.setup() };
}

const dialog = () => screen.getByRole('dialog', { name: /^Import territories from / });

describe('ImportTerritoriesDialog', () => {
  it('shows what the file holds: counts, refused outlines and why, overlaps, name field', async () => {
    setup(fileOf(threeAreas, 'plains_areas.geojson'));
    expect(dialog()).toHaveAccessibleName('Import territories from plains_areas.geojson');
    const summary = await screen.findByLabelText('What the file holds');
    expect(summary).toHaveTextContent(/^GeoJSON · 2 outlines to import · 1 refused$/);

    const refused = screen.getByRole('table', { name: 'Refused outlines' });
    const rows = within(refused).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    const cells = within(rows[0]!).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent('3');
    expect(cells[1]).toHaveTextContent('Bow Tie');
    expect(cells[2]).toHaveTextContent(/^Feature 3 \(“Bow Tie”\): .*crosses itself.*cannot be repaired without guessing/);

    const overlaps = screen.getByRole('group', { name: '1 overlap between the territories in the file' });
    expect(overlaps).toHaveTextContent(/North Plains and High Desert: [\d.,]+ km²/);
    const radios = within(overlaps).getAllByRole('radio');
    expect(radios).toHaveLength(3);
    expect(radios.map((r) => (r as HTMLInputElement).value)).toEqual(['take', 'yield', 'allow']);
    expect(within(overlaps).getByRole('radio', { name: /Later territories give way to earlier ones/ })).toBeChecked(); // the plan's mode
    expect(radios.filter((r) => (r as HTMLInputElement).checked)).toHaveLength(1);

    const field = screen.getByRole('combobox', { name: 'Name field' });
    expect(field).toHaveValue('name');
    expect(within(field).getAllByRole('option').map((o) => o.textContent)).toEqual(['name', 'code', '(feature number)']);
    expect(screen.getByLabelText('Names preview')).toHaveTextContent(/^Names: North Plains, High Desert$/);
    expect(screen.getByLabelText('Plan name')).toHaveValue('plains areas');
    expect(screen.getByRole('button', { name: 'Import 2 territories as a new plan' })).toBeEnabled();
  });

  it('the names preview follows the chosen field', async () => {
    const { user } = setup(fileOf(threeAreas, 'areas.geojson'));
    const field = await screen.findByRole('combobox', { name: 'Name field' });
    await user.selectOptions(field, 'code');
    expect(screen.getByLabelText('Names preview')).toHaveTextContent(/^Names: NP, HD$/);
    // The overlap list and the refused table use the chosen field too.
    expect(screen.getByRole('group', { name: /overlap/ })).toHaveTextContent(/NP and HD:/);
    expect(within(screen.getByRole('table', { name: 'Refused outlines' })).getAllByRole('cell')[1]).toHaveTextContent('BT');
    await user.selectOptions(field, '(feature number)');
    expect(screen.getByLabelText('Names preview')).toHaveTextContent(/^Names: Territory 1, Territory 2$/);
  });

  it('Import creates and opens a new plan named by the chosen field, then closes', async () => {
    const { s, port, onClose, user } = setup(fileOf(threeAreas, 'areas.geojson'));
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Name field' }), 'code');
    const planName = screen.getByLabelText('Plan name');
    await user.clear(planName);
    await user.type(planName, 'Imported areas');
    await user.click(within(screen.getByRole('group', { name: /overlap/ })).getByRole('radio', { name: /Keep the overlaps/ }));
    await user.click(screen.getByRole('button', { name: 'Import 2 territories as a new plan' }));

    await waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    const st = s.getState();
    expect(st.plans.map((p) => p.name)).toEqual(['Test plan', 'Imported areas']);
    expect(st.plan!.name).toBe('Imported areas');
    expect(st.plan!.id).not.toBe(planA.id);
    expect(st.plan!.overlapMode).toBe('allow');
    expect(st.territories.map((t) => t.name)).toEqual(['NP', 'HD']);
    expect(st.territories.every((t) => t.planId === st.plan!.id)).toBe(true);
    expect(port.createPlan).toHaveBeenCalledTimes(1);
    // 'allow' keeps both outlines whole: S1 lies in NP only, S2 in HD only.
    expect(st.stats!.rows.map((r) => r.stores)).toEqual([1, 1]);
    // The plan that was open is untouched.
    expect(port.saved.get(planA.id)!.bundle.territories.map((t) => t.name)).toEqual(['West', 'East']);
    expect(st.notices.at(-1)!.text).toMatch(/^Imported 2 territories from areas\.geojson as the plan Imported areas\..*1 outline was refused/);
  });

  it('a file that cannot be read says so, names it, and creates no plan', async () => {
    const { s, port, onClose, user } = setup(fileOf('{"type": "FeatureCollection", "features": [', 'broken.geojson'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('broken.geojson');
    expect(alert).toHaveTextContent(/Nothing was changed\.$/);
    expect(screen.queryByRole('button', { name: /^Import / })).toBeNull();
    expect(s.getState().plans).toHaveLength(1);
    expect(s.getState().plan!.id).toBe(planA.id);
    expect(port.createPlan).not.toHaveBeenCalled();
    await user.click(within(dialog()).getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('reads a Google My Maps KML with folders (3 polygons, features 1 and 5 overlap)', async () => {
    const kml = new Uint8Array(readFileSync(join(__dirname, '../fixtures/territoryFiles/myMapsFolders.kml')));
    setup(fileOf(kml, 'myMapsFolders.kml'));
    const summary = await screen.findByLabelText('What the file holds');
    expect(summary).toHaveTextContent(/^KML · 3 outlines to import/);
    expect(summary).toHaveTextContent('2 not polygons, skipped (1 points, 1 lines, 0 empty)'); // the office point and Route 66
    const overlaps = screen.getByRole('group', { name: '1 overlap between the territories in the file' });
    expect(overlaps).toHaveTextContent(/O'Hare & Rosemont and Lake shore \(drawn over North\):/);
    expect(within(overlaps).getAllByRole('radio')).toHaveLength(3);
    expect(screen.getByRole('button', { name: 'Import 3 territories as a new plan' })).toBeEnabled();
  });
});
