import { importedStores } from '../../../src/domain/import';
/**
 * importDelimited (parse + validate in one pass) against the two-step path it replaces
 * (parseDelimited, then validateRows): the SAME ImportResult — stores, rejected rows with
 * their row numbers, reasons, messages and cells, duplicates, blank rows, summary — on every
 * hostile fixture and on a generated 10k-row file, whatever the progress interval, with
 * the fast reader (well-formed text) and with the papaparse fallback (a broken quote).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  detectColumns,
  importDelimited,
  defaultImportOptions,
  parseDelimited,
  validateRows,
  type ColumnMapping,
  type ImportOptions,
  type ImportResult,
  type ParsedTable,
} from '../../../src/domain/import';
import { mulberry32 } from '../../fixtures/random';
import { US_OPTIONS, fixture, zipLookup } from './helpers';

const FIXTURES = readdirSync(join(__dirname, '../../fixtures/csv')).sort();

/** The two-step path, exactly as the worker ran it before. */
function twoStep(text: string, opts: ImportOptions, mapping?: ColumnMapping, delimiter?: string): { table: ParsedTable; mapping: ColumnMapping; result: ImportResult } {
  const table = parseDelimited(text, delimiter !== undefined ? { delimiter } : {});
  const m = mapping ?? detectColumns(table.header);
  return { table, mapping: m, result: validateRows(table, m, opts) };
}

/** A ParsedTable with its Map spelled out, for toEqual. */
const plain = (t: ParsedTable) => ({ ...t, invalidRows: [...t.invalidRows] });

/**
 * A 10k-row CRM export with everything that makes row numbers and outcomes hard: CRLF,
 * quoted commas, doubled quotes and line breaks inside quotes, blank lines and all-empty
 * rows, rows with too many / too few fields, a broken quote, duplicate external ids,
 * N/A and empty coordinates (ZIP fallback, known and unknown ZIPs), out-of-range and
 * swapped coordinates, 0,0, unknown statuses and channels, bad numbers and dates, key
 * account words, account managers.
 */
function generatedCsv(rows: number, seed = 7): string {
  const r = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  /** Usually one of `good`, one of `bad` 1 time in 60. */
  const mostly = (good: readonly string[], bad: readonly string[]): string => (r() < 1 / 60 ? pick(bad) : pick(good));
  const lines = ['Account ID,Store Name,Address,City,State,Zip,Latitude,Longitude,Status,Channel,Revenue,Prior Year Revenue,Potential,Customer Since,CSAT,Renewal Date,Key Account,Account Manager'];
  const zips = ['10001', '02134', '2134', '90210', '60601-1234', '10001', '90210', '00000', 'K1A 0B6', ''];
  for (let i = 0; i < rows; i++) {
    const x = r();
    if (x < 0.01) {
      lines.push(''); // blank line: counted, not a row
      continue;
    }
    if (x < 0.015) {
      lines.push(',,,,,,,,,,,,,,,,,'); // all-empty row: skipped, counted in blankRows
      continue;
    }
    if (x < 0.02) {
      lines.push(`X-${i},Too few,${pick(['1 Main St', ''])}`);
      continue;
    }
    if (x < 0.025) {
      lines.push(`X-${i},Too, many,1 Main St,Austin,TX,78701,30.1,-97.7,customer,grocery,1,2,3,,,,,`);
      continue;
    }
    const id = r() < 0.03 ? `CRM-${Math.floor(r() * i)}` : r() < 0.05 ? '' : `CRM-${i}`; // duplicates and blanks
    let name = r() < 0.01 ? '' : `${pick(['Happy', 'Paws', 'Barn', 'Vet'])} ${pick(['Feed', 'Pets', 'Clinic', 'Depot'])}`;
    const q = r();
    if (q < 0.03) name = `"${name}, Inc."`;
    else if (q < 0.05) name = `"${name} ""The Best"""`;
    else if (q < 0.06) name = `"${name}\nSecond line"`;
    else if (q < 0.065) name = `"${name}\r\nCRLF line"`;
    const coords = r();
    let lat = (25 + r() * 20).toFixed(5);
    let lng = (-120 + r() * 45).toFixed(5);
    if (coords < 0.1) [lat, lng] = ['', ''];
    else if (coords < 0.12) [lat, lng] = ['N/A', 'n/a'];
    else if (coords < 0.125) lat = '';
    else if (coords < 0.13) lat = '95.5';
    else if (coords < 0.135) lng = '-200';
    else if (coords < 0.14) [lat, lng] = [lng, lat]; // swapped
    else if (coords < 0.145) [lat, lng] = ['0', '0'];
    else if (coords < 0.15) lat = '12abc';
    else if (coords < 0.16) lat = '40,7128'; // decimal comma in a coordinate: accepted
    lines.push(
      [
        id,
        name,
        pick(['1 Main St', '"2 Oak Ave, Rear"', '', '  3 Elm St  ']),
        pick(['Austin', 'Boise', '', 'Springfield']),
        pick(['TX', 'ID', 'IL', '']),
        pick(zips),
        lat,
        lng,
        mostly(['Customer', 'prospect', 'Lead', 'Churned', '', 'N/A', 'active'], ['Pending']),
        pick(['Vet Clinic', 'Pet Boutique', 'Farm & Feed', '', 'grocery', 'Something else']),
        mostly(['1234.50', '"1,234.50"', '', 'N/A', '-5', '(12)'], ['12abc', '1e16']),
        pick(['0', '100', '']),
        pick(['500', '', '"9,999"']),
        mostly(['2019-03-04', '3/14/2021', '', '44197'], ['13/45/2020', '2021-02-30']),
        mostly(['4.5', '', '1'], ['7', 'x']),
        mostly(['2027-01-31', ''], ['soon']),
        mostly(['yes', 'No', '', 'x'], ['maybe']),
        pick(['Megan Holloway', ' megan holloway ', 'Daniel Ortega', '']),
      ].join(','),
    );
  }
  lines.push('Y-1,"Broken ""quote" here,1 Main St,Austin,TX,78701,30.1,-97.7,customer,grocery,1,2,3,,,,,');
  lines.push('Y-2,After the break,1 Main St,Austin,TX,78701,30.1,-97.7,customer,grocery,1,2,3,,,,,');
  return lines.join('\r\n') + '\r\n';
}

