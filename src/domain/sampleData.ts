/**
 * Validators for the bundled sample files (`data/sample-market.json`,
 * `data/demo-plan.json`). The app loads them as untyped JSON, so before a single store or
 * territory reaches the store/db they are checked here and turned into domain values —
 * a hand-edited or truncated file yields a clear reason instead of NaN stats later
 * (ARCHITECTURE rule 7: validation returns reasons).
 *
 * Pure: no imports besides domain types.
 */
import type {
  Channel,
  GeocodePrecision,
  Person,
  PersonId,
  PersonRole,
  RegionId,
  Result,
  Store,
  StoreId,
  StoreStatus,
  Territory,
  TerritoryGeometry,
  TerritoryId,
  WorkspaceId,
} from './types';
import { CHANNELS, STORE_STATUSES } from './types';

export const SAMPLE_MARKET_FORMAT = 'territory-planner/sample-market';
export const DEMO_PLAN_FORMAT = 'territory-planner/demo-plan';
export const SAMPLE_FILE_VERSION = 1;

/** The 50 states plus DC, as two-letter USPS codes. */
export const US_STATE_CODES = [
  'AK', 'AL', 'AR', 'AZ', 'CA', 'CO', 'CT', 'DC', 'DE', 'FL', 'GA', 'HI', 'IA', 'ID', 'IL',
  'IN', 'KS', 'KY', 'LA', 'MA', 'MD', 'ME', 'MI', 'MN', 'MO', 'MS', 'MT', 'NC', 'ND', 'NE',
  'NH', 'NJ', 'NM', 'NV', 'NY', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT',
  'VA', 'VT', 'WA', 'WI', 'WV', 'WY',
] as const;
export type UsStateCode = (typeof US_STATE_CODES)[number];

const STATE_SET: ReadonlySet<string> = new Set(US_STATE_CODES);
/** True for a two-letter code of one of the 50 states or DC. */
export function isUsStateCode(code: unknown): code is UsStateCode {
  return typeof code === 'string' && STATE_SET.has(code);
}

export const SAMPLE_DATA_REASONS = [
  'not-an-object',
  'wrong-format',
  'unsupported-version',
  'missing-list',
  'invalid-person',
  'invalid-store',
  'invalid-territory',
  'duplicate-id',
  'unknown-person',
] as const;
export type SampleDataReason = (typeof SAMPLE_DATA_REASONS)[number];

export interface SampleMarket {
  stores: Store[];
  people: Person[];
}

export interface DemoPlan {
  /** The plan's display name from the file (e.g. "Demo plan — 10 regions"). */
  name: string;
  territories: Omit<Territory, 'planId'>[];
  people: Person[];
}

type Fail = { ok: false; reason: SampleDataReason; message: string; row?: number };

function fail(reason: SampleDataReason, message: string, row?: number): Fail {
  return row === undefined ? { ok: false, reason, message } : { ok: false, reason, message, row };
}

