/**
 * A database written by every earlier release opens with the current code and keeps the
 * user's work. Each test builds a database with the schema of one old release (the frozen
 * SCHEMA_HISTORY entries), writes records the way that release wrote them, closes it, and
 * opens it with today's schema.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { loadPlan, loadWorkspace } from '../../src/db/planRepository';
import { createPlannerDb, SCHEMA_HISTORY, SCHEMA_VERSION } from '../../src/db/schema';
import type { PlanId, TerritoryId } from '../../src/domain/types';
import { manager, plan, squareTerritory, store, workspace, WS } from '../fixtures/market';

const deps = { indexedDB, IDBKeyRange };
let seq = 0;

/** A territory as releases before regions (v1, v2) wrote it: no regionId, notes or target. */
function legacyTerritory(id: string, x0: number, rank: number) {
  const { regionId: _r, ...t } = squareTerritory(id, x0, 0, 10, rank, { managerId: manager.id });
  return t;
}

async function oldDatabase(version: number, write: (db: ReturnType<typeof createPlannerDb>) => Promise<void>): Promise<string> {
  const name = `tp-migrate-v${version}-${++seq}-${Date.now()}`;
  const db = createPlannerDb(name, deps, version);
  await db.open();
  expect(db.verno).toBe(version);
  await write(db);
  db.close();
  return name;
}

describe('migrations from every released schema', () => {
  it('the history lists every version from 1 to the current one, in order', () => {
    expect(SCHEMA_HISTORY.map((s) => s.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
  });

  for (const version of [1, 2, 3]) {
    it(`a v${version} database (one table of territories keyed by id) opens, and every plan keeps its territories`, async () => {
      const name = await oldDatabase(version, async (db) => {
        const t = (db as unknown as { table(n: string): { bulkPut(x: unknown[]): Promise<unknown> } }).table('territories');
        await db.table('workspaces').put(workspace);
        await db.table('plans').bulkPut([plan, { ...plan, id: 'plan-old-2', name: 'Second', createdAt: 2 }]);
        await t.bulkPut([legacyTerritory('A', 0, 0), legacyTerritory('B', 10, 1), { ...legacyTerritory('C', 30, 0), planId: 'plan-old-2' }]);
        await db.table('stores').bulkPut([{ ...store('S1', 5, 5), workspaceId: WS }, { ...store('S2', 15, 5), workspaceId: WS }]);
        await db.table('people').put(manager);
        if (version >= 3) {
          await db.table('regions').put({ id: 'R-1', planId: plan.id, name: 'West', color: '#4e79a7', managerId: null });
          await db.table('history').put({ planId: plan.id, undo: [{ label: 'Renamed A', before: [legacyTerritory('A', 0, 0)], after: [legacyTerritory('A', 0, 0)] }], redo: [] });
        }
      });
      const db = createPlannerDb(name, deps);
      await db.open();
      expect(db.verno).toBe(SCHEMA_VERSION);
      expect(db.tables.map((t) => t.name)).not.toContain('territories');
      const loaded = (await loadWorkspace(db))!;
      expect(loaded.problems).toEqual([]);
      expect(loaded.plans.map((p) => p.id)).toEqual([plan.id, 'plan-old-2']);
      expect(loaded.active.bundle.territories.map((t) => [t.id, t.managerId, t.regionId])).toEqual([
        ['A', manager.id, null],
        ['B', manager.id, null],
      ]);
      expect(loaded.active.bundle.territories[0]!.geometry).toEqual(squareTerritory('A', 0, 0, 10, 0).geometry);
      expect((await loadPlan(db, 'plan-old-2' as PlanId))!.bundle.territories.map((t) => t.id)).toEqual(['C']);
      expect(loaded.stores.map((s) => s.id)).toEqual(['S1', 'S2']);
      if (version >= 3) {
        expect(loaded.active.bundle.regions.map((r) => r.name)).toEqual(['West']);
        expect(loaded.active.history.undo.map((e) => e.label)).toEqual(['Renamed A']);
      }
      // The migrated rows are keyed by plan: the same id can now live in two plans.
      await db.planTerritories.put({ ...squareTerritory('A', 50, 50, 1, 0), planId: 'plan-old-2' as PlanId });
      expect((await db.planTerritories.get([plan.id, 'A' as TerritoryId]))!.geometry).toEqual(squareTerritory('A', 0, 0, 10, 0).geometry);
      db.close();
    });
  }

  it('a v4 database (both tables present, rows already moved) opens and drops the old tables', async () => {
    const name = await oldDatabase(4, async (db) => {
      await db.table('workspaces').put(workspace);
      await db.table('plans').put(plan);
      await db.table('planTerritories').put(squareTerritory('A', 0, 0, 10, 0));
      await db.table('stores').put({ ...store('S1', 5, 5), workspaceId: WS });
    });
    const db = createPlannerDb(name, deps);
    await db.open();
    expect(db.tables.map((t) => t.name)).not.toContain('regions');
    expect((await loadWorkspace(db))!.active.bundle.territories.map((t) => t.id)).toEqual(['A']);
    db.close();
  });
});
