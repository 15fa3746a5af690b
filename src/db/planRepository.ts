/**
 * Reads and writes plans: each plan (record, territories, regions, undo history) is stored on
 * its own, keyed by plan, so that switching loads one plan and a failed write of one plan
 * never touches another. Everything that is loaded is normalised and validated before the
 * app sees it: a record the app cannot use is reported, never silently "fixed" on disk.
 */
import { normalisePlanBalance } from '../domain/balance';
import { validateTerritoryGeometry } from '../domain/geometry';
import { codeMask, pickStores, textAt, type Market } from '../domain/market';
import {
  BASE_UNIT_LEVELS,
  STORE_STATUSES,
  type Person,
  type Plan,
  type PlanBundle,
  type PlanId,
  type Region,
  type RegionId,
  type Store,
  type StoreStatus,
  type StorePin,
  type Territory,
  type TerritoryId,
  type TerritoryUnits,
  type Workspace,
  type WorkspaceId,
} from '../domain/types';
import { compareTextAt, marketFromRecords, readMarketParts, writeMarket } from './marketChunks';
import type { HistoryEntry, HistoryRecord, PlannerDb } from './schema';

/** At most this many undo (and redo) steps are kept on disk; memory keeps more. */
export const PERSISTED_HISTORY_LIMIT = 100;

export interface PlanHistory {
  undo: HistoryEntry[];
  redo: HistoryEntry[];
}

/** One plan as loaded: the bundle, its undo history, and what could not be loaded. */
export interface LoadedPlan {
  bundle: PlanBundle;
  history: PlanHistory;
  /** Human-readable notes about records that were skipped because they are unusable. */
  problems: string[];
}

export interface LoadedWorkspace {
  workspace: Workspace;
  /** Every plan of the workspace (records only), oldest first. */
  plans: Plan[];
  /** The plan the user had open last (or the first one). */
  active: LoadedPlan;
  /** The workspace's stores in columns, validated, in id order (see loadWorkspaceMarket). */
  market: Market;
  people: Person[];
  problems: string[];
}

/**
 * A new workspace to write: its market either in columns or as store objects (the sample
 * market read from JSON), converted here, at the boundary.
 */
export type SeedInput = {
  workspace: Workspace;
  plans: PlanBundle[];
  people: Person[];
} & ({ market: Market } | { stores: readonly Store[] });

/** Writes a whole new workspace in one transaction: either all of it lands or none. */
export async function seedWorkspace(db: PlannerDb, input: SeedInput): Promise<void> {
  const market = 'market' in input ? input.market : marketFromRecords(input.stores);
  await db.transaction('rw', [db.workspaces, db.plans, db.planTerritories, db.planRegions, db.marketChunks, db.people, db.meta], async () => {
    await db.workspaces.put(input.workspace);
    for (const b of input.plans) await putBundle(db, b);
    await writeMarket(db, input.workspace.id, market);
    await db.people.bulkPut(input.people);
    await db.meta.put({ key: 'seededAt', value: input.workspace.createdAt });
  });
}

/**
 * Loads the first workspace, its plan list, the active plan and the market, or null when the
 * database is empty (first run). Invalid territories and stores are left out and listed.
 */
export async function loadWorkspace(db: PlannerDb): Promise<LoadedWorkspace | null> {
  return db.transaction('r', [db.workspaces, db.plans, db.planTerritories, db.planRegions, db.marketChunks, db.people, db.history], async () => {
    const workspace = await db.workspaces.toCollection().first();
    if (!workspace) return null;
    const plans = await listPlans(db, workspace.id);
    const plan = plans.find((p) => p.id === workspace.activePlanId) ?? plans[0];
    if (!plan) return null;
    const active = await loadPlanParts(db, plan);
    const { market, problems } = await loadWorkspaceMarket(db, workspace.id);
    const people = await db.people.where('workspaceId').equals(workspace.id).toArray();
    return { workspace, plans, active, market, people, problems };
  });
}

