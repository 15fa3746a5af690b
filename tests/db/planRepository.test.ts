import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteRegion, loadWorkspace, PERSISTED_HISTORY_LIMIT, saveRegion, saveTerritoryChanges, seedWorkspace } from '../../src/db/planRepository';
import { createPlannerDb, SCHEMA_VERSION, type PlannerDb } from '../../src/db/schema';
import type { RegionId, Territory, TerritoryId } from '../../src/domain/types';
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

const seed = () => ({
  workspace,
  plan,
  territories: [squareTerritory('A', 0, 0, 10, 0, { managerId: manager.id }), squareTerritory('B', 10, 0, 10, 1)],
  stores: [store('S1', 5, 5), store('S2', 15, 5, { status: 'prospect', revenue: 0 }), store('S3', 50, 50)],
  people: [manager],
});

describe('schema', () => {
  it('has the tables and indexes a multi-plan workspace needs', async () => {
    const db = freshDb();
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(3);
    const tables = Object.fromEntries(db.tables.map((t) => [t.name, t.schema]));
    expect(Object.keys(tables).sort()).toEqual(['history', 'meta', 'people', 'plans', 'regions', 'stores', 'territories', 'workspaces']);
    expect(tables['history']!.primKey.name).toBe('planId');
    expect(tables['territories']!.primKey.name).toBe('id');
    expect(tables['territories']!.indexes.map((i) => i.name)).toEqual(expect.arrayContaining(['planId', '[planId+rank]', 'managerId']));
    expect(tables['plans']!.indexes.map((i) => i.name)).toContain('workspaceId');
    expect(tables['stores']!.indexes.map((i) => i.name)).toEqual(
      expect.arrayContaining(['workspaceId', 'externalId', 'accountManagerId', '[workspaceId+externalId]']),
    );
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
    const loaded = await loadWorkspace(db);
    expect(loaded).not.toBeNull();
    expect(loaded!.problems).toEqual([]);
    expect(loaded!.workspace).toEqual(workspace);
    expect(loaded!.plan).toEqual(plan);
    expect(loaded!.territories).toEqual(input.territories);
    expect(loaded!.stores).toEqual(input.stores);
    expect(loaded!.people).toEqual([manager]);
  });

  it('applies upserts and deletes in one batch and stamps the plan', async () => {
    const db = freshDb();
    await seedWorkspace(db, seed());
    const renamed: Territory = { ...squareTerritory('A', 0, 0, 10, 0), name: 'Renamed' };
    const created = squareTerritory('C', 30, 30, 5, -1);
    await saveTerritoryChanges(db, { planId: plan.id, upserts: [renamed, created], deletes: ['B' as TerritoryId], savedAt: 12345 });
    const loaded = await loadWorkspace(db);
    expect(loaded!.territories.map((t) => [t.id, t.name])).toEqual([
      ['C', 'Territory C'],
      ['A', 'Renamed'],
    ]);
    expect(loaded!.plan.updatedAt).toBe(12345);
  });

  it('keeps other plans’ territories apart', async () => {
    const db = freshDb();
    await seedWorkspace(db, seed());
    await db.territories.put({ ...squareTerritory('X', 0, 0, 1, 0), planId: 'other-plan' as never });
    const loaded = await loadWorkspace(db);
    expect(loaded!.territories.map((t) => t.id)).toEqual(['A', 'B']);
  });
});

describe('regions', () => {
  it('are saved per plan and loaded sorted by name; deleting one takes its territories out of it', async () => {
    const db = freshDb();
    const input = seed();
    input.territories[0] = { ...input.territories[0]!, regionId: 'R-2' as RegionId };
    await seedWorkspace(db, input);
    await saveRegion(db, { id: 'R-2' as RegionId, planId: plan.id, name: 'West', color: '#4e79a7', managerId: null });
    await saveRegion(db, { id: 'R-1' as RegionId, planId: plan.id, name: 'East', color: '#f28e2b', managerId: manager.id });
    await saveRegion(db, { id: 'R-9' as RegionId, planId: 'other' as never, name: 'Elsewhere', color: '#000000', managerId: null });
    let loaded = await loadWorkspace(db);
    expect(loaded!.regions.map((r) => r.name)).toEqual(['East', 'West']);
    await deleteRegion(db, 'R-2' as RegionId);
    loaded = await loadWorkspace(db);
    expect(loaded!.regions.map((r) => r.id)).toEqual(['R-1']);
    expect(loaded!.territories.find((t) => t.id === 'A')!.regionId).toBeNull();
  });
});

