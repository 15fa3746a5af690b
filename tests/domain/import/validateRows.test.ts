import { importedStores } from '../../../src/domain/import';
/** validateRows options and outputs, previewRows, rejectedRowsToCsv. */
import { describe, expect, it } from 'vitest';
import {
  detectColumns,
  parseDelimited,
  previewRows,
  REJECT_REASONS,
  rejectedRowsToCsv,
  validateRows,
} from '../../../src/domain/import';
import { US_OPTIONS, fixture, importText, rejections } from './helpers';

describe('validateRows', () => {
  it('without a status column every store gets defaultStatus (prospect unless told otherwise), counted', () => {
    const text = 'name,lat,lng\nA,40,-75\nB,41,-76\n';
    expect(importedStores(importText(text).result).map((s) => s.status)).toEqual(['prospect', 'prospect']);
    const { result } = importText(text, { defaultStatus: 'customer' });
    expect(importedStores(result).map((s) => s.status)).toEqual(['customer', 'customer']);
    expect(result.summary.defaultedStatus).toBe(2);
  });

  it('without a ZIP table, rows that need one are rejected zip-not-found with a clear message', () => {
    const { result } = importText('name,zip,lat,lng\nA,10001,,\nB,10001,40,-75\n', { zipLookup: undefined });
    expect(rejections(result)).toEqual([[2, 'zip-not-found']]);
    expect(result.rejected[0]!.message).toBe('No latitude/longitude, and the offline ZIP table is not loaded.');
    expect(importedStores(result).map((s) => s.name)).toEqual(['B']);
  });

  it('with only a ZIP column, every store is placed at its ZIP centroid', () => {
    const { result } = importText('name,zip\nA,10001\nB,90210\nC,\n');
    expect(importedStores(result).map((s) => [s.name, s.geocodePrecision])).toEqual([
      ['A', 'zip-centroid'],
      ['B', 'zip-centroid'],
    ]);
    expect(rejections(result)).toEqual([[4, 'missing-coordinates']]);
    expect(result.summary.geocodedFromZip).toBe(2);
  });

  it('a geocode_precision column keeps zip-centroid stores as such (our own export re-imported)', () => {
    const { result } = importText('name,lat,lng,geocode_precision\nA,40,-75,zip-centroid\nB,40,-75,exact\nC,40,-75,rooftop\n');
    expect(importedStores(result).map((s) => s.geocodePrecision)).toEqual(['zip-centroid', 'exact', 'exact']);
  });

  it('referenceDate sets the two-digit-year window', () => {
    const text = 'name,lat,lng,renewal date\nA,40,-75,1/15/31\n';
    expect(importedStores(importText(text).result)[0]!.renewalDate).toBe('1931-01-15');
    expect(importedStores(importText(text, { referenceDate: new Date('2026-11-01T00:00:00Z') }).result)[0]!.renewalDate).toBe('2031-01-15');
  });

  it("dateOrder 'iso-only' rejects US dates with a message saying so", () => {
    const { result } = importText('name,lat,lng,customer since\nA,40,-75,3/5/2024\nB,40,-75,2024-03-05\n', { dateOrder: 'iso-only' });
    expect(rejections(result)).toEqual([[2, 'bad-date']]);
    expect(result.rejected[0]!.message).toContain('YYYY-MM-DD only');
  });

  it('the first failing check is the one reason (name before coordinates before numbers)', () => {
    const { result } = importText('name,lat,lng,revenue\n,999,999,abc\nA,999,999,abc\nB,40,-75,abc\n');
    expect(rejections(result)).toEqual([
      [2, 'missing-name'],
      [3, 'lat-out-of-range'],
      [4, 'bad-number'],
    ]);
  });

  it('an id on a REJECTED row does not block a later valid row with the same id', () => {
    const { result } = importText('id,name,lat,lng\nX,First,999,999\nX,Second,40,-75\nX,Third,41,-76\n');
    expect(rejections(result)).toEqual([
      [2, 'lat-out-of-range'],
      [4, 'duplicate-external-id'],
    ]);
    expect(importedStores(result).map((s) => [s.externalId, s.name])).toEqual([['X', 'Second']]);
    expect(result.rejected[1]!.message).toContain('also on row 3');
  });

  it('a mapping set by hand may point anywhere: out-of-range columns count as missing', () => {
    const table = parseDelimited('a,b,c\nStore,40,-75\n');
    const result = validateRows(table, { name: 0, lat: 1, lng: 2, revenue: 99 }, US_OPTIONS);
    expect(importedStores(result)).toEqual([expect.objectContaining({ name: 'Store', revenue: 0 })]);
  });

  it('text cells are trimmed; ZIPs normalised; empty external id and account manager are null', () => {
    const { result } = importText('id,name,address,city,state,zip,lat,lng,account manager\n  ,  Spaced Name  , 1 Main St ,  Austin , TX ,  2134 ,40,-75,   \n');
    expect(importedStores(result)[0]).toMatchObject({ externalId: null, name: 'Spaced Name', address: '1 Main St', city: 'Austin', state: 'TX', zip: '02134', accountManagerName: null });
  });

  it('lists at most 50 distinct unknown channels, each with its count and the channel it became', () => {
    const lines = ['name,lat,lng,channel'];
    for (let i = 0; i < 60; i++) lines.push(`S${i},40,-75,Odd Channel ${i % 55}`);
    lines.push('Vet one,40,-75,Vet Hospital Group');
    const { result } = importText(lines.join('\n'));
    expect(result.summary.valid).toBe(61);
    expect(result.summary.unknownChannels.length).toBe(50);
    expect(result.summary.unknownChannels[0]).toEqual({ value: 'Odd Channel 0', count: 2, mappedTo: 'independent-pet' });
    expect(importedStores(result).at(-1)!.channel).toBe('vet-clinic');
  });

  it('reports progress, and stops when shouldCancel says so (cancelled: true)', () => {
    const text = 'name,lat,lng\n' + Array.from({ length: 20_000 }, (_, i) => `S${i},40,-75`).join('\n');
    const table = parseDelimited(text);
    const mapping = detectColumns(table.header);
    const progress: number[] = [];
    const full = validateRows(table, mapping, { ...US_OPTIONS, onProgress: (f) => progress.push(f) });
    expect(full.cancelled).toBe(false);
    expect(full.summary.valid).toBe(20_000);
    expect(progress).toEqual([4096, 8192, 12288, 16384, 20000].map((n) => n / 20_000));
    let polls = 0;
    const cancelled = validateRows(table, mapping, { ...US_OPTIONS, shouldCancel: () => ++polls > 2 });
    expect(cancelled.cancelled).toBe(true);
    expect(importedStores(cancelled).length).toBe(8192);
  });

  it('never throws on junk: every reason code it can return is in REJECT_REASONS', () => {
    const junk = ['', '\u0000', '"', '=1', 'NaN', 'Infinity', '-0', '1e999', '9'.repeat(400), '\uD800', '  ', '0x10', '__proto__'];
    const lines = ['id,name,lat,lng,zip,status,channel,revenue,customer since,csat,key account'];
    for (let i = 0; i < 200; i++) lines.push(Array.from({ length: 11 }, (_, k) => `"${junk[(i * 7 + k * 3) % junk.length]!.replace(/"/g, '""')}"`).join(','));
    const { result } = importText(lines.join('\n'));
    expect(result.summary.total + result.summary.blankRows).toBe(200);
    for (const r of result.rejected) expect(REJECT_REASONS).toContain(r.reason);
  });
});