describe('importDelimited', () => {
  it.each(FIXTURES)('%s: the same result, mapping and first rows as parseDelimited + validateRows', (name) => {
    const text = fixture(name);
    for (const opts of [US_OPTIONS, { ...US_OPTIONS, decimalComma: true }, { ...US_OPTIONS, dateOrder: 'iso-only' as const, defaultStatus: 'customer' as const }]) {
      const expected = twoStep(text, opts);
      for (const chunkSize of [undefined, 3, 7, 16, 64]) {
        const fused = importDelimited(text, { mapping: 'detect', options: opts, chunkSize, ...(chunkSize ? { onProgress: () => undefined } : {}), sampleSize: 3 });
        expect(fused.result).toEqual(expected.result);
        expect(fused.mapping).toEqual(expected.mapping);
        expect(fused.rowCount).toBe(expected.table.rows.length);
        const first3 = { ...expected.table, rows: expected.table.rows.slice(0, 3), rowNumbers: expected.table.rowNumbers.slice(0, 3), invalidRows: [...expected.table.invalidRows].filter(([i]) => i < 3) };
        expect(plain(fused.sample)).toEqual(first3);
      }
    }
  });

  it('a given mapping and a given delimiter are used as validateRows would use them', () => {
    const text = fixture('coordinates.csv');
    const detected = detectColumns(parseDelimited(text).header);
    const swapped: ColumnMapping = { ...detected, lat: detected.lng!, lng: detected.lat! };
    const fused = importDelimited(text, { mapping: swapped, options: US_OPTIONS });
    expect(fused.mapping).toBe(swapped);
    expect(fused.result).toEqual(twoStep(text, US_OPTIONS, swapped).result);

    const ambiguous = fixture('ambiguous-delimiter.csv');
    for (const delimiter of [',', ';']) {
      const viaDelimiter = importDelimited(ambiguous, { mapping: 'detect', delimiter, options: US_OPTIONS });
      const expected = twoStep(ambiguous, US_OPTIONS, undefined, delimiter);
      expect(viaDelimiter.result).toEqual(expected.result);
      expect(viaDelimiter.sample.delimiter).toBe(delimiter);
      expect(viaDelimiter.sample.header).toEqual(expected.table.header);
    }
  });

  it('options may follow the delimiter found (defaultImportOptions: decimal commas for ";")', () => {
    const text = 'Name;Latitude;Longitude;Revenue\nA;40,5;-75,25;"1.234,50"\n';
    const fused = importDelimited(text, { mapping: 'detect', options: (d) => ({ ...defaultImportOptions(d), zipLookup }) });
    expect(fused.options).toMatchObject({ decimalComma: true, dateOrder: 'us' });
    expect(importedStores(fused.result).map((s) => [s.lat, s.lng, s.revenue])).toEqual([[40.5, -75.25, 1234.5]]);
    expect(defaultImportOptions(',')).toEqual({ decimalComma: false, dateOrder: 'us' });
  });

  it('a generated 10k-row hostile file: identical stores, rejections (row numbers, reasons, messages, cells), duplicates and blank rows', () => {
    for (const broken of [true, false]) {
      // With its broken quote the text goes to papaparse (after the fast reader started);
      // without, the fast reader reads it all.
      const full = generatedCsv(10_000);
      const text = broken ? full : full.replace(/Y-1,[^\r]*\r\n/, '');
      const expected = twoStep(text, US_OPTIONS);
      const s = expected.result.summary;
      // The file really exercises what it claims to.
      expect(s.blankRows).toBeGreaterThan(20);
      expect(s.valid).toBeGreaterThan(5000);
      for (const reason of [
        'wrong-field-count',
        'duplicate-external-id',
        'missing-name',
        'missing-coordinates',
        'zip-not-found',
        'non-numeric-coordinate',
        'null-island',
        'likely-swapped',
        'lat-out-of-range',
        'lng-out-of-range',
        'unknown-status',
        'bad-number',
        'number-too-large',
        'satisfaction-out-of-range',
        'bad-date',
        'bad-key-account',
      ] as const) {
        expect(s.byReason[reason], reason).toBeGreaterThan(0);
      }
      expect(s.byReason['malformed-quotes'] ?? 0).toBe(broken ? 1 : 0);
      expect(s.geocodedFromZip).toBeGreaterThan(0);
      expect(expected.table.rowNumbers.at(-1)).toBeGreaterThan(expected.table.rows.length); // blank lines and multi-line cells count

      for (const chunkSize of [undefined, 1000, 4096, 65_536]) {
        const fused = importDelimited(text, { mapping: 'detect', options: US_OPTIONS, chunkSize, ...(chunkSize ? { onProgress: () => undefined } : {}) });
        expect(fused.result).toEqual(expected.result);
        expect(fused.result.rejected.map((r) => [r.row, r.reason])).toEqual(expected.result.rejected.map((r) => [r.row, r.reason]));
        expect(fused.rowCount).toBe(expected.table.rows.length);
        expect(fused.sample.errors).toEqual(expected.table.errors);
      }
    }
  });

  it('empty, BOM-only, blank-only and header-only texts give the empty two-step result', () => {
    for (const text of ['', '\uFEFF', '\n\n\n', 'name,lat,lng\r\n', '\uFEFFname;lat;lng']) {
      const expected = twoStep(text, US_OPTIONS);
      const fused = importDelimited(text, { mapping: 'detect', options: US_OPTIONS });
      expect(fused.result).toEqual(expected.result);
      expect(fused.result.summary.total).toBe(0);
      expect(fused.rowCount).toBe(0);
      expect(fused.sample.header).toEqual(expected.table.header);
    }
  });

  it('reports progress (0…1, never backwards) and honours shouldCancel', () => {
    for (const broken of [false, true]) {
      const full = generatedCsv(2000, 11);
      const text = broken ? full : full.replace(/Y-1,[^\r]*\r\n/, '');
      const progress: number[] = [];
      const done = importDelimited(text, { mapping: 'detect', options: US_OPTIONS, chunkSize: 8192, onProgress: (f) => progress.push(f) });
      expect(done.result.cancelled).toBe(false);
      expect(progress.length).toBeGreaterThan(5);
      expect(progress.at(-1)).toBe(1);
      expect([...progress].sort((a, b) => a - b)).toEqual(progress);

      let polls = 0;
      const cancelled = importDelimited(text, { mapping: 'detect', options: US_OPTIONS, chunkSize: 8192, shouldCancel: () => ++polls >= 3 });
      expect(cancelled.result.cancelled).toBe(true);
      expect(cancelled.sample.cancelled).toBe(true);
      // What was done is exactly the start of the full import.
      const n = importedStores(cancelled.result).length;
      expect(n).toBeGreaterThan(0);
      expect(n).toBeLessThan(importedStores(done.result).length);
      expect(importedStores(cancelled.result)).toEqual(importedStores(done.result).slice(0, n));
    }
  });
});
