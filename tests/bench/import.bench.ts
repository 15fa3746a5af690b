/**
 * Import benchmark (issue 3): a 100k-row CRM-style CSV, generated in memory from a seeded
 * PRNG, measured in the same run as papaparse parsing the same text alone.
 *
 * Measured (11 runs after a warm-up, interleaved so that background load hits all alike,
 * a full GC before each timing):
 *  - papaparse, bare: `Papa.parse(text)` (auto-detected delimiter and line break), and with
 *    the options the importer uses (`delimiter: ','`, `header: false`, `skipEmptyLines: false`);
 *  - the WHOLE import minus storage, as the import worker runs it: `importDelimited` (read
 *    + delimiter and column detection + validation + ZIP geocoding in one pass, the ZIP
 *    lookup built once per worker: timed separately), without and with progress reporting;
 *  - the two-step path it replaced (parseDelimited, then validateRows) and its halves, and
 *    the memory retained by a parsed table and by the result.
 * Target: whole import ≤ 1.5 × the bare parse. Storing into IndexedDB is measured elsewhere.
 *
 * Then a 1M-row file (one run each) to find where the import stops being reasonable, for
 * the size limit the UI enforces.
 *
 * The file: 18 columns (ids, names — 5 % quoted with commas/quotes —, address, city, state,
 * ZIP, coordinates, status, channel, revenue, prior revenue, potential, customer since,
 * CSAT, renewal date, key account, account manager); 10 % of rows have no coordinates but
 * a real ZIP (geocoded), ~1 % are bad (out-of-range latitude, unknown status, bad number,
 * bad date, unknown ZIP).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import {
  createZipLookup,
  defaultImportOptions,
  detectColumns,
  importDelimited,
  parseDelimited,
  validateRows,
  type ImportResult,
  type ZipLookup,
} from '../../src/domain/import';
import { HEADER, SEED, makeCsv, type ZipTable } from './crmCsv';
import {
  canMeasureMemory,
  fmtBytes,
  fmtInt,
  fmtMs,
  fmtRate,
  gc,
  memoryNow,
  printTable,
  retainedBytes,
  time,
} from './benchUtils';

export const name = 'import: 100k-row CSV (parse + validate + ZIP geocode) vs bare papaparse';

const TARGET_RATIO = 1.5;
const RUNS = 11;

function loadZipTable(): unknown {
  return JSON.parse(readFileSync(join(import.meta.dirname, '../../data/zip-centroids.json'), 'utf8'));
}

/** What the import worker's `parseFile` runs on a CSV (see src/workers/import.worker.ts). */
function fullImport(text: string, zipLookup: ZipLookup, progress: boolean): ImportResult {
  return importDelimited(text, {
    mapping: 'detect',
    options: (d) => ({ ...defaultImportOptions(d), zipLookup }),
    ...(progress ? { onProgress: () => undefined } : {}),
  }).result;
}

/** The two-step path the worker used before: a full table, then validation. */
function twoStepImport(text: string, zipLookup: ZipLookup): ImportResult {
  const table = parseDelimited(text);
  return validateRows(table, detectColumns(table.header), { decimalComma: false, dateOrder: 'us', zipLookup });
}

const OPTIONS = { delimiter: ',', header: false, skipEmptyLines: false } as const;

