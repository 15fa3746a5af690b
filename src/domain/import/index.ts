/**
 * Import of stores from real files (issue 3): CSV/TSV/GeoJSON text → parsed table →
 * column mapping → validated stores and rejected rows with reasons, with offline ZIP
 * geocoding. Pure: no DOM, no storage; the worker (src/workers/import.worker.ts) runs it
 * off the main thread and src/db commits the result.
 *
 * Flow: parseDelimited | parseStoreGeoJson → detectColumns (+ user edits, checkMapping)
 * → previewRows → validateRows (createZipLookup for `zipLookup`) → commit;
 * rejectedRowsToCsv for the download. For delimited text, importDelimited does
 * parse + detect + validate in one pass without keeping the parsed table (the worker's path).
 */
export { parseDelimited, type ParseDelimitedOptions } from './parseDelimited';
export { importDelimited, type ImportDelimitedOptions, type DelimitedImport } from './importDelimited';
export { defaultImportOptions } from './defaultImportOptions';
export { scoreDelimiters, DELIMITER_CANDIDATES, type DelimiterScores } from './scoreDelimiters';
export { parseStoreGeoJson } from './parseStoreGeoJson';
export { detectColumns, fieldForHeader, HEADER_SYNONYMS } from './detectColumns';
export { checkMapping, type MappingIssue } from './checkMapping';
export { validateRows } from './validateRows';
export { previewRows } from './previewRows';
export { rejectedRowsToCsv, REJECTED_CSV_COLUMNS } from './rejectedRowsToCsv';
export { parseNumberCell, MAX_NUMBER_MAGNITUDE } from './parseNumberCell';
export { parseCoordinateCell } from './parseCoordinateCell';
export { parseDateCell, type DateOrder } from './parseDateCell';
export { readTextCell } from './readTextCell';
export { normalizeZip, zipKey } from './normalizeZip';
export { matchStatus } from './matchStatus';
export { matchChannel, FALLBACK_CHANNEL } from './matchChannel';
export { matchKeyAccount } from './matchKeyAccount';
export {
  createZipLookup,
  parseZipCentroids,
  ZIP_CENTROIDS_FORMAT,
  ZIP_CENTROIDS_VERSION,
  type ZipCentroids,
  type ZipLookup,
} from './createZipLookup';
export { STORE_FIELDS, STORE_FIELD_LABELS, type StoreField, type ColumnMapping } from './fields';
export {
  REJECT_REASONS,
  GEOJSON_REASONS,
  MAPPING_ISSUES,
  type RejectReason,
  type GeoJsonReason,
  type MappingIssueCode,
} from './reasons';
export type {
  ParsedTable,
  ImportOptions,
  ProgressOptions,
  ImportedStore,
  RejectedRow,
  ImportSummary,
  ImportResult,
  PreviewRow,
  ImportedStoreLike,
  ImportCommitSummary,
  DuplicateExternalId,
} from './importTypes';
export { ImportedRowsBuilder, importedRowsFrom, importedStoreAt, importedStores, type ImportedRows } from './importedRows';
