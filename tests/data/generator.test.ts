import { readFileSync, statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { area, booleanPointInPolygon, intersect, pointOnFeature, featureCollection, feature as turfFeature } from '@turf/turf';
import type { Topology } from 'topojson-specification';
import type { Store } from '../../src/domain/types';
import { CHANNELS } from '../../src/domain/types';
import { US_STATE_CODES } from '../../src/domain/sampleData';
import {
  DEFAULT_SEED,
  REFERENCE_DATE,
  ZIP_PREFIX_RANGES,
  createRng,
  generateMarket,
  serializeSampleMarket,
  type Place,
  type SampleMarketFile,
} from '../../data/marketGenerator';
import {
  CONTIGUOUS_STATE_CODES,
  DEMO_GROUPS,
  buildDemoPlan,
  serializeDemoPlan,
  stateFeatures,
  type DemoPlanFile,
} from '../../data/demoPlan';
import {
  DEMO_PLAN_PATH,
  SAMPLE_MARKET_PATH,
  buildDemoPlanJson,
  buildSampleMarketJson,
  loadStatesTopology,
  loadUsPlaces,
  loadZipTable,
} from '../../data/generate';
import { createNearestZip } from '../../data/nearestZip';

const SLOW = 60_000;

let places: Place[];
let topology: Topology;
let market: SampleMarketFile;
let plan: DemoPlanFile;
let stores: Store[];

beforeAll(() => {
  places = loadUsPlaces();
  topology = loadStatesTopology();
  market = JSON.parse(readFileSync(SAMPLE_MARKET_PATH, 'utf8')) as SampleMarketFile;
  plan = JSON.parse(readFileSync(DEMO_PLAN_PATH, 'utf8')) as DemoPlanFile;
  stores = market.stores;
});

function share(pred: (s: Store) => boolean, of: readonly Store[] = stores): number {
  return of.filter(pred).length / of.length;
}

describe('PRNG', () => {
  it('is deterministic per seed and roughly uniform', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 10_000 }, () => a.next());
    expect(Array.from({ length: 10_000 }, () => b.next())).toEqual(xs);
    expect(c.next()).not.toBe(xs[0]);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
});

