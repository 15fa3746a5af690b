/**
 * CSV / TSV / semicolon / pipe text → its header and data rows, handed one by one to a
 * sink: the reading shared by `parseDelimited` (keeps every row in a `ParsedTable`) and
 * `importDelimited` (validates each row as it is read, keeping none).
 *
 * RFC 4180 records (quotes, doubled quotes, line breaks inside quotes, CRLF / LF / CR line
 * endings) are read by `readRecordSpans`, a one-pass reader that gives exactly
 * papaparse's records, as spans of the text (cellSpans.ts); text it does not handle (broken quoting, no line break in the first 64 KB, a
 * multi-character delimiter) is read by papaparse itself, which recovers from broken
 * quotes and reports the rows. Around the reading this adds what real exports need:
 *  - a UTF-8 byte-order mark (Excel's "CSV UTF-8") is removed;
 *  - the line break is detected once (`detectLineBreak`);
 *  - the delimiter is scored on a sample (`scoreDelimiters`) unless the caller gives one,
 *    and an ambiguous choice is flagged for the user to confirm;
 *  - the first non-blank record is the header (cells trimmed); blank lines are skipped but
 *    still counted, so row numbers are the ones a spreadsheet shows (header on row 1 →
 *    first data row is row 2; a quoted value spanning several lines is one row, as in
 *    Excel — it may differ from a text editor's line number);
 *  - rows with broken quoting are listed in `errors` and handed over with their problem
 *    ('malformed-quotes'); rows with the wrong number of fields are left to the validator.
 * Cells are NOT trimmed or interpreted here.
 *
 * Large files: with `onProgress` or `shouldCancel`, progress is reported and a cancel
 * honoured every 1/100 of the text (≥ 256 KB; every `chunkSize` characters when given).
 * A cancelled reading stops where it was, with `cancelled: true`.
 */
import Papa from 'papaparse';
import type { ParsedTable, ProgressOptions } from './importTypes';
import { detectLineBreak } from './detectLineBreak';
import { readRecordSpans, type RecordSink } from './readRecords';
import { CellSpans } from './cellSpans';
import type { RejectReason } from './reasons';
import { scoreDelimiters } from './scoreDelimiters';

export interface ReadDelimitedOptions extends ProgressOptions {
  /** Use this delimiter instead of detecting one (the user confirmed it). */
  delimiter?: string | undefined;
  /** Progress / cancel interval in characters (tests use small ones). */
  chunkSize?: number | undefined;
}

/** A row the reader already knows is unusable. */
export interface RowProblem {
  reason: RejectReason;
  message: string;
}

/** Where `readDelimited` puts what it reads. */
export interface DelimitedSink {
  /** The first non-blank record, cells trimmed, and the delimiter; called before any `row`. */
  header(cells: string[], delimiter: string): void;
  /**
   * A non-blank data record (cells untouched), its row number, its problem. `cells` is
   * reused for the next record: take what you need (`cells.strings()` for an array the
   * sink may keep) before returning.
   */
  row(cells: CellSpans, rowNumber: number, problem: RowProblem | undefined): void;
  /**
   * Forget everything received: the fast reader met broken quoting part-way, and papaparse
   * now reads the text again from the top (header first).
   */
  reset(): void;
}

/** How the text was read: everything of a `ParsedTable` but the rows. */
export type DelimitedLayout = Pick<ParsedTable, 'delimiter' | 'delimiterCandidates' | 'ambiguousDelimiter' | 'errors' | 'cancelled'>;

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

