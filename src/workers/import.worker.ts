/**
 * The store import off the main thread (ARCHITECTURE rule 8): reading, parsing, column
 * detection, validation and ZIP geocoding of a file of up to a million rows, while the page
 * stays responsive. The file stays here, between `parseFile` and `validate`, so the 100k+
 * rows cross the thread boundary once (as validated stores), not twice.
 *
 * A CSV is read and validated in ONE pass (`importDelimited`) already in `parseFile`, with
 * the mapping detected from its header and the options the wizard proposes
 * (`defaultImportOptions`): the user usually confirms them, and `validate` then returns
 * that result at once. A changed mapping or option validates again, in one more pass over
 * the text kept here (13 MB per 100k rows, against ≈ 80 MB for a parsed table).
 *
 * The api is a plain object of functions built by `createImportApi()`; the worker exposes
 * one with Comlink, tests call one directly in node. Cancelling is the client terminating
 * this worker: no cooperative flag is needed and no state survives it.
 */
import { expose } from 'comlink';
import { throttleProgress as throttle } from './workerProgress';
import { fetchZipTable } from './zipTable';
import {
  createZipLookup,
  defaultImportOptions,
  detectColumns,
  importDelimited,
  parseDelimited,
  parseStoreGeoJson,
  STORE_FIELDS,
  previewRows,
  validateRows,
  type ColumnMapping,
  type ImportOptions,
  type ImportResult,
  type ParsedTable,
  type PreviewRow,
  type ZipLookup,
} from '../domain/import';
import type { Result } from '../domain/types';

export type ImportSourceKind = 'delimited' | 'geojson';
export type ImportRefusalReason = 'file-too-large' | 'too-many-rows' | 'empty-file' | 'invalid-geojson' | 'no-rows';

/** Limits the client enforces before parsing and passes here to enforce again after it. */
export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
}

export interface ParseFileOptions {
  limits: ImportLimits;
  /** The delimiter the user confirmed (when the first parse said it was ambiguous). */
  delimiter?: string;
  /** Name used to tell GeoJSON from CSV when `file` is a string. */
  fileName?: string;
  /** How many rows of the file to send back for the preview (default 20). */
  sampleSize?: number;
}

/** What the wizard needs to show the mapping step; the full table stays in the worker. */
export interface ParsedTableSummary {
  kind: ImportSourceKind;
  fileName: string;
  bytes: number;
  /** 'windows-1252' when the file was not valid UTF-8 (typical of Excel CSV exports). */
  encoding: 'utf-8' | 'windows-1252';
  header: string[];
  sampleRows: string[][];
  rowCount: number;
  delimiter: ParsedTable['delimiter'];
  delimiterCandidates: ParsedTable['delimiterCandidates'];
  ambiguousDelimiter: boolean;
  /** The first parse errors (at most MAX_REPORTED_ERRORS) and how many there were. */
  errors: ParsedTable['errors'];
  errorCount: number;
  /** The column mapping detected from the header, for the user to review. */
  suggestedMapping: ColumnMapping;
}

export type ParseOutcome = Result<ParsedTableSummary, ImportRefusalReason>;
/** ImportOptions as the page sends them: the worker adds the ZIP lookup itself. */
export type WorkerImportOptions = Omit<ImportOptions, 'zipLookup'>;

const MAX_REPORTED_ERRORS = 100;
const HEADER_PEEK_CHARS = 65_536;
const GEOJSON_NAME = /\.(geo)?json$/i;

export interface ImportApiDeps {
  /** Loads data/zip-centroids.json; tests pass a fixture. Default: fetch the bundled asset. */
  loadZipTable?: () => Promise<unknown>;
}