/** The plans of a workspace (records only, normalised), oldest first. */
export async function listPlans(db: PlannerDb, workspaceId: WorkspaceId): Promise<Plan[]> {
  const raw = await db.plans.where('workspaceId').equals(workspaceId).toArray();
  return raw.map(normalisePlan).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

/** One plan with its territories, regions and history; null when there is no such plan. */
export async function loadPlan(db: PlannerDb, planId: PlanId): Promise<LoadedPlan | null> {
  return db.transaction('r', [db.plans, db.planTerritories, db.planRegions, db.history], async () => {
    const plan = await db.plans.get(planId);
    return plan ? loadPlanParts(db, normalisePlan(plan)) : null;
  });
}

async function loadPlanParts(db: PlannerDb, plan: Plan): Promise<LoadedPlan> {
  const problems: string[] = [];
  const territories: Territory[] = [];
  for (const t of await db.planTerritories.where('planId').equals(plan.id).toArray()) {
    const checked = normaliseTerritory(t);
    if (checked.ok) territories.push(checked.value);
    else problems.push(`Territory "${String(t?.name ?? t?.id)}" was not loaded: ${checked.message}`);
  }
  territories.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const regions = (await db.planRegions.where('planId').equals(plan.id).toArray())
    .filter((r) => typeof r.id === 'string' && typeof r.name === 'string')
    .sort((a, b) => a.name.localeCompare(b.name));
  const history = normaliseHistory(await db.history.get(plan.id));
  return { bundle: { plan, territories, regions }, history, problems };
}

/**
 * The market of a workspace as the app uses it: validated (normaliseMarket), in id order,
 * with a sentence per kind of store left out (shared with marketRepository).
 */
export async function loadWorkspaceMarket(db: PlannerDb, workspaceId: WorkspaceId): Promise<{ market: Market; problems: string[] }> {
  const { market, unreadable } = await readMarketParts(db, workspaceId);
  const checked = normaliseMarket(market);
  if (unreadable > 0) checked.problems.unshift(`${unreadable} market records could not be read: their stores were not loaded.`);
  return checked;
}

/** The changes of one autosave flush of one plan. */
export interface PlanChanges {
  planId: PlanId;
  territoryUpserts: Territory[];
  territoryDeletes: TerritoryId[];
  regionUpserts: Region[];
  regionDeletes: RegionId[];
  /** The plan record (settings, pins) when it changed. */
  plan?: Plan;
  savedAt: number;
  /** The undo/redo stacks as they are after these changes (trimmed to the persisted limit). */
  history?: PlanHistory;
}

/**
 * Persists one batch of a plan's changes, its updatedAt and its undo history in one
 * transaction, so that after a reload the history always describes the plan on disk.
 * Refuses (rejects) when the plan is gone: a deleted plan is never written back.
 */
export async function savePlanChanges(db: PlannerDb, c: PlanChanges): Promise<void> {
  await db.transaction('rw', [db.plans, db.planTerritories, db.planRegions, db.history], async () => {
    const current = await db.plans.get(c.planId);
    if (!current) throw new Error('this plan was deleted (in another tab?)');
    if (c.territoryDeletes.length > 0) await db.planTerritories.bulkDelete(c.territoryDeletes.map((id) => [c.planId, id]));
    if (c.territoryUpserts.length > 0) await db.planTerritories.bulkPut(c.territoryUpserts.map((t) => ({ ...t, planId: c.planId })));
    if (c.regionDeletes.length > 0) await db.planRegions.bulkDelete(c.regionDeletes.map((id) => [c.planId, id]));
    if (c.regionUpserts.length > 0) await db.planRegions.bulkPut(c.regionUpserts.map((r) => ({ ...r, planId: c.planId })));
    await db.plans.put({ ...(c.plan ?? current), id: c.planId, workspaceId: current.workspaceId, updatedAt: c.savedAt });
    if (c.history) {
      await db.history.put({
        planId: c.planId,
        undo: c.history.undo.slice(-PERSISTED_HISTORY_LIMIT),
        redo: c.history.redo.slice(-PERSISTED_HISTORY_LIMIT),
      });
    }
  });
}

/**
 * Writes a new plan (a new, duplicated, opened or restored one) all or nothing. Refuses when
 * a plan with that id exists: a new plan never overwrites another.
 */
export async function createPlan(db: PlannerDb, bundle: PlanBundle, history?: PlanHistory): Promise<void> {
  await db.transaction('rw', [db.plans, db.planTerritories, db.planRegions, db.history], async () => {
    if (await db.plans.get(bundle.plan.id)) throw new Error(`a plan with id ${bundle.plan.id} already exists`);
    await putBundle(db, bundle);
    if (history && (history.undo.length > 0 || history.redo.length > 0)) await db.history.put({ planId: bundle.plan.id, ...history });
  });
}

async function putBundle(db: PlannerDb, b: PlanBundle): Promise<void> {
  await db.plans.add(b.plan);
  if (b.territories.length > 0) await db.planTerritories.bulkAdd(b.territories.map((t) => ({ ...t, planId: b.plan.id })));
  if (b.regions.length > 0) await db.planRegions.bulkAdd(b.regions.map((r) => ({ ...r, planId: b.plan.id })));
}

/** Deletes a plan with its territories, regions and history, in one transaction. */
export async function deletePlan(db: PlannerDb, planId: PlanId): Promise<void> {
  await db.transaction('rw', [db.plans, db.planTerritories, db.planRegions, db.history], async () => {
    await db.planTerritories.where('planId').equals(planId).delete();
    await db.planRegions.where('planId').equals(planId).delete();
    await db.history.delete(planId);
    await db.plans.delete(planId);
  });
}

/** Remembers which plan reopens after a reload. */
export async function setActivePlan(db: PlannerDb, workspaceId: WorkspaceId, planId: PlanId): Promise<void> {
  await db.workspaces.update(workspaceId, { activePlanId: planId });
}

/** A key/value fact about this browser's data (last backup, storage persistence asked…). */
export async function readMeta(db: PlannerDb, key: string): Promise<unknown> {
  return (await db.meta.get(key))?.value;
}

export async function writeMeta(db: PlannerDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

/** Deletes the whole database content (restore into a used browser starts from here). */
export async function clearAll(db: PlannerDb): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
  });
}

