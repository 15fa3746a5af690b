/**
 * The records of well-formed delimited text, read in one pass: `readRecordSpans` is the
 * fast path of `readDelimited` (and so of `parseDelimited` and `importDelimited`), and
 * `readRecords` the same records as arrays of strings. They give exactly what papaparse 5
 * gives for the same text, delimiter and line break (`header: false`, no comments, `"`
 * quotes doubled inside quoted values), trailing `['']` record after a final line break
 * included, and hand back
 * 'needs-full-parser' at the first thing it does not handle itself, so the caller can run
 * papaparse instead and get its exact messages for broken files:
 *  - a quoted value that is never closed;
 *  - a closing quote followed by anything but the delimiter, the line break or the end of
 *    the text (papaparse reports these as misplaced quotes, or accepts spaces there);
 *  - a delimiter that is not one character, or one papaparse refuses (`\r \n " BOM`).
 * tests/domain/import/readRecords.test.ts checks the equivalence on generated text.
 *
 * Why not papaparse for every file: it keeps a general state machine (comments, steps,
 * preview, escape characters) in the loop and makes a string of every cell. Here the
 * cells are found as spans (`readRecordSpans`) and a string is made only when asked for.
 */

import { CellSpans } from './cellSpans';

const QUOTE = 34; // "
const LF = 10;
const BAD_DELIMITERS = new Set(['\r', '\n', '"', '\ufeff']);

export type ReadRecordsOutcome = 'done' | 'stopped' | 'needs-full-parser';

/**
 * Where `readRecordSpans` hands each record. An object with a method rather than a
 * callback: the hot call then goes to a class method, which outlives every import, so the
 * optimised reader is not thrown away when one import's closures are collected.
 */
export interface RecordSink {
  /** One record (`next`: the index just after its line break); false stops the reading. */
  record(cells: CellSpans, next: number): boolean;
}

/** readRecords' sink: each record as a fresh array of strings. */
class StringRecords implements RecordSink {
  constructor(private readonly onRecord: (cells: string[], next: number) => boolean) {}
  record(cells: CellSpans, next: number): boolean {
    return this.onRecord(cells.strings(), next);
  }
}

/**
 * Calls `onRecord(cells, next)` for every record of `input`, where `next` is the index just
 * after the record's line break (the text read so far). `onRecord` returns false to stop
 * (→ 'stopped'). Records are fresh arrays the callee may keep.
 */
export function readRecords(
  input: string,
  delimiter: string,
  newline: '\n' | '\r\n' | '\r',
  onRecord: (cells: string[], next: number) => boolean,
): ReadRecordsOutcome {
  return readRecordSpans(input, delimiter, newline, new CellSpans(), new StringRecords(onRecord));
}

/**
 * As `readRecords`, but each record is handed to `sink` as spans of the text (`CellSpans`,
 * ONE object filled again for every record: read it before returning) instead of an
 * array of strings: no string is made for a cell the callee does not ask for. Only a
 * quoted cell gets a string here (its value, with doubled quotes undone).
 *
 * Cells are found with `indexOf` (vectorised in V8), one call per cell: in Chromium that
 * finds the 18 cells of a 100k-row export's lines in ≈ 18 ms, where `split` (making every
 * cell a string) takes ≈ 60 ms.
 */
export function readRecordSpans(
  input: string,
  delimiter: string,
  newline: '\n' | '\r\n' | '\r',
  record: CellSpans,
  sink: RecordSink,
): ReadRecordsOutcome {
  if (delimiter.length !== 1 || BAD_DELIMITERS.has(delimiter)) return 'needs-full-parser';
  const len = input.length;
  if (len === 0) return 'done';
  const D = delimiter.charCodeAt(0);
  const N = newline.charCodeAt(0);
  const crlf = newline.length === 2;
  const nlLen = newline.length;

  let nextNl = -1; // the first line break at or after the current field (len: none)
  let nextDelim = -1; // the first delimiter at or after the current field (len: none)
  let nextQuote = -1; // the first quote at or after the current record (len: none)
  const find = (what: string, from: number): number => {
    const k = input.indexOf(what, from);
    return k === -1 ? len : k;
  };

  record.clear();
  let i = 0; // start of the current field
  for (;;) {
    let quoteFreeLine = false;
    if (record.count === 0) {
      // A record starts here. A line without any quote (most lines of most files) is
      // cut at its delimiters in one go.
      if (nextNl < i) nextNl = find(newline, i);
      if (nextQuote < i) nextQuote = find('"', i);
      quoteFreeLine = nextQuote > nextNl || nextQuote === len;
    }
    if (quoteFreeLine) {
      if (nextDelim < i) nextDelim = find(delimiter, i);
      // record.push, written out: this loop runs once per cell of the file.
      const { srcs } = record;
      let { starts, ends } = record;
      let from = i;
      let k = 0;
      for (;;) {
        if (k === starts.length) {
          record.reserve(k + 1);
          starts = record.starts;
          ends = record.ends;
        }
        srcs[k] = input;
        starts[k] = from;
        if (nextDelim >= nextNl) {
          ends[k] = nextNl;
          break;
        }
        ends[k++] = nextDelim;
        from = nextDelim + 1;
        nextDelim = input.indexOf(delimiter, from);
        if (nextDelim === -1) nextDelim = len;
      }
      record.count = k + 1;
    } else if (i < len && input.charCodeAt(i) === QUOTE) {
      // Quoted value: up to the first quote that is not doubled.
      let from = i + 1;
      let value = '';
      let q: number;
      for (;;) {
        q = input.indexOf('"', from);
        if (q === -1) return 'needs-full-parser';
        if (q === len - 1 || input.charCodeAt(q + 1) !== QUOTE) break;
        value += input.slice(from, q + 1); // keep one quote of the pair
        from = q + 2;
      }
      if (from === i + 1) record.push(input, from, q); // no doubled quote: a span of the text
      else {
        value += input.slice(from, q);
        record.push(value, 0, value.length);
      }
      const k = q + 1;
      if (k === len) {
        sink.record(record, len);
        return 'done';
      }
      const c = input.charCodeAt(k);
      if (c === D) {
        i = k + 1;
        continue;
      }
      if (c === N && (!crlf || input.charCodeAt(k + 1) === LF)) {
        i = k + nlLen;
        if (!sink.record(record, i)) return 'stopped';
        record.clear();
        continue;
      }
      return 'needs-full-parser';
    } else {
      // Unquoted value: up to the next delimiter, line break or the end. The next line
      // break is looked up once per line, not once per field.
      if (nextNl < i) nextNl = find(newline, i);
      if (nextDelim < i) nextDelim = find(delimiter, i);
      if (nextDelim < nextNl) {
        record.push(input, i, nextDelim);
        i = nextDelim + 1;
        continue;
      }
      record.push(input, i, nextNl);
    }

    // The record ends at the line break nextNl (or the end of the text).
    if (nextNl === len) {
      sink.record(record, len);
      return 'done';
    }
    i = nextNl + nlLen;
    if (!sink.record(record, i)) return 'stopped';
    record.clear();
  }
}
