import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createPlan,
  deletePlan,
  listPlans,
  loadPlan,
  loadWorkspace,
  PERSISTED_HISTORY_LIMIT,
  savePlanChanges,
  seedWorkspace,
  setActivePlan,
  type PlanChanges,
} from '../../src/db/planRepository';
import { allStores, putStore } from './storeRecords';
import { marketStores } from '../../src/domain/market';
import { createPlannerDb, SCHEMA_VERSION, type PlannerDb } from '../../src/db/schema';
import type { Plan, PlanId, Region, RegionId, Territory, TerritoryId } from '../../src/domain/types';
import { manager, plan, squareTerritory, store, workspace } from '../fixtures/market';

let seq = 0;
const opened: PlannerDb[] = [];
function freshDb(): PlannerDb {
  const db = createPlannerDb(`tp-test-${++seq}-${Date.now()}`, { indexedDB, IDBKeyRange });
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const territoriesOf = () => [squareTerritory('A', 0, 0, 10, 0, { managerId: manager.id }), squareTerritory('B', 10, 0, 10, 1)];
const seed = () => ({
  workspace,
  plans: [{ plan, territories: territoriesOf(), regions: [] as Region[] }],
  stores: [store('S1', 5, 5), store('S2', 15, 5, { status: 'prospect', revenue: 0 }), store('S3', 50, 50)],
  people: [manager],
});
const PLAN2 = 'plan-2' as PlanId;
const plan2: Plan = { ...plan, id: PLAN2, name: 'Copy', createdAt: 2, updatedAt: 2 };
const changes = (over: Partial<PlanChanges>): PlanChanges => ({
  planId: plan.id, territoryUpserts: [], territoryDeletes: [], regionUpserts: [], regionDeletes: [], savedAt: 5, ...over,
});

describe('schema', () => {
  it('keys territories and regions by plan, so a duplicated plan can keep their ids', async () => {
    const db = freshDb();
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    const tables = Object.fromEntries(db.tables.map((t) => [t.name, t.schema]));
    expect(Object.keys(tables).sort()).toEqual(['history', 'marketChunks', 'meta', 'people', 'planRegions', 'planTerritories', 'plans', 'workspaces']);
    expect(tables['planTerritories']!.primKey.keyPath).toEqual(['planId', 'id']);
    expect(tables['planRegions']!.primKey.keyPath).toEqual(['planId', 'id']);
    expect(tables['planTerritories']!.indexes.map((i) => i.name)).toEqual(expect.arrayContaining(['planId', 'managerId']));
    expect(tables['history']!.primKey.name).toBe('planId');
    // the market: a few chunks per workspace, in order (db/marketChunks.ts)
    expect(tables['marketChunks']!.primKey.keyPath).toEqual(['workspaceId', 'chunk']);
  });
});

describe('save/load round trip', () => {
  it('returns null on an empty database (first run)', async () => {
    expect(await loadWorkspace(freshDb())).toBeNull();
  });

  it('loads exactly what was seeded', async () => {
    const db = freshDb();
    const input = seed();
    await seedWorkspace(db, input);
    const loaded = (await loadWorkspace(db))!;
    expect(loaded.problems).toEqual([]);
    expect(loaded.workspace).toEqual(workspace);
    expect(loaded.plans).toEqual([plan]);
    expect(loaded.active.bundle.plan).toEqual(plan);
    expect(loaded.active.bundle.territories).toEqual(input.plans[0]!.territories);
    expect(marketStores(loaded.market)).toEqual(input.stores);
    expect(loaded.people).toEqual([manager]);
  });

  it('two plans hold territories with the same ids without touching each other', async () => {
    const db = freshDb();
    await seedWorkspace(db, seed());
    const copies = territoriesOf().map((t) => ({ ...t, planId: PLAN2, name: `${t.name} (copy)` }));
    await createPlan(db, { plan: plan2, territories: copies, regions: [] });
    await savePlanChanges(db, changes({ planId: PLAN2, territoryUpserts: [{ ...copies[0]!, name: 'Edited copy' }], territoryDeletes: ['B' as TerritoryId] }));
    const original = (await loadPlan(db, plan.id))!.bundle.territories;
    const copy = (await loadPlan(db, PLAN2))!.bundle.territories;
    expect(original.map((t) => t.name)).toEqual(['Territory A', 'Territory B']);
    expect(copy.map((t) => [t.id, t.name])).toEqual([['A', 'Edited copy']]);
    expect((await listPlans(db, workspace.id)).map((p) => p.id)).toEqual([plan.id, PLAN2]);
  });

  it('reopens the plan that was open last', async () => {
    const db = freshDb();
    await seedWorkspace(db, seed());
    await createPlan(db, { plan: plan2, territories: [], regions: [] });
    expect((await loadWorkspace(db))!.active.bundle.plan.id).toBe(plan.id);
    await setActivePlan(db, workspace.id, PLAN2);
    expect((await loadWorkspace(db))!.active.bundle.plan.id).toBe(PLAN2);
  });

  it('createPlan never overwrites an existing plan; deletePlan removes territories, regions and history', async () => {
    const db = freshDb();
    await seedWorkspace(db, seed());
    await expect(createPlan(db, { plan, territories: [], regions: [] })).rejects.toThrow(/already exists/);
    expect((await loadPlan(db, plan.id))!.bundle.territories).toHaveLength(2);
    const region: Region = { id: 'R-1' as RegionId, planId: PLAN2, name: 'West', color: '#4e79a7', managerId: null };
    await createPlan(db, { plan: plan2, territories: [{ ...territoriesOf()[0]!, planId: PLAN2 }], regions: [region] }, { undo: [{ label: 'x', before: [], after: [] }], redo: [] });
    expect((await loadPlan(db, PLAN2))!.history.undo).toHaveLength(1);
    await deletePlan(db, PLAN2);
    expect(await loadPlan(db, PLAN2)).toBeNull();
    expect(await db.planTerritories.where('planId').equals(PLAN2).count()).toBe(0);
    expect(await db.planRegions.where('planId').equals(PLAN2).count()).toBe(0);
    expect(await db.history.get(PLAN2)).toBeUndefined();
    expect((await loadPlan(db, plan.id))!.bundle.territories).toHaveLength(2);
  });

  it('a save to a deleted plan is refused, so a late autosave cannot resurrect it', async () => {
    const db = freshDb();
    await seedWorkspace(db, seed());
    await createPlan(db, { plan: plan2, territories: [], regions: [] });
    await deletePlan(db, PLAN2);
    await expect(savePlanChanges(db, changes({ planId: PLAN2, territoryUpserts: [squareTerritory('Z', 0, 0, 1, 0)] }))).rejects.toThrow(/deleted/);
    expect(await db.planTerritories.where('planId').equals(PLAN2).count()).toBe(0);
  });
});

describe('plan changes', () => {
  it('saves territories, regions and the plan record (settings, pins) in one go', async () => {
    const db = freshDb();
    await seedWorkspace(db, seed());
    const region: Region = { id: 'R-2' as RegionId, planId: plan.id, name: 'West', color: '#4e79a7', managerId: null };
    const a = { ...territoriesOf()[0]!, regionId: region.id };
    const settings: Plan = { ...plan, name: 'Renamed', overlapMode: 'yield', pins: [{ storeId: 'S3' as never, territoryId: 'A' as TerritoryId }] };
    await savePlanChanges(db, changes({ territoryUpserts: [a], territoryDeletes: ['B' as TerritoryId], regionUpserts: [region], plan: settings, savedAt: 99 }));
    const loaded = (await loadPlan(db, plan.id))!;
    expect(loaded.bundle.territories.map((t) => [t.id, t.regionId])).toEqual([['A', 'R-2']]);
    expect(loaded.bundle.regions).toEqual([region]);
    expect(loaded.bundle.plan).toEqual({ ...settings, updatedAt: 99 });
    await savePlanChanges(db, changes({ regionDeletes: [region.id], savedAt: 100 }));
    expect((await loadPlan(db, plan.id))!.bundle.regions).toEqual([]);
    expect((await loadPlan(db, plan.id))!.bundle.plan.name).toBe('Renamed'); // the record is kept when not given
  });

  it('undo history is saved with the changes it describes and comes back on load, capped at the persisted limit', async () => {
    const db = freshDb();
    await seedWorkspace(db, seed());
    const a = territoriesOf()[0]!;
    const renamed = { ...a, name: 'Renamed' };
    const undo = Array.from({ length: PERSISTED_HISTORY_LIMIT + 5 }, (_, i) => ({ label: `step ${i}`, before: [a], after: [renamed] }));
    const redo = [{ label: 'Deleted B', before: [squareTerritory('B', 10, 0, 10, 1)], after: [] }];
    await savePlanChanges(db, changes({ territoryUpserts: [renamed], history: { undo, redo } }));
    const loaded = (await loadWorkspace(db))!;
    expect(loaded.active.history.undo).toHaveLength(PERSISTED_HISTORY_LIMIT);
    expect(loaded.active.history.undo[0]!.label).toBe('step 5'); // the oldest steps are dropped
    expect(loaded.active.history.undo.at(-1)).toEqual(undo.at(-1));
    expect(loaded.active.history.redo).toEqual(redo);
  });

  it('an unusable history record starts an empty history instead of breaking the load', async () => {
    const db = freshDb();
    await seedWorkspace(db, seed());
    await db.history.put({ planId: plan.id, undo: [{ nope: true }] as never, redo: [] });
    expect((await loadWorkspace(db))!.active.history).toEqual({ undo: [], redo: [] });
  });
});

describe('load validation', () => {
  it('skips a self-intersecting territory and a store with bad coordinates, and says so', async () => {
    const db = freshDb();
    await seedWorkspace(db, seed());
    const bowtie: Territory = {
      ...squareTerritory('BAD', 0, 0, 1, 5),
      name: 'Bowtie',
      geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]] },
    };
    await db.planTerritories.put(bowtie);
    await putStore(db, { ...store('S9', 0, 0), lat: 123, workspaceId: workspace.id });
    const loaded = (await loadWorkspace(db))!;
    expect(loaded.active.bundle.territories.map((t) => t.id)).toEqual(['A', 'B']);
    expect(marketStores(loaded.market).map((s) => s.id)).toEqual(['S1', 'S2', 'S3']);
    expect(loaded.active.problems).toHaveLength(1);
    expect(loaded.active.problems[0]).toMatch(/Bowtie/);
    expect(loaded.problems).toEqual([expect.stringMatching(/1 stores were not loaded/)]);
    // Nothing was deleted from the database: the user's data is reported, not destroyed.
    expect(await db.planTerritories.get([plan.id, 'BAD' as TerritoryId])).toBeDefined();
  });

  it('fills safe defaults for missing optional fields and keeps valid unit membership', async () => {
    const db = freshDb();
    await seedWorkspace(db, seed());
    await db.planTerritories.put({ ...squareTerritory('D', 40, 40, 1, 3), name: '  ', color: 'red' } as Territory);
    await db.planTerritories.put({ ...squareTerritory('E', 50, 40, 1, 4), units: { level: 'counties', ids: ['20091', '20209'] } });
    await db.planTerritories.put({ ...squareTerritory('F', 60, 40, 1, 5), units: { level: 'parishes', ids: [7] } as never });
    const t = (await loadWorkspace(db))!.active.bundle.territories;
    const d = t.find((x) => x.id === 'D')!;
    expect(d.name).toBe('Untitled territory');
    expect(d.color).toBe('#888888');
    expect(t.find((x) => x.id === 'E')!.units).toEqual({ level: 'counties', ids: ['20091', '20209'] });
    expect(t.find((x) => x.id === 'F')!.units).toBeUndefined();
  });
});

