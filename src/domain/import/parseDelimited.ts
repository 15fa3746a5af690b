/**
 * CSV / TSV / semicolon / pipe text → a `ParsedTable` (header, every data row, row
 * numbers), for callers that need the rows themselves: the wizard when a file needs
 * papaparse's recovery (broken quoting), tests, and anything that re-reads rows. The rules
 * (BOM, delimiter and line-break detection, blank lines, row numbers, broken quotes,
 * progress and cancel) are `readDelimited`'s. An import that only needs the validated
 * stores uses `importDelimited` instead, which keeps no rows.
 */
import type { ParsedTable } from './importTypes';
import { readDelimited, type ReadDelimitedOptions } from './readDelimited';

export type ParseDelimitedOptions = ReadDelimitedOptions;

/** Delimited text → header, rows and row numbers (rules: `readDelimited`). */
export function parseDelimited(text: string, opts: ParseDelimitedOptions = {}): ParsedTable {
  let header: string[] = [];
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const invalidRows: ParsedTable['invalidRows'] = new Map();
  const layout = readDelimited(text, opts, {
    header(cells) {
      header = cells;
    },
    row(cells, rowNumber, problem) {
      if (problem !== undefined) invalidRows.set(rows.length, problem);
      rows.push(cells.strings());
      rowNumbers.push(rowNumber);
    },
    reset() {
      header = [];
      rows.length = 0;
      rowNumbers.length = 0;
      invalidRows.clear();
    },
  });
  return { header, rows, rowNumbers, ...layout, invalidRows };
}
