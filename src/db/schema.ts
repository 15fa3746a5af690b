/**
 * The IndexedDB schema. This is the only module (with its siblings in src/db) that knows
 * Dexie. Every schema change adds a new entry to SCHEMA_HISTORY with an `upgrade` when data
 * must move — never edit an old entry: users have data in it, and the migration tests open
 * databases built with each old entry (tests/db/migrations.test.ts).
 */
import { Dexie, type EntityTable, type Transaction } from 'dexie';
import type { Market } from '../domain/market';
import { marketFromRecords } from './marketChunks';
import type { Person, Plan, PlanId, Region, RegionId, Store, Territory, TerritoryId, Workspace, WorkspaceId } from '../domain/types';

/** A store row as persisted: the market belongs to a workspace, shared by all its plans. */
export type StoreRecord = Store & { workspaceId: WorkspaceId };

/**
 * Up to STORES_PER_CHUNK stores of a workspace's market, in columns (see db/marketChunks.ts).
 * Chunk k holds the stores after those of chunk k − 1 in id order.
 */
export interface MarketChunk {
  workspaceId: WorkspaceId;
  chunk: number;
  market: Market;
}

/** A market chunk as schema v6 and v7 wrote it: the stores as objects (the v8 upgrade converts it). */
export interface StoreChunkV6 {
  workspaceId: WorkspaceId;
  chunk: number;
  stores: Store[];
}

/** Key/value facts about the database itself (when it was seeded, the last backup…). */
export interface MetaRecord {
  key: string;
  value: unknown;
}

export const DB_NAME = 'territory-planner';

/** One recorded plan change, as kept for undo (the store's PlanChange, stored as is). */
export type HistoryEntry = { label: string; before: Territory[]; after: Territory[] } & Record<string, unknown>;

/** A plan's undo and redo stacks, so that undo survives a reload (issue 4). */
export interface HistoryRecord {
  planId: PlanId;
  undo: HistoryEntry[];
  redo: HistoryEntry[];
}

export type PlannerDb = Dexie & {
  workspaces: EntityTable<Workspace, 'id'>;
  plans: EntityTable<Plan, 'id'>;
  /** Territories keyed by [planId+id]: a duplicated plan keeps its territories' ids. */
  planTerritories: Dexie.Table<Territory, [PlanId, TerritoryId]>;
  /** The market, a few large records per workspace (db/marketChunks.ts); until v6, table `stores`. */
  marketChunks: Dexie.Table<MarketChunk, [WorkspaceId, number]>;
  people: EntityTable<Person, 'id'>;
  meta: EntityTable<MetaRecord, 'key'>;
  history: EntityTable<HistoryRecord, 'planId'>;
  /** Regions keyed by [planId+id], like territories. */
  planRegions: Dexie.Table<Region, [PlanId, RegionId]>;
};

