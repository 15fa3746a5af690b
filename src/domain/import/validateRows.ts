/**
 * Turns a parsed file into candidate stores and rejected rows, with the reasons and row
 * numbers the import summary shows. Never throws on bad data: every problem is a
 * `RejectedRow` with a reason code from REJECT_REASONS and a message naming the column and
 * the value.
 *
 * Per row, in this order (the first failure is the row's one reason):
 *  1. a row the parser already marked (`table.invalidRows`: 'malformed-quotes',
 *     GeoJSON 'invalid-feature' / 'unsupported-geometry');
 *  2. field count ≠ header width → 'wrong-field-count' (a row whose cells are all empty is
 *     skipped silently instead and counted in `summary.blankRows`);
 *  3. name empty → 'missing-name';
 *  4. location: both coordinates blank (or `N/A`) → the ZIP centroid if the ZIP is known
 *     ('zip-centroid' precision), else 'zip-not-found' / 'missing-coordinates'; only one
 *     blank → 'missing-coordinates'; not numbers → 'non-numeric-coordinate'; 0,0 →
 *     'null-island'; 90 < |lat| ≤ 180 with |lng| ≤ 90 (swapped, the point is valid), or
 *     lat < −60 (Antarctica: no stores there) where the swapped point is valid and not in
 *     Antarctica → 'likely-swapped' (the message proposes the swap; rows are never swapped
 *     silently); otherwise 'lat-out-of-range' / 'lng-out-of-range';
 *  5. status: blank or no column → `defaultStatus` ('prospect' unless the caller says
 *     otherwise; counted in `summary.defaultedStatus`); unknown word → 'unknown-status';
 *  6. channel: never rejects (see matchChannel; guesses are listed in
 *     `summary.unknownChannels`); blank or no column → 'independent-pet';
 *  7. revenue, prior revenue, potential: blank/`N/A` → 0; else 'bad-number' /
 *     'number-too-large' (see parseNumberCell; negative values are kept: credits happen);
 *  8. satisfaction: blank → null; else a number in 1…5 ('bad-number',
 *     'satisfaction-out-of-range');
 *  9. customer since, renewal date: blank → null; else 'bad-date' (see parseDateCell);
 * 10. key account: blank → false; else yes/no words ('bad-key-account');
 * 11. external id: blank → null; the same id on an earlier VALID row →
 *     'duplicate-external-id' (ids are the key that updates stores on re-import, so two
 *     rows with one id would silently overwrite each other).
 * Text cells (name, address, city, state, ZIP, ids, account manager) are trimmed and kept
 * verbatim (see readTextCell); a US ZIP is stored normalised (`2134` → `02134`).
 *
 * Row numbers are `table.rowNumbers` (the spreadsheet row; header = row 1).
 * Progress is reported and `shouldCancel` polled every 4,096 rows; a cancelled run returns
 * `cancelled: true` with the rows done so far — do not commit it.
 */
import type { ColumnMapping } from './fields';
import type { ImportOptions, ImportResult, ParsedTable, ProgressOptions } from './importTypes';
import { RowValidator } from './rowValidator';

const BATCH = 4096;

/** Every row of `table` → stores and rejected rows with reasons (rules: module comment). */
export function validateRows(table: ParsedTable, mapping: ColumnMapping, opts: ImportOptions & ProgressOptions): ImportResult {
  const validator = new RowValidator(table.header, mapping, opts, table.rows.length);
  const { rows, rowNumbers, invalidRows } = table;
  const { onProgress, shouldCancel } = opts;
  const n = rows.length;
  const checkInvalid = invalidRows.size > 0;
  let cancelled = false;
  for (let start = 0; start < n; start += BATCH) {
    if (shouldCancel?.()) {
      cancelled = true;
      break;
    }
    const end = Math.min(n, start + BATCH);
    if (checkInvalid) {
      for (let i = start; i < end; i++) validator.add(rows[i]!, rowNumbers[i]!, invalidRows.get(i));
    } else {
      for (let i = start; i < end; i++) validator.add(rows[i]!, rowNumbers[i]!);
    }
    onProgress?.(end / n);
  }
  return validator.finish(cancelled);
}
