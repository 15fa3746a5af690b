import { marketStores } from '../../src/domain/market';
import { importedStores } from '../../src/domain/import';
/**
 * The import worker's api, called directly in node (no Worker, no Comlink): what a worker
 * does between the page's messages. The ZIP table is a small fixture in the shipped format.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { commitImport, loadMarket } from '../../src/db/marketRepository';
import { createPlannerDb } from '../../src/db/schema';
import type { WorkspaceId } from '../../src/domain/types';
import { createImportApi, warmUpCsv } from '../../src/workers/import.worker';
import { defaultImportOptions, importDelimited } from '../../src/domain/import';

const LIMITS = { maxBytes: 1_000_000, maxRows: 1000 };
const OPTS = { decimalComma: false, dateOrder: 'us' as const };

/** 02134 (Allston) and 10001 (Midtown) only; degrees × 1e4. */
const ZIPS = { format: 'territory-planner/zip-centroids', version: 1, source: 'test', scale: 10000, zip: [2134, 10001], lng: [-711312, -739967], lat: [423539, 407484] };

const CSV = [
  'Store ID,Store Name,Latitude,Longitude,ZIP,Status,Revenue,Account Manager',
  'CRM-1,Alpha Pets,38.5,-97.1,,customer,"1,200.50",Ana Ruiz',
  'CRM-2,Beta Vet,,,02134,prospect,0,ana ruiz',
  'CRM-3,Gamma Feed,95,-97,,customer,10,',
  'CRM-4,Delta Groom,,,99999,lost,5,Bo Li',
].join('\r\n');

function api(loadZipTable = vi.fn(async () => ZIPS)) {
  return { api: createImportApi({ loadZipTable }), loadZipTable };
}

