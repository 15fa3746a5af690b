/**
 * The balance worker's api, called directly in node (as the worker runs it): the sample
 * market on US counties, from scratch and as a rebalance of the demo plan, checked against
 * counts made here from the stores and the returned unit lists (not read from the summary).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assignPoints } from '../../src/domain/assignment';
import { balancedBundle, balanceJobFor, balanceSlots, type BalanceJob, type BalanceSettings } from '../../src/domain/balance';
import { buildUnitIndex, loadUsUnits } from '../../src/domain/baseUnits';
import { marketFromStores } from '../../src/domain/market';
import { parseDemoPlan, parseSampleMarket } from '../../src/domain/sampleData';
import type { PersonId, PlanBundle, PlanId, Territory, TerritoryId } from '../../src/domain/types';
import { createBalanceApi } from '../../src/workers/balance.worker';
import type { Topology } from 'topojson-specification';

const read = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as unknown;
const sample = parseSampleMarket(read('data/sample-market.json'));
const demo = parseDemoPlan(read('data/demo-plan.json'));
if (!sample.ok || !demo.ok) throw new Error('sample data');
const market = marketFromStores(sample.value.stores);
const topology = read('node_modules/us-atlas/counties-10m.json') as Topology;
const zipTable = read('data/zip-centroids.json');
let zipLoads = 0;
const api = createBalanceApi({ topology, loadZipTable: async () => (zipLoads++, zipTable) });

const planId = 'plan-demo' as PlanId;
const demoTerritories: Territory[] = demo.value.territories.map((t) => ({ ...t, planId }));
const bundle: PlanBundle = {
  plan: { id: planId, workspaceId: 'ws' as never, name: 'Demo', createdAt: 0, updatedAt: 0 },
  territories: demoTerritories,
  regions: [],
};

function job(settings: BalanceSettings, territories: Territory[] = demoTerritories): BalanceJob {
  return balanceJobFor(market, territories, settings);
}

const base: BalanceSettings = {
  level: 'counties',
  k: 20,
  spec: { measure: 'stores' },
  tolerance: 0.05,
  mode: 'scratch',
  compactness: 0.5,
  fill: true,
  seedFromCentres: false,
  seed: 1,
};

describe('balance worker api', () => {
  it('builds 20 territories from counties within ±5 % on stores; the unit lists count the same', async () => {
    const progress: number[] = [];
    const j = job(base);
    const out = await api.balance(j, (f) => progress.push(f));
    expect(out.result.status).toBe('done');
    expect(out.territories).toHaveLength(20);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    // Independent count: each store's county, then the territory whose unit list holds it.
    const counties = loadUsUnits(topology, 'counties');
    if (!counties.ok) throw new Error(counties.message);
    const idx = buildUnitIndex(counties.value);
    const storeUnit = assignPoints(idx.index, market.lng, market.lat);
    const territoryOf = new Map<string, number>();
    out.territories.forEach((t, i) => t.unitIds.forEach((id) => territoryOf.set(id, i)));
    const counts = new Array<number>(20).fill(0);
    let placed = 0;
    for (let i = 0; i < market.length; i++) {
      const u = storeUnit[i]!;
      if (u < 0) continue;
      const t = territoryOf.get(counties.value[u]!.id);
      if (t !== undefined) {
        counts[t]!++;
        placed++;
      }
    }
    const ideal = placed / 20;
    for (const c of counts) expect(Math.abs(c - ideal) / ideal).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(out.result.allContiguous).toBe(true);
    expect(out.territories.every((t) => t.geometry !== null)).toBe(true);

    const made = balancedBundle(bundle, j, out, { newPlanId: 'plan-new' as PlanId, name: 'Demo — balanced', now: 5, newTerritoryId: (s) => `T-new-${s}` as TerritoryId });
    expect(made.territories).toHaveLength(20);
    // The 10 demo territories keep their ids (compare matches them); 10 are new.
    expect(made.territories.filter((t) => demoTerritories.some((d) => d.id === t.id))).toHaveLength(10);
    expect(made.territories.every((t) => t.planId === 'plan-new' && t.units?.level === 'counties')).toBe(true);
    expect(made.plan.balance).toMatchObject({ seed: 1, k: 20, fromPlanId: planId, level: 'counties' });
  }, 60_000);

  it('rebalances the demo plan keeping a locked territory exactly as it is', async () => {
    const locked = demoTerritories.map((t, i) => (i === 0 ? { ...t, locked: true } : t));
    const settings: BalanceSettings = { ...base, mode: 'rebalance', k: locked.length, fill: false };
    const j = job(settings, locked);
    const out = await api.balance(j);
    const made = balancedBundle({ ...bundle, territories: locked }, j, out, { newPlanId: 'plan-r' as PlanId, name: 'r', now: 1, newTerritoryId: () => 'x' as TerritoryId });
    const kept = made.territories.find((t) => t.id === locked[0]!.id)!;
    expect(kept.geometry).toEqual(locked[0]!.geometry);
    expect(kept.units).toBeUndefined();
    expect(made.territories).toHaveLength(locked.length);
    expect(out.result.storesMovedLowerBound).toBeGreaterThan(0);
  }, 60_000);

  it('refuses more locked territories than k', () => {
    const locked = demoTerritories.map((t) => ({ ...t, locked: true }));
    expect(() => balanceSlots(locked, 'scratch', 3)).toThrow(/10 territories are locked/);
  });

  it('grows territories from their managers\' home ZIPs, then from their centres, and says which', async () => {
    const people = [
      { id: 'P-1' as PersonId, workspaceId: 'ws' as never, name: 'Denver rep', role: 'territory-manager' as const, email: null, homeBase: 'Denver, CO 80202' },
      { id: 'P-2' as PersonId, workspaceId: 'ws' as never, name: 'No ZIP', role: 'territory-manager' as const, email: null, homeBase: 'Somewhere' },
    ];
    const ts = demoTerritories.slice(0, 3).map((t, i) => ({ ...t, managerId: i === 0 ? people[0]!.id : i === 1 ? people[1]!.id : null }));
    const settings: BalanceSettings = { ...base, k: 3, seedFromHomes: true, seedFromCentres: true };
    const j = balanceJobFor(market, ts, settings, people);
    expect(j.homeZips).toEqual(['80202', null, null]);
    const out = await api.balance(j);
    expect(out.seededFrom).toEqual(['home', 'centre', 'centre']);
    // the first territory holds Denver County (08031), where its manager lives
    expect(out.territories[0]!.unitIds).toContain('08031');
    expect(zipLoads).toBe(1);
    // without the option no ZIP is looked at, and nothing is seeded at home
    const plain = await api.balance(balanceJobFor(market, ts, { ...settings, seedFromHomes: false }, people));
    expect(plain.seededFrom).toEqual(['centre', 'centre', 'centre']);
    expect(zipLoads).toBe(1);
  }, 60_000);

  it('a layer prepared ahead gives the very same plan as one loaded by the run', async () => {
    const warm = createBalanceApi({ topology });
    warm.prepare('states');
    const settings: BalanceSettings = { ...base, level: 'states', k: 6 };
    const a = await warm.balance(job(settings));
    const b = await createBalanceApi({ topology }).balance(job(settings));
    expect(a.territories.map((t) => t.unitIds)).toEqual(b.territories.map((t) => t.unitIds));
    expect(a.result.maxDeviation).toBe(b.result.maxDeviation);
  }, 60_000);
});

