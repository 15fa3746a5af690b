/**
 * CSV / TSV / semicolon / pipe text → a `ParsedTable`, the first step of an import.
 * Papaparse does the RFC 4180 work (quotes, doubled quotes, line breaks inside quotes,
 * CRLF / LF / CR line endings); around it this adds what real exports need:
 *  - a UTF-8 byte-order mark (Excel's "CSV UTF-8") is removed;
 *  - the line break is detected once (`detectLineBreak`) and given to papaparse;
 *  - the delimiter is scored on a sample (`scoreDelimiters`) unless the caller gives one,
 *    and an ambiguous choice is flagged for the user to confirm;
 *  - the first non-blank record is the header (cells trimmed); blank lines are left out of
 *    `rows` but still counted, so `rowNumbers` are the row numbers a spreadsheet shows
 *    (header on row 1 → first data row is row 2; a quoted value spanning several lines is
 *    one row, as in Excel — it may differ from a text editor's line number);
 *  - rows with broken quoting are listed in `errors` and marked 'malformed-quotes' in
 *    `invalidRows`; rows with the wrong number of fields are left to `validateRows`.
 * Cells are NOT trimmed or interpreted here: that is `validateRows`' job.
 *
 * Large files: with `onProgress` or `shouldCancel`, the text is parsed in chunks of about
 * 1/100 of its length (≥ 256 KB) so progress can be reported and a cancel honoured between
 * chunks; without them it is parsed in one call (slightly faster). A cancelled parse
 * returns what it had, with `cancelled: true`.
 */
import Papa from 'papaparse';
import type { ParsedTable, ProgressOptions } from './importTypes';
import { detectLineBreak } from './detectLineBreak';
import { scoreDelimiters } from './scoreDelimiters';

export interface ParseDelimitedOptions extends ProgressOptions {
  /** Use this delimiter instead of detecting one (the user confirmed it). */
  delimiter?: string | undefined;
  /** Chunk size in characters when reporting progress (tests use small chunks). */
  chunkSize?: number | undefined;
}

const MIN_CHUNK = 262_144;

/**
 * Papaparse streams a STRING in chunks too, synchronously (StringStreamer), but its typings
 * only allow `chunk` for files and URLs: this is the same function with the string form.
 */
const parseInChunks = Papa.parse as unknown as (
  input: string,
  config: Papa.ParseConfig<string[]> & {
    chunkSize: number;
    chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => void;
  },
) => void;

/** Delimited text → header, rows and row numbers (see the module comment for the rules). */
export function parseDelimited(text: string, opts: ParseDelimitedOptions = {}): ParsedTable {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const scores = scoreDelimiters(input);
  const best = scores.candidates[0];
  const given = opts.delimiter !== undefined && opts.delimiter !== '';
  const delimiter = given ? (opts.delimiter as string) : best && best.score > 0 ? best.delimiter : ',';

  const table: ParsedTable = {
    header: [],
    rows: [],
    rowNumbers: [],
    delimiter,
    delimiterCandidates: scores.candidates.map(({ delimiter: d, score }) => ({ delimiter: d, score })),
    ambiguousDelimiter: !given && scores.ambiguous,
    errors: [],
    invalidRows: new Map(),
    cancelled: false,
  };
  if (input.length === 0) return table;

  let record = 0; // records seen so far (the next one's 0-based index in the file)
  let haveHeader = false;
  const { rows, rowNumbers, errors, invalidRows } = table;

  const take = (data: string[][], chunkErrors: Papa.ParseError[]) => {
    // Quote errors, by index in this chunk's data.
    let bad: Map<number, string> | null = null;
    for (const e of chunkErrors) {
      if (e.type !== 'Quotes' || e.row === undefined) continue;
      bad ??= new Map();
      if (!bad.has(e.row)) bad.set(e.row, e.code === 'MissingQuotes' ? 'A quoted value is never closed (the rest of the file was read into it)' : 'A quote character is misplaced in a quoted value');
    }
    for (let k = 0; k < data.length; k++) {
      const row = data[k]!;
      record++;
      if (row.length === 1 && row[0]!.trim() === '') continue; // blank line
      if (!haveHeader) {
        haveHeader = true;
        table.header = row.map((h) => h.trim());
        continue;
      }
      const problem = bad?.get(k);
      if (problem !== undefined) {
        invalidRows.set(rows.length, { reason: 'malformed-quotes', message: `${problem}.` });
        errors.push({ row: record, message: problem });
      }
      rows.push(row);
      rowNumbers.push(record);
    }
  };

  const newline = detectLineBreak(input);
  const config: Papa.ParseConfig<string[]> = {
    delimiter,
    header: false,
    skipEmptyLines: false,
    dynamicTyping: false,
    ...(newline ? { newline } : {}),
  };
  if (opts.onProgress || opts.shouldCancel) {
    const { onProgress, shouldCancel } = opts;
    const total = input.length;
    parseInChunks(input, {
      ...config,
      chunkSize: opts.chunkSize ?? Math.max(MIN_CHUNK, Math.ceil(total / 100)),
      chunk: (results, parser) => {
        take(results.data, results.errors);
        if (shouldCancel?.()) {
          table.cancelled = true;
          parser.abort();
          return;
        }
        onProgress?.(Math.min(1, (results.meta.cursor ?? 0) / total));
      },
    });
    if (!table.cancelled) onProgress?.(1);
  } else {
    const results = Papa.parse<string[]>(input, config);
    take(results.data, results.errors);
  }
  return table;
}