describe('previewRows', () => {
  it('shows the first n non-blank rows as validateRows would store or reject them', () => {
    const table = parseDelimited(fixture('coordinates.csv'));
    const preview = previewRows(table, detectColumns(table.header), US_OPTIONS, 4);
    expect(preview.map((p) => [p.row, p.store?.name ?? null, p.rejected?.reason ?? null])).toEqual([
      [2, 'Exact point', null],
      [3, 'Empty coords with ZIP', null],
      [4, null, 'missing-coordinates'],
      [5, 'N/A coords with ZIP', null],
    ]);
    expect(previewRows(table, detectColumns(table.header), US_OPTIONS).length).toBe(5);
  });

  it('skips blank rows', () => {
    const table = parseDelimited('name,lat,lng\n,,\nA,40,-75\n');
    expect(previewRows(table, detectColumns(table.header), US_OPTIONS).map((p) => p.row)).toEqual([3]);
  });
});

describe('rejectedRowsToCsv', () => {
  it('row_number, reason, message first, then the original columns; formula text neutralised, numbers plain', () => {
    const { table, result } = importText('name,lat,lng,city\n=EVIL(),999,-75.5,"Austin, TX"\n');
    expect(rejectedRowsToCsv(table.header, result.rejected)).toBe(
      'row_number,reason,message,name,lat,lng,city\n' + `2,lat-out-of-range,Latitude 999 is outside −90…90.,'=EVIL(),999,-75.5,"Austin, TX"\n`,
    );
  });

  it('rows with extra cells get extra columns', () => {
    const { table, result } = importText('name,lat\nA,1,2\n');
    expect(rejectedRowsToCsv(table.header, result.rejected)).toBe(
      'row_number,reason,message,name,lat,column_3\n2,wrong-field-count,This row has 3 values but the header has 2 columns — a value containing the delimiter without quotes?,A,1,2\n',
    );
  });

  it('the downloaded file, once fixed, re-imports with the same mapping', () => {
    const { table, result } = importText(fixture('coordinates.csv'));
    const csv = rejectedRowsToCsv(table.header, result.rejected);
    const again = parseDelimited(csv);
    expect(again.rows.map((r) => r.slice(3))).toEqual(result.rejected.map((r) => r.values.map((v) => v)));
    const mapping = detectColumns(again.header);
    expect(mapping).toEqual({ externalId: 3, name: 4, zip: 5, lat: 6, lng: 7 });
    const fixed = csv.replace('C-12,Swapped,10001,-97.7431,30.2672', 'C-12,Swapped,10001,30.2672,-97.7431');
    const re = validateRows(parseDelimited(fixed), mapping, US_OPTIONS);
    expect(importedStores(re).map((s) => [s.externalId, s.lat, s.lng])).toEqual([['C-12', 30.2672, -97.7431]]);
    expect(re.rejected.length).toBe(result.rejected.length - 1);
  });

  it('neutralised formula cells come back as written', () => {
    const { table, result } = importText('name,lat,lng\n=HYPERLINK("x"),999,0\n+1,999,0\n\'=quoted,999,0\n');
    const again = parseDelimited(rejectedRowsToCsv(table.header, result.rejected));
    const names = again.rows.map((r) => r[3]);
    expect(names).toEqual(["'=HYPERLINK(\"x\")", "'+1", "''=quoted"]);
    expect(importText(rejectedRowsToCsv(table.header, result.rejected)).result.rejected.map((r) => r.reason)).toEqual(['lat-out-of-range', 'lat-out-of-range', 'lat-out-of-range']);
  });
});
