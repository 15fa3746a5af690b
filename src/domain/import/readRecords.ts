/**
 * The records of well-formed delimited text, read in one pass — the fast path of
 * `readDelimited` (and so of `parseDelimited` and `importDelimited`). It gives exactly what papaparse 5 gives for the same text,
 * delimiter and line break (`header: false`, no comments, `"` quotes doubled inside quoted
 * values), trailing `['']` record after a final line break included, and hands back
 * 'needs-full-parser' at the first thing it does not handle itself, so the caller can run
 * papaparse instead and get its exact messages for broken files:
 *  - a quoted value that is never closed;
 *  - a closing quote followed by anything but the delimiter, the line break or the end of
 *    the text (papaparse reports these as misplaced quotes, or accepts spaces there);
 *  - a delimiter that is not one character, or one papaparse refuses (`\r \n " BOM`).
 * tests/domain/import/readRecords.test.ts checks the equivalence on generated text.
 *
 * Why not papaparse for every file: it finds every field's end with its own `indexOf`
 * calls and keeps a general state machine (comments, steps, preview, escape characters)
 * in the loop. Here a line without any quote — most lines of most files — is cut with one
 * native `split`, and only lines with quotes are walked field by field: about 0.7× of
 * papaparse's time on a 100k-row CRM export (`npm run bench -- import`).
 */

const QUOTE = 34; // "
const LF = 10;
const BAD_DELIMITERS = new Set(['\r', '\n', '"', '\ufeff']);

export type ReadRecordsOutcome = 'done' | 'stopped' | 'needs-full-parser';

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
  if (delimiter.length !== 1 || BAD_DELIMITERS.has(delimiter)) return 'needs-full-parser';
  const len = input.length;
  if (len === 0) return 'done';
  const D = delimiter.charCodeAt(0);
  const N = newline.charCodeAt(0);
  const crlf = newline.length === 2;
  const nlLen = newline.length;

  /** The first line break at or after `from`, or `len` when there is none. */
  const findNewline = (from: number): number => {
    const k = input.indexOf(newline, from);
    return k === -1 ? len : k;
  };
  let nextNl = -1; // the first line break at or after the current field (or len)
  let nextDelim = -1; // the first delimiter at or after the current field (or -1: none)
  let nextQuote = -1; // the first quote at or after the current record (or Infinity: none)

  let cells: string[] = [];
  let i = 0; // start of the current field
  for (;;) {
    if (cells.length === 0) {
      // A record starts here. A line without any quote (most lines of most files) is
      // split natively in one call.
      if (nextNl < i) nextNl = findNewline(i);
      if (nextQuote < i) {
        const q = input.indexOf('"', i);
        nextQuote = q === -1 ? Infinity : q;
      }
      if (nextQuote > nextNl) {
        const record = input.slice(i, nextNl).split(delimiter);
        if (nextNl === len) {
          onRecord(record, len);
          return 'done';
        }
        i = nextNl + nlLen;
        if (!onRecord(record, i)) return 'stopped';
        continue;
      }
    }
    if (i < len && input.charCodeAt(i) === QUOTE) {
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
      value = from === i + 1 ? input.slice(from, q) : value + input.slice(from, q);
      cells.push(value);
      const k = q + 1;
      if (k === len) {
        onRecord(cells, len);
        return 'done';
      }
      const c = input.charCodeAt(k);
      if (c === D) {
        i = k + 1;
        continue;
      }
      if (c === N && (!crlf || input.charCodeAt(k + 1) === LF)) {
        i = k + nlLen;
        if (!onRecord(cells, i)) return 'stopped';
        cells = [];
        continue;
      }
      return 'needs-full-parser';
    }

    // Unquoted value: up to the next delimiter, line break or the end. `indexOf` finds
    // them (vectorised in V8, several times faster than a charCodeAt loop); the next line
    // break is looked up once per line, not once per field.
    if (nextNl < i) nextNl = findNewline(i);
    if (nextDelim < i) nextDelim = input.indexOf(delimiter, i);
    if (nextDelim !== -1 && nextDelim < nextNl) {
      cells.push(input.slice(i, nextDelim));
      i = nextDelim + 1;
      continue;
    }
    if (nextNl === len) {
      cells.push(input.slice(i));
      onRecord(cells, len);
      return 'done';
    }
    cells.push(input.slice(i, nextNl));
    i = nextNl + nlLen;
    if (!onRecord(cells, i)) return 'stopped';
    cells = [];
  }
}
