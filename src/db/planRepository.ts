/**
 * Reads and writes a workspace (market + people + plans + territories). Everything that is
 * loaded is normalised and validated before the app sees it: a record the app cannot use is
 * reported, never silently "fixed" in the database.
 */
import { validateTerritoryGeometry } from '../domain/geometry';
import { STORE_STATUSES, type Person, type Plan, type PlanId, type Region, type RegionId, type Store, type Territory, type TerritoryId, type Workspace } from '../domain/types';
import type { HistoryEntry, HistoryRecord, PlannerDb, StoreRecord } from './schema';

/** At most this many undo (and redo) steps are kept on disk; memory keeps more. */
export const PERSISTED_HISTORY_LIMIT = 100;

export interface LoadedWorkspace {
  workspace: Workspace;
  plan: Plan;
  plans: Plan[];
  territories: Territory[];
  stores: Store[];
  people: Person[];
  /** Human-readable notes about records that were skipped because they are unusable. */
  problems: string[];
  /** The plan's undo/redo history from the last session (empty when none or unusable). */
  history: { undo: HistoryEntry[]; redo: HistoryEntry[] };
  regions: Region[];
}

export interface SeedInput {
  workspace: Workspace;
  plan: Plan;
  territories: Territory[];
  stores: Store[];
  people: Person[];
}

/** Writes a whole new workspace in one transaction: either all of it lands or none. */
export async function seedWorkspace(db: PlannerDb, input: SeedInput): Promise<void> {
  await db.transaction('rw', [db.workspaces, db.plans, db.territories, db.stores, db.people, db.meta], async () => {
    await db.workspaces.put(input.workspace);
    await db.plans.put(input.plan);
    await db.territories.bulkPut(input.territories);
    await db.stores.bulkPut(input.stores.map((s): StoreRecord => ({ ...s, workspaceId: input.workspace.id })));
    await db.people.bulkPut(input.people);
    await db.meta.put({ key: 'seededAt', value: input.plan.createdAt });
  });
}

/**
 * Loads the first workspace and its active plan, or null when the database is empty
 * (first run). Invalid territories and stores are left out and listed in `problems`.
 */
export async function loadWorkspace(db: PlannerDb): Promise<LoadedWorkspace | null> {
  return db.transaction('r', [db.workspaces, db.plans, db.territories, db.stores, db.people, db.history, db.regions], async () => {
    const workspace = await db.workspaces.toCollection().first();
    if (!workspace) return null;
    const plans = await db.plans.where('workspaceId').equals(workspace.id).toArray();
    const plan = plans.find((p) => p.id === workspace.activePlanId) ?? plans[0];
    if (!plan) return null;
    const problems: string[] = [];
    const rawTerritories = await db.territories.where('planId').equals(plan.id).toArray();
    const territories: Territory[] = [];
    for (const t of rawTerritories) {
      const checked = normaliseTerritory(t);
      if (checked.ok) territories.push(checked.value);
      else problems.push(`Territory "${String(t?.name ?? t?.id)}" was not loaded: ${checked.message}`);
    }
    territories.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const storeRecords = await db.stores.where('workspaceId').equals(workspace.id).toArray();
    const stores: Store[] = [];
    let badStores = 0;
    for (const r of storeRecords) {
      const s = normaliseStore(r);
      if (s) stores.push(s);
      else badStores++;
    }
    if (badStores > 0) problems.push(`${badStores} stores were not loaded: missing id or invalid coordinates/status.`);
    stores.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const people = await db.people.where('workspaceId').equals(workspace.id).toArray();
    const history = normaliseHistory(await db.history.get(plan.id));
    const regions = (await db.regions.where('planId').equals(plan.id).toArray())
      .filter((r) => typeof r.id === 'string' && typeof r.name === 'string')
      .sort((a, b) => a.name.localeCompare(b.name));
    return { workspace, plan, plans, territories, stores, people, problems, history, regions };
  });
}

/** The changes of one autosave flush. */
export interface TerritoryChanges {
  planId: PlanId;
  upserts: Territory[];
  deletes: TerritoryId[];
  savedAt: number;
  /** The undo/redo stacks as they are after these changes (trimmed to the persisted limit). */
  history?: { undo: HistoryEntry[]; redo: HistoryEntry[] };
}

/**
 * Persists one batch of territory changes, the plan's updatedAt and its undo history in one
 * transaction, so that after a reload the history always describes the plan on disk.
 */
