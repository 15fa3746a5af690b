/**
 * The stores (all, or the filtered table) as CSV, for spreadsheets, CRMs and for bringing
 * them back into the app: the columns are named so that the importer's `detectColumns`
 * maps every one of them, and importing this file gives back the same stores (ids aside;
 * tests/domain/import/roundTrip.test.ts checks it on random stores).
 *
 * Encoding per csv.ts (RFC 4180, LF, no BOM; text cells neutralised against formula
 * injection with a leading `'`). For an exact round trip one more case is protected: a
 * text that itself starts with `'`s followed by a formula character (`'=x`) gets one more
 * `'` (`''=x`), because the importer removes one `'` from such a run (see
 * `csvReversibleTextCell`).
 * Numbers are plain (`String(n)`), dates ISO, key account `yes`/`no`, the account manager
 * by NAME (ids mean nothing outside the app; the importer matches people by name).
 */
import { storeAt, type Market } from '../market';
import type { PersonId, Store } from '../types';
import { csvNumberCell, csvRow, csvTextCell, joinCsvLines, type CsvValue } from './csv';

/** Columns of the stores export, in order. */
export const STORES_CSV_HEADER = [
  'external_id',
  'name',
  'address',
  'city',
  'state',
  'zip',
  'lat',
  'lng',
  'geocode_precision',
  'status',
  'channel',
  'revenue',
  'prior_revenue',
  'potential',
  'customer_since',
  'satisfaction',
  'renewal_date',
  'key_account',
  'account_manager',
] as const;

/** An extra column after the standard ones (e.g. the territory of each store). */
export interface ExtraStoreColumn {
  header: string;
  value: (store: Store, index: number) => CsvValue;
}

function isFormulaStart(code: number): boolean {
  return code === 61 || code === 43 || code === 45 || code === 64 || code === 9 || code === 13 || code === 10;
}

/**
 * `csvTextCell` made exactly reversible by the importer (src/domain/import/readTextCell):
 * besides `=x` → `'=x`, a text made of `'`s then a formula character gets one more `'`
 * (`'=x` → `''=x`), since the importer strips one `'` from any such run.
 */
export function csvReversibleTextCell(s: string): string {
  if (s.charCodeAt(0) === 39) {
    let k = 1;
    while (s.charCodeAt(k) === 39) k++;
    if (k < s.length && isFormulaStart(s.charCodeAt(k))) return csvTextCell(`'${s}`);
  }
  return csvTextCell(s);
}

const textCell = csvReversibleTextCell;

/**
 * @param accountManagerNames person id → name (the workspace's people); an id that is not
 *   in the map gives an empty account_manager cell.
 * @param extraColumns optional columns appended after the standard ones.
 */
export function storesToCsv(
  stores: readonly Store[],
  accountManagerNames: ReadonlyMap<PersonId, string>,
  extraColumns: readonly ExtraStoreColumn[] = [],
): string {
  return joinCsvLines(storesCsvLines(stores, accountManagerNames, extraColumns));
}

/** The lines of {@link storesToCsv} (no line endings), header first, for streaming to a file. */
export function* storesCsvLines(
  stores: readonly Store[] | { market: Market; rows: ArrayLike<number> },
  accountManagerNames: ReadonlyMap<PersonId, string>,
  extraColumns: readonly ExtraStoreColumn[] = [],
): Generator<string> {
  yield csvRow([...STORES_CSV_HEADER, ...extraColumns.map((c) => c.header)]);
  const count = 'market' in stores ? stores.rows.length : stores.length;
  for (let i = 0; i < count; i++) {
    // a store object per line, dropped right after: a million lines never hold a million stores
    const s = 'market' in stores ? storeAt(stores.market, stores.rows[i]!) : stores[i]!;
    const am = s.accountManagerId === null ? undefined : accountManagerNames.get(s.accountManagerId);
    let line =
      (s.externalId === null ? '' : textCell(s.externalId)) + ',' +
      textCell(s.name) + ',' +
      textCell(s.address) + ',' +
      textCell(s.city) + ',' +
      textCell(s.state) + ',' +
      textCell(s.zip) + ',' +
      csvNumberCell(s.lat) + ',' +
      csvNumberCell(s.lng) + ',' +
      s.geocodePrecision + ',' +
      s.status + ',' +
      s.channel + ',' +
      csvNumberCell(s.revenue) + ',' +
      csvNumberCell(s.priorRevenue) + ',' +
      csvNumberCell(s.potential) + ',' +
      (s.customerSince ?? '') + ',' +
      (s.satisfaction === null ? '' : csvNumberCell(s.satisfaction)) + ',' +
      (s.renewalDate ?? '') + ',' +
      (s.keyAccount ? 'yes' : 'no') + ',' +
      (am === undefined ? '' : textCell(am));
    for (const c of extraColumns) {
      const v = c.value(s, i);
      line += ',' + (typeof v === 'string' ? textCell(v) : csvRow([v]));
    }
    yield line;
  }
}
