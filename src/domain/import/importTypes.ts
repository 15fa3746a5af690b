/**
 * The data that flows through an import: file text → `ParsedTable` (parseDelimited /
 * parseStoreGeoJson) → `ImportResult` (validateRows) → commit (src/db). Plain data only, so
 * every value crosses a worker boundary with structuredClone unchanged.
 */
import type { ImportedRows } from './importedRows';
import type { Person, StoreId, StoreStatus, Store } from '../types';
import type { RejectReason } from './reasons';

/** A file as rows of text cells, before any field is interpreted. */
export interface ParsedTable {
  /** Header cells, trimmed. Duplicates are kept as they are (see `detectColumns`). */
  header: string[];
  /** Data rows, cells untouched (not trimmed); blank lines are left out. */
  rows: string[][];
  /**
   * `rowNumbers[i]` = the number users see for `rows[i]`: for CSV the spreadsheet row
   * number (header = the row it is on, normally 1; a quoted value with line breaks is ONE
   * row, as in Excel/LibreOffice; blank lines count); for GeoJSON the 1-based position of
   * the feature in `features`.
   */
  rowNumbers: number[];
  /** The delimiter used (',', ';', '\t' or '|' when detected; any string when given). */
  delimiter: string;
  /** Each candidate's score in 0…1 (share of sampled rows with the header's field count), best first. */
  delimiterCandidates: { delimiter: string; score: number }[];
  /** True when another delimiter fits the sample about as well: ask the user to confirm. */
  ambiguousDelimiter: boolean;
  /** Structural problems the parser met, by row number (also reflected in `invalidRows`). */
  errors: { row: number; message: string }[];
  /**
   * Rows the parser already knows are unusable, keyed by index into `rows`
   * (e.g. 'malformed-quotes', GeoJSON 'unsupported-geometry'); `validateRows` rejects them.
   */
  invalidRows: Map<number, { reason: RejectReason; message: string }>;
  /** True when `shouldCancel` stopped the parse: the rows are incomplete, do not import. */
  cancelled: boolean;
}

/** How cells are interpreted; the wizard lets the user set the first two. */
export interface ImportOptions {
  /** `1.234,50` = 1234.5 (the `.` groups thousands, the `,` is the decimal mark). */
  decimalComma: boolean;
  /** 'us': ISO dates, M/D/YYYY, M/D/YY and Excel serial numbers; 'iso-only': YYYY-MM-DD only. */
  dateOrder: 'us' | 'iso-only';
  /**
   * ZIP → [lng, lat] centroid (`createZipLookup`). Omitted → rows that need a ZIP centroid
   * are rejected 'zip-not-found' with a message saying the ZIP table is not loaded.
   */
  zipLookup?: ((zip: string) => [number, number] | null) | undefined;
  /**
   * "Today", for two-digit years only: `3/14/31` is read as the year within
   * [ref − 80, ref + 19] ending in 31. Omitted → Excel's fixed window (1930–2029).
   */
  referenceDate?: Date | undefined;
  /** Status of rows with an empty status cell or no status column. Default 'prospect'. */
  defaultStatus?: StoreStatus | undefined;
}

/** Progress reporting and cooperative cancellation of a long call. */
export interface ProgressOptions {
  /** Called with 0…1 every few thousand rows. */
  onProgress?: ((fraction: number) => void) | undefined;
  /**
   * Polled every few thousand rows; true stops the work and marks the result `cancelled`.
   * In a worker whose thread is busy, a message cannot set a flag — terminate the worker
   * instead (or poll an Atomics flag on a SharedArrayBuffer here).
   */
  shouldCancel?: (() => boolean) | undefined;
}

/**
 * One valid row, as it will be stored: a Store without the ids the database assigns (ids
 * are given at commit by matching `externalId`), with the account manager still a name.
 */
export interface ImportedStore extends Omit<Store, 'id' | 'accountManagerId'> {
  /** The account manager's name as written (trimmed); null when blank / no column. */
  accountManagerName: string | null;
  /** The row number users see (`ParsedTable.rowNumbers`). */
  sourceRow: number;
}

/** One row that was not imported, with the one reason why and its original cells. */
export interface RejectedRow {
  /** The row number users see (`ParsedTable.rowNumbers`). */
  row: number;
  reason: RejectReason;
  /** A sentence for the user that names the column and the value. */
  message: string;
  /** The row's cells as read (for the rejected-rows download). */
  values: string[];
}

export interface ImportSummary {
  /** Data rows considered (blank rows excluded). */
  total: number;
  valid: number;
  rejected: number;
  byReason: Partial<Record<RejectReason, number>>;
  /** Valid rows placed at their ZIP centroid (geocodePrecision 'zip-centroid'). */
  geocodedFromZip: number;
  /** Rows whose cells were all empty: skipped silently, not counted in `total`. */
  blankRows: number;
  /** Valid rows that got `defaultStatus` because the status was blank or unmapped. */
  defaultedStatus: number;
  /**
   * Channel values that were not recognised, with how many rows had them and the channel
   * they were mapped to (at most 50 distinct values listed). Empty cells are not listed.
   */
  unknownChannels: { value: string; count: number; mappedTo: Store['channel'] }[];
  /** Distinct account manager names of valid rows, in first-seen order. */
  accountManagers: string[];
}

export interface ImportResult {
  /** The valid rows, in columns (see importedRows.ts; `importedStores` for objects). */
  rows: ImportedRows;
  rejected: RejectedRow[];
  summary: ImportSummary;
  /** True when `shouldCancel` stopped validation: the result is partial, do not commit it. */
  cancelled: boolean;
}

/** One line of the wizard's preview: the store as it will be stored, or why not. */
export interface PreviewRow {
  row: number;
  store?: ImportedStore;
  rejected?: RejectedRow;
}

/**
 * One valid row of an import as the market repository commits it: a Store without the ids
 * the database assigns, with the account manager still a name. Structural, so that any
 * producer of such rows (the importer, tests) fits.
 */
export type ImportedStoreLike = Omit<Store, 'id' | 'accountManagerId'> & {
  /** The account manager's name as written in the file; null/blank = none. */
  accountManagerName: string | null;
  /** 1-based line/feature number in the source file, for messages. */
  sourceRow?: number;
};

/** A row that was not written because an earlier row of the same file had its external id. */
export interface DuplicateExternalId {
  externalId: string;
  /** The row that was skipped. */
  sourceRow: number | null;
  /** The earlier row that was applied. */
  firstSourceRow: number | null;
}

export interface ImportCommitSummary {
  added: number;
  updated: number;
  unchanged: number;
  /** Stores deleted because they were not in the file (mode 'replace' only, else 0). */
  removed: number;
  /** Rows skipped as duplicates of an earlier row's external id; count them as rejected. */
  duplicates: DuplicateExternalId[];
  /** Account managers created from names in the file, in order of first appearance. */
  peopleCreated: Person[];
  /** For each imported row (same order as the input), the store it became; null = skipped duplicate. */
  storeIds: (StoreId | null)[];
  addedIds: StoreId[];
  updatedIds: StoreId[];
  removedIds: StoreId[];
}

