/**
 * The whole import of a delimited file in ONE pass: each row is validated (and
 * ZIP-geocoded) as it is read, instead of parsing the file into a table first and
 * validating the table afterwards (`parseDelimited` then `validateRows`). Same rows, row
 * numbers, rules and messages — both go through `readDelimited` and `RowValidator` — so
 * the `ImportResult` is exactly the two-step one (tests/domain/import/importDelimited.test.ts).
 *
 * Why: a table of a 100k-row file is 1.8M cell strings in 100k arrays (≈ 55 MB) that all
 * live until validation ends; read and validated row by row, the cells die young and only
 * those a store keeps survive. The worker then holds the file text (13 MB per 100k rows)
 * instead of the table, and a 1M-row file peaks at ≈ 0.65 GB instead of ≈ 1.4 GB
 * (`npm run bench -- import`).
 *
 * `mapping: 'detect'` maps the columns from the header (`detectColumns`), as the wizard
 * proposes; `options` may depend on the delimiter found (`defaultImportOptions`). The first
 * `sampleSize` data rows are kept as a small `ParsedTable` (`sample`) for the wizard's
 * mapping step and preview.
 */
import { detectColumns } from './detectColumns';
import type { ColumnMapping } from './fields';
import type { ImportOptions, ImportResult, ParsedTable } from './importTypes';
import type { CellSpans } from './cellSpans';
import { readDelimited, type DelimitedLayout, type DelimitedSink, type ReadDelimitedOptions, type RowProblem } from './readDelimited';
import { RowValidator } from './rowValidator';

export interface ImportDelimitedOptions extends ReadDelimitedOptions {
  /** The confirmed mapping, or 'detect' to map the columns from the header. */
  mapping: ColumnMapping | 'detect';
  /** How cells are read (and the ZIP lookup), as for `validateRows`; or a rule by delimiter. */
  options: ImportOptions | ((delimiter: string) => ImportOptions);
  /** Data rows to keep in `sample` (default 20). */
  sampleSize?: number | undefined;
}

export interface DelimitedImport {
  /** Exactly `validateRows(parseDelimited(text), mapping, options)`. */
  result: ImportResult;
  /** The mapping used: the given one, or the one detected from the header. */
  mapping: ColumnMapping;
  /** The options used (after the delimiter rule, if one was given). */
  options: ImportOptions;
  /** Header, the first `sampleSize` data rows and how the text was read. */
  sample: ParsedTable;
  /** Data rows read (blank lines excluded), as `parseDelimited(text).rows.length`. */
  rowCount: number;
}

/** Parse + validate + ZIP-geocode `text` in one pass (see the module comment). */
export function importDelimited(text: string, opts: ImportDelimitedOptions): DelimitedImport {
  const sink = new ImportSink(opts, estimateRows(text));
  const layout: DelimitedLayout = readDelimited(text, opts, sink);
  const used = sink.validator ?? sink.header([], layout.delimiter); // a file without a header: no rows
  return {
    result: used.finish(layout.cancelled),
    mapping: sink.mapping,
    options: sink.options!,
    sample: { header: sink.headerCells, rows: sink.sampleRows, rowNumbers: sink.sampleNumbers, ...layout, invalidRows: sink.sampleInvalid },
    rowCount: sink.rowCount,
  };
}

/**
 * Each row → the validator, the first rows → the sample. A class, not an object of
 * closures: `readDelimited` calls `row` once per row, and a method of a class keeps the
 * optimised reading code alive from one import to the next (see `RecordSink`).
 */
class ImportSink implements DelimitedSink {
  headerCells: string[] = [];
  mapping: ColumnMapping;
  options: ImportOptions | null;
  validator: RowValidator | null = null;
  rowCount = 0;
  readonly sampleRows: string[][] = [];
  readonly sampleNumbers: number[] = [];
  readonly sampleInvalid: ParsedTable['invalidRows'] = new Map();
  private readonly sampleSize: number;

  constructor(
    private readonly opts: ImportDelimitedOptions,
    private readonly expectedRows: number,
  ) {
    this.sampleSize = opts.sampleSize ?? 20;
    this.mapping = opts.mapping === 'detect' ? {} : opts.mapping;
    this.options = typeof opts.options === 'function' ? null : opts.options;
  }

  header(cells: string[], delimiter: string): RowValidator {
    const { opts } = this;
    this.headerCells = cells;
    if (opts.mapping === 'detect') this.mapping = detectColumns(cells);
    if (typeof opts.options === 'function') this.options = opts.options(delimiter);
    this.validator = new RowValidator(cells, this.mapping, this.options!, this.expectedRows);
    return this.validator;
  }

  row(cells: CellSpans, rowNumber: number, problem: RowProblem | undefined): void {
    this.validator!.addSpans(cells, rowNumber, problem);
    if (this.rowCount < this.sampleSize) {
      if (problem !== undefined) this.sampleInvalid.set(this.rowCount, problem);
      this.sampleRows.push(cells.strings());
      this.sampleNumbers.push(rowNumber);
    }
    this.rowCount++;
  }

  reset(): void {
    this.validator = null;
    this.rowCount = 0;
    this.sampleRows.length = 0;
    this.sampleNumbers.length = 0;
    this.sampleInvalid.clear();
  }
}

/**
 * Data rows to expect, from the line breaks in the first 64 KB: sizes the external-id
 * index once instead of growing it (an estimate only; it never changes the result).
 */
function estimateRows(text: string): number {
  const end = Math.min(text.length, 65_536);
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) lines++;
  return lines === 0 ? 512 : Math.ceil((text.length / end) * lines);
}