export async function saveTerritoryChanges(db: PlannerDb, changes: TerritoryChanges): Promise<void> {
  await db.transaction('rw', [db.territories, db.plans, db.history], async () => {
    if (changes.deletes.length > 0) await db.territories.bulkDelete(changes.deletes);
    if (changes.upserts.length > 0) await db.territories.bulkPut(changes.upserts);
    await db.plans.update(changes.planId, { updatedAt: changes.savedAt });
    if (changes.history) {
      await db.history.put({
        planId: changes.planId,
        undo: changes.history.undo.slice(-PERSISTED_HISTORY_LIMIT),
        redo: changes.history.redo.slice(-PERSISTED_HISTORY_LIMIT),
      });
    }
  });
}

/** Saves plan-level settings (name, overlap rule). */
export async function savePlan(db: PlannerDb, plan: Plan): Promise<void> {
  // Only the settings: updatedAt is the autosave's to write.
  await db.plans.update(plan.id, { name: plan.name, ...(plan.overlapMode ? { overlapMode: plan.overlapMode } : {}) });
}

/** Creates or renames/recolors a region (put by id). */
export async function saveRegion(db: PlannerDb, region: Region): Promise<void> {
  await db.regions.put(region);
}

/**
 * Deletes a region and, in the same transaction, takes its territories out of it (they
 * stay in the plan, without a region).
 */
export async function deleteRegion(db: PlannerDb, id: RegionId): Promise<void> {
  await db.transaction('rw', [db.regions, db.territories], async () => {
    await db.territories.filter((t) => t.regionId === id).modify({ regionId: null });
    await db.regions.delete(id);
  });
}

/** Keeps only well-formed history entries; anything else starts an empty history. */
function normaliseHistory(rec: HistoryRecord | undefined): { undo: HistoryEntry[]; redo: HistoryEntry[] } {
  const ok = (e: unknown): e is HistoryEntry =>
    !!e && typeof e === 'object' && typeof (e as HistoryEntry).label === 'string' && Array.isArray((e as HistoryEntry).before) && Array.isArray((e as HistoryEntry).after);
  if (!rec || !Array.isArray(rec.undo) || !Array.isArray(rec.redo)) return { undo: [], redo: [] };
  if (!rec.undo.every(ok) || !rec.redo.every(ok)) return { undo: [], redo: [] };
  return { undo: rec.undo, redo: rec.redo };
}

/** Deletes the whole database content (used by "Reset to sample market"). */
export async function clearAll(db: PlannerDb): Promise<void> {
  await db.transaction('rw', [db.workspaces, db.plans, db.territories, db.stores, db.people, db.meta, db.history, db.regions], async () => {
    await Promise.all([db.regions.clear(), db.history.clear(), db.workspaces.clear(), db.plans.clear(), db.territories.clear(), db.stores.clear(), db.people.clear(), db.meta.clear()]);
  });
}

function normaliseTerritory(t: Territory): { ok: true; value: Territory } | { ok: false; message: string } {
  if (!t || typeof t.id !== 'string' || t.id === '') return { ok: false, message: 'it has no id' };
  const geom = validateTerritoryGeometry(t.geometry);
  if (!geom.ok) return { ok: false, message: geom.message };
  return {
    ok: true,
    value: {
      id: t.id,
      planId: t.planId,
      name: typeof t.name === 'string' && t.name.trim() !== '' ? t.name : 'Untitled territory',
      color: typeof t.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(t.color) ? t.color : '#888888',
      geometry: geom.value,
      managerId: t.managerId ?? null,
      regionId: t.regionId ?? null,
      locked: t.locked === true,
      ...(typeof t.notes === 'string' ? { notes: t.notes } : {}),
      ...(typeof t.targetRevenue === 'number' && Number.isFinite(t.targetRevenue) ? { targetRevenue: t.targetRevenue } : {}),
      rank: Number.isFinite(t.rank) ? t.rank : Number.MAX_SAFE_INTEGER,
    },
  };
}

/** A stored store as the app uses it, or null when it is unusable (shared with marketRepository). */
export function normaliseStore(r: StoreRecord): Store | null {
  if (!r || typeof r.id !== 'string') return null;
  if (!Number.isFinite(r.lat) || !Number.isFinite(r.lng) || Math.abs(r.lat) > 90 || Math.abs(r.lng) > 180) return null;
  if (!(STORE_STATUSES as readonly string[]).includes(r.status)) return null;
  const { workspaceId: _ws, ...store } = r;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
  return { ...store, revenue: num(store.revenue), priorRevenue: num(store.priorRevenue), potential: num(store.potential) };
}

