/** A realistic plan bundle and market for the plans and backup tests. */
import { assignPlan } from '../../../src/domain/assignment';
import {
  CHANNELS,
  STORE_STATUSES,
  type Person,
  type PersonId,
  type PlanBundle,
  type PlanId,
  type RegionId,
  type Store,
  type StoreId,
  type StorePin,
  type Territory,
  type TerritoryId,
  type WorkspaceId,
} from '../../../src/domain/types';
import { mulberry32 } from '../../fixtures/random';

export const WS = 'ws-1' as WorkspaceId;
export const PLAN_A = 'plan-A' as PlanId;

/** Freezes a value and everything inside it (a test that mutates it then throws). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export const alice: Person = { id: 'P-TM-01' as PersonId, workspaceId: WS, name: 'Alice Moreno', role: 'territory-manager', email: 'alice@example.com' };
export const bob: Person = { id: 'P-TM-02' as PersonId, workspaceId: WS, name: 'Bob Okafor', role: 'territory-manager', email: null };
export const carol: Person = { id: 'P-AM-01' as PersonId, workspaceId: WS, name: 'Carol Ng', role: 'account-manager', email: null, homeBase: 'Wichita, KS' };
export const PEOPLE: readonly Person[] = [alice, bob, carol];

const tid = (s: string) => s as TerritoryId;

/**
 * Three territories near Kansas with non-round coordinates (exactness matters), wound
 * the RFC 7946 way (outer rings counter-clockwise, holes clockwise):
 * - T-north: a polygon with a hole, locked, notes, target, region R-plains, Alice;
 * - T-south: a two-part multipolygon painted from counties, region R-plains, Bob;
 * - T-east: overlaps the north-east of T-north (rank 5 loses there), no region/manager.
 */
export function sampleBundle(planId: PlanId = PLAN_A): PlanBundle {
  const territories: Territory[] = [
    {
      id: tid('T-north'),
      planId,
      name: 'North Plains',
      color: '#1f77b4',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [[-100.123456789012, 38.5], [-96.000000000001, 38.5], [-96.000000000001, 40.987654321], [-100.123456789012, 40.987654321], [-100.123456789012, 38.5]],
          [[-99, 39], [-99, 40], [-98, 40], [-98, 39], [-99, 39]],
        ],
      },
      managerId: alice.id,
      regionId: 'R-plains' as RegionId,
      locked: true,
      notes: 'Keep the vet clinics; "call" before =visits',
      targetRevenue: 250000.5,
      rank: 0,
    },
    {
      id: tid('T-south'),
      planId,
      name: 'South Plains',
      color: '#ff7f0e',
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [[[-100.1, 36.2], [-97.3, 36.2], [-97.3, 38.4], [-100.1, 38.4], [-100.1, 36.2]]],
          [[[-96.9, 36.9], [-95.1, 36.9], [-95.1, 37.7], [-96.9, 37.7], [-96.9, 36.9]]],
        ],
      },
      managerId: bob.id,
      regionId: 'R-plains' as RegionId,
      locked: false,
      rank: 1,
      units: { level: 'counties', ids: ['20001', '20003', '20005'] },
    },
    {
      id: tid('T-east'),
      planId,
      name: 'East ★ Ozarks',
      color: '#2ca02c',
      geometry: {
        type: 'Polygon',
        coordinates: [[[-97, 39.5], [-94.2, 39.5], [-94.2, 41.3], [-97, 41.3], [-97, 39.5]]],
      },
      managerId: null,
      regionId: null,
      locked: false,
      notes: '',
      targetRevenue: 0,
      rank: 5,
    },
  ];
  const pins: StorePin[] = [
    { storeId: 'S-00007' as StoreId, territoryId: tid('T-east') },
    { storeId: 'S-00011' as StoreId, territoryId: tid('T-north') },
  ];
  return {
    plan: { id: planId, workspaceId: WS, name: 'FY27 realignment', createdAt: 1_700_000_000_000, updatedAt: 1_700_000_500_000, overlapMode: 'yield', pins },
    territories,
    regions: [
      { id: 'R-plains' as RegionId, planId, name: 'Plains', color: '#4e79a7', managerId: alice.id },
      { id: 'R-empty' as RegionId, planId, name: 'Empty region', color: '#f28e2b', managerId: null },
    ],
  };
}

/**
 * `n` stores spread over lng −101…−93, lat 35.5…42 (around the sample territories), ids
 * `S-00000`… ascending, with every field set (nulls, unicode, large numbers included).
 */
export function randomStores(n: number, seed = 7): Store[] {
  const rnd = mulberry32(seed);
  const stores: Store[] = [];
  for (let i = 0; i < n; i++) {
    const status = STORE_STATUSES[Math.floor(rnd() * STORE_STATUSES.length)]!;
    stores.push({
      id: `S-${String(i).padStart(5, '0')}` as StoreId,
      externalId: i % 3 === 0 ? null : `CRM-${i}`,
      name: i % 17 === 0 ? `Tierbedarf Müller ${i} 🐾` : `Pet Store ${i}`,
      address: `${i} Main St`,
      city: i % 5 === 0 ? 'Saint-Étienne' : 'Wichita',
      state: 'KS',
      zip: String(66000 + (i % 999)).padStart(5, '0'),
      lat: 35.5 + rnd() * 6.5,
      lng: -101 + rnd() * 8,
      geocodePrecision: i % 4 === 0 ? 'zip-centroid' : 'exact',
      status,
      channel: CHANNELS[i % CHANNELS.length]!,
      revenue: i === 3 ? 123456789012.25 : Math.round(rnd() * 1e6) / 100,
      priorRevenue: Math.round(rnd() * 1e6) / 100,
      potential: Math.round(rnd() * 2e6) / 100,
      customerSince: status === 'customer' ? '2021-03-04' : null,
      satisfaction: i % 3 === 0 ? null : 1 + (i % 5),
      renewalDate: i % 7 === 0 ? '2027-01-31' : null,
      keyAccount: i % 11 === 0,
      accountManagerId: i % 2 === 0 ? carol.id : null,
    });
  }
  return stores;
}

/** The plan's assignment (the one function the app uses). */
export function assign(stores: readonly Store[], bundle: PlanBundle): Int32Array {
  const lngs = Float64Array.from(stores, (s) => s.lng);
  const lats = Float64Array.from(stores, (s) => s.lat);
  return assignPlan(stores, lngs, lats, bundle.territories, bundle.plan.pins);
}
