/**
 * The page of the browser import benchmark: runs importBench.worker.ts in a module Web
 * Worker — bundled by Vite the way the app's import worker is — and hands its figures to
 * the node side (tests/bench/importBrowser.bench.ts), which calls `runImportBench`.
 */
import zipTableUrl from '../../../data/zip-centroids.json?url';
import type { BenchRequest, BenchResult } from './importBench.worker';

declare global {
  interface Window {
    runImportBench(rows: number, runs: number): Promise<BenchResult>;
  }
}

window.runImportBench = async (rows, runs) => {
  const zipTable: unknown = await (await fetch(zipTableUrl)).json();
  const worker = new Worker(new URL('./importBench.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise<BenchResult>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<BenchResult>) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message));
      worker.postMessage({ rows, runs, zipTable } satisfies BenchRequest);
    });
  } finally {
    worker.terminate();
  }
};
