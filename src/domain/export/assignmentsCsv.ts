import { textAt, toMarket, type StoreSource } from '../market';
import type { Territory } from '../types';
import { csvNumberCell, csvRow, csvTextCell, joinCsvLines } from './csv';

/** Columns of the assignments export, in order (the header line is exactly these). */
export const ASSIGNMENTS_CSV_HEADER = [
  'store_id',
  'name',
  'lat',
  'lng',
  'status',
  'territory_id',
  'territory_name',
] as const;

/**
 * "Which store is in which territory" as CSV, for CRM imports, mail merges and
 * spreadsheets (sales ops hand this to the reps after a realignment). One line per store,
 * in the order of `stores`; `store_id` is the store's id (Store.id).
 *
 * @param assignment `assignment[i]` = index into `territories` of the territory of
 *   `stores[i]`, −1 for none (the form domain/assignment produces). Unassigned stores —
 *   and any index out of range, or stores beyond the end of a short array — get empty
 *   territory_id and territory_name.
 *
 * Encoding per `csv.ts`: LF line endings (one after the last line), RFC 4180 quoting,
 * text cells neutralised against formula injection, lat/lng plain numbers. Linear: lines
 * go through `csvLineBuffer` and each territory's cells are encoded once, not per store
 * (1M stores ≈ 60–80 MB of text, about 1.5 s on a 2-core laptop).
 */
export function assignmentsToCsv(
  stores: StoreSource,
  assignment: Int32Array,
  territories: readonly Territory[],
): string {
  return joinCsvLines(assignmentsCsvLines(stores, assignment, territories));
}

/** The lines of {@link assignmentsToCsv} (no line endings), header first, for streaming to a file. */
export function* assignmentsCsvLines(
  stores: StoreSource,
  assignment: Int32Array,
  territories: readonly Territory[],
): Generator<string> {
  const n = territories.length;
  // ",territory_id,territory_name" per territory index; index n = unassigned.
  const suffix: string[] = new Array(n + 1);
  for (let k = 0; k < n; k++) {
    const t = territories[k]!;
    suffix[k] = `,${csvTextCell(t.id)},${csvTextCell(t.name)}`;
  }
  suffix[n] = ',,';

  yield csvRow(ASSIGNMENTS_CSV_HEADER);
  const m = toMarket(stores);
  const statusCells = m.status.values.map((v) => csvTextCell(v));
  const assigned = assignment.length;
  for (let i = 0, len = m.length; i < len; i++) {
    let t = i < assigned ? assignment[i]! : -1;
    if (!(t >= 0 && t < n)) t = n;
    yield (
      csvTextCell(textAt(m.id, i)) + ',' +
        csvTextCell(textAt(m.name, i)) + ',' +
        csvNumberCell(m.lat[i]!) + ',' +
        csvNumberCell(m.lng[i]!) + ',' +
        statusCells[m.status.codes[i]!]! +
        suffix[t]!
    );
  }
}