/** Keeps only well-formed history entries; anything else starts an empty history. */
function normaliseHistory(rec: HistoryRecord | undefined): PlanHistory {
  const ok = (e: unknown): e is HistoryEntry =>
    !!e && typeof e === 'object' && typeof (e as HistoryEntry).label === 'string' && Array.isArray((e as HistoryEntry).before) && Array.isArray((e as HistoryEntry).after);
  if (!rec || !Array.isArray(rec.undo) || !Array.isArray(rec.redo)) return { undo: [], redo: [] };
  if (!rec.undo.every(ok) || !rec.redo.every(ok)) return { undo: [], redo: [] };
  return { undo: rec.undo, redo: rec.redo };
}

function normalisePlan(p: Plan): Plan {
  const balance = normalisePlanBalance(p.balance);
  const pins = Array.isArray(p.pins)
    ? p.pins.filter((x): x is StorePin => !!x && typeof x.storeId === 'string' && typeof x.territoryId === 'string')
    : [];
  return {
    id: p.id,
    workspaceId: p.workspaceId,
    name: typeof p.name === 'string' && p.name.trim() !== '' ? p.name : 'Untitled plan',
    createdAt: Number.isFinite(p.createdAt) ? p.createdAt : 0,
    updatedAt: Number.isFinite(p.updatedAt) ? p.updatedAt : 0,
    ...(p.overlapMode === 'take' || p.overlapMode === 'yield' || p.overlapMode === 'allow' ? { overlapMode: p.overlapMode } : {}),
    ...(pins.length > 0 ? { pins } : {}),
    ...(balance ? { balance } : {}),
  };
}

/** A stored territory as the app uses it, or why it cannot be used (shared with backups). */
export function normaliseTerritory(t: Territory): { ok: true; value: Territory } | { ok: false; message: string } {
  if (!t || typeof t.id !== 'string' || t.id === '') return { ok: false, message: 'it has no id' };
  const geom = validateTerritoryGeometry(t.geometry);
  if (!geom.ok) return { ok: false, message: geom.message };
  const units = normaliseUnits(t.units);
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
      ...(units ? { units } : {}),
    },
  };
}