describe('undo history on disk', () => {
  it('is saved with the changes it describes and comes back on load, capped at the persisted limit', async () => {
    const db = freshDb();
    await seedWorkspace(db, seed());
    const a = squareTerritory('A', 0, 0, 10, 0, { managerId: manager.id });
    const renamed = { ...a, name: 'Renamed' };
    const undo = Array.from({ length: PERSISTED_HISTORY_LIMIT + 5 }, (_, i) => ({ label: `step ${i}`, before: [a], after: [renamed] }));
    const redo = [{ label: 'Deleted B', before: [squareTerritory('B', 10, 0, 10, 1)], after: [] }];
    await saveTerritoryChanges(db, { planId: plan.id, upserts: [renamed], deletes: [], savedAt: 5, history: { undo, redo } });
    const loaded = await loadWorkspace(db);
    expect(loaded!.history.undo).toHaveLength(PERSISTED_HISTORY_LIMIT);
    expect(loaded!.history.undo[0]!.label).toBe('step 5'); // the oldest steps are dropped
    expect(loaded!.history.undo.at(-1)).toEqual(undo.at(-1));
    expect(loaded!.history.redo).toEqual(redo);
  });

  it('an unusable history record starts an empty history instead of breaking the load', async () => {
    const db = freshDb();
    await seedWorkspace(db, seed());
    await db.history.put({ planId: plan.id, undo: [{ nope: true }] as never, redo: [] });
    expect((await loadWorkspace(db))!.history).toEqual({ undo: [], redo: [] });
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
    await db.territories.put(bowtie);
    await db.stores.put({ ...store('S9', 0, 0), lat: 123, workspaceId: workspace.id });
    const loaded = await loadWorkspace(db);
    expect(loaded!.territories.map((t) => t.id)).toEqual(['A', 'B']);
    expect(loaded!.stores.map((s) => s.id)).toEqual(['S1', 'S2', 'S3']);
    expect(loaded!.problems).toHaveLength(2);
    expect(loaded!.problems[0]).toMatch(/Bowtie/);
    expect(loaded!.problems[1]).toMatch(/1 stores were not loaded/);
    // Nothing was deleted from the database: the user's data is reported, not destroyed.
    expect(await db.territories.get('BAD' as TerritoryId)).toBeDefined();
  });

  it('fills safe defaults for missing optional fields', async () => {
    const db = freshDb();
    await seedWorkspace(db, seed());
    const raw = { ...squareTerritory('D', 40, 40, 1, 3), name: '  ', color: 'red' } as Territory;
    await db.territories.put(raw);
    const loaded = await loadWorkspace(db);
    const d = loaded!.territories.find((t) => t.id === 'D')!;
    expect(d.name).toBe('Untitled territory');
    expect(d.color).toBe('#888888');
  });
});

describe('failure path', () => {
  it('a write to a closed database rejects instead of pretending to save', async () => {
    const db = freshDb();
    await seedWorkspace(db, seed());
    db.close();
    await expect(
      saveTerritoryChanges(db, { planId: plan.id, upserts: [squareTerritory('A', 0, 0, 2, 0)], deletes: [], savedAt: 1 }),
    ).rejects.toThrow();
  });

  it('a failed seed leaves nothing half-written', async () => {
    const db = freshDb();
    const input = seed();
    // A store without an id cannot be stored: the whole transaction must roll back.
    input.stores.push({ ...store('S4', 1, 1), id: undefined as never });
    await expect(seedWorkspace(db, input)).rejects.toThrow();
    expect(await db.workspaces.count()).toBe(0);
    expect(await db.territories.count()).toBe(0);
    expect(await db.stores.count()).toBe(0);
  });
});
