/**
 * A database written by every earlier release opens with the current code and keeps the
 * user's work. Each test builds a database with the schema of one old release (the frozen
 * SCHEMA_HISTORY entries), writes records the way that release wrote them, closes it, and
 * opens it with today's schema.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { loadPlan, loadWorkspace } from '../../src/db/planRepository';
import { readMarket } from '../../src/db/marketChunks';
import { marketStores } from '../../src/domain/market';
import { createPlannerDb, SCHEMA_HISTORY, SCHEMA_VERSION } from '../../src/db/schema';
import type { PlanId, Store, TerritoryId, WorkspaceId } from '../../src/domain/types';
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
      expect(marketStores(loaded.market).map((s) => s.id)).toEqual(['S1', 'S2']);
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

  it('a v5 database (one record per store) opens with the market in chunks of columns: every field of every store identical, per workspace, in id order', async () => {
    const other = 'ws-other' as WorkspaceId;
    const many: Store[] = Array.from({ length: 12_345 }, (_, i) => ({
      ...store(`S${String(12_345 - i).padStart(6, '0')}`, -100 + (i % 50), 30 + (i % 17)),
      name: i % 7 === 0 ? 'Ünïcode 商店 "quoted", comma' : `Store ${i}`,
      externalId: i % 5 === 0 ? null : i % 11 === 0 ? '' : `CRM-${i}`,
      revenue: i === 1 ? Number.MAX_SAFE_INTEGER : i * 10.25,
      satisfaction: i % 3 === 0 ? null : 4,
      customerSince: i % 2 ? '2024-02-29' : null,
      keyAccount: i % 13 === 0,
    }));
    const kept = { ...many[0]!, crmSegment: 'kept: a field the app does not know' } as Store;
    many[0] = kept;
    const name = await oldDatabase(5, async (db) => {
      await db.table('workspaces').put(workspace);
      await db.table('plans').put(plan);
      await db.table('planTerritories').put(squareTerritory('A', 0, 0, 10, 0));
      await db.table('stores').bulkPut(many.map((s) => ({ ...s, workspaceId: WS })));
      await db.table('stores').put({ ...store('X1', 1, 1), workspaceId: other });
    });
    const db = createPlannerDb(name, deps);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name)).not.toContain('stores');
    // v6 moved the rows into chunks of 5,000 objects, v8 turned each chunk into columns
    const chunks = await db.marketChunks.where('workspaceId').equals(WS).toArray();
    expect(chunks.map((c) => c.market.length)).toEqual([5_000, 5_000, 2_345]);
    expect(chunks.every((c) => !('stores' in c) && c.market.lat instanceof Float64Array)).toBe(true);
    const sorted = [...many].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(marketStores(await readMarket(db, WS))).toEqual(sorted); // every field, unknown ones too, no workspaceId inside
    expect(marketStores(await readMarket(db, other)).map((s) => s.id)).toEqual(['X1']);
    const loaded = (await loadWorkspace(db))!;
    expect(loaded.problems).toEqual([]);
    expect(loaded.market.length).toBe(many.length);
    expect(marketStores(loaded.market)).toEqual(sorted);
    db.close();
  });

  it('a v7 database (chunks of store objects) opens with every chunk in columns; unusable stores are kept on disk and reported on load', async () => {
    const other = 'ws-other' as WorkspaceId;
    // As writeStoreRecords (v6/v7) wrote them: sorted by id, no workspaceId, unknown fields kept.
    const first: Store[] = Array.from({ length: 5_000 }, (_, i) => store(`S${String(i).padStart(5, '0')}`, -100 + (i % 50), 30 + (i % 17), { externalId: i % 4 ? `CRM-${i}` : null }));
    first[3] = { ...first[3]!, crmSegment: 'gold' } as Store;
    first[7] = { ...first[7]!, lat: 123 }; // unusable: reported, not deleted
    first[8] = { ...first[8]!, status: 'closed' as never };
    const second: Store[] = [store('S99999', 1, 2, { name: 'Ünïcode 商店', satisfaction: null, revenue: Number.MAX_SAFE_INTEGER })];
    const name = await oldDatabase(7, async (db) => {
      await db.table('workspaces').put(workspace);
      await db.table('plans').put(plan);
      await db.table('marketChunks').bulkAdd([
        { workspaceId: WS, chunk: 0, stores: first },
        { workspaceId: WS, chunk: 1, stores: second },
        { workspaceId: other, chunk: 0, stores: [store('X1', 1, 1)] },
      ]);
    });
    const db = createPlannerDb(name, deps);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    const chunks = await db.marketChunks.where('workspaceId').equals(WS).toArray();
    expect(chunks.map((c) => [c.chunk, c.market.length, 'stores' in c])).toEqual([[0, 5_000, false], [1, 1, false]]);
    expect(marketStores(await readMarket(db, WS))).toEqual([...first, ...second]); // as stored, the unusable ones too
    expect(marketStores(await readMarket(db, other)).map((s) => s.id)).toEqual(['X1']);
    const loaded = (await loadWorkspace(db))!;
    expect(loaded.problems).toEqual(['2 stores were not loaded: missing id or invalid coordinates/status.']);
    expect(marketStores(loaded.market)).toEqual([...first.filter((_, i) => i !== 7 && i !== 8), ...second]);
    db.close();
  });

  it('a v7 chunk that is not a list of stores is left as it is and reported, not dropped', async () => {
    const name = await oldDatabase(7, async (db) => {
      await db.table('workspaces').put(workspace);
      await db.table('plans').put(plan);
      await db.table('marketChunks').bulkAdd([
        { workspaceId: WS, chunk: 0, stores: [store('S1', 1, 1)] },
        { workspaceId: WS, chunk: 1, garbage: true },
      ]);
    });
    const db = createPlannerDb(name, deps);
    await db.open();
    const loaded = (await loadWorkspace(db))!;
    expect(marketStores(loaded.market).map((s) => s.id)).toEqual(['S1']);
    expect(loaded.problems).toEqual(['1 market records could not be read: their stores were not loaded.']);
    expect(await db.marketChunks.get([WS, 1])).toMatchObject({ garbage: true });
    db.close();
  });
});
