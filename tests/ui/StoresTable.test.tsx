import { marketFromStores } from '../../src/domain/market';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useMemo, useState } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EMPTY_STORE_FILTER, filterStores, type StoreFilter } from '../../src/domain/query';
import type { PersonId, Store, StoreId } from '../../src/domain/types';
import { StoresTable } from '../../src/ui/stores/StoresTable';
import { baseStore, manager, squareTerritory } from '../fixtures/market';

const AM = { ...manager, id: 'P-AM-01' as PersonId, name: 'Avery Stone', role: 'account-manager' as const };
const territories = [squareTerritory('A', 0, 0, 1, 0, { name: 'North' })];

function market(n: number): Store[] {
  return Array.from({ length: n }, (_, i) =>
    baseStore({
      id: `S${String(i).padStart(6, '0')}` as StoreId,
      name: i === 7 ? '<img src=x onerror=alert(1)>' : `Store ${i}`,
      city: i % 2 ? 'Austin' : 'Boston',
      status: i % 3 === 0 ? 'customer' : 'prospect',
      revenue: i * 10,
      accountManagerId: i === 3 ? AM.id : null,
    }),
  );
}

function Harness({ stores, onActivate = vi.fn(), onExport = vi.fn() }: { stores: Store[]; onActivate?: (id: StoreId) => void; onExport?: (i: Int32Array) => void }) {
  const assignment = Int32Array.from(stores, (_, i) => (i < 5 ? 0 : -1));
  const [filter, setFilter] = useState<StoreFilter>(EMPTY_STORE_FILTER);
  const market = useMemo(() => marketFromStores(stores), [stores]);
  const visible = filterStores(market, assignment, territories, filter);
  return (
    <StoresTable market={market} visible={visible} assignment={assignment} territories={territories} people={[AM]} filter={filter}
      onFilterChange={(p) => setFilter((f) => ({ ...f, ...p }))} onStoreActivate={onActivate} onExport={onExport} />
  );
}

// jsdom lays nothing out: give elements a viewport-sized box so the virtualizer has a
// window to fill, as a browser would.
const rect = { x: 0, y: 0, top: 0, left: 0, right: 1200, bottom: 600, width: 1200, height: 600, toJSON: () => ({}) };
const saved = { rect: HTMLElement.prototype.getBoundingClientRect, ch: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight'), cw: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth') };
beforeAll(() => {
  HTMLElement.prototype.getBoundingClientRect = () => rect as DOMRect;
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1200 });
});
afterAll(() => {
  HTMLElement.prototype.getBoundingClientRect = saved.rect;
  // jsdom defines these on Element.prototype: drop the HTMLElement overrides again.
  if (saved.ch) Object.defineProperty(HTMLElement.prototype, 'clientHeight', saved.ch);
  else delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
  if (saved.cw) Object.defineProperty(HTMLElement.prototype, 'clientWidth', saved.cw);
  else delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
});

describe('StoresTable', () => {
  it('renders only the rows in view for 100k stores, and says how many there are', () => {
    render(<Harness stores={market(100_000)} />);
    const table = screen.getByRole('table', { name: 'Stores' });
    expect(table).toHaveAttribute('aria-rowcount', '100001');
    const rendered = within(table).getAllByRole('row').length;
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(100); // virtualized, not 100k DOM rows
    expect(screen.getByRole('status')).toHaveTextContent('100,000 of 100,000 stores');
  });

  it('searches and filters; shows imported text as text', async () => {
    const user = userEvent.setup();
    render(<Harness stores={market(30)} />);
    await user.type(screen.getByRole('searchbox', { name: 'Search stores' }), 'img');
    const table = screen.getByRole('table', { name: 'Stores' });
    expect(within(table).getByRole('rowheader', { name: '<img src=x onerror=alert(1)>' })).toBeInTheDocument();
    expect(table.querySelector('img')).toBeNull();
    await user.clear(screen.getByRole('searchbox', { name: 'Search stores' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Territory' }), 'unassigned');
    expect(screen.getByRole('status')).toHaveTextContent('25 of 30 stores');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Account manager' }), AM.id);
    expect(screen.getByRole('status')).toHaveTextContent('0 of 30 stores'); // S3 is in territory A
    expect(screen.getByText('No store matches these filters.')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Territory' }), 'all');
    expect(within(screen.getByRole('table', { name: 'Stores' })).getByRole('rowheader', { name: 'Store 3' })).toBeInTheDocument();
  });

  it('sorts by a column and activates a row', async () => {
    const user = userEvent.setup();
    const onActivate = vi.fn();
    render(<Harness stores={market(12)} onActivate={onActivate} />);
    const table = screen.getByRole('table', { name: 'Stores' });
    await user.click(within(table).getByRole('button', { name: 'Revenue' }));
    const first = within(table).getAllByRole('row')[1]!;
    expect(within(first).getByRole('rowheader')).toHaveTextContent('Store 11'); // highest revenue first
    await user.click(first);
    expect(onActivate).toHaveBeenCalledWith('S000011');
  });

  it('exports what the filter shows', async () => {
    const user = userEvent.setup();
    const onExport = vi.fn();
    render(<Harness stores={market(12)} onExport={onExport} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'customer');
    await user.click(screen.getByRole('button', { name: 'Export stores (CSV)' }));
    expect(Array.from(onExport.mock.calls[0]![0] as Int32Array)).toEqual([0, 3, 6, 9]);
  });
});
