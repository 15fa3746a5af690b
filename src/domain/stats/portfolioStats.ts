import type { PersonId, Store } from '../types';
import { isoDayPlus } from './isoDate';

/** The account manager's KPIs over their portfolio (PRODUCT.md, "Account manager"). */
export interface PortfolioStats {
  accounts: number;
  customers: number;
  prospects: number;
  lost: number;
  /** Portfolio revenue: sum of trailing-12-month revenue of every account in it. */
  revenue: number;
  priorRevenue: number;
  /** (revenue − prior) / prior; null when prior revenue is 0. */
  revenueGrowth: number | null;
  /** customers / (customers + lost); null when the portfolio has neither. */
  retention: number | null;
  /** Mean of the satisfaction scores given (1–5); null when no account has one. */
  meanSatisfaction: number | null;
  /** Accounts whose renewal date falls from today through today + 90 days. */
  renewalsDue90: number;
}

export interface PortfolioOptions {
  /** "Today"; default now. Its local calendar day is used. */
  referenceDate?: Date;
}

/**
 * KPIs of one account manager's portfolio: the stores whose accountManagerId is `managerId`,
 * wherever they are (a key account can sit in any territory). One pass, no allocation per
 * store. Non-finite money counts as 0; satisfaction outside 1–5 is ignored.
 */
export function computePortfolioStats(stores: readonly Store[], managerId: PersonId, opts: PortfolioOptions = {}): PortfolioStats {
  const today = opts.referenceDate ?? new Date();
  const from = isoDayPlus(today, 0);
  const to = isoDayPlus(today, 90);
  let accounts = 0, customers = 0, prospects = 0, lost = 0, revenue = 0, prior = 0, satSum = 0, satN = 0, renewals = 0;
  for (const s of stores) {
    if (s.accountManagerId !== managerId) continue;
    accounts++;
    if (s.status === 'customer') customers++;
    else if (s.status === 'prospect') prospects++;
    else if (s.status === 'lost') lost++;
    if (Number.isFinite(s.revenue)) revenue += s.revenue;
    if (Number.isFinite(s.priorRevenue)) prior += s.priorRevenue;
    if (s.satisfaction !== null && s.satisfaction >= 1 && s.satisfaction <= 5) {
      satSum += s.satisfaction;
      satN++;
    }
    if (s.renewalDate !== null) {
      const d = s.renewalDate.slice(0, 10);
      if (d >= from && d <= to) renewals++;
    }
  }
  return {
    accounts,
    customers,
    prospects,
    lost,
    revenue,
    priorRevenue: prior,
    revenueGrowth: prior === 0 ? null : (revenue - prior) / prior,
    retention: customers + lost === 0 ? null : customers / (customers + lost),
    meanSatisfaction: satN === 0 ? null : satSum / satN,
    renewalsDue90: renewals,
  };
}
