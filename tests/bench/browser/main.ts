/**
 * The page of the browser import benchmark: runs importBench.worker.ts in a module Web
 * Worker — bundled by Vite the way the app's import worker is — and hands its figures to
 * the node side (tests/bench/importBrowser.bench.ts), which calls `runImportBench`.
 */
import zipTableUrl from '../../../data/zip-centroids.json?url';
import { makeCsv, type ZipTable } from '../crmCsv';
import type { BenchRequest, BenchResult } from './importBench.worker';

/** Cold timings (ms, one per fresh worker), in run order. */
export interface ColdResult {
  papaparse: number[];
  whole: number[];
}

declare global {
  interface Window {
    runImportBench(rows: number, runs: number): Promise<BenchResult>;
    runColdImportBench(rows: number, runs: number): Promise<ColdResult>;
  }
}

function ask<T>(request: BenchRequest): Promise<T> {
  const worker = new Worker(new URL('./importBench.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<T>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<T>) => resolve(e.data);
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

window.runColdImportBench = async (rows, runs) => {
  const zipTable: unknown = await (await fetch(zipTableUrl)).json();
  const text = makeCsv(rows, zipTable as ZipTable);
  const out: ColdResult = { papaparse: [], whole: [] };
  for (let r = 0; r < runs; r++) {
    out.papaparse.push(await ask<number>({ kind: 'cold', what: 'papaparse', text, zipTable }));
    out.whole.push(await ask<number>({ kind: 'cold', what: 'whole', text, zipTable }));
  }
  return out;
};

window.runImportBench = async (rows, runs) => {
  const zipTable: unknown = await (await fetch(zipTableUrl)).json();
  return ask<BenchResult>({ kind: 'warm', rows, runs, zipTable });
};
