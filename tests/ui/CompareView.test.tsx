import { booleanPointInPolygon } from '@turf/turf';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlanId, Store, Territory } from '../../src/domain/types';
import { downloadText } from '../../src/ui/common/download';
import { StoreProvider } from '../../src/ui/common/storeContext';
import { CompareView } from '../../src/ui/plans/CompareView';
import { squareTerritory, store, WS } from '../fixtures/market';
import { planA, storeWithPlans, territoriesA } from './planTestKit';

vi.mock('../../src/ui/common/download', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/ui/common/download')>()),
  downloadText: vi.fn(),
}));

/** Plan B moves the West/East border from x=10 to x=14, renames East and adds North. */
const planB = { id: 'plan-b' as PlanId, workspaceId: WS, name: 'Option B', createdAt: 2, updatedAt: 2, overlapMode: 'take' as const };
const onB = { planId: planB.id };
const territoriesB: Territory[] = [
  { ...squareTerritory('A', 0, 0, 10, 0, { ...onB, name: 'West' }), geometry: { type: 'Polygon', coordinates: [[[0, 0], [14, 0], [14, 10], [0, 10], [0, 0]]] } },
  { ...squareTerritory('B', 14, 0, 6, 1, { ...onB, name: 'East side' }), geometry: { type: 'Polygon', coordinates: [[[14, 0], [20, 0], [20, 10], [14, 10], [14, 0]]] } },
  { ...squareTerritory('N', 0, 10, 20, 2, { ...onB, name: 'North' }), geometry: { type: 'Polygon', coordinates: [[[0, 10], [20, 10], [20, 20], [0, 20], [0, 10]]] } },
];

const market: Store[] = [
  store('S1', 5, 5, { revenue: 1000 }),
  store('S2', 12, 5, { revenue: 2500, name: 'Paws, Inc' }),
  store('S3', 13, 3, { revenue: 0, status: 'prospect' }),
  store('S4', 17, 5, { revenue: 900 }),
  store('S5', 5, 15, { revenue: 400, status: 'lost' }),
  store('S6', 50, 50, { revenue: 300 }),
];

/** The territory of a store by location: the first (by rank) whose outline contains it. */
function territoryAt(s: Store, territories: readonly Territory[]): Territory | null {
  const byRank = [...territories].sort((a, b) => a.rank - b.rank);
  return byRank.find((t) => booleanPointInPolygon([s.lng, s.lat], t.geometry)) ?? null;
}

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function setup() {
  const { s, port } = storeWithPlans(market, [
    { plan: planA, territories: territoriesA, regions: [] },
    { plan: planB, territories: territoriesB, regions: [] },
  ]);
  render(
    <StoreProvider store={s}>
      <CompareView />
    </StoreProvider>,
  );
  return { s, port, user: userEvent.setup() };
}

async function compareAB(s: ReturnType<typeof setup>['s']) {
  await act(() => s.getState().setComparePlans(planA.id, planB.id));
  await screen.findByRole('table', { name: 'Territory comparison' });
}

/** Row of a table by its row header's text. */
function rowOf(table: HTMLElement, name: string): string[] {
  const header = within(table).getByRole('rowheader', { name: new RegExp(`^${name}`) });
  return within(header.closest('tr')!).getAllByRole('cell').map((c) => c.textContent ?? '');
}