describe('determinism', () => {
  it('gives identical JSON for the same seed and different JSON for another seed', () => {
    const opts = { seed: 7, referenceDate: REFERENCE_DATE, storeCount: 2000, nearestZip: createNearestZip(loadZipTable()) };
    const a = serializeSampleMarket(generateMarket(places, opts));
    const b = serializeSampleMarket(generateMarket(places, opts));
    const c = serializeSampleMarket(generateMarket(places, { ...opts, seed: 8 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  }, SLOW);

  it('committed data/sample-market.json is exactly what the generator produces (run npm run generate:market)', () => {
    const fresh = buildSampleMarketJson(places, topology, DEFAULT_SEED);
    // Compare lengths first: a mismatch then fails with a readable message, not a 4 MB diff.
    const committed = readFileSync(SAMPLE_MARKET_PATH, 'utf8');
    expect(fresh.length).toBe(committed.length);
    expect(fresh === committed).toBe(true);
  }, SLOW);

  it('committed data/demo-plan.json is exactly what the generator produces', () => {
    const committed = readFileSync(DEMO_PLAN_PATH, 'utf8');
    const fresh = buildDemoPlanJson(topology);
    expect(fresh.length).toBe(committed.length);
    expect(fresh === committed).toBe(true);
    expect(serializeDemoPlan(buildDemoPlan(topology))).toBe(fresh);
  }, SLOW);
});

describe('sample market plausibility', () => {
  it('has the header and about 10,000 stores with unique, sequential ids', () => {
    expect(market.format).toBe('territory-planner/sample-market');
    expect(market.version).toBe(1);
    expect(market.seed).toBe(DEFAULT_SEED);
    expect(market.referenceDate).toBe('2026-11-01');
    expect(stores.length).toBeGreaterThanOrEqual(9_500);
    expect(stores.length).toBeLessThanOrEqual(10_500);
    expect(new Set(stores.map((s) => s.id)).size).toBe(stores.length);
    expect(new Set(stores.map((s) => s.externalId)).size).toBe(stores.length);
    stores.forEach((s, i) => expect(s.id).toBe(`S${String(i + 1).padStart(5, '0')}`));
    expect(stores.every((s) => /^CRM-\d{6}$/.test(s.externalId ?? ''))).toBe(true);
  });

  it('keeps coordinates valid, 5-decimal and inside the US (contiguous, Alaska or Hawaii)', () => {
    const inBox = (s: Store, [w, so, e, n]: number[]): boolean => s.lng >= w! && s.lng <= e! && s.lat >= so! && s.lat <= n!;
    for (const s of stores) {
      expect(Number.isFinite(s.lat) && Number.isFinite(s.lng)).toBe(true);
      expect(Math.round(s.lat * 1e5) / 1e5).toBe(s.lat);
      expect(Math.round(s.lng * 1e5) / 1e5).toBe(s.lng);
      const box =
        s.state === 'AK' ? [-180, 51, -129, 72] : s.state === 'HI' ? [-161, 18.5, -154.5, 22.5] : [-125, 24.3, -66.8, 49.5];
      if (!inBox(s, box)) throw new Error(`${s.id} (${s.city}, ${s.state}) at ${s.lng},${s.lat} is outside its box`);
    }
  });

  it('uses valid state codes, covers every state incl. AK, HI and DC, and plausible ZIPs', () => {
    const valid = new Set<string>(US_STATE_CODES);
    expect(stores.every((s) => valid.has(s.state))).toBe(true);
    const present = new Set(stores.map((s) => s.state));
    for (const code of US_STATE_CODES) expect(present.has(code), code).toBe(true);
    for (const s of stores) {
      expect(s.zip).toMatch(/^\d{5}$/);
      const prefix = Number(s.zip.slice(0, 3));
      expect(ZIP_PREFIX_RANGES[s.state]!.some(([lo, hi]) => prefix >= lo && prefix <= hi), `${s.id} ${s.state} ${s.zip}`).toBe(true);
      expect(s.address).toMatch(/^\d+ \S/);
      expect(s.name.length).toBeGreaterThan(3);
      expect(s.geocodePrecision).toBe('exact');
    }
  });

  it('has a status mix of about 45 / 45 / 10 and every channel', () => {
    expect(share((s) => s.status === 'customer')).toBeGreaterThan(0.4);
    expect(share((s) => s.status === 'customer')).toBeLessThan(0.5);
    expect(share((s) => s.status === 'prospect')).toBeGreaterThan(0.4);
    expect(share((s) => s.status === 'prospect')).toBeLessThan(0.5);
    expect(share((s) => s.status === 'lost')).toBeGreaterThan(0.07);
    expect(share((s) => s.status === 'lost')).toBeLessThan(0.13);
    for (const c of CHANNELS) expect(share((s) => s.channel === c), c).toBeGreaterThan(0.04);
  });

  it('keeps money and dates consistent with each status', () => {
    const ref = REFERENCE_DATE;
    const nextYear = '2027-11-01';
    for (const s of stores) {
      expect(Number.isInteger(s.revenue) && Number.isInteger(s.priorRevenue) && Number.isInteger(s.potential)).toBe(true);
      expect(s.potential).toBeGreaterThan(0);
      expect(s.priorRevenue).toBeGreaterThanOrEqual(0);
      if (s.customerSince !== null) expect(s.customerSince <= ref, s.id).toBe(true);
      if (s.status === 'customer') {
        expect(s.revenue).toBeGreaterThan(0);
        expect(s.customerSince).not.toBeNull();
        expect(s.satisfaction).toBeGreaterThanOrEqual(1);
        expect(s.satisfaction).toBeLessThanOrEqual(5);
        expect(s.renewalDate! > ref && s.renewalDate! <= nextYear, s.id).toBe(true);
      } else {
        expect(s.revenue).toBe(0);
        expect(s.renewalDate).toBeNull();
        expect(s.keyAccount).toBe(false);
      }
      if (s.status === 'prospect') {
        expect(s.priorRevenue).toBe(0);
        expect(s.customerSince).toBeNull();
        expect(s.satisfaction).toBeNull();
        expect(s.accountManagerId).toBeNull();
      }
      if (s.status === 'lost') expect(s.customerSince).not.toBeNull();
    }
    const customers = stores.filter((s) => s.status === 'customer');
    const newShare = share((s) => s.customerSince! > '2025-11-01', customers);
    expect(newShare).toBeGreaterThan(0.1);
    expect(newShare).toBeLessThan(0.2);
    // Customers won this year had no purchases in the prior year.
    expect(customers.filter((s) => s.customerSince! > '2025-11-01').every((s) => s.priorRevenue === 0)).toBe(true);
    // Wallet usually exceeds revenue.
    expect(share((s) => s.potential >= s.revenue, customers)).toBeGreaterThan(0.9);
    // Total growth is moderate, not wild.
    const rev = stores.reduce((t, s) => t + s.revenue, 0);
    const prior = stores.reduce((t, s) => t + s.priorRevenue, 0);
    expect(Math.abs((rev - prior) / prior)).toBeLessThan(0.25);
  });

  it('marks ~3 % big customers as key accounts and links portfolios to known account managers', () => {
    const key = stores.filter((s) => s.keyAccount);
    expect(key.length / stores.length).toBeGreaterThan(0.015);
    expect(key.length / stores.length).toBeLessThan(0.05);
    const revenues = stores.filter((s) => s.status === 'customer').map((s) => s.revenue).sort((a, b) => a - b);
    const median = revenues[Math.floor(revenues.length / 2)]!;
    expect(key.every((s) => s.status === 'customer' && s.revenue > median && s.accountManagerId !== null)).toBe(true);
    const managers = new Set(market.people.map((p) => p.id));
    expect(market.people.length).toBeGreaterThanOrEqual(6);
    expect(market.people.every((p) => p.role === 'account-manager' && p.workspaceId === 'ws-default')).toBe(true);
    const managed = stores.filter((s) => s.accountManagerId !== null);
    expect(managed.every((s) => managers.has(s.accountManagerId!))).toBe(true);
    const customers = stores.filter((s) => s.status === 'customer');
    const managedShare = share((s) => s.accountManagerId !== null, customers);
    expect(managedShare).toBeGreaterThan(0.25);
    expect(managedShare).toBeLessThan(0.45);
    // Retention is measurable: portfolios contain lost stores too.
    expect(managed.some((s) => s.status === 'lost')).toBe(true);
    for (const p of market.people) expect(managed.some((s) => s.accountManagerId === p.id), p.id).toBe(true);
  });

  it('samples places by population: big cities get many stores, small towns few', () => {
    const byPlace = new Map<string, number>();
    for (const s of stores) byPlace.set(`${s.city}|${s.state}`, (byPlace.get(`${s.city}|${s.state}`) ?? 0) + 1);
    const largest = [...places].sort((a, b) => b.population - a.population)[0]!;
    expect(largest.name).toBe('Los Angeles');
    const laStores = byPlace.get('Los Angeles|CA') ?? 0;
    expect(laStores).toBeGreaterThan(80);
    const towns = places.filter((p) => p.population >= 1500 && p.population <= 2500);
    const maxTown = Math.max(...towns.map((t) => byPlace.get(`${t.name}|${t.state}`) ?? 0));
    expect(maxTown).toBeLessThan(laStores / 10);
    // Stores per million people are similar in big and mid-sized places (a weighting, not a cap).
    const totalPop = places.reduce((t, p) => t + p.population, 0);
    const rate = (group: Place[]): number => {
      const pop = group.reduce((t, p) => t + p.population, 0);
      const n = group.reduce((t, p) => t + (byPlace.get(`${p.name}|${p.state}`) ?? 0), 0);
      return n / pop / (stores.length / totalPop);
    };
    const big = places.filter((p) => p.population >= 500_000 && p.name !== 'Washington');
    const mid = places.filter((p) => p.population >= 50_000 && p.population < 200_000);
    expect(rate(big)).toBeGreaterThan(0.7);
    expect(rate(big)).toBeLessThan(1.3);
    expect(rate(mid)).toBeGreaterThan(0.7);
    expect(rate(mid)).toBeLessThan(1.3);
  });

  it('puts farm-and-feed in small towns more than in metros', () => {
    const popOf = new Map(places.map((p) => [`${p.name}|${p.state}`, p.population]));
    const small = stores.filter((s) => (popOf.get(`${s.city}|${s.state}`) ?? 0) < 10_000);
    const metro = stores.filter((s) => (popOf.get(`${s.city}|${s.state}`) ?? 0) >= 100_000);
    expect(share((s) => s.channel === 'farm-feed', small)).toBeGreaterThan(3 * share((s) => s.channel === 'farm-feed', metro));
  });

  it('places every store of the contiguous states inside its own state and the territory of that state', () => {
    const territoryOfState = new Map<string, string>();
    DEMO_GROUPS.forEach((g, i) => g.states.forEach((s) => territoryOfState.set(s, `T${String(i + 1).padStart(2, '0')}`)));
    let unassigned = 0;
    for (const s of stores) {
      const hits = plan.territories.filter((t) => booleanPointInPolygon([s.lng, s.lat], t.geometry));
      if (s.state === 'AK' || s.state === 'HI') {
        expect(hits).toHaveLength(0);
        unassigned++;
        continue;
      }
      expect(hits.map((t) => t.id), `${s.id} ${s.city}, ${s.state}`).toEqual([territoryOfState.get(s.state)]);
    }
    expect(unassigned).toBeGreaterThan(20);
    expect(unassigned).toBeLessThan(200);
  }, SLOW);
});

describe('demo plan', () => {
  it('has 10 territories with ids, ranks, distinct colors and named managers', () => {
    expect(plan.format).toBe('territory-planner/demo-plan');
    expect(plan.version).toBe(1);
    expect(plan.name).toBe('Demo plan — 10 regions');
    expect(plan.territories).toHaveLength(10);
    plan.territories.forEach((t, i) => {
      expect(t.id).toBe(`T${String(i + 1).padStart(2, '0')}`);
      expect(t.rank).toBe(i);
      expect(t.locked).toBe(false);
      expect(t.regionId).toBeNull();
      expect(t.color).toMatch(/^#[0-9a-f]{6}$/);
      expect(['Polygon', 'MultiPolygon']).toContain(t.geometry.type);
      expect(plan.people.some((p) => p.id === t.managerId && p.role === 'territory-manager')).toBe(true);
    });
    expect(new Set(plan.territories.map((t) => t.color)).size).toBe(10);
    expect(new Set(plan.territories.map((t) => t.name)).size).toBe(10);
    expect(statSync(DEMO_PLAN_PATH).size).toBeLessThan(1.5 * 1024 * 1024);
  });

  it('covers every contiguous state (and DC) exactly once, and not Alaska or Hawaii', () => {
    const states = stateFeatures(topology);
    expect(CONTIGUOUS_STATE_CODES).toHaveLength(49);
    const grouped = DEMO_GROUPS.flatMap((g) => g.states).sort();
    expect(grouped).toEqual([...CONTIGUOUS_STATE_CODES]);
    for (const code of [...CONTIGUOUS_STATE_CODES, 'AK', 'HI']) {
      const f = states.get(code)!;
      const inside = pointOnFeature(f);
      const hits = plan.territories.filter((t) => booleanPointInPolygon(inside, t.geometry));
      const expected = code === 'AK' || code === 'HI' ? 0 : 1;
      expect(hits.length, code).toBe(expected);
      if (expected === 1) {
        const group = DEMO_GROUPS.findIndex((g) => g.states.includes(code));
        expect(hits[0]!.name, code).toBe(DEMO_GROUPS[group]!.name);
      }
    }
  });

  it('has no overlaps and no gaps: territory areas add up to the states’ areas', () => {
    const states = stateFeatures(topology);
    const stateArea = CONTIGUOUS_STATE_CODES.reduce((t, c) => t + area(states.get(c)!), 0);
    const territoryArea = plan.territories.reduce((t, x) => t + area(turfFeature(x.geometry)), 0);
    expect(Math.abs(territoryArea - stateArea) / stateArea).toBeLessThan(1e-6);
    // The overlap check can see an overlap at all: a territory overlaps itself.
    const first = turfFeature(plan.territories[0]!.geometry);
    expect(area(intersect(featureCollection([first, first]))!)).toBeGreaterThan(1e9);
    for (let i = 0; i < plan.territories.length; i++) {
      for (let j = i + 1; j < plan.territories.length; j++) {
        const a = plan.territories[i]!;
        const b = plan.territories[j]!;
        const overlap = intersect(featureCollection([turfFeature(a.geometry), turfFeature(b.geometry)]));
        const overlapArea = overlap ? area(overlap) : 0;
        expect(overlapArea, `${a.name} × ${b.name}`).toBeLessThan(1); // m²: shared borders only
      }
    }
  }, SLOW);
});