type Obj = Record<string, unknown>;
function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(v: unknown): v is string {
  if (typeof v !== 'string' || !ISO_DATE.test(v)) return false;
  const t = Date.parse(`${v}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === v;
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}
function isMoney(v: unknown): v is number {
  return isFiniteNumber(v) && v >= 0;
}

const STATUS_SET: ReadonlySet<string> = new Set(STORE_STATUSES);
const CHANNEL_SET: ReadonlySet<string> = new Set(CHANNELS);
const PERSON_ROLES: ReadonlySet<string> = new Set<PersonRole>(['territory-manager', 'account-manager']);
const PRECISIONS: ReadonlySet<string> = new Set<GeocodePrecision>(['exact', 'zip-centroid']);

function checkHeader(json: unknown, format: string): Result<Obj, SampleDataReason> {
  if (!isObject(json)) return fail('not-an-object', 'The file is not a JSON object.');
  if (json.format !== format) {
    return fail('wrong-format', `Expected format "${format}", found ${JSON.stringify(json.format ?? null)}.`);
  }
  if (json.version !== SAMPLE_FILE_VERSION) {
    return fail(
      'unsupported-version',
      `Version ${JSON.stringify(json.version ?? null)} is not supported (expected ${SAMPLE_FILE_VERSION}).`,
    );
  }
  return { ok: true, value: json };
}

function parsePeople(raw: unknown): Result<Person[], SampleDataReason> {
  if (!Array.isArray(raw)) return fail('missing-list', 'The file has no "people" list.');
  const people: Person[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    const p: unknown = raw[i];
    const where = `Person ${i + 1}`;
    if (!isObject(p)) return fail('invalid-person', `${where} is not an object.`, i);
    if (!isNonEmptyString(p.id)) return fail('invalid-person', `${where} has no id.`, i);
    if (!isNonEmptyString(p.workspaceId)) return fail('invalid-person', `${where} (${p.id}) has no workspaceId.`, i);
    if (!isNonEmptyString(p.name)) return fail('invalid-person', `${where} (${p.id}) has no name.`, i);
    if (typeof p.role !== 'string' || !PERSON_ROLES.has(p.role)) {
      return fail('invalid-person', `${where} (${p.id}) has an unknown role ${JSON.stringify(p.role ?? null)}.`, i);
    }
    if (p.email !== null && typeof p.email !== 'string') {
      return fail('invalid-person', `${where} (${p.id}) has an email that is not text.`, i);
    }
    if (seen.has(p.id)) return fail('duplicate-id', `Person id ${p.id} appears twice.`, i);
    seen.add(p.id);
    people.push({
      id: p.id as PersonId,
      workspaceId: p.workspaceId as WorkspaceId,
      name: p.name,
      role: p.role as PersonRole,
      email: p.email,
    });
  }
  return { ok: true, value: people };
}

/** Checks one store record; returns the typed Store or a message (without the row prefix). */
function parseStore(s: unknown): Store | string {
  if (!isObject(s)) return 'is not an object';
  if (!isNonEmptyString(s.id)) return 'has no id';
  if (s.externalId !== null && typeof s.externalId !== 'string') return 'has an externalId that is not text';
  if (!isNonEmptyString(s.name)) return 'has no name';
  for (const key of ['address', 'city', 'zip'] as const) {
    if (typeof s[key] !== 'string') return `has a ${key} that is not text`;
  }
  if (!isUsStateCode(s.state)) return `has an unknown state ${JSON.stringify(s.state ?? null)}`;
  if (!isFiniteNumber(s.lat) || s.lat < -90 || s.lat > 90) return 'has a latitude outside −90…90';
  if (!isFiniteNumber(s.lng) || s.lng < -180 || s.lng > 180) return 'has a longitude outside −180…180';
  if (typeof s.geocodePrecision !== 'string' || !PRECISIONS.has(s.geocodePrecision)) {
    return 'has an unknown geocodePrecision';
  }
  if (typeof s.status !== 'string' || !STATUS_SET.has(s.status)) {
    return `has an unknown status ${JSON.stringify(s.status ?? null)}`;
  }
  if (typeof s.channel !== 'string' || !CHANNEL_SET.has(s.channel)) {
    return `has an unknown channel ${JSON.stringify(s.channel ?? null)}`;
  }
  for (const key of ['revenue', 'priorRevenue', 'potential'] as const) {
    if (!isMoney(s[key])) return `has a ${key} that is not a non-negative number`;
  }
  if (s.customerSince !== null && !isIsoDate(s.customerSince)) return 'has a customerSince that is not a YYYY-MM-DD date';
  if (s.renewalDate !== null && !isIsoDate(s.renewalDate)) return 'has a renewalDate that is not a YYYY-MM-DD date';
  if (
    s.satisfaction !== null &&
    !(typeof s.satisfaction === 'number' && Number.isInteger(s.satisfaction) && s.satisfaction >= 1 && s.satisfaction <= 5)
  ) {
    return 'has a satisfaction that is not an integer 1–5';
  }
  if (typeof s.keyAccount !== 'boolean') return 'has a keyAccount that is not true/false';
  if (s.accountManagerId !== null && !isNonEmptyString(s.accountManagerId)) return 'has an invalid accountManagerId';
  return {
    id: s.id as StoreId,
    externalId: s.externalId,
    name: s.name,
    address: s.address as string,
    city: s.city as string,
    state: s.state,
    zip: s.zip as string,
    lat: s.lat,
    lng: s.lng,
    geocodePrecision: s.geocodePrecision as GeocodePrecision,
    status: s.status as StoreStatus,
    channel: s.channel as Channel,
    revenue: s.revenue as number,
    priorRevenue: s.priorRevenue as number,
    potential: s.potential as number,
    customerSince: s.customerSince,
    satisfaction: s.satisfaction as number | null,
    renewalDate: s.renewalDate,
    keyAccount: s.keyAccount,
    accountManagerId: s.accountManagerId as PersonId | null,
  };
}

/**
 * Validates the bundled sample market file and returns typed stores and people.
 * Fails on the first bad record, with its index in `row` (0-based) and a message naming
 * the store id and field. Also checks that ids are unique and that every
 * accountManagerId names a person of the file.
 */
export function parseSampleMarket(json: unknown): Result<SampleMarket, SampleDataReason> {
  const checked = checkHeader(json, SAMPLE_MARKET_FORMAT);
  if (!checked.ok) return checked;
  const head = checked.value;
  const people = parsePeople(head.people);
  if (!people.ok) return people;
  const personIds = new Set<string>(people.value.map((p) => p.id));
  if (!Array.isArray(head.stores)) return fail('missing-list', 'The file has no "stores" list.');
  const stores: Store[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < head.stores.length; i++) {
    const raw: unknown = head.stores[i];
    const parsed = parseStore(raw);
    const label = isObject(raw) && typeof raw.id === 'string' ? `Store ${i + 1} (${raw.id})` : `Store ${i + 1}`;
    if (typeof parsed === 'string') return fail('invalid-store', `${label} ${parsed}.`, i);
    if (seen.has(parsed.id)) return fail('duplicate-id', `Store id ${parsed.id} appears twice.`, i);
    seen.add(parsed.id);
    if (parsed.accountManagerId !== null && !personIds.has(parsed.accountManagerId)) {
      return fail('unknown-person', `${label} names account manager ${parsed.accountManagerId}, who is not in "people".`, i);
    }
    stores.push(parsed);
  }
  return { ok: true, value: { stores, people: people.value } };
}

function isPosition(p: unknown): boolean {
  return (
    Array.isArray(p) &&
    p.length >= 2 &&
    isFiniteNumber(p[0]) &&
    isFiniteNumber(p[1]) &&
    p[0] >= -180 &&
    p[0] <= 180 &&
    p[1] >= -90 &&
    p[1] <= 90
  );
}

function ringProblem(ring: unknown): string | null {
  if (!Array.isArray(ring) || ring.length < 4) return 'has a ring with fewer than 4 positions';
  for (const p of ring) if (!isPosition(p)) return 'has a position that is not a [lng, lat] pair in range';
  const a = ring[0] as number[];
  const b = ring[ring.length - 1] as number[];
  if (a[0] !== b[0] || a[1] !== b[1]) return 'has a ring that is not closed';
  return null;
}

function polygonProblem(rings: unknown): string | null {
  if (!Array.isArray(rings) || rings.length === 0) return 'has a polygon without rings';
  for (const r of rings) {
    const problem = ringProblem(r);
    if (problem) return problem;
  }
  return null;
}

/** Structural check of a Polygon/MultiPolygon (shape and ranges, not self-intersection). */
function geometryProblem(g: unknown): string | null {
  if (!isObject(g)) return 'has no geometry';
  if (g.type === 'Polygon') return polygonProblem(g.coordinates);
  if (g.type === 'MultiPolygon') {
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return 'has an empty MultiPolygon';
    for (const poly of g.coordinates) {
      const problem = polygonProblem(poly);
      if (problem) return problem;
    }
    return null;
  }
  return `has a geometry of type ${JSON.stringify(g.type ?? null)} (expected Polygon or MultiPolygon)`;
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/**
 * Validates the bundled demo plan file and returns its territories (without planId: the
 * caller creates the plan and stamps its id) and territory managers.
 */
export function parseDemoPlan(json: unknown): Result<DemoPlan, SampleDataReason> {
  const checked = checkHeader(json, DEMO_PLAN_FORMAT);
  if (!checked.ok) return checked;
  const head = checked.value;
  const name = isNonEmptyString(head.name) ? head.name : 'Demo plan';
  const people = parsePeople(head.people);
  if (!people.ok) return people;
  const personIds = new Set<string>(people.value.map((p) => p.id));
  if (!Array.isArray(head.territories)) return fail('missing-list', 'The file has no "territories" list.');
  const territories: Omit<Territory, 'planId'>[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < head.territories.length; i++) {
    const t: unknown = head.territories[i];
    let label = `Territory ${i + 1}`;
    if (!isObject(t)) return fail('invalid-territory', `${label} is not an object.`, i);
    if (!isNonEmptyString(t.id)) return fail('invalid-territory', `${label} has no id.`, i);
    label = `${label} (${t.id})`;
    if (!isNonEmptyString(t.name)) return fail('invalid-territory', `${label} has no name.`, i);
    if (typeof t.color !== 'string' || !HEX_COLOR.test(t.color)) {
      return fail('invalid-territory', `${label} has a color that is not #rrggbb.`, i);
    }
    const problem = geometryProblem(t.geometry);
    if (problem) return fail('invalid-territory', `${label} ${problem}.`, i);
    if (t.managerId !== null && !isNonEmptyString(t.managerId)) {
      return fail('invalid-territory', `${label} has an invalid managerId.`, i);
    }
    if (t.regionId !== null && !isNonEmptyString(t.regionId)) {
      return fail('invalid-territory', `${label} has an invalid regionId.`, i);
    }
    if (typeof t.locked !== 'boolean') return fail('invalid-territory', `${label} has a locked flag that is not true/false.`, i);
    if (!(typeof t.rank === 'number' && Number.isInteger(t.rank) && t.rank >= 0)) {
      return fail('invalid-territory', `${label} has a rank that is not a whole number ≥ 0.`, i);
    }
    if (seen.has(t.id)) return fail('duplicate-id', `Territory id ${t.id} appears twice.`, i);
    seen.add(t.id);
    if (t.managerId !== null && !personIds.has(t.managerId)) {
      return fail('unknown-person', `${label} names manager ${t.managerId}, who is not in "people".`, i);
    }
    territories.push({
      id: t.id as TerritoryId,
      name: t.name,
      color: t.color,
      geometry: t.geometry as unknown as TerritoryGeometry,
      managerId: t.managerId as PersonId | null,
      regionId: t.regionId as RegionId | null,
      locked: t.locked,
      rank: t.rank,
    });
  }
  return { ok: true, value: { name, territories, people: people.value } };
}
