/**
 * The Auto-balance dialog with Testing Library: its accessible names (issue 13's
 * contract), validation before anything runs, Cancel while it runs, and a finished run
 * becoming a new plan compared with the one it started from. The worker is a fake client
 * whose answer the test controls.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { BalanceJob, BalanceJobResult } from '../../src/domain/balance';
import type { TerritoryGeometry } from '../../src/domain/types';
import { StoreProvider } from '../../src/ui/common/storeContext';
import { CompareView } from '../../src/ui/plans/CompareView';
import { PlanBar } from '../../src/ui/plans/PlanBar';
import { BalanceCancelledError, type BalanceClient } from '../../src/workers/balanceClient';
import { store } from '../fixtures/market';
import { planA, storeWithPlans, territoriesA } from './planTestKit';

const market = [store('S1', 5, 5), store('S2', 15, 5), store('S3', 12, 5)];

const square = (x0: number): TerritoryGeometry => ({ type: 'Polygon', coordinates: [[[x0, 0], [x0 + 10, 0], [x0 + 10, 10], [x0, 10], [x0, 0]]] });

/** A fake worker client: `balance` waits until the test answers or cancels. */
function fakeClient() {
  const jobs: BalanceJob[] = [];
  let answer!: (r: BalanceJobResult) => void;
  let fail!: (e: Error) => void;
  let progress: ((f: number) => void) | undefined;
  const client: BalanceClient = {
    balance: vi.fn((job: BalanceJob, onProgress?: (f: number) => void) => {
      jobs.push(job);
      progress = onProgress;
      return new Promise<BalanceJobResult>((res, rej) => {
        answer = res;
        fail = rej;
      });
    }),
    unitGraph: vi.fn(),
    prepare: vi.fn(async () => undefined),
    cancel: vi.fn(() => fail(new BalanceCancelledError())),
    dispose: vi.fn(),
    busy: false,
  };
  return { client, jobs, answer: (r: BalanceJobResult) => answer(r), progress: (f: number) => progress?.(f) };
}

function result(k: number): BalanceJobResult {
  return {
    result: {
      assignment: new Int32Array(0), territories: [], ideal: 1, tolerance: 0.05, maxDeviation: 0.012, withinTolerance: k, allContiguous: true, nonContiguous: 0,
      meanCompactness: 78.5, storesMoved: 1, storesMovedLowerBound: 1, unassignedUnits: 0,
      reasons: [{ territory: 0, reason: 'unit-too-heavy', message: 'West holds Big County, which alone is 140.0 % of a territory’s share.' }],
      status: 'done', seed: 1, runs: 1,
    },
    territories: Array.from({ length: k }, (_, t) => ({ unitIds: [`u${t}`], geometry: square(t * 10) })),
    unitCount: k, islandLinks: 0, storesOutsideUnits: 0, seededFrom: [], timings: { graphMs: 1, balanceMs: 2, outlinesMs: 3 },
  };
}

function setup() {
  const { s } = storeWithPlans(market, [{ plan: planA, territories: territoriesA, regions: [] }]);
  const fake = fakeClient();
  render(
    <StoreProvider store={s}>
      <PlanBar onImportTerritories={vi.fn()} balanceClient={() => fake.client} />
      <CompareView />
    </StoreProvider>,
  );
  return { s, fake, user: userEvent.setup() };
}

async function open(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: /Auto-balance/ }));
  return screen.getByRole('dialog', { name: 'Auto-balance' });
}

