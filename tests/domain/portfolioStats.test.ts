import { describe, expect, it } from 'vitest';
import { computePortfolioStats } from '../../src/domain/stats';
import type { PersonId, StoreId } from '../../src/domain/types';
import { baseStore } from '../fixtures/market';

const AM = 'P-AM-01' as PersonId;
const OTHER = 'P-AM-02' as PersonId;
const today = new Date(2026, 10, 1); // 2026-11-01, local

describe('computePortfolioStats', () => {
  const stores = [
    // In the portfolio: 2 customers, 1 lost, 1 prospect.
    baseStore({ id: 'a' as StoreId, accountManagerId: AM, status: 'customer', revenue: 1000, priorRevenue: 800, satisfaction: 5, renewalDate: '2026-11-01' }),
    baseStore({ id: 'b' as StoreId, accountManagerId: AM, status: 'customer', revenue: 500, priorRevenue: 700, satisfaction: 2, renewalDate: '2027-01-30' }),
    baseStore({ id: 'c' as StoreId, accountManagerId: AM, status: 'lost', revenue: 0, priorRevenue: 300, satisfaction: null, renewalDate: '2027-01-31' }),
    baseStore({ id: 'd' as StoreId, accountManagerId: AM, status: 'prospect', revenue: 0, priorRevenue: 0, satisfaction: 9, renewalDate: '2026-10-31' }),
    // Someone else's and nobody's accounts.
    baseStore({ id: 'e' as StoreId, accountManagerId: OTHER, status: 'customer', revenue: 99999 }),
    baseStore({ id: 'f' as StoreId, accountManagerId: null, status: 'lost' }),
  ];

  it('computes the account-manager KPIs exactly as PRODUCT.md defines them', () => {
    const p = computePortfolioStats(stores, AM, { referenceDate: today });
    expect(p.accounts).toBe(4);
    expect([p.customers, p.prospects, p.lost]).toEqual([2, 1, 1]);
    expect(p.revenue).toBe(1500); // 1000 + 500
    expect(p.priorRevenue).toBe(1800); // 800 + 700 + 300
    expect(p.revenueGrowth).toBeCloseTo((1500 - 1800) / 1800, 12);
    expect(p.retention).toBeCloseTo(2 / 3, 12); // customers / (customers + lost)
    expect(p.meanSatisfaction).toBe(3.5); // (5 + 2) / 2; 9 is out of range, null is skipped
    // 2026-11-01 (today) and 2027-01-30 (today + 90) count; 2027-01-31 and 2026-10-31 do not.
    expect(p.renewalsDue90).toBe(2);
  });

  it('returns zeros and nulls for an empty portfolio', () => {
    const p = computePortfolioStats(stores, 'P-NOBODY' as PersonId, { referenceDate: today });
    expect(p).toEqual({ accounts: 0, customers: 0, prospects: 0, lost: 0, revenue: 0, priorRevenue: 0, revenueGrowth: null, retention: null, meanSatisfaction: null, renewalsDue90: 0 });
  });

  it('a portfolio of prospects only has no retention (not 0%)', () => {
    const p = computePortfolioStats([baseStore({ id: 'x' as StoreId, accountManagerId: AM, status: 'prospect' })], AM, { referenceDate: today });
    expect(p.retention).toBeNull();
  });
});