interface SchemaStep {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/**
 * Every released schema, oldest first. Dexie applies them in order, so a database of any
 * earlier release opens and migrates.
 */
export const SCHEMA_HISTORY: readonly SchemaStep[] = [
  // v1: several plans per workspace; territories belong to a plan; stores and people to a
  // workspace. Indexes are the lookups the app makes, nothing more.
  {
    version: 1,
    stores: {
      workspaces: 'id',
      plans: 'id, workspaceId',
      territories: 'id, planId, [planId+rank]',
      stores: 'id, workspaceId, externalId, accountManagerId',
      people: 'id, workspaceId, role',
      meta: 'key',
    },
  },
  // v2 (market import, people): stores [workspaceId+externalId] (a re-import finds the
  // stores it updates within one workspace) and territories managerId (deleting a person
  // finds their territories in every plan). Indexes only: IndexedDB builds them on open.
  {
    version: 2,
    stores: {
      territories: 'id, planId, [planId+rank], managerId',
      stores: 'id, workspaceId, externalId, accountManagerId, [workspaceId+externalId]',
    },
  },
  // v3 (editing toolkit): each plan's undo/redo history and the plan's regions.
  { version: 3, stores: { history: 'planId', regions: 'id, planId' } },
  // v4 (plans and scenarios): a duplicated plan keeps its territory and region ids (so that
  // compare matches them), so territories and regions are keyed by [planId+id]. IndexedDB
  // cannot change a primary key: the rows move to new tables here, and v5 drops the old ones
  // (Dexie lets an upgrade read a table that a later version deletes).
  {
    version: 4,
    stores: {
      planTerritories: '[planId+id], planId, managerId',
      planRegions: '[planId+id], planId',
    },
    async upgrade(tx) {
      const territories = await tx.table('territories').toArray();
      await tx.table('planTerritories').bulkPut(territories);
      const regions = await tx.table('regions').toArray();
      await tx.table('planRegions').bulkPut(regions);
    },
  },
  { version: 5, stores: { territories: null, regions: null } },
  // v6 (a million stores): the market moves from one record per store (four index entries
  // each: saving 100k stores took 15–20 s) to chunks of STORES_PER_CHUNK stores per
  // workspace, sorted by id; v7 drops the old table (as v4/v5 did for territories).
  {
    version: 6,
    stores: { marketChunks: '[workspaceId+chunk], workspaceId' },
    async upgrade(tx) {
      const records = (await tx.table('stores').toArray()) as StoreRecord[];
      const byWorkspace = new Map<string, Store[]>();
      for (const r of records) {
        const { workspaceId, ...store } = r;
        let list = byWorkspace.get(workspaceId);
        if (!list) byWorkspace.set(workspaceId, (list = []));
        list.push(store as Store);
      }
      for (const [workspaceId, stores] of byWorkspace) {
        stores.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        for (let k = 0; k * MIGRATION_CHUNK < stores.length; k++) {
          await tx.table('marketChunks').add({ workspaceId, chunk: k, stores: stores.slice(k * MIGRATION_CHUNK, (k + 1) * MIGRATION_CHUNK) });
        }
      }
    },
  },
  { version: 7, stores: { stores: null } },
  // v8 (a million stores, continued): a chunk holds its stores in columns (`market`, see
  // domain/market) instead of objects (`stores`): a record is a few typed arrays and
  // strings, cloned to and from disk without building 5,000 objects, so chunks grow to
  // STORES_PER_CHUNK (50,000). Same table and key; each v7 record is converted in place,
  // one at a time (the chunks keep their 5,000 stores: rechunking would need the whole
  // market in memory during the upgrade, and the next save rechunks anyway).
  {
    version: 8,
    stores: { marketChunks: '[workspaceId+chunk], workspaceId' },
    async upgrade(tx) {
      const table = tx.table('marketChunks');
      const keys = (await table.toCollection().primaryKeys()) as [WorkspaceId, number][];
      for (const key of keys) {
        const old = (await table.get(key)) as (Partial<StoreChunkV6> & Partial<MarketChunk>) | undefined;
        if (!old || !Array.isArray(old.stores)) continue; // not a v7 record: left for the load to report
        const { stores, ...rest } = old;
        await table.put({ ...rest, market: marketFromRecords(stores) });
      }
    },
  },
];

/** STORES_PER_CHUNK as v6 shipped it (a migration must not change with later tuning). */
const MIGRATION_CHUNK = 5_000;

// The v8 upgrade builds chunks with today's marketFromRecords, so it writes the current
// column format: a later change of that format needs its own version, whose upgrade must
// also accept records already in the new format (those a v5–v7 database gets through v8).

export const SCHEMA_VERSION = SCHEMA_HISTORY[SCHEMA_HISTORY.length - 1]!.version;

/**
 * Opens (creating or upgrading) the planner database. `name` lets tests use a fresh
 * database each; `indexedDB`/`IDBKeyRange` let them (and the in-memory fallback when the
 * browser has no usable IndexedDB) pass another implementation. `upTo` declares only the
 * schema of an older release (migration tests).
 */
export function createPlannerDb(
  name: string = DB_NAME,
  deps?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange },
  upTo: number = SCHEMA_VERSION,
): PlannerDb {
  const db = new Dexie(name, deps ? { indexedDB: deps.indexedDB, IDBKeyRange: deps.IDBKeyRange } : undefined) as PlannerDb;
  for (const step of SCHEMA_HISTORY) {
    if (step.version > upTo) break;
    const v = db.version(step.version).stores(step.stores);
    if (step.upgrade) v.upgrade(step.upgrade);
  }
  return db;
}
