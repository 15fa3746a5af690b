import { importedStores } from '../../../src/domain/import';
/**
 * The hostile CSV fixtures (tests/fixtures/csv): each file's EXACT outcome — which rows
 * become which stores, which are rejected with which reason, on which row. Row numbers are
 * the spreadsheet row numbers users see: header = row 1, a quoted multi-line value is one
 * row, blank lines count.
 */
import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../src/domain/import';
import { fixture, importText, rejections, validRows } from './helpers';

describe('hostile CSV fixtures', () => {
  it('bom-crlf.csv: BOM stripped, CRLF lines, CRLF inside a quoted address, accented names, "1,234.50"', () => {
    const { table, result } = importText(fixture('bom-crlf.csv'));
    expect(table.header[0]).toBe('Account ID'); // no \uFEFF glued to the first header
    expect(table.delimiter).toBe(',');
    expect(rejections(result)).toEqual([]);
    expect(importedStores(result)).toEqual([
      expect.objectContaining({ sourceRow: 2, externalId: 'A-1', name: 'Café Münster Pets', address: '12 Elm St\r\nSuite 4', city: 'Springfield', state: 'IL', zip: '62701', lat: 39.7817, lng: -89.6501, status: 'customer', channel: 'independent-pet', revenue: 1234.5, geocodePrecision: 'exact' }),
      expect.objectContaining({ sourceRow: 3, externalId: 'A-2', name: 'Bark & Co', status: 'prospect', channel: 'vet-clinic', revenue: 0 }),
    ]);
    expect(result.summary).toMatchObject({ total: 2, valid: 2, rejected: 0 });
  });

  it('semicolon-decimal-comma.csv: ";" detected, 1.234,50 read with decimal comma, a 1,234.50 row rejected with a hint', () => {
    const { table, result } = importText(fixture('semicolon-decimal-comma.csv'), { decimalComma: true });
    expect(table.delimiter).toBe(';');
    expect(table.ambiguousDelimiter).toBe(false);
    expect(validRows(result)).toEqual([2, 3]);
    expect(importedStores(result)[0]).toMatchObject({ name: 'Hund & Katze', lat: 42.3588, lng: -71.1296, revenue: 1234.5, priorRevenue: 1000, potential: 12000.75, satisfaction: 4.5, status: 'customer' });
    expect(importedStores(result)[1]).toMatchObject({ name: 'Tierbedarf Nord', lat: 41.8858, lng: -87.6181, revenue: -12.5, potential: 500, satisfaction: null, status: 'prospect' });
    expect(rejections(result)).toEqual([[4, 'bad-number']]);
    expect(result.rejected[0]!.message).toContain('"1,234.50"');
    expect(result.rejected[0]!.message).toContain('turn it off');
  });

  it('semicolon-decimal-comma.csv read WITHOUT decimal comma: every money cell with a comma is a bad number, never 10× too large', () => {
    const { result } = importText(fixture('semicolon-decimal-comma.csv'), { decimalComma: false });
    expect(rejections(result)).toEqual([
      [2, 'bad-number'],
      [3, 'bad-number'],
    ]);
    expect(result.rejected[0]!.message).toContain('turn on "decimal comma"');
    // Row 4 is written 1,234.50 / 0 / 0 / 3: valid in this mode.
    expect(importedStores(result)).toEqual([expect.objectContaining({ sourceRow: 4, revenue: 1234.5, satisfaction: 3 })]);
  });

  it('quoted-newlines.csv: line breaks, commas and doubled quotes inside quotes; a blank line counts as a row', () => {
    const { table, result } = importText(fixture('quoted-newlines.csv'));
    expect(table.rowNumbers).toEqual([2, 4, 5]);
    expect(rejections(result)).toEqual([]);
    expect(importedStores(result).map((s) => [s.sourceRow, s.name, s.address, s.status])).toEqual([
      [2, 'Paws, Claws & "Tails"', '1 Main St\nBuilding B\nFloor 2', 'customer'],
      [4, 'Second\nStore', '2 Main St', 'prospect'],
      [5, 'Third Store', '3 Main St, Rear', 'lost'],
    ]);
    expect(result.summary.blankRows).toBe(0); // a blank LINE is not a data row at all
  });

  it('duplicate-headers.csv: the first Name/Latitude/Longitude columns win', () => {
    const { result } = importText(fixture('duplicate-headers.csv'));
    expect(rejections(result)).toEqual([]);
    expect(importedStores(result).map((s) => [s.sourceRow, s.name, s.lat, s.lng, s.status])).toEqual([
      [2, 'First Name Wins', 35, -90, 'customer'],
      [3, 'Also First', 36, -91, 'prospect'],
    ]);
  });

  it('coordinates.csv: empty coordinates with/without ZIP, N/A, out of range, swapped, 0,0, half, non-numeric', () => {
    const { result } = importText(fixture('coordinates.csv'));
    expect(rejections(result)).toEqual([
      [4, 'missing-coordinates'],
      [8, 'zip-not-found'],
      [9, 'zip-not-found'],
      [10, 'lat-out-of-range'],
      [11, 'lng-out-of-range'],
      [12, 'likely-swapped'],
      [13, 'likely-swapped'],
      [14, 'null-island'],
      [15, 'missing-coordinates'],
      [16, 'non-numeric-coordinate'],
    ]);
    expect(importedStores(result).map((s) => [s.sourceRow, s.zip, s.geocodePrecision])).toEqual([
      [2, '10001', 'exact'],
      [3, '90210', 'zip-centroid'],
      [5, '02134', 'zip-centroid'], // N/A coordinates fall back to the ZIP
      [6, '02134', 'zip-centroid'], // "2134" lost its leading zero
      [7, '10001-1234', 'zip-centroid'],
      [17, '10001', 'exact'], // "40,7506" — a comma decimal in a coordinate is unambiguous
      [18, '10001', 'exact'], // latitude 0 alone is the equator, not null island
    ]);
    const byRow = new Map(importedStores(result).map((s) => [s.sourceRow, s]));
    expect(byRow.get(3)).toMatchObject({ lat: 34.1005, lng: -118.4146 }); // Beverly Hills
    expect(byRow.get(17)).toMatchObject({ lat: 40.7506, lng: -73.9973 });
    expect(result.summary).toMatchObject({ total: 17, valid: 7, rejected: 10, geocodedFromZip: 4 });
    expect(result.summary.byReason).toEqual({
      'missing-coordinates': 2,
      'zip-not-found': 2,
      'lat-out-of-range': 1,
      'lng-out-of-range': 1,
      'likely-swapped': 2,
      'null-island': 1,
      'non-numeric-coordinate': 1,
    });
    const message = (row: number) => result.rejected.find((r) => r.row === row)!.message;
    expect(message(12)).toContain('the store would be at latitude 30.2672, longitude -97.7431');
    expect(message(13)).toContain('Antarctica');
    expect(message(8)).toContain('"00000" is not in the offline ZIP table');
    expect(message(9)).toContain('"K1A 0B6" is not a US ZIP code');
    expect(message(16)).toContain('"forty"');
  });

  it('values.csv: money formats, N/A, huge numbers, bad numbers and dates, statuses, channels, flags, duplicate ids', () => {
    const { result } = importText(fixture('values.csv'));
    expect(rejections(result)).toEqual([
      [4, 'number-too-large'],
      [5, 'number-too-large'],
      [6, 'bad-number'],
      [7, 'bad-number'],
      [8, 'bad-date'],
      [9, 'bad-date'],
      [10, 'satisfaction-out-of-range'],
      [11, 'unknown-status'],
      [12, 'bad-key-account'],
      [14, 'duplicate-external-id'],
    ]);
    expect(importedStores(result)).toEqual([
      expect.objectContaining({
        sourceRow: 2, externalId: 'V-2', status: 'customer', channel: 'vet-clinic', revenue: 1234, priorRevenue: 1000, potential: -123,
        customerSince: '2021-03-14', satisfaction: 4.5, renewalDate: '2027-01-31', keyAccount: true, accountManagerName: 'Megan Holloway',
      }),
      expect.objectContaining({
        sourceRow: 3, status: 'prospect', channel: 'independent-pet', revenue: 0, priorRevenue: 0, potential: 0,
        customerSince: null, satisfaction: null, renewalDate: null, keyAccount: false, accountManagerName: null,
      }),
      expect.objectContaining({ sourceRow: 13, status: 'lost', channel: 'farm-feed', customerSince: '2019-06-01', keyAccount: true, accountManagerName: 'Daniel Ortega' }),
      expect.objectContaining({ sourceRow: 15, status: 'customer', channel: 'groomer', customerSince: '2021-01-01', satisfaction: 1, renewalDate: '2029-12-31', keyAccount: false }),
      expect.objectContaining({ sourceRow: 16, status: 'prospect', channel: 'independent-pet' }),
    ]);
    const message = (row: number) => result.rejected.find((r) => r.row === row)!.message;
    expect(message(11)).toContain('"Pending"');
    expect(message(14)).toContain('also on row 2');
    expect(message(5)).toContain('column "Wallet"');
    expect(result.summary.unknownChannels).toEqual([{ value: 'Pet Boutique', count: 1, mappedTo: 'independent-pet' }]);
    expect(result.summary.defaultedStatus).toBe(1);
    expect(result.summary.accountManagers).toEqual(['Megan Holloway', 'Daniel Ortega']);
  });

  it('formulas-and-html.csv: formula-looking and HTML text is kept verbatim; our export neutraliser is undone', () => {
    const { result } = importText(fixture('formulas-and-html.csv'));
    expect(rejections(result)).toEqual([]);
    expect(importedStores(result).map((s) => [s.sourceRow, s.name, s.city, s.accountManagerName])).toEqual([
      [2, '=HYPERLINK("http://evil.example","click")', '=1+1', '+1'],
      [3, '+1 Pets', '-Dallas', '@SUM(A1)'],
      [4, '@SUM(A1:A9)', 'Austin', null],
      [5, '<img src=x onerror=alert(1)>', '<b>Bold</b>', null],
      [6, '=Neutralised by our export', '-Minus', '@At'],
      [7, "'Quoted but not a formula", "'Tis", null], // a ' before a non-formula character stays
    ]);
  });

  it('proto-headers.csv: __proto__ / constructor headers and cells neither pollute nor break the mapping', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const { table, result } = importText(fixture('proto-headers.csv'));
    expect(table.header).toEqual(['__proto__', 'constructor', 'name', 'prototype', 'lat', 'lng', 'hasOwnProperty', 'toString']);
    expect(rejections(result)).toEqual([]);
    expect(importedStores(result).map((s) => [s.sourceRow, s.name, s.lat, s.lng])).toEqual([
      [2, 'Proto Store', 40, -75],
      [3, 'Second', 41, -76],
    ]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const s of importedStores(result)) expect(Object.getPrototypeOf(s)).toBe(Object.prototype);
  });

  it('broken-rows.csv: too many / too few fields, an all-empty row, a malformed quote', () => {
    const { table, result } = importText(fixture('broken-rows.csv'));
    expect(rejections(result)).toEqual([
      [3, 'wrong-field-count'],
      [4, 'wrong-field-count'],
      [7, 'malformed-quotes'],
    ]);
    expect(validRows(result)).toEqual([2, 6, 8]);
    expect(result.summary).toMatchObject({ total: 6, valid: 3, rejected: 3, blankRows: 1 });
    expect(result.rejected[0]!.message).toBe('This row has 5 values but the header has 4 columns — a value containing the delimiter without quotes?');
    expect(table.errors).toEqual([{ row: 7, message: 'A quote character is misplaced in a quoted value' }]);
  });

  it('tab-delimited.tsv and pipe-delimited.csv: delimiter detected, commas inside values are data', () => {
    for (const [file, delimiter] of [
      ['tab-delimited.tsv', '\t'],
      ['pipe-delimited.csv', '|'],
    ] as const) {
      const { table, result } = importText(fixture(file));
      expect(table.delimiter).toBe(delimiter);
      expect(table.ambiguousDelimiter).toBe(false);
      expect(importedStores(result).map((s) => [s.name, s.lat, s.lng, s.revenue])).toEqual([
        ['Smith, Jones & Co', 40.5, -75.5, 1000],
        [file === 'tab-delimited.tsv' ? 'Tab Two' : 'Pipe Two', 41.5, -76.5, 2000],
      ]);
    }
  });

  it('ambiguous-delimiter.csv: flagged for the user; the delimiter the user confirms is used as is', () => {
    const { table } = importText(fixture('ambiguous-delimiter.csv'));
    expect(table.ambiguousDelimiter).toBe(true);
    expect(table.delimiter).toBe(','); // the tie-break order , ; TAB |
    expect(table.delimiterCandidates.slice(0, 2)).toEqual([
      { delimiter: ',', score: 1 },
      { delimiter: ';', score: 1 },
    ]);
    const confirmed = parseDelimited(fixture('ambiguous-delimiter.csv'), { delimiter: ';' });
    expect(confirmed.delimiter).toBe(';');
    expect(confirmed.ambiguousDelimiter).toBe(false);
    expect(confirmed.header).toEqual(['name', 'lat,lng']);
    expect(confirmed.rows).toEqual([
      ['A', '40,-75'],
      ['B', '41,-76'],
    ]);
  });
});
