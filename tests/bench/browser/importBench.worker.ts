/**
 * Inside a module Web Worker in Chromium: the bare papaparse parse and the whole import
 * (`importDelimited` with the detected mapping, the proposed options, ZIP geocoding and
 * progress reporting: what the app's import worker runs in `parseFile`), interleaved,
 * each after a full GC (Chromium is started with --js-flags=--expose-gc). The text goes
 * through TextEncoder/TextDecoder first, as a file read by the app does.
 */
import Papa from 'papaparse';
import { createZipLookup, defaultImportOptions, detectColumns, importDelimited, parseDelimited, validateRows, type ImportedRows } from '../../../src/domain/import';
import { readRecords } from '../../../src/domain/import/readRecords';
import { SEED, makeCsv, type ZipTable } from '../crmCsv';

/** Warm: every figure, many runs in this worker. Cold: ONE timing in a fresh worker. */
export type BenchRequest =
  | { kind: 'warm'; rows: number; runs: number; zipTable: unknown }
  | { kind: 'cold'; what: 'papaparse' | 'whole'; text: string; zipTable: unknown }
  | { kind: 'stores'; text: string; zipTable: unknown };

/** The import's stores, posted to the page as the app's worker posts them, and when they were sent. */
export interface StoresMessage {
  rows: ImportedRows;
  /** performance.timeOrigin + performance.now() just before postMessage (ms since the epoch). */
  sentAt: number;
}

export interface BenchResult {
  userAgent: string;
  bytes: number;
  valid: number;
  rejected: number;
  /** ms per run (after one warm-up run), in run order. */
  papaparse: number[];
  whole: number[];
  /** The whole import of the same file with its account IDs in random order. */
  wholeShuffled: number[];
  /** The two-step path (parseDelimited, then validateRows) and its parts, for the record: reading records only (cells dropped), parseDelimited (a table), validateRows on that table. */
  twoStep: number[];
  readOnly: number[];
  parseOnly: number[];
  validateOnly: number[];
}

const gc = (globalThis as { gc?: () => void }).gc;

self.onmessage = (e: MessageEvent<BenchRequest>) => {
  if (e.data.kind === 'cold') return self.postMessage(coldRun(e.data));
  if (e.data.kind === 'stores') {
    const { rows } = importDelimited(e.data.text, { mapping: 'detect', options: (d) => ({ ...defaultImportOptions(d), zipLookup: createZipLookup(e.data.zipTable) }) }).result;
    return self.postMessage({ rows, sentAt: performance.timeOrigin + performance.now() } satisfies StoresMessage);
  }
  const { rows, runs, zipTable } = e.data;
  const asRead = (s: string) => new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(s));
  const text = asRead(makeCsv(rows, zipTable as ZipTable));
  const shuffled = asRead(makeCsv(rows, zipTable as ZipTable, SEED, 'shuffled'));
  const zipLookup = createZipLookup(zipTable);
  const importOf = (t: string) => () =>
    importDelimited(t, { mapping: 'detect', options: (d) => ({ ...defaultImportOptions(d), zipLookup }), onProgress: () => undefined }).result;
  const whole = importOf(text);
  const wholeShuffled = importOf(shuffled);
  const clock = (fn: () => unknown): number => {
    gc?.();
    const t = performance.now();
    fn();
    return performance.now() - t;
  };
  const result: BenchResult = {
    userAgent: navigator.userAgent,
    bytes: new TextEncoder().encode(text).length,
    valid: 0,
    rejected: 0,
    papaparse: [],
    whole: [],
    wholeShuffled: [],
    twoStep: [],
    readOnly: [],
    parseOnly: [],
    validateOnly: [],
  };
  const check = whole();
  result.valid = check.summary.valid;
  result.rejected = check.summary.rejected;
  for (let r = 0; r <= runs; r++) {
    const p = clock(() => Papa.parse<string[]>(text, { delimiter: ',', header: false, skipEmptyLines: false }));
    const w = clock(whole);
    const ws = clock(wholeShuffled);
    if (r === 0) continue; // warm-up
    result.papaparse.push(p);
    result.whole.push(w);
    result.wholeShuffled.push(ws);
  }
  const table = parseDelimited(text);
  const mapping = detectColumns(table.header);
  for (let r = 0; r <= runs; r++) {
    const two = clock(() => {
      const t = parseDelimited(text);
      return validateRows(t, detectColumns(t.header), { ...defaultImportOptions(','), zipLookup });
    });
    const read = clock(() => readRecords(text, ',', '\n', () => true));
    const parse = clock(() => parseDelimited(text));
    const validate = clock(() => validateRows(table, mapping, { ...defaultImportOptions(','), zipLookup }));
    if (r === 0) continue;
    result.twoStep.push(two);
    result.readOnly.push(read);
    result.parseOnly.push(parse);
    result.validateOnly.push(validate);
  }
  if (gc === undefined) throw new Error('gc is not exposed: start Chromium with --js-flags=--expose-gc');
  self.postMessage(result);
};

/**
 * The first call in a fresh worker, as a user's first import runs (nothing optimised yet):
 * papaparse alone, or the whole import (the ZIP lookup is built before the clock starts,
 * as in the warm runs).
 */
function coldRun(req: Extract<BenchRequest, { kind: 'cold' }>): number {
  const { text } = req;
  if (req.what === 'papaparse') {
    gc?.();
    const t = performance.now();
    Papa.parse<string[]>(text, { delimiter: ',', header: false, skipEmptyLines: false });
    return performance.now() - t;
  }
  const zipLookup = createZipLookup(req.zipTable);
  gc?.();
  const t = performance.now();
  importDelimited(text, { mapping: 'detect', options: (d) => ({ ...defaultImportOptions(d), zipLookup }), onProgress: () => undefined });
  return performance.now() - t;
}
