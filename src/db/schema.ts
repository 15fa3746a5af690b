/**
 * The IndexedDB schema. This is the only module (with its siblings in src/db) that knows
 * Dexie. Every schema change adds a new `db.version(n)` with an `.upgrade()` — never edit
 * an old version, users have data in it.
 */
import { Dexie, type EntityTable } from 'dexie';
import type { Person, Plan, PlanId, Region, Store, Territory, Workspace, WorkspaceId } from '../domain/types';

/** A store row as persisted: the market belongs to a workspace, shared by all its plans. */
export type StoreRecord = Store & { workspaceId: WorkspaceId };

/** Key/value facts about the database itself (e.g. when the sample market was seeded). */
export interface MetaRecord {
  key: string;
  value: unknown;
}

export const DB_NAME = 'territory-planner';
export const SCHEMA_VERSION = 3;

/** One recorded plan change, as kept for undo: the touched territories before and after. */
export interface HistoryEntry {
  label: string;
  before: Territory[];
  after: Territory[];
}

/** A plan's undo and redo stacks, so that undo survives a reload (issue 4). */
export interface HistoryRecord {
  planId: PlanId;
  undo: HistoryEntry[];
  redo: HistoryEntry[];
}

export type PlannerDb = Dexie & {
  workspaces: EntityTable<Workspace, 'id'>;
  plans: EntityTable<Plan, 'id'>;
  territories: EntityTable<Territory, 'id'>;
  stores: EntityTable<StoreRecord, 'id'>;
  people: EntityTable<Person, 'id'>;
  meta: EntityTable<MetaRecord, 'key'>;
  history: EntityTable<HistoryRecord, 'planId'>;
  regions: EntityTable<Region, 'id'>;
};

/**
 * Opens (creating or upgrading) the planner database. `name` lets tests use a fresh
 * database each; `indexedDB`/`IDBKeyRange` let them pass fake-indexeddb explicitly.
 */
export function createPlannerDb(
  name: string = DB_NAME,
  deps?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange },
): PlannerDb {
  const db = new Dexie(name, deps ? { indexedDB: deps.indexedDB, IDBKeyRange: deps.IDBKeyRange } : undefined) as PlannerDb;
  // v1: several plans per workspace; territories belong to a plan; stores and people to a
  // workspace. Indexes are the lookups the app makes, nothing more.
  db.version(1).stores({
    workspaces: 'id',
    plans: 'id, workspaceId',
    territories: 'id, planId, [planId+rank]',
    stores: 'id, workspaceId, externalId, accountManagerId',
    people: 'id, workspaceId, role',
    meta: 'key',
  });
  // v2 (market import, people): two lookups the import and the People panel make.
  // - stores [workspaceId+externalId]: re-importing a file finds the stores it updates within
  //   this workspace only (the plain externalId index mixes workspaces). Stores without an
  //   external id (null) are simply not in this index.
  // - territories managerId: deleting a person finds the territories they manage in every
  //   plan without reading every polygon.
  // Only indexes are added, existing records are unchanged, so no .upgrade() is needed:
  // IndexedDB builds the new indexes from the existing rows while opening.
  db.version(2).stores({
    territories: 'id, planId, [planId+rank], managerId',
    stores: 'id, workspaceId, externalId, accountManagerId, [workspaceId+externalId]',
  });
  // v3 (editing toolkit): each plan's undo/redo history, written with the territory
  // changes it describes in one transaction; and the plan's regions. New tables only:
  // nothing to upgrade (territories already carry regionId, null until now).
  db.version(3).stores({ history: 'planId', regions: 'id, planId' });
  return db;
}
