import { marketFromStores } from '../../src/domain/market';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Person, PersonId, StoreId } from '../../src/domain/types';
import { PortfolioView } from '../../src/ui/people/PortfolioView';
import { baseStore, squareTerritory, WS } from '../fixtures/market';

const am = (id: string, name: string): Person => ({ id: id as PersonId, workspaceId: WS, name, role: 'account-manager', email: null });
const people = [am('P-AM-01', 'Avery Stone'), am('P-AM-02', 'Blake Ruiz')];
const territories = [squareTerritory('A', 0, 0, 1, 0, { name: 'North' }), squareTerritory('B', 1, 0, 1, 1, { name: 'South' })];
const stores = [
  baseStore({ id: 's1' as StoreId, name: 'Big Pet', status: 'customer', revenue: 900, priorRevenue: 600, satisfaction: 4, renewalDate: '2026-12-01', accountManagerId: people[0]!.id, keyAccount: true }),
  baseStore({ id: 's2' as StoreId, name: 'Small Vet', status: 'lost', revenue: 0, priorRevenue: 300, accountManagerId: people[0]!.id }),
  baseStore({ id: 's3' as StoreId, name: 'Other', status: 'customer', revenue: 50, accountManagerId: people[1]!.id }),
];
const assignment = Int32Array.from([0, 1, 1]);

describe('PortfolioView', () => {
  it('asks for an account manager first', () => {
    render(<PortfolioView market={marketFromStores(stores)} assignment={assignment} territories={territories} people={people} managerId={null} onManagerChange={vi.fn()} onStoreActivate={vi.fn()} />);
    expect(screen.getByRole('region', { name: 'Account portfolio' })).toHaveTextContent(/Choose an account manager/);
  });

  it('shows the manager’s accounts across territories with the AM KPIs', async () => {
    const user = userEvent.setup();
    const onChange = vi.fn();
    render(
      <PortfolioView market={marketFromStores(stores)} assignment={assignment} territories={territories} people={people} managerId={people[0]!.id}
        onManagerChange={onChange} onStoreActivate={vi.fn()} referenceDate={new Date(2026, 10, 1)} />,
    );
    const region = screen.getByRole('region', { name: 'Account portfolio' });
    const table = within(region).getByRole('table', { name: 'Portfolio accounts' });
    const names = within(table).getAllByRole('rowheader').map((h) => h.textContent);
    expect(names).toEqual(['Big Petkey', 'Small Vet']); // sorted by revenue; the key-account badge reads 'key'
    expect(within(table).getByText('North')).toBeInTheDocument();
    expect(within(table).getByText('South')).toBeInTheDocument();
    const kpis = within(region).getByLabelText('Portfolio KPIs');
    expect(kpis).toHaveTextContent('Portfolio revenue$900'); // 900 + 0
    expect(kpis).toHaveTextContent('Retention50.0%'); // 1 customer / (1 + 1 lost)
    expect(kpis).toHaveTextContent('Growth0.0%'); // (900 − (600 + 300)) / 900 = 0
    expect(kpis).toHaveTextContent('Mean satisfaction4.00 / 5');
    expect(kpis).toHaveTextContent('Renewals due in 90 days1');
    await user.selectOptions(within(region).getByRole('combobox', { name: 'Account manager' }), 'P-AM-02');
    expect(onChange).toHaveBeenCalledWith('P-AM-02');
  });
});
