/**
 * The records of a backup besides the store table (workspace, people, plans), checked
 * field by field into NEW objects with only the fields of types.ts: nothing from the file
 * is spread or merged, so unknown or `__proto__` keys are simply not read.
 */
import { validateTerritoryGeometry } from '../geometry';
import { capText, copyWithoutUnsafeKeys, describeValue, isJsonObject } from '../plans';
import {
  BASE_UNIT_LEVELS,
  type BaseUnitLevel,
  type Person,
  type PersonId,
  type PersonRole,
  type Plan,
  type PlanId,
  type Region,
  type RegionId,
  type Result,
  type StoreId,
  type Territory,
  type TerritoryId,
  type Workspace,
  type WorkspaceId,
} from '../types';
import type { BackupPlan, BackupReason } from './backupFormat';

type Fail = { ok: false; reason: BackupReason; message: string; row?: number };
type Obj = Record<string, unknown>;

export function backupFail(reason: BackupReason, message: string, row?: number): Fail {
  return row === undefined ? { ok: false, reason, message } : { ok: false, reason, message, row };
}

const isId = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isRef = (v: unknown): v is string | null => v === null || isId(v);
const quoted = (s: string): string => `“${capText(s, 60)}”`;

export function readWorkspace(w: unknown): Result<Workspace, BackupReason> {
  if (!isJsonObject(w)) return backupFail('invalid-workspace', 'The backup has no workspace.');
  if (!isId(w.id) || typeof w.name !== 'string' || !isId(w.activePlanId) || !isNumber(w.createdAt)) {
    return backupFail('invalid-workspace', 'The backup’s workspace record is incomplete (id, name, active plan or creation time).');
  }
  return { ok: true, value: { id: w.id as WorkspaceId, name: w.name, activePlanId: w.activePlanId as PlanId, createdAt: w.createdAt } };
}

const ROLES: ReadonlySet<string> = new Set<PersonRole>(['territory-manager', 'account-manager']);

export function readPeople(raw: unknown, workspaceId: WorkspaceId): Result<Person[], BackupReason> {
  if (!Array.isArray(raw)) return backupFail('invalid-person', 'The backup has no "people" list.');
  const people: Person[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    const p: unknown = raw[i];
    const where = `Person ${i + 1} of the backup`;
    if (!isJsonObject(p) || !isId(p.id)) return backupFail('invalid-person', `${where} has no id.`, i);
    if (typeof p.name !== 'string' || typeof p.role !== 'string' || !ROLES.has(p.role)) {
      return backupFail('invalid-person', `${where} (${describeValue(p.id)}) has no name or an unknown role.`, i);
    }
    if (!(p.email === null || typeof p.email === 'string') || !(p.homeBase === undefined || p.homeBase === null || typeof p.homeBase === 'string')) {
      return backupFail('invalid-person', `${where} (${quoted(p.name)}) has an email or home base that is not text.`, i);
    }
    if (p.workspaceId !== workspaceId) return backupFail('wrong-reference', `${where} (${quoted(p.name)}) belongs to another workspace.`, i);
    if (seen.has(p.id)) return backupFail('duplicate-id', `${where} (${quoted(p.name)}) has the id of an earlier person.`, i);
    seen.add(p.id);
    const person: Person = { id: p.id as PersonId, workspaceId, name: p.name, role: p.role as PersonRole, email: p.email };
    if (p.homeBase !== undefined) person.homeBase = p.homeBase;
    people.push(person);
  }
  return { ok: true, value: people };
}

const MODES: ReadonlySet<unknown> = new Set(['take', 'yield', 'allow']);
const LEVELS: ReadonlySet<unknown> = new Set(BASE_UNIT_LEVELS);

/**
 * One plan: record, territories (every outline validated), regions, history. `index` is
 * the plan's position in the file, for messages.
 */