function normaliseUnits(u: unknown): TerritoryUnits | null {
  if (!u || typeof u !== 'object') return null;
  const { level, ids } = u as TerritoryUnits;
  if (!(BASE_UNIT_LEVELS as readonly string[]).includes(level) || !Array.isArray(ids) || !ids.every((x) => typeof x === 'string')) return null;
  return { level, ids: [...ids] };
}

const STATUS_OK = (v: unknown) => (STORE_STATUSES as readonly unknown[]).includes(v as StoreStatus);

/**
 * A stored market as the app uses it (what normaliseStore did per store, column by column):
 * a store without an id, with coordinates that are not finite or out of range, or with an
 * unknown status is left out, and so is a second store with an id already seen; a revenue,
 * prior revenue or potential that is not a finite number reads 0; the stores are in id
 * order. A valid, sorted market (the usual case) costs one pass over a few columns and is
 * returned as is; only when a store is left out or out of order is the market rebuilt
 * (pickStores). Nothing is changed on disk: the problems say what was left out.
 */
export function normaliseMarket(m: Market): { market: Market; problems: string[] } {
  const n = m.length;
  const statusOk = codeMask(m.status, STATUS_OK);
  const statusCodes = m.status.codes;
  const ids = m.id;
  const ends = ids.ends;
  const idNulls = ids.nulls;
  const lats = m.lat;
  const lngs = m.lng;
  let bad = 0;
  let keep: number[] | null = null; // the rows kept, once a row is bad
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = ends[i]!;
    const lat = lats[i]!;
    const lng = lngs[i]!;
    const ok =
      end > start && (idNulls === null || idNulls[i] !== 1) &&
      lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180 && // false for NaN too
      statusOk[statusCodes[i]!] === 1;
    start = end;
    if (ok) {
      if (keep !== null) keep.push(i);
    } else {
      if (keep === null) {
        keep = [];
        for (let j = 0; j < i; j++) keep.push(j);
      }
      bad++;
    }
  }
  // In id order, each id once (stores are saved that way; a damaged record may not be).
  const rows = keep ?? null;
  const count = rows ? rows.length : n;
  const at = (k: number) => (rows ? rows[k]! : k);
  let sorted = true;
  for (let k = 1; k < count && sorted; k++) if (compareTextAt(ids, at(k - 1), at(k)) >= 0) sorted = false;
  let order: ArrayLike<number> | null = rows;
  let duplicates = 0;
  if (!sorted) {
    const idOf = Array.from({ length: count }, (_, k) => textAt(ids, at(k)));
    const byId = Array.from({ length: count }, (_, k) => k);
    byId.sort((a, b) => (idOf[a]! < idOf[b]! ? -1 : idOf[a]! > idOf[b]! ? 1 : a - b));
    const unique: number[] = [];
    for (let j = 0; j < count; j++) {
      if (j > 0 && idOf[byId[j]!] === idOf[byId[j - 1]!]) duplicates++;
      else unique.push(at(byId[j]!));
    }
    order = unique;
  }
  let market = order ? pickStores(m, order) : m;
  market = withFiniteMoney(market);
  const problems: string[] = [];
  if (bad > 0) problems.push(`${bad} stores were not loaded: missing id or invalid coordinates/status.`);
  if (duplicates > 0) problems.push(`${duplicates} stores were not loaded: another store has the same id.`);
  return { market, problems };
}

/** Revenue, prior revenue and potential that are not finite numbers read 0 (a column is copied only when one is). */
function withFiniteMoney(m: Market): Market {
  let out: Market | null = null;
  for (const k of ['revenue', 'priorRevenue', 'potential'] as const) {
    const col = m[k];
    let fixed: Float64Array | null = null;
    for (let i = 0; i < col.length; i++) {
      if (!Number.isFinite(col[i]!)) (fixed ??= col.slice())[i] = 0;
    }
    if (fixed) out = { ...(out ?? m), [k]: fixed };
  }
  return out ?? m;
}