export async function run(): Promise<void> {
  const zipJson = loadZipTable();
  const zipBuild = time(() => createZipLookup(zipJson), 5);
  const zipLookup = createZipLookup(zipJson);
  const table = zipJson as ZipTable;

  const n = 100_000;
  const t0 = performance.now();
  const text = makeCsv(n, table);
  const genMs = performance.now() - t0;
  const bytes = Buffer.byteLength(text);
  console.log(`file: ${fmtInt(n)} rows, ${HEADER.length} columns, ${fmtBytes(bytes)} (${(bytes / n).toFixed(0)} B/row), generated in ${fmtMs(genMs)} ms`);
  console.log(`ZIP lookup build (once per worker): ${fmtMs(zipBuild.median)} ms`);

  // Sanity: what the import makes of the file.
  const s = fullImport(text, zipLookup, false).summary;
  console.log(
    `import result: ${fmtInt(s.valid)} valid, ${fmtInt(s.rejected)} rejected (${Object.entries(s.byReason).map(([r, c]) => `${r} ${c}`).join(', ')}), ${fmtInt(s.geocodedFromZip)} placed at ZIP centroid`,
  );

  // Interleaved: each run times the bare parse and the whole import back to back, so that
  // background load affects both alike; the ratio is the median of the per-run ratios.
  // Nothing large is kept alive during these runs (as in the worker, which holds only the
  // file text): a big live heap makes every allocation-heavy path slower, and noisier.
  const shuffled = makeCsv(n, table, SEED, 'shuffled');
  const timesOf = { bareAuto: [] as number[], bareSame: [] as number[], whole: [] as number[], wholeProgress: [] as number[], wholeShuffled: [] as number[], twoStep: [] as number[], parseOnly: [] as number[], validateOnly: [] as number[] };
  const ratios: number[] = [];
  const ratiosProgress: number[] = []; // the worker reports progress: its exact path
  const ratiosShuffled: number[] = [];
  const clock = (fn: () => unknown): number => {
    gc();
    const t = performance.now();
    fn();
    return performance.now() - t;
  };
  for (let r = 0; r <= RUNS; r++) {
    const bareSame = clock(() => Papa.parse<string[]>(text, OPTIONS));
    const whole = clock(() => fullImport(text, zipLookup, false));
    const bareAuto = clock(() => Papa.parse<string[]>(text));
    const wholeProgress = clock(() => fullImport(text, zipLookup, true));
    const wholeShuffled = clock(() => fullImport(shuffled, zipLookup, true));
    const twoStep = clock(() => twoStepImport(text, zipLookup));
    if (r === 0) continue; // warm-up
    timesOf.wholeShuffled.push(wholeShuffled);
    ratiosShuffled.push(wholeShuffled / bareSame);
    timesOf.bareSame.push(bareSame);
    timesOf.whole.push(whole);
    timesOf.bareAuto.push(bareAuto);
    timesOf.wholeProgress.push(wholeProgress);
    timesOf.twoStep.push(twoStep);
    ratios.push(whole / bareSame);
    ratiosProgress.push(wholeProgress / bareSame);
  }
  // The two halves of the two-step path, for the record (the table is alive meanwhile).
  const parsed = parseDelimited(text);
  const mapping = detectColumns(parsed.header);
  for (let r = 0; r <= RUNS; r++) {
    const parseOnly = clock(() => parseDelimited(text));
    const validateOnly = clock(() => validateRows(parsed, mapping, { decimalComma: false, dateOrder: 'us', zipLookup }));
    if (r === 0) continue;
    timesOf.parseOnly.push(parseOnly);
    timesOf.validateOnly.push(validateOnly);
  }
  const stat = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return { median: sorted[sorted.length >> 1]!, min: sorted[0]! };
  };
  const bareSame = stat(timesOf.bareSame);
  const bareAuto = stat(timesOf.bareAuto);
  const whole = stat(timesOf.whole);
  const wholeProgress = stat(timesOf.wholeProgress);
  const wholeShuffled = stat(timesOf.wholeShuffled);
  const twoStep = stat(timesOf.twoStep);
  const parseOnly = stat(timesOf.parseOnly);
  const validateOnly = stat(timesOf.validateOnly);

  const row = (label: string, t: { median: number; min: number }, base?: number) => [
    label,
    fmtMs(t.median),
    fmtMs(t.min),
    `${fmtRate((n / t.median) * 1000)}/s`,
    base === undefined ? '' : `${(t.median / base).toFixed(2)}×`,
  ];
  printTable([
    [`100k rows (${RUNS} interleaved runs)`, 'median ms', 'min ms', 'rows/s', 'vs bare (same options)'],
    row('papaparse bare, Papa.parse(text) (auto-detect)', bareAuto, bareSame.median),
    row('papaparse bare, same options as the importer', bareSame, bareSame.median),
    row('WHOLE import: importDelimited (read+detect+validate+geocode)', whole, bareSame.median),
    row('WHOLE import with progress reporting', wholeProgress, bareSame.median),
    row('WHOLE import with progress, IDs in random order', wholeShuffled, bareSame.median),
    row('two-step: parseDelimited, then validateRows', twoStep, bareSame.median),
    row('  parseDelimited only (readRecords → table)', parseOnly, bareSame.median),
    row('  validateRows + ZIP geocode only', validateOnly, bareSame.median),
  ]);
  const ratio = stat(ratios).median;
  const ratioProgress = stat(ratiosProgress).median;
  const worst = Math.max(ratio, ratioProgress);
  console.log(
    `ratio whole/bare (median of per-run ratios): ${ratio.toFixed(2)}×, with progress ${ratioProgress.toFixed(2)}× ` +
      `(medians: ${(whole.median / bareSame.median).toFixed(2)}× / ${(wholeProgress.median / bareSame.median).toFixed(2)}×; vs auto-detect bare: ` +
      `${(whole.median / bareAuto.median).toFixed(2)}×) — target ≤ ${TARGET_RATIO}× for both: ${worst <= TARGET_RATIO ? 'MET' : 'NOT MET'}`,
  );
  const ratioShuffled = stat(ratiosShuffled).median;
  console.log(`  same file with the IDs in random order: ${ratioShuffled.toFixed(2)}× — ${ratioShuffled <= TARGET_RATIO ? 'MET' : 'NOT MET'} as well`);

  if (canMeasureMemory()) {
    const t = retainedBytes(() => parseDelimited(text));
    const r = retainedBytes(() => validateRows(t.value, mapping, { decimalComma: false, dateOrder: 'us', zipLookup }));
    console.log(
      `memory: file ${fmtBytes(bytes)}; parsed table +${fmtBytes(t.bytes)} (${(t.bytes / n).toFixed(0)} B/row); result +${fmtBytes(r.bytes)} (${(r.bytes / n).toFixed(0)} B/row)`,
    );
  }

  await bigFile(table, zipLookup);
}