/** Builds one api with its own state (one per worker; tests build as many as they like). */
export function createImportApi(deps: ImportApiDeps = {}) {
  const loadZipTable = deps.loadZipTable ?? fetchZipTable;
  let source: Source | null = null;
  let zipLookup: Promise<ZipLookup | undefined> | null = null;

  const zips = (): Promise<ZipLookup | undefined> => {
    // Loaded once per worker, on the first validation that maps a ZIP column. When it
    // cannot be loaded the validation still runs: rows that need a ZIP centroid are then
    // rejected by validateRows with a reason saying the ZIP table is not loaded, and the
    // next validation tries to load it again.
    zipLookup ??= loadZipTable()
      .then(createZipLookup)
      .catch((err: unknown) => {
        zipLookup = null;
        console.warn('Territory Planner: the offline ZIP table could not be loaded', err);
        return undefined;
      });
    return zipLookup;
  };

  const api = {
    /**
     * Reads and parses a CSV/TSV or GeoJSON file and keeps the table for `validate`.
     * Refuses, with a message, files over the limits instead of running out of memory.
     */
    async parseFile(file: File | string, opts: ParseFileOptions, onProgress?: (fraction: number) => void): Promise<ParseOutcome> {
      source = null; // drop the previous file first, so its memory can be reclaimed
      const progress = throttle(onProgress);
      try {
        const fileName = typeof file === 'string' ? (opts.fileName ?? 'pasted text') : file.name;
        const bytes = typeof file === 'string' ? file.length : file.size;
        const tooBig = checkSize(bytes, fileName, opts.limits);
        if (tooBig) return tooBig;
        progress.report(0);
        const { text, encoding } = typeof file === 'string' ? { text: file, encoding: 'utf-8' as const } : await readText(file);
        progress.report(0.1);
        const kind: ImportSourceKind = GEOJSON_NAME.test(fileName) || looksLikeJson(text) ? 'geojson' : 'delimited';
        const sampleSize = opts.sampleSize ?? 20;
        let next: Source;
        let rowCount: number;
        if (kind === 'geojson') {
          const res = parseStoreGeoJson(text);
          if (!res.ok) return { ok: false, reason: 'invalid-geojson', message: res.message };
          next = { kind: 'table', table: res.value, sample: res.value, validated: null };
          rowCount = res.value.rows.length;
        } else {
          // Read and validate at once with the proposed mapping and options (module comment).
          // The ZIP table is loaded first when that mapping has a ZIP column (the header
          // is read from the first 64 KB to know).
          const delimiterOpt = opts.delimiter !== undefined ? { delimiter: opts.delimiter } : {};
          const head = parseDelimited(text.slice(0, HEADER_PEEK_CHARS), delimiterOpt).header;
          const zipLookup = detectColumns(head).zip != null ? await zips() : undefined;
          const run = importDelimited(text, {
            ...delimiterOpt,
            mapping: 'detect',
            options: (d) => ({ ...defaultImportOptions(d), zipLookup }),
            sampleSize,
            onProgress: (f) => progress.report(0.1 + 0.9 * f),
          });
          const { zipLookup: _, ...settings } = run.options;
          next = {
            kind: 'text',
            text,
            delimiter: run.sample.delimiter,
            sample: run.sample,
            // A result whose ZIP table failed to load is not kept: validate tries again.
            validated: zipLookup !== undefined || run.mapping.zip == null ? { mapping: run.mapping, options: settings, result: run.result } : null,
          };
          rowCount = run.rowCount;
        }
        const parsed = next.sample;
        if (rowCount === 0) {
          return { ok: false, reason: parsed.header.length === 0 ? 'empty-file' : 'no-rows', message: `${fileName} has no data rows.` };
        }
        if (rowCount > opts.limits.maxRows) {
          return {
            ok: false,
            reason: 'too-many-rows',
            message: `${fileName} has ${fmt(rowCount)} rows; the import handles up to ${fmt(opts.limits.maxRows)} stores at a time. Split the file and import the parts one after the other.`,
          };
        }
        source = next;
        progress.report(1);
        return {
          ok: true,
          value: {
            kind,
            fileName,
            bytes,
            encoding,
            header: parsed.header,
            sampleRows: parsed.rows.slice(0, sampleSize),
            rowCount,
            delimiter: parsed.delimiter,
            delimiterCandidates: parsed.delimiterCandidates,
            ambiguousDelimiter: parsed.ambiguousDelimiter,
            errors: parsed.errors.slice(0, MAX_REPORTED_ERRORS),
            errorCount: parsed.errors.length,
            suggestedMapping: next.validated?.mapping ?? detectColumns(parsed.header),
          },
        };
      } finally {
        progress.release();
      }
    },

    /**
     * Gets ready for a file while the user is still choosing it: loads the ZIP table and
     * runs the reader and validator once over a small generated CSV, so the real file is
     * read by compiled code instead of a cold interpreter (a 100k-row file took twice as
     * long in a fresh worker as in a warm one). Nothing of it is kept.
     */
    async warmUp(): Promise<void> {
      const zipLookup = await zips();
      importDelimited(warmUpCsv(WARM_UP_ROWS), { mapping: 'detect', options: (d) => ({ ...defaultImportOptions(d), zipLookup }) });
    },

    /** The first `n` rows as they would be stored with this mapping (the wizard's preview). */
    async preview(mapping: ColumnMapping, opts: WorkerImportOptions, n = 20): Promise<PreviewRow[]> {
      const { sample } = requireSource();
      return previewRows(sample, mapping, { ...opts, zipLookup: mapping.zip != null ? await zips() : undefined }, n);
    },

    /**
     * Validates (and ZIP-geocodes) every row of the file with the confirmed mapping —
     * at once when `parseFile` already did it with this mapping and these options.
     * Progress goes 0..1; the result is what `commitImport` and the summary need.
     */
    async validate(mapping: ColumnMapping, opts: WorkerImportOptions, onProgress?: (fraction: number) => void): Promise<ImportResult> {
      const src = requireSource();
      const progress = throttle(onProgress);
      try {
        progress.report(0);
        const done = src.validated;
        if (done && sameMapping(done.mapping, mapping) && sameSettings(done.options, opts)) {
          src.validated = null; // handed over once: the page owns it now
          progress.report(1);
          return done.result;
        }
        const zipLookup = mapping.zip != null ? await zips() : undefined;
        const onRowsProgress = (f: number) => progress.report(f);
        const result =
          src.kind === 'table'
            ? validateRows(src.table, mapping, { ...opts, zipLookup, onProgress: onRowsProgress })
            : importDelimited(src.text, { delimiter: src.delimiter, mapping, options: { ...opts, zipLookup }, sampleSize: 0, onProgress: onRowsProgress }).result;
        progress.report(1);
        return result;
      } finally {
        progress.release();
      }
    },

    /** Forgets the file (after a commit) without ending the worker. */
    reset(): void {
      source = null;
    },
  };

  function requireSource(): Source {
    if (!source) throw new Error('No file has been parsed yet: call parseFile first.');
    return source;
  }

  return api;
}

