/**
 * CSV / TSV / semicolon / pipe text → a `ParsedTable` (header, every data row, row
 * numbers), for callers that need the rows themselves: the wizard when a file needs
 * papaparse's recovery (broken quoting), tests, and anything that re-reads rows. The rules
 * (BOM, delimiter and line-break detection, blank lines, row numbers, broken quotes,
 * progress and cancel) are `readDelimited`'s. An import that only needs the validated
 * stores uses `importDelimited` instead, which keeps no rows.
 */
import type { ParsedTable } from './importTypes';
import type { CellSpans } from './cellSpans';
import { readDelimited, type DelimitedSink, type ReadDelimitedOptions, type RowProblem } from './readDelimited';

export type ParseDelimitedOptions = ReadDelimitedOptions;

/** Delimited text → header, rows and row numbers (rules: `readDelimited`). */
export function parseDelimited(text: string, opts: ParseDelimitedOptions = {}): ParsedTable {
  const sink = new TableSink();
  const layout = readDelimited(text, opts, sink);
  return { header: sink.headerCells, rows: sink.rows, rowNumbers: sink.rowNumbers, ...layout, invalidRows: sink.invalidRows };
}

/** Every row kept (a class for the reason given on `RecordSink`). */
class TableSink implements DelimitedSink {
  headerCells: string[] = [];
  readonly rows: string[][] = [];
  readonly rowNumbers: number[] = [];
  readonly invalidRows: ParsedTable['invalidRows'] = new Map();

  header(cells: string[]): void {
    this.headerCells = cells;
  }

  row(cells: CellSpans, rowNumber: number, problem: RowProblem | undefined): void {
    if (problem !== undefined) this.invalidRows.set(this.rows.length, problem);
    this.rows.push(cells.strings());
    this.rowNumbers.push(rowNumber);
  }

  reset(): void {
    this.headerCells = [];
    this.rows.length = 0;
    this.rowNumbers.length = 0;
    this.invalidRows.clear();
  }
}
