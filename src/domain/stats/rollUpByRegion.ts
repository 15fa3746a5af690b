import type { Region, RegionId, Territory } from '../types';
import type { TerritoryStatsRow } from './territoryStats';

/** A region's totals over its territories, plus which territories are in it. */
export interface RegionRollUp {
  regionId: RegionId | null;
  territoryIds: Territory['id'][];
  stats: TerritoryStatsRow;
}

/**
 * Sums territory rows by region (PRODUCT.md: "stats roll up"). Counts and money add up;
 * ratios are recomputed from the sums (penetration = customers / stores, growth, share of
 * wallet), never averaged. `balanceDeviation` is the region's revenue deviation from the
 * average region (regions with no territories excluded). Territories without a region, or
 * with a region that no longer exists, roll up into a last group with regionId null; it is
 * left out when empty. Regions keep the order given.
 */
export function rollUpByRegion(rows: readonly TerritoryStatsRow[], territories: readonly Territory[], regions: readonly Region[]): RegionRollUp[] {
  const byTerritory = new Map(rows.map((r) => [r.territoryId, r]));
  const known = new Set(regions.map((r) => r.id));
  const groups = new Map<RegionId | null, Territory[]>();
  for (const reg of regions) groups.set(reg.id, []);
  for (const t of territories) {
    const key = t.regionId && known.has(t.regionId) ? t.regionId : null;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(t);
  }
  const out: RegionRollUp[] = [];
  for (const [regionId, ts] of groups) {
    if (regionId === null && ts.length === 0) continue;
    const acc = { stores: 0, customers: 0, prospects: 0, lost: 0, revenue: 0, priorRevenue: 0, potential: 0, whitespace: 0, newCustomers: 0 };
    for (const t of ts) {
      const r = byTerritory.get(t.id);
      if (!r) continue;
      for (const k of Object.keys(acc) as (keyof typeof acc)[]) acc[k] += r[k];
    }
    out.push({
      regionId,
      territoryIds: ts.map((t) => t.id),
      stats: {
        territoryId: null,
        ...acc,
        penetration: acc.stores === 0 ? 0 : acc.customers / acc.stores,
        revenueGrowth: acc.priorRevenue === 0 ? null : (acc.revenue - acc.priorRevenue) / acc.priorRevenue,
        shareOfWallet: acc.potential === 0 ? null : acc.revenue / acc.potential,
        balanceDeviation: null,
      },
    });
  }
  const real = out.filter((g) => g.regionId !== null && g.territoryIds.length > 0);
  const ideal = real.length ? real.reduce((a, g) => a + g.stats.revenue, 0) / real.length : 0;
  for (const g of real) g.stats.balanceDeviation = ideal === 0 ? 0 : (g.stats.revenue - ideal) / ideal;
  return out;
}