describe('failure path', () => {
  it('a write to a closed database rejects instead of pretending to save', async () => {
    const db = freshDb();
    await seedWorkspace(db, seed());
    db.close();
    await expect(savePlanChanges(db, changes({ territoryUpserts: [squareTerritory('A', 0, 0, 2, 0)], savedAt: 1 }))).rejects.toThrow();
  });

  it('a failed seed leaves nothing half-written', async () => {
    const db = freshDb();
    const input = seed();
    // A store without an id cannot be stored: the whole transaction must roll back.
    input.stores.push({ ...store('S4', 1, 1), id: undefined as never });
    await expect(seedWorkspace(db, input)).rejects.toThrow();
    expect(await db.workspaces.count()).toBe(0);
    expect(await db.planTerritories.count()).toBe(0);
    expect(await allStores(db)).toHaveLength(0);
  });

  it('a failed createPlan writes none of the plan', async () => {
    const db = freshDb();
    await seedWorkspace(db, seed());
    const broken = [{ ...squareTerritory('A', 0, 0, 1, 0), planId: PLAN2 }, { ...squareTerritory('A', 0, 0, 1, 0), planId: PLAN2 }]; // same key twice
    await expect(createPlan(db, { plan: plan2, territories: broken, regions: [] })).rejects.toThrow();
    expect(await db.plans.get(PLAN2)).toBeUndefined();
    expect(await db.planTerritories.where('planId').equals(PLAN2).count()).toBe(0);
  });
});