/** Every record of `text` → `sink` (see the module comment for the rules). */
export function readDelimited(text: string, opts: ReadDelimitedOptions, sink: DelimitedSink): DelimitedLayout {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const scores = scoreDelimiters(input);
  const best = scores.candidates[0];
  const given = opts.delimiter !== undefined && opts.delimiter !== '';
  const delimiter = given ? (opts.delimiter as string) : best && best.score > 0 ? best.delimiter : ',';
  const layout: DelimitedLayout = {
    delimiter,
    delimiterCandidates: scores.candidates.map(({ delimiter: d, score }) => ({ delimiter: d, score })),
    ambiguousDelimiter: !given && scores.ambiguous,
    errors: [],
    cancelled: false,
  };
  if (input.length === 0) return layout;

  const total = input.length;
  const reader = new RecordTaker(sink, layout, total, opts);
  const newline = detectLineBreak(input);
  if (newline !== undefined) {
    // Well-formed text (nearly every file): the one-pass reader.
    const outcome = readRecordSpans(input, delimiter, newline, new CellSpans(), reader);
    if (outcome === 'stopped') {
      layout.cancelled = true;
      return layout;
    }
    if (outcome === 'done') {
      reader.report(1);
      return layout;
    }
    // Broken quoting somewhere: papaparse reads it all again, for its exact recovery.
    reader.restart();
    sink.reset();
  }

  const spans = new CellSpans();
  const take = (data: string[][], chunkErrors: Papa.ParseError[]) => {
    // Quote errors, by index in this chunk's data.
    let bad: Map<number, string> | null = null;
    for (const e of chunkErrors) {
      if (e.type !== 'Quotes' || e.row === undefined) continue;
      bad ??= new Map();
      if (!bad.has(e.row)) bad.set(e.row, e.code === 'MissingQuotes' ? 'A quoted value is never closed (the rest of the file was read into it)' : 'A quote character is misplaced in a quoted value');
    }
    for (let k = 0; k < data.length; k++) reader.take(spans.setStrings(data[k]!), bad?.get(k));
  };
  const config: Papa.ParseConfig<string[]> = {
    delimiter,
    header: false,
    skipEmptyLines: false,
    dynamicTyping: false,
    ...(newline ? { newline } : {}),
  };
  if (reader.polling) {
    parseInChunks(input, {
      ...config,
      chunkSize: reader.pollEvery,
      chunk: (results, parser) => {
        take(results.data, results.errors);
        if (opts.shouldCancel?.()) {
          layout.cancelled = true;
          parser.abort();
          return;
        }
        reader.report(Math.min(1, (results.meta.cursor ?? 0) / total));
      },
    });
    if (!layout.cancelled) reader.report(1);
  } else {
    const results = Papa.parse<string[]>(input, config);
    take(results.data, results.errors);
  }
  return layout;
}

/**
 * One record at a time → the sink: blank lines are counted and skipped, the first other
 * record is the header; progress and cancel every `pollEvery` characters. A class (see
 * `RecordSink`) so that the reader's optimised code survives from one import to the next.
 */
class RecordTaker implements RecordSink {
  /** Records seen so far (the next one's 0-based index in the file). */
  private records = 0;
  private haveHeader = false;
  private nextPoll: number;
  private reported = 0; // never report less than before (after a fallback to papaparse)
  readonly polling: boolean;
  readonly pollEvery: number;

  constructor(
    private readonly sink: DelimitedSink,
    private readonly layout: DelimitedLayout,
    private readonly total: number,
    private readonly opts: ReadDelimitedOptions,
  ) {
    this.polling = opts.onProgress !== undefined || opts.shouldCancel !== undefined;
    this.pollEvery = opts.chunkSize ?? Math.max(MIN_CHUNK, Math.ceil(total / 100));
    this.nextPoll = this.pollEvery;
  }

  /** A record from the fast reader, then progress and cancel. */
  record(cells: CellSpans, next: number): boolean {
    this.take(cells, undefined);
    if (this.polling && next >= this.nextPoll && next < this.total) {
      this.nextPoll = next + this.pollEvery;
      if (this.opts.shouldCancel?.()) return false;
      this.report(next / this.total);
    }
    return true;
  }

  /** One record and its quoting problem, if any. */
  take(cells: CellSpans, problem: string | undefined): void {
    const row = ++this.records;
    if (cells.count === 1 && cells.text(0).trim() === '') return; // blank line
    if (!this.haveHeader) {
      this.haveHeader = true;
      this.sink.header(cells.strings().map((h) => h.trim()), this.layout.delimiter);
      return;
    }
    if (problem === undefined) return this.sink.row(cells, row, undefined);
    this.layout.errors.push({ row, message: problem });
    this.sink.row(cells, row, { reason: 'malformed-quotes', message: `${problem}.` });
  }

  report(fraction: number): void {
    this.reported = Math.max(this.reported, fraction);
    this.opts.onProgress?.(this.reported);
  }

  /** Papaparse reads the text again from the top. */
  restart(): void {
    this.records = 0;
    this.haveHeader = false;
  }
}
