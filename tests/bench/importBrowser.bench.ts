/**
 * The import benchmark where the app runs it: in a module Web Worker in headless Chromium,
 * from a Vite production bundle (papaparse and our import code bundled together, as in the
 * app's import worker). Same file as import.bench.ts (crmCsv.ts, 100k rows), bare
 * papaparse vs the whole import (importDelimited with progress), interleaved, a full GC
 * before each timing; target whole ≤ 1.5 × bare, judged on the median of per-run ratios.
 * Timed in the same runs: the same file with its account IDs in random order (an export
 * sorted by something else), where the duplicate-ID check needs its hash index.
 *
 * Then, for the record (outside the target):
 *  - a user's FIRST import: papaparse and the whole import each timed as the first call in
 *    a fresh worker (nothing optimised yet), 7 runs interleaved;
 *  - what follows an import in the app: the stores cloned from the worker to the page and
 *    saved to IndexedDB (commitImport into an empty workspace, then the same file again,
 *    every store matched by its ID).
 * Needs the system Chromium (see tests/e2e/browser.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/browser';
import { fmtBytes, fmtInt, fmtMs, fmtRate, printTable } from './benchUtils';

export const name = 'import in Chromium: 100k-row CSV in a Web Worker (production bundle) vs bare papaparse';

const ROWS = 100_000;
const RUNS = 11;
const TARGET_RATIO = 1.5;
const COLD_RUNS = 7;
const AFTER_RUNS = 3;

export async function run(): Promise<void> {
  const root = join(import.meta.dirname, 'browser');
  const outDir = mkdtempSync(join(tmpdir(), 'tp-import-bench-'));
  const env = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ root, configFile: false, logLevel: 'warn', base: './', build: { outDir, emptyOutDir: true }, worker: { format: 'es' } });
  } finally {
    process.env['NODE_ENV'] = env;
  }
  const server = await preview({ root, configFile: false, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 4391, strictPort: false } });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'], headless: true });
  try {
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('vite preview did not report a URL');
    const page = await browser.newPage();
    await page.goto(url);
    const r = await page.evaluate(([rows, runs]) => window.runImportBench(rows!, runs!), [ROWS, RUNS]);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    const min = (xs: number[]) => Math.min(...xs);
    const ratios = r.whole.map((w, i) => w / r.papaparse[i]!);
    const bare = median(r.papaparse);
    console.log(`${r.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? r.userAgent}; file ${fmtInt(ROWS)} rows, ${fmtBytes(r.bytes)}; ${fmtInt(r.valid)} valid, ${fmtInt(r.rejected)} rejected`);
    printTable([
      [`in a Web Worker (${RUNS} interleaved runs)`, 'median ms', 'min ms', 'rows/s', 'vs bare'],
      ['papaparse bare, same options as the importer', fmtMs(bare), fmtMs(min(r.papaparse)), `${fmtRate((ROWS / bare) * 1000)}/s`, '1.00×'],
      ...(
        [
          ['WHOLE import (importDelimited, with progress)', r.whole],
          ['WHOLE import, same file with IDs in random order', r.wholeShuffled],
          ['two-step: parseDelimited, then validateRows', r.twoStep],
          ['  readRecords only (cells dropped)', r.readOnly],
          ['  parseDelimited only (a table)', r.parseOnly],
          ['  validateRows + geocode on that table', r.validateOnly],
        ] as const
      ).map(([label, xs]) => [label, fmtMs(median(xs)), fmtMs(min(xs)), `${fmtRate((ROWS / median(xs)) * 1000)}/s`, `${(median(xs) / bare).toFixed(2)}×`]),
    ]);
    const ratio = median(ratios);
    const shuffledRatio = median(r.wholeShuffled.map((w, i) => w / r.papaparse[i]!));
    console.log(`ratio whole/bare (median of per-run ratios): ${ratio.toFixed(2)}× (per run: ${ratios.map((x) => x.toFixed(2)).join(' ')}) — target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'MET' : 'NOT MET'}`);
    console.log(`  with the IDs in random order: ${shuffledRatio.toFixed(2)}× — ${shuffledRatio <= TARGET_RATIO ? 'MET' : 'NOT MET'} as well`);

    // A user's first import: each timing is the first call in a fresh worker.
    const cold = await page.evaluate(([rows, runs]) => window.runColdImportBench(rows!, runs!), [ROWS, COLD_RUNS]);
    const coldRatio = median(cold.whole.map((w, i) => w / cold.papaparse[i]!));
    console.log(
      `first call in a fresh worker (${COLD_RUNS} runs, nothing optimised yet): papaparse ${fmtMs(median(cold.papaparse))} ms, whole import ${fmtMs(median(cold.whole))} ms — ` +
        `median ratio ${coldRatio.toFixed(2)}× (per run: ${cold.whole.map((w, i) => (w / cold.papaparse[i]!).toFixed(2)).join(' ')})`,
    );

    // After the import: the stores cross to the page and are saved in one transaction.
    const after = await page.evaluate(([rows, runs]) => window.runAfterImportBench(rows!, runs!), [ROWS, AFTER_RUNS]);
    console.log(
      `after the import, ${fmtInt(after.stores)} stores (median of ${AFTER_RUNS}): clone worker → page ${fmtMs(median(after.clone))} ms; ` +
        `save to IndexedDB (commitImport, new stores) ${fmtMs(median(after.commitNew))} ms, the page's longest stall meanwhile ${fmtMs(median(after.longestStall))} ms; ` +
        `same file again (all matched by ID) ${fmtMs(median(after.commitAgain))} ms`,
    );
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}
