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
import { readDelimited, type DelimitedLayout, type ReadDelimitedOptions } from './readDelimited';
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
  const sampleSize = opts.sampleSize ?? 20;
  let header: string[] = [];
  let mapping: ColumnMapping = opts.mapping === 'detect' ? {} : opts.mapping;
  let options: ImportOptions | null = typeof opts.options === 'function' ? null : opts.options;
  let validator: RowValidator | null = null;
  let rowCount = 0;
  const sampleRows: string[][] = [];
  const sampleNumbers: number[] = [];
  const sampleInvalid: ParsedTable['invalidRows'] = new Map();
  const expected = estimateRows(text);

  const start = (cells: string[], delimiter: string): RowValidator => {
    header = cells;
    if (opts.mapping === 'detect') mapping = detectColumns(cells);
    if (typeof opts.options === 'function') options = opts.options(delimiter);
    validator = new RowValidator(cells, mapping, options!, expected);
    return validator;
  };

  const layout: DelimitedLayout = readDelimited(text, opts, {
    header: start,
    row(cells, rowNumber, problem) {
      validator!.addSpans(cells, rowNumber, problem);
      if (rowCount < sampleSize) {
        if (problem !== undefined) sampleInvalid.set(rowCount, problem);
        sampleRows.push(cells.strings());
        sampleNumbers.push(rowNumber);
      }
      rowCount++;
    },
    reset() {
      validator = null;
      rowCount = 0;
      sampleRows.length = 0;
      sampleNumbers.length = 0;
      sampleInvalid.clear();
    },
  });
  const used = validator ?? start([], layout.delimiter); // a file without a header: no rows
  return {
    result: used.finish(layout.cancelled),
    mapping,
    options: options!,
    sample: { header, rows: sampleRows, rowNumbers: sampleNumbers, ...layout, invalidRows: sampleInvalid },
    rowCount,
  };
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