export function readBackupPlan(raw: unknown, index: number, workspaceId: WorkspaceId, historyDepth: number): Result<BackupPlan, BackupReason> {
  const at = `Plan ${index + 1} of the backup`;
  const p = isJsonObject(raw) ? raw.plan : undefined;
  if (!isJsonObject(raw) || !isJsonObject(p) || !isId(p.id)) return backupFail('invalid-plan', `${at} has no plan record.`, index);
  if (typeof p.name !== 'string' || !isNumber(p.createdAt) || !isNumber(p.updatedAt)) {
    return backupFail('invalid-plan', `${at} has no name or no creation/update time.`, index);
  }
  const where = `Plan ${quoted(p.name)}`;
  if (p.workspaceId !== workspaceId) return backupFail('wrong-reference', `${where} belongs to another workspace.`, index);
  const planId = p.id as PlanId;
  const plan: Plan = { id: planId, workspaceId, name: p.name, createdAt: p.createdAt, updatedAt: p.updatedAt };
  if (p.overlapMode !== undefined) {
    if (!MODES.has(p.overlapMode)) return backupFail('invalid-plan', `${where} has an unknown overlap setting ${describeValue(p.overlapMode)}.`, index);
    plan.overlapMode = p.overlapMode as Plan['overlapMode'];
  }
  if (p.pins !== undefined) {
    if (!Array.isArray(p.pins) || !p.pins.every((x) => isJsonObject(x) && isId(x.storeId) && isId(x.territoryId))) {
      return backupFail('invalid-plan', `${where} has store pins that are not readable.`, index);
    }
    plan.pins = (p.pins as Obj[]).map((x) => ({ storeId: x.storeId as StoreId, territoryId: x.territoryId as TerritoryId }));
  }

  if (!Array.isArray(raw.territories) || !Array.isArray(raw.regions)) {
    return backupFail('invalid-plan', `${where} has no territories or regions list.`, index);
  }
  const territories: Territory[] = [];
  const seen = new Set<string>();
  for (let k = 0; k < raw.territories.length; k++) {
    const t = readTerritory(raw.territories[k], k, planId, where);
    if (!t.ok) return t;
    if (seen.has(t.value.id)) return backupFail('duplicate-id', `Territory ${k + 1} of ${where} has the id of an earlier territory.`, k);
    seen.add(t.value.id);
    territories.push(t.value);
  }
  const regions: Region[] = [];
  seen.clear();
  for (let k = 0; k < raw.regions.length; k++) {
    const r: unknown = raw.regions[k];
    const rw = `Region ${k + 1} of ${where}`;
    if (!isJsonObject(r) || !isId(r.id) || typeof r.name !== 'string' || typeof r.color !== 'string' || !isRef(r.managerId)) {
      return backupFail('invalid-plan', `${rw} is incomplete (id, name, color, manager).`, k);
    }
    if (r.planId !== planId) return backupFail('wrong-reference', `${rw} belongs to another plan.`, k);
    if (seen.has(r.id)) return backupFail('duplicate-id', `${rw} has the id of an earlier region.`, k);
    seen.add(r.id);
    regions.push({ id: r.id as RegionId, planId, name: r.name, color: r.color, managerId: r.managerId as PersonId | null });
  }

  const out: BackupPlan = { bundle: { plan, territories, regions } };
  const h = raw.history;
  if (h !== undefined && h !== null) {
    const copy = isJsonObject(h) && Array.isArray(h.undo) && Array.isArray(h.redo) ? copyWithoutUnsafeKeys({ undo: h.undo, redo: h.redo }, historyDepth) : null;
    if (!copy) return backupFail('invalid-plan', `${where} has an undo history that is not readable.`, index);
    out.history = copy.value as { undo: unknown[]; redo: unknown[] };
  }
  return { ok: true, value: out };
}

function readTerritory(t: unknown, k: number, planId: PlanId, where: string): Result<Territory, BackupReason> {
  const tw = `Territory ${k + 1} of ${where}`;
  if (!isJsonObject(t) || !isId(t.id) || typeof t.name !== 'string') return backupFail('invalid-territory', `${tw} has no id or name.`, k);
  const named = `Territory ${quoted(t.name)} of ${where}`;
  if (t.planId !== planId) return backupFail('wrong-reference', `${named} belongs to another plan.`, k);
  const geometry = validateTerritoryGeometry(t.geometry);
  if (!geometry.ok) return backupFail('invalid-geometry', `${named} has an invalid outline: ${geometry.message}`, k);
  if (
    typeof t.color !== 'string' || !isRef(t.managerId) || !isRef(t.regionId) || typeof t.locked !== 'boolean' || !isNumber(t.rank) ||
    !(t.notes === undefined || typeof t.notes === 'string') ||
    !(t.targetRevenue === undefined || t.targetRevenue === null || isNumber(t.targetRevenue))
  ) {
    return backupFail('invalid-territory', `${named} has a color, manager, region, lock, rank, notes or target that is not readable.`, k);
  }
  const territory: Territory = {
    id: t.id as TerritoryId,
    planId,
    name: t.name,
    color: t.color,
    geometry: geometry.value,
    managerId: t.managerId as PersonId | null,
    regionId: t.regionId as RegionId | null,
    locked: t.locked,
    rank: t.rank,
  };
  if (t.notes !== undefined) territory.notes = t.notes;
  if (t.targetRevenue !== undefined) territory.targetRevenue = t.targetRevenue;
  if (t.units !== undefined) {
    const u = t.units;
    if (!isJsonObject(u) || !LEVELS.has(u.level) || !Array.isArray(u.ids) || !u.ids.every((x) => typeof x === 'string')) {
      return backupFail('invalid-territory', `${named} has base units that are not readable.`, k);
    }
    territory.units = { level: u.level as BaseUnitLevel, ids: (u.ids as string[]).slice() };
  }
  return { ok: true, value: territory };
}
