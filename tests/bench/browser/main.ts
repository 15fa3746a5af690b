/**
 * The page of the browser import benchmark: runs importBench.worker.ts in a module Web
 * Worker — bundled by Vite the way the app's import worker is — and hands its figures to
 * the node side (tests/bench/importBrowser.bench.ts), which calls `runImportBench`.
 */
import zipTableUrl from '../../../data/zip-centroids.json?url';
import { commitImport } from '../../../src/db/marketRepository';
import { createPlannerDb } from '../../../src/db/schema';
import type { WorkspaceId } from '../../../src/domain/types';
import { makeCsv, type ZipTable } from '../crmCsv';
import type { BenchRequest, BenchResult, StoresMessage } from './importBench.worker';

/** Cold timings (ms, one per fresh worker), in run order. */
export interface ColdResult {
  papaparse: number[];
  whole: number[];
}

/** What follows the import in the app (ms per run): stores cloned to the page, then saved. */
export interface AfterResult {
  stores: number;
  clone: number[];
  commitNew: number[];
  commitAgain: number[];
  /** The longest time the page could not run a timer during the first save (ms). */
  longestStall: number[];
}

declare global {
  interface Window {
    runImportBench(rows: number, runs: number): Promise<BenchResult>;
    runColdImportBench(rows: number, runs: number): Promise<ColdResult>;
    runAfterImportBench(rows: number, runs: number): Promise<AfterResult>;
  }
}

/**
 * The steps after the import, as the app takes them: the worker posts the stores to the
 * page (structured clone), the page commits them to IndexedDB (`commitImport`: one
 * transaction) into an empty workspace, then commits the same file again (every store
 * matched by its external id: the re-import path). A fresh database per run.
 */
window.runAfterImportBench = async (rows, runs) => {
  const zipTable: unknown = await (await fetch(zipTableUrl)).json();
  const text = makeCsv(rows, zipTable as ZipTable);
  const out: AfterResult = { stores: 0, clone: [], commitNew: [], commitAgain: [], longestStall: [] };
  for (let r = 0; r < runs; r++) {
    const received = await ask<StoresMessage & { receivedAt: number }>({ kind: 'stores', text, zipTable }, (m: StoresMessage) => ({
      ...m,
      receivedAt: performance.timeOrigin + performance.now(),
    }));
    out.stores = received.rows.market.length;
    out.clone.push(received.receivedAt - received.sentAt);
    const db = createPlannerDb(`import-bench-${r}-${Date.now()}`);
    try {
      const ws = 'ws-bench' as WorkspaceId;
      let t = performance.now();
      let last = t;
      let stall = 0;
      const ticker = setInterval(() => {
        const now = performance.now();
        stall = Math.max(stall, now - last);
        last = now;
      }, 10);
      await commitImport(db, ws, received.rows, { now: Date.now() });
      clearInterval(ticker);
      out.commitNew.push(performance.now() - t);
      out.longestStall.push(Math.max(stall, performance.now() - last));
      t = performance.now();
      await commitImport(db, ws, received.rows, { now: Date.now() });
      out.commitAgain.push(performance.now() - t);
    } finally {
      db.close();
      await db.delete();
    }
  }
  return out;
};

/** Runs `request` in a fresh worker; `onReceive` sees the reply the moment it arrives. */
function ask<T>(request: BenchRequest, onReceive: (data: never) => T = (data) => data): Promise<T> {
  const worker = new Worker(new URL('./importBench.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<T>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent) => resolve(onReceive(e.data as never));
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
