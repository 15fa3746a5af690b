/**
 * Reusable CSV cell and row encoding for every export (assignments, stores table…).
 *
 * Format: RFC 4180 quoting — a field containing a comma, a double quote, CR or LF is
 * wrapped in double quotes and inner quotes are doubled. Line ending is LF ("\n"), with
 * one after the last row too: RFC 4180 suggests CRLF, but Excel, LibreOffice, Google
 * Sheets, pandas and R all read LF, and LF is what git and Unix tools expect. The string
 * has no byte-order mark; a caller that saves for Excel may prepend "\uFEFF" to the Blob
 * so that accented names open correctly.
 *
 * Security (OWASP "CSV Injection"): a TEXT cell that starts with = + - @ tab, CR or LF
 * would be run as a formula by spreadsheet apps; it is prefixed with a single quote. Only
 * text cells are neutralised: numbers go through `csvNumberCell` and keep their sign, so
 * a longitude stays `-97.5`.
 */

/** A value for `csvCell`/`csvRow`: strings are text cells, numbers numeric cells, null /
 *  undefined empty cells. */
export type CsvValue = string | number | null | undefined;

/** The line ending used by every CSV export (see the module comment). */
export const CSV_LINE_ENDING = '\n';

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTE_G = /"/g;

function isFormulaStart(code: number): boolean {
  // = + - @ TAB CR LF
  return code === 61 || code === 43 || code === 45 || code === 64 || code === 9 || code === 13 || code === 10;
}

/**
 * Encodes a text field: neutralises a leading formula character with a `'` prefix, then
 * quotes per RFC 4180 when needed. Use it for every user- or import-provided string
 * (names, addresses, ids, territory names).
 */
export function csvTextCell(s: string): string {
  let v = s;
  if (v.length > 0 && isFormulaStart(v.charCodeAt(0))) v = `'${v}`;
  if (NEEDS_QUOTES.test(v)) v = `"${v.replace(QUOTE_G, '""')}"`;
  return v;
}

/**
 * Encodes a numeric field: the shortest string that round-trips (`String(n)`, so −97.5 →
 * "-97.5", 0.1 + 0.2 → "0.30000000000000004", 1e21 → "1e+21"); NaN and ±Infinity → empty
 * cell. Never neutralised: a negative number is data, not a formula.
 */
export function csvNumberCell(n: number): string {
  return Number.isFinite(n) ? String(n) : '';
}

/**
 * `x` to `decimals` places (as `toFixed` rounds), as a number for a numeric cell: never
 * "-0"; null and non-finite become null (an empty cell). For exports whose numbers are
 * plain (no separators) but not carried to 17 digits.
 */
export function rounded(x: number | null, decimals: number): number | null {
  if (x === null || !Number.isFinite(x)) return null;
  const v = Number(x.toFixed(decimals));
  return v === 0 ? 0 : v;
}

/** Encodes one value by its type (see `CsvValue`). */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? csvNumberCell(value) : csvTextCell(value);
}

/** Encodes one record (no line ending). */
export function csvRow(values: readonly CsvValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    line += csvCell(values[i]);
  }
  return line;
}

/** Lines joined per chunk: small enough to flatten cheaply, large enough to be few. */
const CHUNK_LINES = 4096;

/** Accumulates CSV lines; `finish()` returns the document (see `csvLineBuffer`). */
export interface CsvLineBuffer {
  push(line: string): void;
  finish(): string;
}

/**
 * A line collector for large exports: lines are joined into chunks of 4,096 as they come
 * and the chunks joined once at the end, each line followed by LF (also the last). Linear
 * (no quadratic string concatenation), and measured about 2× faster than one join over a
 * million separate lines, because V8 flattens and frees the small strings early instead
 * of keeping a million of them alive until the final join.
 */
export function csvLineBuffer(): CsvLineBuffer {
  const chunks: string[] = [];
  let lines: string[] = [];
  return {
    push(line: string): void {
      lines.push(line);
      if (lines.length === CHUNK_LINES) {
        chunks.push(lines.join(CSV_LINE_ENDING));
        lines = [];
      }
    },
    finish(): string {
      if (lines.length > 0) chunks.push(lines.join(CSV_LINE_ENDING));
      lines = [];
      chunks.push(''); // the line ending after the last line
      return chunks.join(CSV_LINE_ENDING);
    },
  };
}

/** Joins CSV lines into one document, each line followed by LF (see `csvLineBuffer`). */
export function joinCsvLines(lines: Iterable<string>): string {
  const out = csvLineBuffer();
  for (const line of lines) out.push(line);
  return out.finish();
}

/**
 * The same document as `joinCsvLines`, in pieces of `linesPerChunk` lines (each piece ends
 * with its LF), for exports written to a file piece by piece (a Blob of parts) instead of
 * one string of tens of megabytes: `[...csvChunks(lines)].join('') === joinCsvLines(lines)`.
 */
export function* csvChunks(lines: Iterable<string>, linesPerChunk = CHUNK_LINES): Generator<string> {
  let batch: string[] = [];
  for (const line of lines) {
    batch.push(line);
    if (batch.length === linesPerChunk) {
      batch.push('');
      yield batch.join(CSV_LINE_ENDING);
      batch = [];
    }
  }
  if (batch.length > 0) {
    batch.push('');
    yield batch.join(CSV_LINE_ENDING);
  }
}

/**
 * Builds a whole CSV document: the header row, then one line per row, each ending in LF.
 * Linear in the output size (see `csvLineBuffer`), fine for 1M rows.
 *
 * @param header column names (encoded as text cells).
 * @param rows records; any iterable, e.g. a generator over the stores.
 */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const out = csvLineBuffer();
  out.push(csvRow(header));
  for (const row of rows) out.push(csvRow(row));
  return out.finish();
}
