/**
 * The "download rejected rows" file: every rejected row with its reason, so the user can
 * fix the rows in a spreadsheet and import that file again.
 *
 * Columns: `row_number` (the row number in the original file), `reason` (a code from
 * REJECT_REASONS), `message`, then the file's own columns with the cells exactly as read.
 * The reason comes first so it is the first thing seen in a spreadsheet; the original
 * header names are kept, so re-importing the fixed file maps the same way (detectColumns
 * recognises none of the three added names). A row that had more cells than the header
 * gets extra columns named `column_<n>`.
 *
 * Escaping is csv.ts's: RFC 4180 quoting, LF endings, formula-looking text neutralised with
 * a leading `'` (which the importer removes again, see readTextCell; cells are written with
 * `csvReversibleTextCell` so that the round trip is exact). A cell that is a plain
 * decimal number (`-97.5`, `1234.50`) is written as is — a negative number is data, not a
 * formula, and the spreadsheet should show it as a number.
 */
import { csvLineBuffer, csvNumberCell, csvRow, csvTextCell } from '../export/csv';
import { csvReversibleTextCell } from '../export/storesCsv';
import type { RejectedRow } from './importTypes';

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export const REJECTED_CSV_COLUMNS = ['row_number', 'reason', 'message'] as const;

/** The rejected rows with their reasons as a CSV document (see the module comment). */
export function rejectedRowsToCsv(header: readonly string[], rejected: readonly RejectedRow[]): string {
  let width = header.length;
  for (const r of rejected) if (r.values.length > width) width = r.values.length;
  const head: string[] = [...REJECTED_CSV_COLUMNS, ...header];
  for (let k = header.length; k < width; k++) head.push(`column_${k + 1}`);
  const out = csvLineBuffer();
  out.push(csvRow(head));
  for (const r of rejected) {
    let line = `${csvNumberCell(r.row)},${csvTextCell(r.reason)},${csvTextCell(r.message)}`;
    for (let k = 0; k < width; k++) {
      const v = r.values[k] ?? '';
      line += ',' + (PLAIN_NUMBER.test(v) ? v : csvReversibleTextCell(v));
    }
    out.push(line);
  }
  return out.finish();
}
