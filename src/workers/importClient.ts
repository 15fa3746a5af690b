/**
 * The page's side of the import worker, on the generic worker session (workerSession.ts).
 * One worker at a time holds the parsed file; Cancel terminates it at once and the next
 * call starts a fresh one, so nothing of a cancelled import survives. Calls that were in
 * flight reject with ImportCancelledError; a crashed worker fails them with ImportWorkerError.
 *
 * Files over IMPORT_LIMITS are refused from File.size before anything is read, so a
 * too-large file never freezes or crashes the tab.
 */
import type { Remote } from 'comlink';
import { createWorkerSession, progressProxy, WorkerCancelledError, WorkerCrashedError, type WorkerLike } from './workerSession';
import type { ColumnMapping, ImportResult, PreviewRow } from '../domain/import';
import type { Result } from '../domain/types';
import type { ImportLimits, ImportRefusalReason, ImportWorkerApi, ParseOutcome, WorkerImportOptions } from './import.worker';

export type { ImportLimits, ImportRefusalReason, ParsedTableSummary, ParseOutcome, WorkerImportOptions } from './import.worker';

/**
 * The largest import, in bytes and data rows: a million stores, the size of a national
 * brand's whole outlet universe (issue 12), in a file of up to 250 MB (a CRM export of 1M
 * rows with the usual columns is 120–200 MB). The market is kept in columns, saved in a
 * few large chunks and drawn from tiles, so a market this size stays responsive; beyond
 * it the import refuses with a message rather than risk a tab running out of memory (the
 * worker holds the file's text while the wizard is open).
 */
export const IMPORT_LIMITS: ImportLimits = { maxBytes: 250 * 1024 * 1024, maxRows: 1_000_000 };

/** Thrown into calls that were running when the import was cancelled. */
export class ImportCancelledError extends WorkerCancelledError {
  override name = 'ImportCancelledError';
  constructor() {
    super('The import was cancelled.');
  }
}

/** Thrown into running calls when the worker itself failed (crash, out of memory, load error). */
export class ImportWorkerError extends WorkerCrashedError {
  override name = 'ImportWorkerError';
}

export function isImportCancelled(err: unknown): boolean {
  return err instanceof ImportCancelledError || (err instanceof Error && err.name === 'ImportCancelledError');
}

/**
 * The size check the page does before handing a file to the worker: instant, from
 * File.size, no reading. Exported so the drop zone can refuse a file before the wizard opens.
 */
export function checkImportSize(file: { size: number; name?: string }, limits: ImportLimits = IMPORT_LIMITS): Result<true, ImportRefusalReason> {
  const name = file.name || 'The file';
  if (file.size === 0) return { ok: false, reason: 'empty-file', message: `${name} is empty.` };
  if (file.size > limits.maxBytes) {
    const mb = (n: number) => `${Math.round(n / (1024 * 1024)).toLocaleString('en-US')} MB`;
    return {
      ok: false,
      reason: 'file-too-large',
      message: `${name} is ${mb(file.size)}; the import handles files up to ${mb(limits.maxBytes)} (about ${limits.maxRows.toLocaleString('en-US')} stores). Split the file or remove columns you do not need.`,
    };
  }
  return { ok: true, value: true };
}

/** What the client needs of a Worker (a fake in tests). */
export type { WorkerLike } from './workerSession';

export interface ImportClientOptions {
  createWorker?: () => WorkerLike;
  limits?: ImportLimits;
}

export interface ImportClient {
  /** Reads and parses the file in the worker; the table stays there for `validate`. */
  parseFile(file: File | string, opts?: { delimiter?: string; fileName?: string; sampleSize?: number }, onProgress?: (fraction: number) => void): Promise<ParseOutcome>;
  /** The first rows as they would be stored (ZIP-geocoded too), for the mapping step. */
  preview(mapping: ColumnMapping, opts: WorkerImportOptions, n?: number): Promise<PreviewRow[]>;
  /** Validates every row; the result goes to commitImport. Options must be plain data. */
  validate(mapping: ColumnMapping, opts: WorkerImportOptions, onProgress?: (fraction: number) => void): Promise<ImportResult>;
  /** Starts the worker and warms it up for a file to come (see the worker's warmUp). */
  warmUp(): Promise<void>;
  /** Stops everything now: the worker is terminated, running calls reject with ImportCancelledError. */
  cancel(): void;
  /** Frees the worker and its parsed file (after a commit, or when the wizard closes). */
  dispose(): void;
  /** True while a call is running (for the Cancel button). */
  readonly busy: boolean;
}

function defaultWorker(): WorkerLike {
  return new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'import' });
}

export function createImportClient(options: ImportClientOptions = {}): ImportClient {
  const createWorker = options.createWorker ?? defaultWorker;
  const limits = options.limits ?? IMPORT_LIMITS;
  const session = createWorkerSession<ImportWorkerApi>({
    createWorker,
    cancelled: () => new ImportCancelledError(),
    crashed: (detail) => new ImportWorkerError(`The import stopped unexpectedly${detail}. The file may be too large for this browser's memory; try a smaller file.`),
  });
  const call = <T,>(fn: (remote: Remote<ImportWorkerApi>) => Promise<T>) => session.call(fn);

  return {
    async parseFile(file, opts = {}, onProgress) {
      const size = typeof file === 'string' ? { size: file.length, name: opts.fileName ?? 'The pasted text' } : file;
      const checked = checkImportSize(size, limits);
      if (!checked.ok) return checked;
      return call<ParseOutcome>((r) => r.parseFile(file, { ...opts, limits }, progressProxy(onProgress)));
    },
    preview(mapping, opts, n) {
      return call((r) => r.preview(mapping, opts, n));
    },
    validate(mapping, opts, onProgress) {
      return call((r) => r.validate(mapping, opts, progressProxy(onProgress)));
    },
    warmUp() {
      return call((r) => r.warmUp());
    },
    cancel() {
      session.cancel();
    },
    dispose() {
      session.dispose();
    },
    get busy() {
      return session.busy;
    },
  };
}
