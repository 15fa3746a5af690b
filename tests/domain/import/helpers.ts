import { importedStores } from '../../../src/domain/import';
/** Shared by the import tests: fixture loading and the real shipped ZIP table. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import zipTable from '../../../data/zip-centroids.json';
import {
  createZipLookup,
  detectColumns,
  parseDelimited,
  validateRows,
  type ImportOptions,
  type ImportResult,
  type ParsedTable,
} from '../../../src/domain/import';

export const zipLookup = createZipLookup(zipTable);

/** The text of tests/fixtures/csv/<name>, exactly as on disk (BOM and CRLF kept). */
export function fixture(name: string): string {
  return readFileSync(join(__dirname, '../../fixtures/csv', name), 'utf8');
}

export const US_OPTIONS: ImportOptions = { decimalComma: false, dateOrder: 'us', zipLookup };

/** parse → detect → validate, the way the wizard does with the detected mapping. */
export function importText(text: string, opts: Partial<ImportOptions> = {}): { table: ParsedTable; result: ImportResult } {
  const table = parseDelimited(text);
  const result = validateRows(table, detectColumns(table.header), { ...US_OPTIONS, ...opts });
  return { table, result };
}

/** [row, reason] of every rejected row, in file order. */
export function rejections(result: ImportResult): [number, string][] {
  return result.rejected.map((r) => [r.row, r.reason]);
}

/** sourceRow of every valid store, in file order. */
export function validRows(result: ImportResult): number[] {
  return importedStores(result).map((s) => s.sourceRow);
}
