/**
 * The market in a backup as a table (see backupFormat.ts): `store_fields` names the
 * columns, `stores` holds one array per store. Decoding checks every store the way the
 * app's own loading does (normalise-on-load), but refuses instead of skipping: a backup
 * that silently lost stores would not be a backup.
 */
import { CHANNELS, STORE_STATUSES, type Channel, type GeocodePrecision, type PersonId, type Result, type Store, type StoreId, type StoreStatus } from '../types';
import { describeValue } from '../plans';
import { STORE_FIELDS, type BackupReason } from './backupFormat';

type StoreField = (typeof STORE_FIELDS)[number];
const MONEY: ReadonlySet<string> = new Set<StoreField>(['revenue', 'priorRevenue', 'potential']);

/** The stores as rows of STORE_FIELDS (non-finite money written as 0, see backupFormat). */
export function encodeStores(stores: readonly Store[]): unknown[][] {
  const rows: unknown[][] = new Array(stores.length);
  const width = STORE_FIELDS.length;
  for (let i = 0; i < stores.length; i++) {
    const s = stores[i]!;
    const row: unknown[] = new Array(width);
    for (let c = 0; c < width; c++) {
      const field = STORE_FIELDS[c]!;
      const v = s[field];
      row[c] = MONEY.has(field) && !(typeof v === 'number' && Number.isFinite(v)) ? 0 : v;
    }
    rows[i] = row;
  }
  return rows;
}

const STATUSES: ReadonlySet<string> = new Set(STORE_STATUSES);
const CHANNEL_SET: ReadonlySet<string> = new Set(CHANNELS);
const PRECISIONS: ReadonlySet<string> = new Set<GeocodePrecision>(['exact', 'zip-centroid']);

type Fail = { ok: false; reason: BackupReason; message: string; row?: number };

/**
 * Stores from the table, in file order. Refuses (reason 'invalid-store', `row` = the
 * 0-based store index) on the first store that is not usable: missing id, coordinates not
 * finite or out of range, unknown status, channel or geocode precision, a text field that
 * is not text, a money value that is not a finite number, a satisfaction outside 1–5;
 * 'duplicate-id' when two stores share an id.
 */
export function decodeStores(fieldsRaw: unknown, rowsRaw: unknown): Result<Store[], BackupReason> {
  if (!Array.isArray(fieldsRaw) || !Array.isArray(rowsRaw)) {
    return fail('invalid-store', 'The backup has no store table ("store_fields" and "stores" lists).');
  }
  const col = new Map<string, number>();
  fieldsRaw.forEach((f, c) => {
    if (typeof f === 'string' && !col.has(f)) col.set(f, c);
  });
  const at: number[] = [];
  for (const field of STORE_FIELDS) {
    const c = col.get(field);
    if (c === undefined) return fail('invalid-store', `The backup's store table has no "${field}" column.`);
    at.push(c);
  }
  const [cId, cExt, cName, cAddr, cCity, cState, cZip, cLat, cLng, cPrec, cStatus, cChannel, cRev, cPrior, cPot, cSince, cSat, cRenew, cKey, cAm] = at as [
    number, number, number, number, number, number, number, number, number, number,
    number, number, number, number, number, number, number, number, number, number,
  ];
  const stores: Store[] = new Array(rowsRaw.length);
  const seen = new Set<string>();
  for (let i = 0; i < rowsRaw.length; i++) {
    const r: unknown = rowsRaw[i];
    const where = `Store ${i + 1}`;
    if (!Array.isArray(r)) return fail('invalid-store', `${where} of the backup is not a row of values.`, i);
    const id: unknown = r[cId];
    if (typeof id !== 'string' || id === '') return fail('invalid-store', `${where} of the backup has no id.`, i);
    const label = `${where} (${describeValue(id)})`;
    const bad = (what: string): Fail => fail('invalid-store', `${label} of the backup has ${what}.`, i);
    const text = (c: number): string | null => (typeof r[c] === 'string' ? (r[c] as string) : null);
    const optText = (c: number): string | null | undefined => (r[c] === null ? null : typeof r[c] === 'string' ? (r[c] as string) : undefined);

    const name = text(cName);
    const address = text(cAddr);
    const city = text(cCity);
    const state = text(cState);
    const zip = text(cZip);
    if (name === null || address === null || city === null || state === null || zip === null) return bad('a name or address field that is not text');
    const externalId = optText(cExt);
    if (externalId === undefined) return bad('an external id that is not text');
    const lat: unknown = r[cLat];
    const lng: unknown = r[cLng];
    if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) return bad(`a latitude ${describeValue(lat)} outside −90…90`);
    if (typeof lng !== 'number' || !Number.isFinite(lng) || lng < -180 || lng > 180) return bad(`a longitude ${describeValue(lng)} outside −180…180`);
    const precision: unknown = r[cPrec];
    if (typeof precision !== 'string' || !PRECISIONS.has(precision)) return bad(`an unknown geocode precision ${describeValue(precision)}`);
    const status: unknown = r[cStatus];
    if (typeof status !== 'string' || !STATUSES.has(status)) return bad(`an unknown status ${describeValue(status)}`);
    const channel: unknown = r[cChannel];
    if (typeof channel !== 'string' || !CHANNEL_SET.has(channel)) return bad(`an unknown channel ${describeValue(channel)}`);
    const revenue: unknown = r[cRev];
    const prior: unknown = r[cPrior];
    const potential: unknown = r[cPot];
    if (!isFiniteNumber(revenue) || !isFiniteNumber(prior) || !isFiniteNumber(potential)) return bad('a revenue, prior revenue or potential that is not a number');
    const customerSince = optText(cSince);
    const renewalDate = optText(cRenew);
    if (customerSince === undefined || renewalDate === undefined) return bad('a date that is not text');
    const satisfaction: unknown = r[cSat];
    if (satisfaction !== null && !(isFiniteNumber(satisfaction) && satisfaction >= 1 && satisfaction <= 5)) return bad(`a satisfaction ${describeValue(satisfaction)} outside 1–5`);
    const keyAccount: unknown = r[cKey];
    if (typeof keyAccount !== 'boolean') return bad('a key-account flag that is not true/false');
    const am = optText(cAm);
    if (am === undefined || am === '') return bad('an account manager id that is not text');
    if (seen.has(id)) return fail('duplicate-id', `${label}: another store of the backup has the same id.`, i);
    seen.add(id);
    stores[i] = {
      id: id as StoreId,
      externalId,
      name,
      address,
      city,
      state,
      zip,
      lat,
      lng,
      geocodePrecision: precision as GeocodePrecision,
      status: status as StoreStatus,
      channel: channel as Channel,
      revenue,
      priorRevenue: prior,
      potential,
      customerSince,
      satisfaction: satisfaction as number | null,
      renewalDate,
      keyAccount,
      accountManagerId: am as PersonId | null,
    };
  }
  return { ok: true, value: stores };
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function fail(reason: BackupReason, message: string, row?: number): Fail {
  return row === undefined ? { ok: false, reason, message } : { ok: false, reason, message, row };
}
