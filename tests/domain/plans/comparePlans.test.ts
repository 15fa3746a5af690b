import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { comparePlans, duplicatePlan, UNASSIGNED_KEY, type PlanComparison } from '../../../src/domain/plans';
import type { PlanBundle, PlanId, Store, TerritoryId } from '../../../src/domain/types';
import { baseStore, squareTerritory } from '../../fixtures/market';
import { mulberry32 } from '../../fixtures/random';
import { assign, randomStores, sampleBundle } from './helpers';

const s = (id: string, status: Store['status'], revenue: number, potential: number): Store =>
  baseStore({ id: id as Store['id'], status, revenue, potential });

/** Every moved index must be what a naive comparison of identities says. */
function expectNoMoves(c: PlanComparison): void {
  expect(c.moves).toEqual([]);
  expect(Array.from(c.moved)).toEqual([]);
  expect(c.summary).toEqual({ storesMoved: 0, customersMoved: 0, revenueMoved: 0, potentialMoved: 0 });
}

describe('comparePlans: a hand-checked example', () => {
  // A: North (id n), South (id s), West (id w).
  // B: North renamed (id n → matched by id), " south " with a new id s2 (matched by
  //    name), East (id e, added). West is removed.
  const A = [squareTerritory('n', 0, 0, 1, 0, { name: 'North' }), squareTerritory('s', 0, 0, 1, 1, { name: 'South' }), squareTerritory('w', 0, 0, 1, 2, { name: 'West' })];
  const B = [squareTerritory('n', 0, 0, 1, 0, { name: 'North (renamed)' }), squareTerritory('s2', 0, 0, 1, 1, { name: ' south ' }), squareTerritory('e', 0, 0, 1, 2, { name: 'East' })];
  const stores = [
    s('s0', 'customer', 100, 200), // A North → B North: stays
    s('s1', 'prospect', 0, 50), //    A North → B South: moves
    s('s2', 'customer', 300, 300), // A South → B South (by name): stays
    s('s3', 'customer', 40, 100), //  A West → B East: moves
    s('s4', 'lost', 10, 20), //       A unassigned → B East: moves
    s('s5', 'customer', 7, 9), //     A West → B unassigned: moves
    s('s6', 'customer', 60, 70), //   A North → B South: moves
  ];
  const assignmentA = Int32Array.from([0, 0, 1, 2, -1, 2, 0]);
  const assignmentB = Int32Array.from([0, 1, 1, 2, 2, -1, 1]);
  const c = comparePlans({ stores, assignmentA, territoriesA: A, assignmentB, territoriesB: B });

  it('gives one row per matched pair, then removed, then added, with a, b and b − a', () => {
    expect(c.territories.map((r) => [r.status, r.matchedBy, r.idA, r.idB, r.nameA, r.nameB])).toEqual([
      ['matched', 'id', 'n', 'n', 'North', 'North (renamed)'],
      ['matched', 'name', 's', 's2', 'South', ' south '],
      ['removed', null, 'w', null, 'West', null],
      ['added', null, null, 'e', null, 'East'],
    ]);
    // North in A: s0, s1, s6 → 3 stores, 2 customers (s0, s6), revenue 160, potential 320.
    // North in B: s0 → 1, 1, 100, 200. Diff −2, −1, −60, −120.
    expect(c.territories[0]).toMatchObject({
      a: { stores: 3, customers: 2, revenue: 160, potential: 320 },
      b: { stores: 1, customers: 1, revenue: 100, potential: 200 },
      diff: { stores: -2, customers: -1, revenue: -60, potential: -120 },
    });
    // South in A: s2 → 1, 1, 300, 300. In B: s1, s2, s6 → 3, 2, 360, 420.
    expect(c.territories[1]).toMatchObject({
      a: { stores: 1, customers: 1, revenue: 300, potential: 300 },
      b: { stores: 3, customers: 2, revenue: 360, potential: 420 },
      diff: { stores: 2, customers: 1, revenue: 60, potential: 120 },
    });
    // West (removed): s3, s5 → 2, 2, 47, 109; b is null and counts as zero.
    expect(c.territories[2]).toMatchObject({ a: { stores: 2, customers: 2, revenue: 47, potential: 109 }, b: null, diff: { stores: -2, customers: -2, revenue: -47, potential: -109 } });
    // East (added): s3, s4 → 2, 1, 50, 120.
    expect(c.territories[3]).toMatchObject({ a: null, b: { stores: 2, customers: 1, revenue: 50, potential: 120 }, diff: { stores: 2, customers: 1, revenue: 50, potential: 120 } });
    // Row keys are unique and never the unassigned key.
    const keys = c.territories.map((r) => r.key);
    expect(new Set(keys).size).toBe(4);
    expect(keys).not.toContain(UNASSIGNED_KEY);
  });

  it('has an Unassigned row and totals (each store once per plan)', () => {
    // Unassigned: A has s4 (lost, 10, 20); B has s5 (customer, 7, 9).
    expect(c.unassigned).toEqual({
      a: { stores: 1, customers: 0, revenue: 10, potential: 20 },
      b: { stores: 1, customers: 1, revenue: 7, potential: 9 },
      diff: { stores: 0, customers: 1, revenue: -3, potential: -11 },
    });
    // 7 stores, customers s0 s2 s3 s5 s6 = 5, revenue 517, potential 749, in both plans.
    const all = { stores: 7, customers: 5, revenue: 517, potential: 749 };
    expect(c.totals).toEqual({ a: all, b: all, diff: { stores: 0, customers: 0, revenue: 0, potential: 0 } });
  });

  it('lists moves largest first, with to/from Unassigned', () => {
    const moves = c.moves.map((m) => [m.from.name ?? 'Unassigned', m.to.name ?? 'Unassigned', m.stores, m.customers, m.revenue, m.potential]);
    // North → South: s1 + s6 (2 stores, 1 customer, 60, 120); then 1-store moves by revenue:
    // West → East s3 (40), Unassigned → East s4 (10), West → Unassigned s5 (7).
    expect(moves).toEqual([
      ['North', ' south ', 2, 1, 60, 120],
      ['West', 'East', 1, 1, 40, 100],
      ['Unassigned', 'East', 1, 0, 10, 20],
      ['West', 'Unassigned', 1, 1, 7, 9],
    ]);
    expect(c.moves[0]!.from).toEqual({ kind: 'territory', key: c.territories[0]!.key, id: 'n', name: 'North' });
    expect(c.moves[0]!.to).toEqual({ kind: 'territory', key: c.territories[1]!.key, id: 's2', name: ' south ' });
    expect(c.moves[2]!.from).toEqual({ kind: 'unassigned', key: UNASSIGNED_KEY, id: null, name: null });
  });

  it('returns the moved stores ascending with their territory in each plan, and the totals moved', () => {
    expect(Array.from(c.moved)).toEqual([1, 3, 4, 5, 6]);
    expect(Array.from(c.movedFrom)).toEqual([0, 2, -1, 2, 0]);
    expect(Array.from(c.movedTo)).toEqual([1, 2, 2, -1, 1]);
    // 5 stores; customers s3 s5 s6 = 3; revenue 0 + 40 + 10 + 7 + 60 = 117; potential 249.
    expect(c.summary).toEqual({ storesMoved: 5, customersMoved: 3, revenueMoved: 117, potentialMoved: 249 });
  });
});

