/**
 * The parts of a plan file's `territory_planner` member (regions, territory extras, pins),
 * read for readPlanFile. Each reads only the keys the format defines into new objects.
 */
import { indexOfStore, nullableTextAt, textAt, toMarket, type StoreSource } from '../market';
import {
  BASE_UNIT_LEVELS,
  type BaseUnitLevel,
  type PlanId,
  type Region,
  type RegionId,
  type Result,
  type StoreId,
  type StorePin,
  type TerritoryId,
  type TerritoryUnits,
} from '../types';
import { capText, describeValue, isJsonObject } from './jsonText';
import { PLAN_FILE_LIMITS, type PlanFileReason } from './planFileFormat';
import type { PersonResolver } from './resolvePeople';

type Fail = { ok: false; reason: PlanFileReason; message: string; row?: number };

export function planFileFail(reason: PlanFileReason, message: string, row?: number): Fail {
  return row === undefined ? { ok: false, reason, message } : { ok: false, reason, message, row };
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
/** The color when a file's is not #rrggbb (the first of the region palette). */
export const DEFAULT_REGION_COLOR = '#4e79a7';

/** The file's color when it is #rrggbb, else `fallback`. */
export function readColor(v: unknown, fallback: string): string {
  return typeof v === 'string' && HEX_COLOR.test(v) ? v : fallback;
}

/** A usable id from a file: a non-empty string (or number, as GeoJSON allows) ≤ idLength. */
export function readId(v: unknown): string | null {
  const s = typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
  return typeof s === 'string' && s !== '' && s.length <= PLAN_FILE_LIMITS.idLength ? s : null;
}

/** A name from a file, cut to nameLength; `fallback` when missing or blank. */
export function readName(v: unknown, fallback: string, notes: string[], what: string): string {
  if (typeof v !== 'string' || v.trim() === '') return fallback;
  if (v.length > PLAN_FILE_LIMITS.nameLength) {
    notes.push(`The name of ${what} was longer than ${PLAN_FILE_LIMITS.nameLength} characters and was shortened.`);
    return capText(v, PLAN_FILE_LIMITS.nameLength);
  }
  return v;
}

/** The regions list: ids kept, managers resolved to people. */
export function readRegions(
  raw: unknown,
  planId: PlanId,
  people: PersonResolver,
  notes: string[],
): Result<Region[], PlanFileReason> {
  if (raw === undefined || raw === null) return { ok: true, value: [] };
  if (!Array.isArray(raw)) return planFileFail('invalid-plan-data', 'The plan file’s "regions" is not a list.');
  const regions: Region[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    const r: unknown = raw[i];
    const id = isJsonObject(r) ? readId(r.id) : null;
    if (!isJsonObject(r) || id === null) {
      return planFileFail('invalid-plan-data', `Region ${i + 1} of the plan file has no usable id.`, i);
    }
    if (seen.has(id)) return planFileFail('duplicate-id', `Two regions of the plan file have the id ${describeValue(id)}.`, i);
    seen.add(id);
    regions.push({
      id: id as RegionId,
      planId,
      name: readName(r.name, `Region ${i + 1}`, notes, `region ${i + 1}`),
      color: readColor(r.color, DEFAULT_REGION_COLOR),
      managerId: people.resolve(r.manager_id, r.manager),
    });
  }
  return { ok: true, value: regions };
}

/** What the member says about one territory besides its feature. */
export interface TerritoryExtras {
  rank: number | null;
  regionId: string | null;
  managerId: unknown;
  units: TerritoryUnits | null;
}

/** The `territories` list of the member, by territory id. */
export function readTerritoryExtras(raw: unknown, notes: string[]): Result<Map<string, TerritoryExtras>, PlanFileReason> {
  const out = new Map<string, TerritoryExtras>();
  if (raw === undefined || raw === null) return { ok: true, value: out };
  if (!Array.isArray(raw)) return planFileFail('invalid-plan-data', 'The plan file’s "territories" is not a list.');
  for (let i = 0; i < raw.length; i++) {
    const t: unknown = raw[i];
    const id = isJsonObject(t) ? readId(t.id) : null;
    if (!isJsonObject(t) || id === null) {
      return planFileFail('invalid-plan-data', `Entry ${i + 1} of the plan file’s "territories" has no usable id.`, i);
    }
    if (out.has(id)) return planFileFail('duplicate-id', `The territory id ${describeValue(id)} appears twice in the plan file.`, i);
    const rank = typeof t.rank === 'number' && Number.isFinite(t.rank) ? t.rank : null;
    out.set(id, { rank, regionId: readId(t.region_id), managerId: t.manager_id, units: readUnits(t.units, id, notes) });
  }
  return { ok: true, value: out };
}

const LEVELS: ReadonlySet<string> = new Set(BASE_UNIT_LEVELS);
const MAX_UNIT_ID = 64;

/**
 * Base-unit membership, or null. Malformed units are dropped with a note rather than
 * refusing the file: the outline alone is the truth (types.ts TerritoryUnits), units only
 * let the user keep painting unit by unit.
 */
function readUnits(v: unknown, territoryId: string, notes: string[]): TerritoryUnits | null {
  if (v === undefined || v === null) return null;
  const ok =
    isJsonObject(v) &&
    typeof v.level === 'string' &&
    LEVELS.has(v.level) &&
    Array.isArray(v.ids) &&
    v.ids.every((x) => typeof x === 'string' && x !== '' && x.length <= MAX_UNIT_ID);
  if (!ok) {
    notes.push(`The base units of territory ${describeValue(territoryId)} were not readable and were left out; its outline is kept.`);
    return null;
  }
  return { level: v.level as BaseUnitLevel, ids: (v.ids as string[]).slice() };
}

/**
 * Pins, matched to THIS market's stores: by store id, else by external (CRM) id. Pins
 * to stores not in the market or to territories not in the file are skipped and counted
 * in `notes`; malformed pin entries are skipped too (a pin is an exception, not the plan).
 */
export function readPins(
  raw: unknown,
  source: StoreSource,
  territoryIds: ReadonlySet<string>,
  notes: string[],
): StorePin[] {
  if (!Array.isArray(raw) || raw.length === 0) return [];
  const stores = toMarket(source);
  const findById = (id: string) => indexOfStore(stores, id);
  let byExternal: Map<string, number> | null = null;
  const pins: StorePin[] = [];
  let noStore = 0;
  let noTerritory = 0;
  let malformed = 0;
  for (const p of raw) {
    if (!isJsonObject(p)) {
      malformed++;
      continue;
    }
    const territoryId = readId(p.territory_id);
    const storeId = readId(p.store_id);
    const externalId = typeof p.external_id === 'string' && p.external_id !== '' ? p.external_id : null;
    if (territoryId === null || (storeId === null && externalId === null)) {
      malformed++;
      continue;
    }
    let i = storeId === null ? -1 : findById(storeId);
    if (i < 0 && externalId !== null) {
      if (byExternal === null) {
        byExternal = new Map();
        for (let k = stores.length - 1; k >= 0; k--) {
          const e = nullableTextAt(stores.externalId, k);
          if (e !== null) byExternal.set(e, k);
        }
      }
      i = byExternal.get(externalId) ?? -1;
    }
    if (i < 0) noStore++;
    else if (!territoryIds.has(territoryId)) noTerritory++;
    else pins.push({ storeId: textAt(stores.id, i) as StoreId, territoryId: territoryId as TerritoryId });
  }
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  if (noStore > 0) notes.push(`${plural(noStore, 'pin was', 'pins were')} skipped: the store is not in this market.`);
  if (noTerritory > 0) notes.push(`${plural(noTerritory, 'pin was', 'pins were')} skipped: the territory is not in the file.`);
  if (malformed > 0) notes.push(`${plural(malformed, 'pin was', 'pins were')} skipped: not readable.`);
  return pins;
}