describe('import worker api', () => {
  it('parseFile returns a summary (header, first rows, delimiter, detected mapping) and keeps the table', async () => {
    const { api: w } = api();
    const progress: number[] = [];
    const res = await w.parseFile(CSV, { limits: LIMITS, fileName: 'crm.csv', sampleSize: 2 }, (f) => progress.push(f));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const s = res.value;
    expect(s).toMatchObject({ kind: 'delimited', fileName: 'crm.csv', encoding: 'utf-8', rowCount: 4, delimiter: ',', errorCount: 0 });
    expect(s.header[1]).toBe('Store Name');
    expect(s.sampleRows).toHaveLength(2); // only the sample crosses to the page
    expect(s.suggestedMapping).toMatchObject({ externalId: 0, name: 1, lat: 2, lng: 3, zip: 4, status: 5, revenue: 6, accountManager: 7 });
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  });

  it('parseFile already validates with the detected mapping (ZIP table loaded once per worker); validate hands that result over', async () => {
    const { api: w, loadZipTable } = api();
    const parsed = await w.parseFile(CSV, { limits: LIMITS });
    if (!parsed.ok) throw new Error(parsed.message);
    expect(loadZipTable).toHaveBeenCalledTimes(1); // the file has a ZIP column
    const progress: number[] = [];
    const result = await w.validate(parsed.value.suggestedMapping, OPTS, (f) => progress.push(f));
    expect(result.cancelled).toBe(false);
    expect(importedStores(result).map((s) => [s.externalId, s.geocodePrecision])).toEqual([
      ['CRM-1', 'exact'],
      ['CRM-2', 'zip-centroid'],
    ]);
    expect(importedStores(result)[0]!.revenue).toBe(1200.5);
    expect(importedStores(result)[1]).toMatchObject({ lng: -71.1312, lat: 42.3539 });
    expect(result.rejected.map((r) => [r.row, r.reason])).toEqual([
      [4, 'lat-out-of-range'],
      [5, 'zip-not-found'],
    ]);
    expect(progress.at(-1)).toBe(1);
    // Asked again (the result was handed over), it validates again: the same result.
    const again = await w.validate({ ...parsed.value.suggestedMapping }, { ...OPTS });
    expect(again).toEqual(result);
    await w.preview(parsed.value.suggestedMapping, OPTS, 2);
    expect(loadZipTable).toHaveBeenCalledTimes(1);
  });

  it('validate with a changed mapping or options reads the file again with them', async () => {
    const { api: w } = api();
    const parsed = await w.parseFile(CSV, { limits: LIMITS });
    if (!parsed.ok) throw new Error(parsed.message);
    const { zip: _zip, ...noZip } = parsed.value.suggestedMapping;
    expect(importedStores(await w.validate(noZip, OPTS)).map((s) => s.externalId)).toEqual(['CRM-1']);
    // Decimal commas: "1,200.50" is no longer a number.
    const comma = await w.validate(parsed.value.suggestedMapping, { ...OPTS, decimalComma: true });
    expect(comma.rejected.find((r) => r.row === 2)!.reason).toBe('bad-number');
  });

  it('does not load the ZIP table for a file without a ZIP column', async () => {
    const { api: w, loadZipTable } = api();
    const noZipCsv = ['Store ID,Store Name,Latitude,Longitude,Status', 'CRM-1,Alpha Pets,38.5,-97.1,customer', 'CRM-2,Beta Vet,,,prospect'].join('\n');
    const parsed = await w.parseFile(noZipCsv, { limits: LIMITS });
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.value.suggestedMapping.zip).toBeUndefined();
    const result = await w.validate(parsed.value.suggestedMapping, OPTS);
    expect(loadZipTable).not.toHaveBeenCalled();
    expect(importedStores(result).map((s) => s.externalId)).toEqual(['CRM-1']);
  });

  it('a ZIP table that cannot be loaded rejects only the rows that need it, and is retried next time', async () => {
    const loadZipTable = vi.fn().mockRejectedValueOnce(new Error('offline')).mockRejectedValueOnce(new Error('offline')).mockResolvedValue(ZIPS);
    const w = createImportApi({ loadZipTable });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const parsed = await w.parseFile(CSV, { limits: LIMITS }); // first try: fails
    if (!parsed.ok) throw new Error(parsed.message);
    const first = await w.validate(parsed.value.suggestedMapping, OPTS); // second try: fails
    expect(importedStores(first).map((s) => s.externalId)).toEqual(['CRM-1']);
    expect(first.rejected.find((r) => r.row === 3)!.reason).toBe('zip-not-found');
    const second = await w.validate(parsed.value.suggestedMapping, OPTS); // third: loads
    expect(importedStores(second).map((s) => s.externalId)).toEqual(['CRM-1', 'CRM-2']);
    expect(loadZipTable).toHaveBeenCalledTimes(3);
    warn.mockRestore();
  });

  it('preview shows the first rows as they will be stored', async () => {
    const { api: w } = api();
    const parsed = await w.parseFile(CSV, { limits: LIMITS });
    if (!parsed.ok) throw new Error(parsed.message);
    const rows = await w.preview(parsed.value.suggestedMapping, OPTS, 3);
    expect(rows.map((r) => [r.row, r.store?.name ?? r.rejected?.reason])).toEqual([
      [2, 'Alpha Pets'],
      [3, 'Beta Vet'],
      [4, 'lat-out-of-range'],
    ]);
  });

  it('validate before parseFile, or after reset, says so', async () => {
    const { api: w } = api();
    await expect(w.validate({}, OPTS)).rejects.toThrow(/No file has been parsed/);
    await w.parseFile(CSV, { limits: LIMITS });
    w.reset();
    await expect(w.validate({ name: 1 }, OPTS)).rejects.toThrow(/No file has been parsed/);
  });

  it('refuses files over the byte or row limit, and empty files, with a message', async () => {
    const { api: w } = api();
    const big = await w.parseFile(CSV, { limits: { maxBytes: 100, maxRows: 1000 }, fileName: 'crm.csv' });
    expect(big).toMatchObject({ ok: false, reason: 'file-too-large' });
    const many = await w.parseFile(CSV, { limits: { maxBytes: 1e6, maxRows: 3 }, fileName: 'crm.csv' });
    expect(many).toEqual({
      ok: false,
      reason: 'too-many-rows',
      message: 'crm.csv has 4 rows; the import handles up to 3 stores at a time. Split the file and import the parts one after the other.',
    });
    // a refused file leaves no table behind
    await expect(w.validate({ name: 1 }, OPTS)).rejects.toThrow(/No file has been parsed/);
    expect(await w.parseFile('', { limits: LIMITS })).toMatchObject({ ok: false, reason: 'empty-file' });
    expect(await w.parseFile('name,lat,lng\r\n', { limits: LIMITS })).toMatchObject({ ok: false, reason: 'no-rows' });
  });

  it('reads a File: UTF-8 with BOM, and Windows-1252 when it is not valid UTF-8', async () => {
    const { api: w } = api();
    const utf8 = new File(['\uFEFFname;lat;lng\nCafé Chien;40,1;-75,2\n'], 'eu.csv');
    const a = await w.parseFile(utf8, { limits: LIMITS });
    expect(a).toMatchObject({ ok: true, value: { encoding: 'utf-8', delimiter: ';', header: ['name', 'lat', 'lng'], sampleRows: [['Café Chien', '40,1', '-75,2']] } });
    // "Café" in Windows-1252: é = 0xE9, invalid as UTF-8
    const bytes = new Uint8Array([...Buffer.from('name,lat,lng\nCaf'), 0xe9, ...Buffer.from(',40,-75\n')]);
    const b = await w.parseFile(new File([bytes], 'excel.csv'), { limits: LIMITS });
    expect(b).toMatchObject({ ok: true, value: { encoding: 'windows-1252', sampleRows: [['Café', '40', '-75']] } });
  });

  it('recognises GeoJSON by name or content and reports a broken one', async () => {
    const { api: w } = api();
    const fc = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [-97, 38] }, properties: { name: 'Geo Store' } }],
    });
    const res = await w.parseFile(fc, { limits: LIMITS, fileName: 'stores.txt' });
    expect(res).toMatchObject({ ok: true, value: { kind: 'geojson', rowCount: 1 } });
    if (!res.ok) return;
    expect(res.value.header).toEqual(expect.arrayContaining(['lng', 'lat', 'name']));
    const result = await w.validate(res.value.suggestedMapping, OPTS);
    expect(importedStores(result).map((s) => [s.name, s.lng, s.lat])).toEqual([['Geo Store', -97, 38]]);
    expect(await w.parseFile('{"type": "Feat', { limits: LIMITS, fileName: 'x.geojson' })).toMatchObject({ ok: false, reason: 'invalid-geojson' });
  });

  it('end to end: parse → validate → commit, then the same file again is all unchanged', async () => {
    const db = createPlannerDb(`tp-worker-e2e-${Date.now()}`, { indexedDB, IDBKeyRange });
    const ws = 'ws-e2e' as WorkspaceId;
    const { api: w } = api();
    const parsed = await w.parseFile(CSV, { limits: LIMITS });
    if (!parsed.ok) throw new Error(parsed.message);
    const result = await w.validate(parsed.value.suggestedMapping, OPTS);
    const first = (await commitImport(db, ws, result.rows, { now: 1 })).summary;
    expect(first).toMatchObject({ added: 2, updated: 0, unchanged: 0 });
    expect(first.peopleCreated.map((p) => p.name)).toEqual(['Ana Ruiz']);
    const again = (await commitImport(db, ws, (await w.validate(parsed.value.suggestedMapping, OPTS)).rows, { now: 2 })).summary;
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 2, peopleCreated: [] });
    const market = marketStores((await loadMarket(db, ws)).market);
    expect(market).toHaveLength(2);
    expect(new Set(market.map((s) => s.accountManagerId)).size).toBe(1);
    db.close();
  });

  it('warms up on a generated CSV whose every column is detected and every row valid, keeping nothing', async () => {
    const { api: w, loadZipTable } = api();
    await w.warmUp();
    expect(loadZipTable).toHaveBeenCalledTimes(1);
    const run = importDelimited(warmUpCsv(500), { mapping: 'detect', options: (d) => ({ ...defaultImportOptions(d), zipLookup: () => [-89.6, 39.8] }) });
    expect(Object.values(run.mapping).filter((c) => c !== null && c !== undefined).length).toBeGreaterThanOrEqual(17);
    expect(run.result.rows.market.length).toBe(500);
    expect(run.result.rejected).toEqual([]);
    // nothing kept: validate still needs a file
    await expect(w.validate(run.mapping, OPTS)).rejects.toThrow();
    // and a real file after the warm-up reads as without it
    const res = await w.parseFile(CSV, { limits: LIMITS, fileName: 'crm.csv' });
    expect(res.ok && res.value.rowCount).toBe(4);
    expect(loadZipTable).toHaveBeenCalledTimes(1);
  });
});

