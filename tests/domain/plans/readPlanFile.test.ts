import { describe, expect, it } from 'vitest';
import { DEFAULT_TERRITORY_COLOR, readPlanFile, writePlanFile, type ReadPlanFileContext, type ReadPlanFileValue } from '../../../src/domain/plans';
import type { Person, PersonId, PlanBundle, PlanId, Store, StoreId, WorkspaceId } from '../../../src/domain/types';
import { alice, assign, bob, carol, deepFreeze, PEOPLE, randomStores, sampleBundle, WS } from './helpers';

const NEW = 'plan-read' as PlanId;
const stores = randomStores(4000, 21);
const ctx = (over: Partial<ReadPlanFileContext> = {}): ReadPlanFileContext => ({ people: PEOPLE, stores, newPlanId: NEW, workspaceId: WS, now: 999, ...over });
const text = (bundle: PlanBundle, people: readonly Person[] = PEOPLE) => JSON.stringify(writePlanFile(bundle, { people, stores }));

function read(t: string, c: ReadPlanFileContext = ctx()): ReadPlanFileValue {
  const r = readPlanFile(t, c);
  if (!r.ok) throw new Error(`${r.reason}: ${r.message}`);
  return r.value;
}

/** The bundle as it should read back: new plan id and times, everything else equal. */
function asReadBack(b: PlanBundle): PlanBundle {
  return {
    plan: { ...b.plan, id: NEW, createdAt: 999, updatedAt: 999 },
    territories: b.territories.map((t) => ({ ...t, planId: NEW })),
    regions: b.regions.map((r) => ({ ...r, planId: NEW })),
  };
}

describe('readPlanFile: round trip', () => {
  it('keeps how Auto-balance made the plan (auto_balance), and drops a damaged record without refusing the file', () => {
    const balance = {
      level: 'counties', k: 12, spec: { measure: 'revenue' }, tolerance: 0.05, mode: 'scratch', compactness: 0.3, fill: true,
      seedFromCentres: false, seed: 7, fromPlanId: 'plan-a', at: 1_764_950_000_000,
    } as unknown as NonNullable<PlanBundle['plan']['balance']>;
    const original = sampleBundle();
    const withBalance = { ...original, plan: { ...original.plan, balance } };
    const doc = JSON.parse(text(withBalance));
    expect(doc.territory_planner.plan.auto_balance).toEqual(balance);
    expect(read(JSON.stringify(doc)).bundle.plan.balance).toEqual(balance);
    // no record, no member
    expect(JSON.parse(text(original)).territory_planner.plan).not.toHaveProperty('auto_balance');
    // damaged: k not an integer, mode unknown → dropped, the plan still reads
    for (const bad of [{ ...balance, k: 1.5 }, { ...balance, mode: 'magic' }, 'yes', null]) {
      doc.territory_planner.plan.auto_balance = bad;
      const back = read(JSON.stringify(doc));
      expect(back.bundle.plan.balance).toBeUndefined();
      expect(back.bundle.territories).toHaveLength(original.territories.length);
    }
  });

  it('write → JSON → read gives the same bundle (holes, multipolygon, units, pins, regions, locks, notes, targets, overlap)', () => {
    const original = deepFreeze(sampleBundle());
    const back = read(text(original));
    expect(back.bundle).toEqual(asReadBack(original));
    expect(back.newPeople).toEqual([]);
    expect(back.notes).toEqual([]);
    // Exact numbers, not just close ones.
    expect(JSON.stringify(back.bundle.territories.map((t) => t.geometry))).toBe(JSON.stringify(original.territories.map((t) => t.geometry)));
  });

  it('assignPlan gives the identical assignment for the original and the read-back plan', () => {
    const original = sampleBundle();
    const back = read(text(original)).bundle;
    const a = assign(stores, original);
    const b = assign(stores, back);
    expect(Array.from(b)).toEqual(Array.from(a));
    // The sample really exercises the rules: stores in each territory, the hole, the overlap, pins.
    const counts = [0, 0, 0];
    for (const k of a) if (k >= 0) counts[k]!++;
    expect(counts.every((n) => n > 50)).toBe(true);
    expect(a[7]).toBe(2); // pinned to T-east
  });

  it('reads a file from another computer: people by name, new managers created, pins by external id', () => {
    const original = sampleBundle();
    const file = text(original);
    // This workspace: Alice under another id and other capitalisation, no Bob; stores
    // have other ids but the same CRM ids (except S-00011, which is not in this market).
    const here: Person[] = [{ ...alice, id: 'P-X' as PersonId, name: 'ALICE  moreno' }];
    const otherStores: Store[] = stores.filter((s) => s.id !== 'S-00011').map((s) => ({ ...s, id: `X-${s.id}` as StoreId }));
    const back = read(file, ctx({ people: here, stores: otherStores, workspaceId: 'ws-2' as WorkspaceId }));
    const [north, south] = back.bundle.territories;
    expect(north!.managerId).toBe('P-X');
    expect(back.bundle.regions[0]!.managerId).toBe('P-X');
    expect(back.newPeople).toEqual([{ id: `P-TM-${NEW}-1`, workspaceId: 'ws-2', name: bob.name, role: 'territory-manager', email: null }]);
    expect(south!.managerId).toBe(`P-TM-${NEW}-1`);
    expect(back.bundle.plan.pins).toEqual([{ storeId: 'X-S-00007', territoryId: 'T-east' }]);
    expect(back.notes).toContain('1 pin was skipped: the store is not in this market.');
    expect(back.notes.some((n) => n.includes('Added a territory manager') && n.includes(bob.name))).toBe(true);
  });

  it('does not trust a person id that belongs to someone else here', () => {
    const here: Person[] = [{ ...alice, name: 'Somebody Else' }];
    const back = read(text(sampleBundle()), ctx({ people: here }));
    expect(back.bundle.territories[0]!.managerId).not.toBe(alice.id);
    expect(back.newPeople.map((p) => p.name)).toEqual([alice.name, bob.name]);
    // One new person per name, shared by the region and the territory.
    expect(back.bundle.regions[0]!.managerId).toBe(back.bundle.territories[0]!.managerId);
  });

  it('prefers a territory manager over an account manager with the same name', () => {
    const twin: Person = { ...carol, id: 'P-TM-77' as PersonId, role: 'territory-manager' };
    const b = sampleBundle();
    b.territories[2]!.managerId = carol.id;
    const back = read(text(b, [carol]), ctx({ people: [carol, twin] }));
    // The file's id (P-AM-01) is carol's and the names agree → carol herself.
    expect(back.bundle.territories[2]!.managerId).toBe(carol.id);
    const back2 = read(text(b, [carol]), ctx({ people: [{ ...carol, id: 'P-AM-99' as PersonId }, twin] }));
    expect(back2.bundle.territories[2]!.managerId).toBe('P-TM-77');
  });
});