describe('comparePlans: plans derived from each other', () => {
  const stores = randomStores(3000, 3);
  const A = sampleBundle();
  const assignmentA = assign(stores, A);
  const compareTo = (B: PlanBundle) => comparePlans({ stores, assignmentA, territoriesA: A.territories, assignmentB: assign(stores, B), territoriesB: B.territories });
  const copy = () => duplicatePlan(A, { newPlanId: 'plan-B' as PlanId, name: 'B', now: 1 });

  it('identical plans (a fresh duplicate) move nothing', () => {
    const c = compareTo(copy());
    expectNoMoves(c);
    expect(c.territories.every((r) => r.status === 'matched' && r.matchedBy === 'id')).toBe(true);
    expect(c.territories.every((r) => r.diff.stores === 0 && r.diff.revenue === 0)).toBe(true);
  });

  it('a duplicate with one store-moving edit moves exactly the stores that changed territory', () => {
    const B = copy();
    // Shrink T-east's west edge from −97 to −95.5: the stores it gave up go back to T-north
    // (where they lie in it) or to nobody. Pins stay as they are.
    const east = B.territories[2]!.geometry as Polygon;
    for (const p of east.coordinates[0]!) if (p[0] === -97) p[0] = -95.5;
    const assignmentB = assign(stores, B);
    const c = comparePlans({ stores, assignmentA, territoriesA: A.territories, assignmentB, territoriesB: B.territories });
    const expected: number[] = [];
    for (let i = 0; i < stores.length; i++) if (assignmentA[i] !== assignmentB[i]) expected.push(i);
    expect(expected.length).toBeGreaterThan(10);
    expect(Array.from(c.moved)).toEqual(expected);
    // Every move leaves T-east; none enters it.
    expect(c.moves.every((m) => m.from.id === 'T-east' && m.to.id !== 'T-east')).toBe(true);
    expect(c.moves.reduce((n, m) => n + m.stores, 0)).toBe(expected.length);
    // Pinned S-00007 stays in T-east.
    expect(c.moved).not.toContain(7);
  });

  it('a rename (matched by id) moves nothing', () => {
    const B = copy();
    B.territories[0]!.name = 'Northern High Plains';
    const c = compareTo(B);
    expectNoMoves(c);
    expect(c.territories[0]).toMatchObject({ status: 'matched', matchedBy: 'id', nameA: 'North Plains', nameB: 'Northern High Plains' });
  });

  it('deleting and redrawing the same shape under the same name (new id) is matched by name and moves nothing', () => {
    const B = copy();
    B.territories[1] = { ...B.territories[1]!, id: 'T-redrawn' as TerritoryId, name: '  south PLAINS' };
    B.plan.pins = []; // none of the pins points at it; keep the test about the geometry
    const A2 = { ...A, plan: { ...A.plan, pins: [] } };
    const c = comparePlans({
      stores,
      assignmentA: assign(stores, A2),
      territoriesA: A2.territories,
      assignmentB: assign(stores, B),
      territoriesB: B.territories,
    });
    expectNoMoves(c);
    expect(c.territories[1]).toMatchObject({ status: 'matched', matchedBy: 'name', idA: 'T-south', idB: 'T-redrawn' });
  });
});