/** 1M rows, one run each: does it fit, how long, how much memory. */
async function bigFile(table: ZipTable, zipLookup: ZipLookup): Promise<void> {
  const n = 1_000_000;
  gc();
  const heap0 = memoryNow();
  let t0 = performance.now();
  let text: string | null = makeCsv(n, table, SEED + 1);
  const genMs = performance.now() - t0;
  const bytes = Buffer.byteLength(text);
  console.log(`\n1M-row file: ${fmtBytes(bytes)}, generated in ${fmtMs(genMs)} ms`);

  t0 = performance.now();
  Papa.parse<string[]>(text, OPTIONS);
  const bareMs = performance.now() - t0;
  gc();

  let peak = 0;
  const sample = () => (peak = Math.max(peak, memoryNow() - heap0));
  t0 = performance.now();
  const run = importDelimited(text, { mapping: 'detect', options: (d) => ({ ...defaultImportOptions(d), zipLookup }), onProgress: sample });
  const wholeMs = performance.now() - t0;
  sample();
  let result: ImportResult | null = run.result;
  gc();
  const textPlusResult = memoryNow() - heap0;
  text = null;
  gc();
  const resultOnly = memoryNow() - heap0;
  const limit = (await import('node:v8')).getHeapStatistics().heap_size_limit;
  printTable([
    ['1M rows', 'ms', 'rows/s', 'vs bare'],
    ['papaparse bare, same options', fmtMs(bareMs), `${fmtRate((n / bareMs) * 1000)}/s`, '1.00×'],
    ['WHOLE import (importDelimited, with progress)', fmtMs(wholeMs), `${fmtRate((n / wholeMs) * 1000)}/s`, `${(wholeMs / bareMs).toFixed(2)}×`],
  ]);
  console.log(
    `memory above baseline (heap limit ${fmtBytes(limit)}): peak during import ≥ ${fmtBytes(peak)}; text + result ${fmtBytes(textPlusResult)}; ` +
      `result only ${fmtBytes(resultOnly)} (${(resultOnly / n).toFixed(0)} B/store — the cells it keeps are slices of the file text, which stays ` +
      `alive until the result is cloned to the page); ${fmtInt(result.summary.valid)} valid`,
  );
  result = null;
  void result;
  gc();
}