/** A validation done ahead (see the module comment), with what it was done with. */
interface Validated {
  mapping: ColumnMapping;
  options: WorkerImportOptions;
  result: ImportResult;
}

/**
 * The file between `parseFile` and `validate`: a CSV's text (validated again in one pass
 * when the mapping changes), or a GeoJSON file's table; `sample` = its first rows.
 */
type Source =
  | { kind: 'text'; text: string; delimiter: string; sample: ParsedTable; validated: Validated | null }
  | { kind: 'table'; table: ParsedTable; sample: ParsedTable; validated: Validated | null };

const sameMapping = (a: ColumnMapping, b: ColumnMapping): boolean => STORE_FIELDS.every((f) => (a[f] ?? null) === (b[f] ?? null));

/** The same reading options (the page may send a copy with extra undefined keys). */
function sameSettings(a: WorkerImportOptions, b: WorkerImportOptions): boolean {
  return (
    a.decimalComma === b.decimalComma &&
    a.dateOrder === b.dateOrder &&
    (a.defaultStatus ?? 'prospect') === (b.defaultStatus ?? 'prospect') &&
    (a.referenceDate?.getTime() ?? null) === (b.referenceDate?.getTime() ?? null)
  );
}

/** The functions the import worker exposes; the client's Comlink proxy is typed with it. */
export type ImportWorkerApi = ReturnType<typeof createImportApi>;

function checkSize(bytes: number, fileName: string, limits: ImportLimits): Result<never, ImportRefusalReason> | null {
  if (bytes === 0) return { ok: false, reason: 'empty-file', message: `${fileName} is empty.` };
  if (bytes > limits.maxBytes) {
    return {
      ok: false,
      reason: 'file-too-large',
      message: `${fileName} is ${mb(bytes)}; the import handles files up to ${mb(limits.maxBytes)} (about ${fmt(limits.maxRows)} stores). Split the file or remove columns you do not need.`,
    };
  }
  return null;
}

/** UTF-8 (BOM stripped) when valid, else Windows-1252 — what Excel writes for "CSV". */
async function readText(file: Blob): Promise<{ text: string; encoding: 'utf-8' | 'windows-1252' }> {
  const buf = await file.arrayBuffer();
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(buf), encoding: 'windows-1252' };
  }
}

function looksLikeJson(text: string): boolean {
  const m = /^\uFEFF?\s*(\S)/.exec(text.slice(0, 1024));
  return m?.[1] === '{';
}

/** Rows of the warm-up file: enough for the parser's loops to be compiled, a few ms to read. */
const WARM_UP_ROWS = 4_000;

/** A small CRM-like CSV with the usual columns (quoted names, blanks, a ZIP-only row now and then). */
export function warmUpCsv(rows: number): string {
  const lines = ['store_id,name,address,city,state,zip,latitude,longitude,status,channel,revenue,prior_revenue,potential,customer_since,satisfaction,renewal_date,key_account,account_manager'];
  const statuses = ['Customer', 'Prospect', 'Lost'];
  for (let i = 0; i < rows; i++) {
    const zipOnly = i % 10 === 0;
    lines.push(
      [
        `W-${i}`, i % 7 === 0 ? `"Pets, Feed & Seed ${i}"` : `Pet Store ${i}`, `${100 + i} Main St`, 'Springfield', 'IL', String(62701 + (i % 50)),
        zipOnly ? '' : (39.5 + (i % 100) / 1000).toFixed(5), zipOnly ? '' : (-89.7 + (i % 97) / 1000).toFixed(5),
        statuses[i % 3], 'independent pet', (i * 13.37).toFixed(2), (i * 11.1).toFixed(2), '250000', i % 4 === 0 ? '' : '2021-03-04', String(1 + (i % 5)),
        i % 5 === 0 ? '2027-01-31' : '', i % 9 === 0 ? 'yes' : 'no', `Manager ${i % 12}`,
      ].join(','),
    );
  }
  return lines.join('\n');
}

const fmt = (n: number) => n.toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

// In a worker, expose one api; imported elsewhere (tests in node), do nothing.
if (typeof WorkerGlobalScope !== 'undefined' && typeof self !== 'undefined' && self instanceof WorkerGlobalScope) {
  expose(createImportApi());
}
