import type { PlanComparison } from '../plans';
import { storeAt, toMarket, type StoreSource } from '../market';
import type { Territory } from '../types';
import { csvLineBuffer, csvNumberCell, csvRow, csvTextCell } from './csv';

/** Columns of the realignment export, in order (the header line is exactly these). */
export const REALIGNMENT_CSV_HEADER = [
  'store_id',
  'store_name',
  'from_territory_id',
  'from_territory',
  'to_territory_id',
  'to_territory',
  'revenue',
  'status',
] as const;

/**
 * "Which stores change hands" between two plans as CSV: the list sales ops send to the
 * reps and the CRM team after a realignment. One line per moved store (a store whose
 * territory differs between plan A and plan B, see comparePlans), in store order;
 * `from_*` is the store's territory in plan A, `to_*` in plan B, both empty when the store
 * is unassigned on that side. `status` is the store's status (customer / prospect /
 * lost), so a reader can filter the customers that change hands; `revenue` is the store's
 * trailing-12-month revenue.
 *
 * @param comparison comparePlans over `stores` with `territoriesA` / `territoriesB` (its
 *   `moved` / `movedFrom` / `movedTo` index into these three lists).
 *
 * Encoding per csv.ts: LF line endings (one after the last line), RFC 4180 quoting, text
 * cells neutralised against formula injection, revenue a plain number. Territory cells
 * are encoded once per territory, not per store.
 */
export function realignmentToCsv(
  source: StoreSource,
  comparison: PlanComparison,
  territoriesA: readonly Territory[],
  territoriesB: readonly Territory[],
): string {
  const stores = toMarket(source);
  const cellsA = territoryCells(territoriesA);
  const cellsB = territoryCells(territoriesB);
  const out = csvLineBuffer();
  out.push(csvRow(REALIGNMENT_CSV_HEADER));
  const { moved, movedFrom, movedTo } = comparison;
  for (let k = 0; k < moved.length; k++) {
    const i = moved[k]!;
    if (!(i >= 0 && i < stores.length)) continue;
    const s = storeAt(stores, i);
    out.push(
      csvTextCell(s.id) + ',' +
        csvTextCell(s.name) + ',' +
        cell(cellsA, movedFrom[k] ?? -1) + ',' +
        cell(cellsB, movedTo[k] ?? -1) + ',' +
        csvNumberCell(s.revenue) + ',' +
        csvTextCell(s.status),
    );
  }
  return out.finish();
}

/** "id,name" per territory index. */
function territoryCells(territories: readonly Territory[]): string[] {
  return territories.map((t) => `${csvTextCell(t.id)},${csvTextCell(t.name)}`);
}

function cell(cells: readonly string[], index: number): string {
  return index >= 0 && index < cells.length ? cells[index]! : ',';
}
