import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { TerritoryStatsRow } from '../../src/domain/stats';
import type { TerritoryId } from '../../src/domain/types';
import { StatsTable, type StatsTableRow } from '../../src/ui/territories/StatsTable';

function stats(over: Partial<TerritoryStatsRow>): TerritoryStatsRow {
  return {
    territoryId: null, stores: 0, customers: 0, prospects: 0, lost: 0, penetration: 0, revenue: 0, priorRevenue: 0,
    revenueGrowth: null, potential: 0, shareOfWallet: null, whitespace: 0, newCustomers: 0, balanceDeviation: null, ...over,
  };
}

function row(id: string, name: string, manager: string, s: Partial<TerritoryStatsRow>): StatsTableRow {
  return {
    kind: 'territory', key: id, territoryId: id as TerritoryId, regionId: null, name, region: '', color: '#336699', manager,
    stats: stats({ territoryId: id as TerritoryId, ...s }), deviation: null, measureValue: null, shape: null, ofTarget: null, targetRevenue: null,
  };
}

// Revenue 300 / 100 / 200: ideal 200, deviations +50%, −50%, 0%.
const rows = [
  row('A', 'Texas', 'Lee', { stores: 30, customers: 12, prospects: 15, penetration: 0.4, revenue: 300, potential: 900, whitespace: 600, balanceDeviation: 0.5 }),
  row('B', 'Alaska', 'Kim', { stores: 5, customers: 1, prospects: 4, penetration: 0.2, revenue: 100, potential: 150, whitespace: 50, balanceDeviation: -0.5 }),
  row('C', 'Midwest', '', { stores: 20, customers: 10, prospects: 8, penetration: 0.5, revenue: 200, potential: 1000, whitespace: 800, balanceDeviation: 0 }),
];
const unassigned = stats({ stores: 7, customers: 2, prospects: 5, penetration: 2 / 7, revenue: 40, potential: 70, whitespace: 30 });
const totals = stats({ stores: 62, customers: 25, prospects: 32, penetration: 25 / 62, revenue: 640, potential: 2120, whitespace: 1480 });

function renderTable(onRowActivate = vi.fn()) {
  render(<StatsTable rows={rows} unassigned={unassigned} totals={totals} selectedId={null} onRowActivate={onRowActivate} />);
  return { table: screen.getByRole('table', { name: 'Territory statistics' }), onRowActivate };
}

const bodyNames = (table: HTMLElement) =>
  within(table).getAllByRole('row').slice(1).map((r) => within(r).getByRole('rowheader').textContent);

describe('StatsTable', () => {
  it('is a real table with the contract column headers', () => {
    const { table } = renderTable();
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼]/g, ''));
    // The issue-2 contract columns, in order, with the issue-3 KPIs (new customers, growth,
    // share of wallet) placed beside the figures they explain, and issue 13's live evaluation last.
    expect(headers).toEqual(['Territory', 'Manager', 'Stores', 'Customers', 'Prospects', 'Penetration', 'New customers', 'Revenue', 'Growth', 'Potential', 'Share of wallet', 'Whitespace', 'Balance', 'Deviation', 'Contiguous', 'Compactness']);
    for (const name of ['Territory', 'Stores', 'Balance']) expect(within(table).getByRole('columnheader', { name })).toBeInTheDocument();
  });

  it('shows one row per territory, then Unassigned and Total with their numbers', () => {
    const { table } = renderTable();
    expect(bodyNames(table)).toEqual(['Texas', 'Alaska', 'Midwest', 'Unassigned', 'Total']);
    const unassignedRow = within(table).getByRole('rowheader', { name: 'Unassigned' }).closest('tr')!;
    expect(within(unassignedRow).getByText('7')).toBeInTheDocument();
    expect(within(unassignedRow).getByText('28.6%')).toBeInTheDocument(); // 2/7
    const totalRow = within(table).getByRole('rowheader', { name: 'Total' }).closest('tr')!;
    expect(within(totalRow).getByText('62')).toBeInTheDocument();
    expect(within(totalRow).getByText('$640')).toBeInTheDocument();
    expect(within(totalRow).getByText('$1,480')).toBeInTheDocument();
  });

  it('formats penetration, money and signed balance deviation', () => {
    const { table } = renderTable();
    const texas = within(table).getByRole('rowheader', { name: 'Texas' }).closest('tr')!;
    expect(within(texas).getByText('40.0%')).toBeInTheDocument();
    expect(within(texas).getByText('$900')).toBeInTheDocument();
    expect(within(texas).getByText('+50.0%')).toBeInTheDocument();
    const alaska = within(table).getByRole('rowheader', { name: 'Alaska' }).closest('tr')!;
    expect(within(alaska).getByText('−50.0%')).toBeInTheDocument();
  });

  it('sorts by any column, toggles direction, and keeps Unassigned and Total at the bottom', async () => {
    const user = userEvent.setup();
    const { table } = renderTable();
    await user.click(within(table).getByRole('button', { name: 'Stores' }));
    expect(within(table).getByRole('columnheader', { name: 'Stores' })).toHaveAttribute('aria-sort', 'descending');
    expect(bodyNames(table)).toEqual(['Texas', 'Midwest', 'Alaska', 'Unassigned', 'Total']);
    await user.click(within(table).getByRole('button', { name: 'Stores' }));
    expect(within(table).getByRole('columnheader', { name: 'Stores' })).toHaveAttribute('aria-sort', 'ascending');
    expect(bodyNames(table)).toEqual(['Alaska', 'Midwest', 'Texas', 'Unassigned', 'Total']);
    await user.click(within(table).getByRole('button', { name: 'Territory' }));
    expect(bodyNames(table)).toEqual(['Alaska', 'Midwest', 'Texas', 'Unassigned', 'Total']);
    await user.click(within(table).getByRole('button', { name: 'Manager' }));
    expect(bodyNames(table)).toEqual(['Midwest', 'Alaska', 'Texas', 'Unassigned', 'Total']); // '' < kim < lee
    await user.click(within(table).getByRole('button', { name: 'Balance' }));
    expect(bodyNames(table)).toEqual(['Texas', 'Midwest', 'Alaska', 'Unassigned', 'Total']);
  });

  it('activates a row by click and by keyboard', async () => {
    const user = userEvent.setup();
    const { table, onRowActivate } = renderTable();
    await user.click(within(table).getByRole('rowheader', { name: 'Midwest' }));
    expect(onRowActivate).toHaveBeenLastCalledWith('C');
    within(table).getByRole('rowheader', { name: 'Alaska' }).closest('tr')!.focus();
    await user.keyboard('{Enter}');
    expect(onRowActivate).toHaveBeenLastCalledWith('B');
    // The fixed rows are not territories.
    await user.click(within(table).getByRole('rowheader', { name: 'Unassigned' }));
    expect(onRowActivate).toHaveBeenCalledTimes(2);
  });

  it('says what to do when the plan has no territories', () => {
    render(<StatsTable rows={[]} unassigned={unassigned} totals={totals} selectedId={null} onRowActivate={vi.fn()} />);
    expect(screen.getByText(/No territories yet/)).toBeInTheDocument();
  });
});