describe('CompareView', () => {
  beforeEach(() => vi.mocked(downloadText).mockClear());

  it('says how to start when nothing is being compared', () => {
    setup();
    expect(screen.getByText('Choose “Compare” in the plan bar to compare two plans.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Plan A' })).toBeNull();
  });

  it('shows the territory comparison, the moves and the summary of two plans', async () => {
    const { s } = setup();
    await compareAB(s);
    expect(screen.getByRole('combobox', { name: 'Plan A' })).toHaveValue(planA.id);
    expect(screen.getByRole('combobox', { name: 'Plan B' })).toHaveValue(planB.id);

    // S2, S3 go East → West; S5 goes from nobody to North.
    const summary = screen.getByRole('status', { name: 'Compare summary' });
    expect(summary).toHaveTextContent('3 stores change territory: 1 customer, $2,900 revenue, $15,000 potential.'); // 2,500 + 0 + 400; 3 × 5,000

    const table = screen.getByRole('table', { name: 'Territory comparison' });
    // Stores A, B, Δ come first in each row.
    expect(rowOf(table, 'West').slice(0, 3)).toEqual(['1', '3', '+2']);
    expect(within(table).getByRole('rowheader', { name: /^East → East side/ })).toBeInTheDocument();
    expect(rowOf(table, 'East → East side').slice(0, 3)).toEqual(['3', '1', '−2']);
    expect(within(table).getByRole('rowheader', { name: /^North/ })).toHaveTextContent('added in B');
    expect(rowOf(table, 'North').slice(0, 3)).toEqual(['—', '1', '+1']);
    expect(rowOf(table, 'Unassigned').slice(0, 3)).toEqual(['2', '1', '−1']);
    expect(rowOf(table, 'Total').slice(0, 3)).toEqual(['6', '6', '0']);

    const moves = screen.getByRole('table', { name: 'Moves between territories' });
    const rows = within(moves).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(rows).toEqual([
      ['East', 'West', '2', '1', '$2,500'],
      ['Unassigned', 'North', '1', '0', '$400'],
    ]);
    expect(screen.getByRole('button', { name: 'Download moves (CSV)' })).toBeEnabled();
  });

  it('"Download moves (CSV)" writes one row per store whose territory differs', async () => {
    const { s, user } = setup();
    await compareAB(s);
    await user.click(screen.getByRole('button', { name: 'Download moves (CSV)' }));
    expect(downloadText).toHaveBeenCalledTimes(1);
    const [fileName, csv, mime] = vi.mocked(downloadText).mock.calls[0]!;
    expect(fileName).toMatch(/\.csv$/);
    expect(mime).toMatch(/^text\/csv/);
    const lines = csv.split('\n');
    expect(lines[0]).toBe('store_id,store_name,from_territory_id,from_territory,to_territory_id,to_territory,revenue,status');
    expect(lines.at(-1)).toBe(''); // ends with a line break

    const expected = market.flatMap((st) => {
      const a = territoryAt(st, territoriesA);
      const b = territoryAt(st, territoriesB);
      if ((a?.id ?? null) === (b?.id ?? null)) return [];
      return [[st.id, quote(st.name), a?.id ?? '', a ? quote(a.name) : '', b?.id ?? '', b ? quote(b.name) : '', String(st.revenue), st.status].join(',')];
    });
    expect(expected).toHaveLength(3); // the fixture does move stores
    expect(lines.slice(1, -1)).toEqual(expected);
  });

  it('changing plan A to plan B says it is the same plan; nothing moves', async () => {
    const { s, user } = setup();
    await compareAB(s);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Plan A' }), planB.id);
    await waitFor(() => expect(screen.getByRole('status', { name: 'Compare summary' })).toHaveTextContent('Plan A and plan B are the same plan: choose another plan to compare with.'));
    expect(s.getState().compare).toEqual({ aId: planB.id, bId: planB.id });
    expect(screen.getByRole('button', { name: 'Download moves (CSV)' })).toBeDisabled();
    expect(within(screen.getByRole('table', { name: 'Moves between territories' })).getByText('No store changes hands.')).toBeInTheDocument();
  });

  it('follows an edit of the open plan and closes', async () => {
    const { s, user } = setup();
    await compareAB(s);
    // Plan A is open: moving its border to x=14 as well leaves only S5 (→ North) moving.
    act(() => s.getState().reshapeTerritory(territoriesA[0]!.id, territoriesB[0]!.geometry));
    act(() => s.getState().refreshCompare());
    await waitFor(() => expect(screen.getByRole('status', { name: 'Compare summary' })).toHaveTextContent(/^1 store changes territory/));
    await user.click(screen.getByRole('button', { name: 'Close compare' }));
    expect(s.getState().compare).toBeNull();
    expect(screen.getByText('Choose “Compare” in the plan bar to compare two plans.')).toBeInTheDocument();
  });
});