describe('readPlanFile: lenient where nothing is lost', () => {
  const base = () => writePlanFile(sampleBundle(), { people: PEOPLE, stores });

  it('a bad color becomes the default; a null target is omitted; unreadable units are dropped with a note', () => {
    const doc = base();
    doc.features[0]!.properties.color = 'red';
    doc.features[0]!.properties.target_revenue = null;
    (doc.territory_planner.territories[1] as { units: unknown }).units = { level: 'planets', ids: ['x'] };
    const back = read(JSON.stringify(doc));
    expect(back.bundle.territories[0]!.color).toBe(DEFAULT_TERRITORY_COLOR);
    expect('targetRevenue' in back.bundle.territories[0]!).toBe(false);
    expect(back.bundle.territories[1]!.units).toBeUndefined();
    expect(back.notes.some((n) => n.includes('base units'))).toBe(true);
  });

  it('caps a 50 MB name at 200 characters and notes at 10,000', () => {
    const doc = base();
    doc.features[0]!.properties.name = 'N'.repeat(50 * 1024 * 1024);
    doc.features[1]!.properties.notes = 'z'.repeat(20_000);
    const back = read(JSON.stringify(doc));
    expect(back.bundle.territories[0]!.name).toBe('N'.repeat(200));
    expect(back.bundle.territories[1]!.notes).toHaveLength(10_000);
    expect(back.notes.some((n) => n.includes('shortened'))).toBe(true);
  });

  it('without territory extras: ranks follow the features, regions are found (or added) by name', () => {
    const doc = base();
    doc.territory_planner.territories = [];
    doc.features[2]!.properties.region = 'Ozarks';
    const back = read(JSON.stringify(doc));
    expect(back.bundle.territories.map((t) => [t.id, t.rank])).toEqual([['T-north', 0], ['T-south', 1], ['T-east', 2]]);
    expect(back.bundle.territories[0]!.regionId).toBe('R-plains');
    const ozarks = back.bundle.regions.find((r) => r.name === 'Ozarks');
    expect(ozarks).toBeDefined();
    expect(back.bundle.territories[2]!.regionId).toBe(ozarks!.id);
    expect(back.bundle.territories[0]!.managerId).toBe(alice.id); // by name alone
  });

  it('orders territories by rank whatever the feature order; pins to unknown territories are skipped', () => {
    const doc = base();
    doc.features.reverse();
    doc.territory_planner.pins.push({ store_id: 'S-00001', external_id: null, territory_id: 'T-nowhere' });
    const back = read(JSON.stringify(doc));
    expect(back.bundle.territories.map((t) => t.id)).toEqual(['T-north', 'T-south', 'T-east']);
    expect(back.notes).toContain('1 pin was skipped: the territory is not in the file.');
  });
});