describe('AutoBalanceDialog', () => {
  it('has the contract names: Build from, Number of territories, Balance on, Tolerance (5 %), the two modes, Start balancing', async () => {
    const { user } = setup();
    const d = await open(user);
    const buildFrom = within(d).getByRole('combobox', { name: 'Build from' });
    expect(within(buildFrom).getAllByRole('option').map((o) => o.textContent)).toEqual(['States', 'Counties', 'Hexagons']);
    expect(within(d).getByRole('spinbutton', { name: 'Number of territories' })).toHaveValue(2);
    const balanceOn = within(d).getByRole('combobox', { name: 'Balance on' });
    expect(within(balanceOn).getAllByRole('option').map((o) => o.textContent)).toEqual(['Stores', 'Customers', 'Revenue', 'Potential', 'Workload']);
    expect(within(d).getByRole('spinbutton', { name: 'Tolerance' })).toHaveValue(5);
    expect(within(d).getByRole('radio', { name: 'Rebalance current plan' })).not.toBeChecked();
    expect(within(d).getByRole('radio', { name: 'Build from scratch' })).toBeChecked();
    expect(within(d).getByRole('slider', { name: 'Compactness' })).toHaveValue('50');
    expect(within(d).getByRole('checkbox', { name: 'Fill unassigned units' })).toBeChecked();
    expect(within(d).getByRole('button', { name: 'Start balancing' })).toBeEnabled();
    expect(within(d).queryByRole('button', { name: 'Cancel' })).toBeNull();

    // Hexagons ask for a resolution; workload for visits and minutes per channel.
    await user.selectOptions(buildFrom, 'Hexagons');
    expect(within(d).getByRole('spinbutton', { name: 'H3 resolution' })).toHaveValue(5);
    await user.selectOptions(balanceOn, 'Workload');
    expect(within(d).getByRole('spinbutton', { name: 'Visits a year, Independent pet' })).toHaveValue(12);
    expect(within(d).getByRole('spinbutton', { name: 'Minutes a visit, Grocery' })).toHaveValue(60);
    // Rebalance keeps the plan's territories: the count is fixed.
    await user.click(within(d).getByRole('radio', { name: 'Rebalance current plan' }));
    expect(within(d).getByRole('spinbutton', { name: 'Number of territories' })).toBeDisabled();
  });

  it('refuses impossible choices with reasons and starts nothing', async () => {
    const { user, fake } = setup();
    const d = await open(user);
    await user.clear(within(d).getByRole('spinbutton', { name: 'Number of territories' }));
    await user.type(within(d).getByRole('spinbutton', { name: 'Number of territories' }), '0');
    await user.clear(within(d).getByRole('spinbutton', { name: 'Tolerance' }));
    await user.type(within(d).getByRole('spinbutton', { name: 'Tolerance' }), '0');
    await user.click(within(d).getByRole('button', { name: 'Start balancing' }));
    const alert = within(d).getByRole('alert');
    expect(alert).toHaveTextContent('Number of territories must be a whole number from 1 to 500.');
    expect(alert).toHaveTextContent('Tolerance must be more than 0 % and at most 50 %.');
    expect(fake.client.balance).not.toHaveBeenCalled();
  });

  it('loads the chosen layer in the worker while the form is filled in, and runs on that same worker', async () => {
    const { user, fake } = setup();
    const d = await open(user);
    await waitFor(() => expect(fake.client.prepare).toHaveBeenCalledWith('counties'));
    await user.selectOptions(within(d).getByRole('combobox', { name: 'Build from' }), 'States');
    await waitFor(() => expect(fake.client.prepare).toHaveBeenCalledWith('states'));
    await user.selectOptions(within(d).getByRole('combobox', { name: 'Build from' }), 'Hexagons');
    expect(fake.client.prepare).toHaveBeenCalledTimes(2); // hexagons depend on the stores: nothing to load ahead
    await user.click(within(d).getByRole('button', { name: 'Start balancing' }));
    expect(fake.client.balance).toHaveBeenCalledTimes(1);
    expect(fake.client.dispose).not.toHaveBeenCalled();
  });

  it('shows progress and Cancel while it runs; Cancel stops the worker and changes nothing', async () => {
    const { s, user, fake } = setup();
    const d = await open(user);
    await user.click(within(d).getByRole('button', { name: 'Start balancing' }));
    await act(async () => fake.progress(0.4));
    expect(within(d).getByRole('progressbar', { name: 'Balancing progress' })).toHaveAttribute('value', '0.4');
    expect(within(d).queryByRole('button', { name: 'Start balancing' })).toBeNull();
    await user.click(within(d).getByRole('button', { name: 'Cancel' }));
    expect(fake.client.cancel).toHaveBeenCalled();
    await waitFor(() => expect(within(d).getByRole('button', { name: 'Start balancing' })).toBeEnabled());
    expect(within(d).queryByRole('alert')).toBeNull();
    expect(s.getState().plans).toHaveLength(1);
  });

  it('a finished run becomes "<plan> — balanced", opened and compared with the plan it came from, with the summary and reasons', async () => {
    const { s, user, fake } = setup();
    const d = await open(user);
    await user.selectOptions(within(d).getByRole('combobox', { name: 'Balance on' }), 'Revenue');
    await user.clear(within(d).getByRole('spinbutton', { name: 'Tolerance' }));
    await user.type(within(d).getByRole('spinbutton', { name: 'Tolerance' }), '2');
    await user.click(within(d).getByRole('button', { name: 'Start balancing' }));
    const job = fake.jobs[0]!;
    expect(job.settings).toMatchObject({ level: 'counties', k: 2, tolerance: 0.02, mode: 'scratch', spec: { measure: 'revenue' } });
    expect(job.weight).toHaveLength(3);
    await act(async () => fake.answer(result(2)));
    await waitFor(() => expect(s.getState().plan?.name).toBe('Test plan — balanced'));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Auto-balance' })).toBeNull());
    const st = s.getState();
    expect(st.territories.map((t) => t.units)).toEqual([{ level: 'counties', ids: ['u0'] }, { level: 'counties', ids: ['u1'] }]);
    expect(st.plan?.balance).toMatchObject({ seed: 1, fromPlanId: planA.id, tolerance: 0.02 });
    expect(st.liveMeasure).toEqual({ spec: { measure: 'revenue' }, tolerance: 0.02 });
    await waitFor(() => expect(s.getState().compare).toEqual({ aId: planA.id, bId: st.plan!.id }));
    const summary = await screen.findByRole('region', { name: 'Auto-balance summary' });
    expect(summary).toHaveTextContent('Max deviation from ideal1.2 %');
    expect(summary).toHaveTextContent('2 of 2');
    expect(summary).toHaveTextContent('West holds Big County');
  });

  it('grows territories from their managers\' home ZIPs when asked, and names those it could not', async () => {
    const { s, user, fake } = setup();
    // West's manager lives in Denver; East has no manager
    s.getState().setMarket(s.getState().market, s.getState().people.map((p) => ({ ...p, homeBase: 'Denver, CO 80202' })));
    const d = await open(user);
    await user.click(within(d).getByRole('checkbox', { name: /home ZIP/ }));
    await user.click(within(d).getByRole('button', { name: 'Start balancing' }));
    const job = fake.jobs[0]!;
    expect(job.settings).toMatchObject({ mode: 'scratch', seedFromHomes: true });
    expect(job.homeZips).toEqual(['80202', null]);
    await act(async () => fake.answer({ ...result(2), seededFrom: ['home', null] }));
    const summary = await screen.findByRole('region', { name: 'Auto-balance summary' });
    expect(summary).toHaveTextContent('East was not grown from a home (it has no territory manager)');
    expect(summary).not.toHaveTextContent('West was not grown');
  });
});