describe('comparePlans: edge cases', () => {
  const T = [squareTerritory('a', 0, 0, 1, 0)];

  it('an empty market gives zero rows, no moves', () => {
    const c = comparePlans({ stores: [], assignmentA: new Int32Array(0), territoriesA: T, assignmentB: new Int32Array(0), territoriesB: [] });
    expectNoMoves(c);
    expect(c.territories).toHaveLength(1);
    expect(c.territories[0]).toMatchObject({ status: 'removed', a: { stores: 0, customers: 0, revenue: 0, potential: 0 }, b: null });
    expect(c.totals.a.stores).toBe(0);
    expect(c.moved).toBeInstanceOf(Int32Array);
  });

  it('all stores unassigned in both plans: nothing moves, everything is in the Unassigned row', () => {
    const stores = [s('x', 'customer', 5, 6), s('y', 'prospect', 1, 2)];
    const none = Int32Array.from([-1, -1]);
    const c = comparePlans({ stores, assignmentA: none, territoriesA: [], assignmentB: none, territoriesB: [] });
    expectNoMoves(c);
    expect(c.territories).toEqual([]);
    expect(c.unassigned.a).toEqual({ stores: 2, customers: 1, revenue: 6, potential: 8 });
  });

  it('out-of-range indices and a short assignment count as unassigned; NaN revenue counts as 0', () => {
    const stores = [s('x', 'customer', NaN, 6), s('y', 'customer', 3, Infinity), s('z', 'lost', 1, 1)];
    const c = comparePlans({ stores, assignmentA: Int32Array.from([7, 0]), territoriesA: T, assignmentB: Int32Array.from([-1, 0, 0]), territoriesB: T });
    // x: unassigned both; y: a both; z: unassigned (short A) → a.
    expect(Array.from(c.moved)).toEqual([2]);
    expect(c.moves).toHaveLength(1);
    expect(c.moves[0]).toMatchObject({ from: { kind: 'unassigned' }, to: { id: 'a' }, stores: 1, customers: 0, revenue: 1 });
    expect(c.unassigned.a).toEqual({ stores: 2, customers: 1, revenue: 1, potential: 7 });
    expect(c.territories[0]!.b).toEqual({ stores: 2, customers: 1, revenue: 4, potential: 1 });
  });

  it('with many territories (moves looked up in a Map) gives the same moves as with few', () => {
    const many = Array.from({ length: 600 }, (_, k) => squareTerritory(`t${k}`, 0, 0, 1, k, { name: `T ${k}` }));
    const stores = [s('p', 'customer', 5, 5), s('q', 'customer', 7, 7), s('r', 'lost', 1, 1)];
    const c = comparePlans({ stores, assignmentA: Int32Array.from([599, 3, 3]), territoriesA: many, assignmentB: Int32Array.from([0, 599, 3]), territoriesB: many });
    expect(c.moves.map((m) => [m.from.id, m.to.id, m.stores, m.revenue])).toEqual([
      ['t3', 't599', 1, 7],
      ['t599', 't0', 1, 5],
    ]);
    expect(Array.from(c.moved)).toEqual([0, 1]);
  });

  it('counts the moves of 100k stores over 200 territories (10 replaced) exactly', () => {
    const n = 100_000;
    const rnd = mulberry32(11);
    const stores: Store[] = [];
    for (let i = 0; i < n; i++) stores.push(s(`s${i}`, i % 3 === 0 ? 'customer' : 'prospect', rnd() * 1000, rnd() * 2000));
    const TA = Array.from({ length: 200 }, (_, k) => squareTerritory(`t${k}`, 0, 0, 1, k, { name: `T ${k}` }));
    const TB = TA.slice(0, 190).concat(Array.from({ length: 10 }, (_, k) => squareTerritory(`new${k}`, 0, 0, 1, 190 + k, { name: `New ${k}` })));
    const a = Int32Array.from({ length: n }, () => Math.floor(rnd() * 201) - 1);
    const b = Int32Array.from(a, (x) => (rnd() < 0.1 ? Math.floor(rnd() * 200) : x));
    const input = { stores, assignmentA: a, territoriesA: TA, assignmentB: b, territoriesB: TB };
    const c = comparePlans(input);
    let expected = 0;
    for (let i = 0; i < n; i++) {
      const ka = a[i]! >= 190 ? `A${a[i]}` : a[i]! < 0 ? 'u' : `t${a[i]}`;
      const kb = b[i]! >= 190 ? `B${b[i]}` : b[i]! < 0 ? 'u' : `t${b[i]}`;
      if (ka !== kb) expected++;
    }
    expect(c.summary.storesMoved).toBe(expected);
    expect(c.totals.a.stores).toBe(n);
    // Its speed is measured by `npm run bench -- plans:` (a timed test fails on a busy machine).
  });
});
