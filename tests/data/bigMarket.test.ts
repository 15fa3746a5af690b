import { importedStores } from '../../src/domain/import';
/**
 * The large CSV market (`npm run generate:market -- --stores N`, data/bigMarket.ts): a small
 * file goes through the app's own import path (the import worker's api, as the wizard
 * calls it: parse, the detected mapping, the proposed options, validate) and every row
 * is a store; the file is the same for the same seed and spread like the sample market.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zipTable from '../../data/zip-centroids.json';
import { BIG_MARKET_HEADER, bigMarketChunks, memoiseLandCheck, writeBigMarket } from '../../data/bigMarket';
import { makeStateLocator } from '../../data/demoPlan';
import { loadStatesTopology, loadUsPlaces, loadZipTable } from '../../data/generate';
import type { MarketOptions, Place } from '../../data/marketGenerator';
import { createNearestZip, type NearestZip } from '../../data/nearestZip';
import { TIE_KM, ZIP_CENTRES, greatCircleKm, nearestZipKm, zipProblem } from './zipTruth';
import { STORE_FIELDS, defaultImportOptions } from '../../src/domain/import';
import { IMPORT_LIMITS } from '../../src/workers/importClient';
import { createImportApi } from '../../src/workers/import.worker';

const ROWS = 1_000;

let places: Place[];
let isInState: NonNullable<MarketOptions['isInState']>;
let nearestZip: NearestZip;
let dir: string;
let path: string;
let text: string;

beforeAll(() => {
  places = loadUsPlaces();
  isInState = memoiseLandCheck(makeStateLocator(loadStatesTopology()));
  nearestZip = createNearestZip(loadZipTable());
  dir = mkdtempSync(join(tmpdir(), 'tp-big-market-'));
  path = join(dir, 'big-market.csv');
  const written = writeBigMarket(path, places, { stores: ROWS, isInState, nearestZip });
  text = readFileSync(path, 'utf8');
  expect(written).toEqual({ rows: ROWS, bytes: Buffer.byteLength(text) });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('large CSV market', () => {
  it('imports through the app’s import path with every column detected and no row rejected', async () => {
    const api = createImportApi({ loadZipTable: async () => zipTable });
    const parsed = await api.parseFile(text, { limits: IMPORT_LIMITS, fileName: 'big-market.csv' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toMatchObject({ kind: 'delimited', rowCount: ROWS, delimiter: ',', errorCount: 0, encoding: 'utf-8' });
    const mapping = parsed.value.suggestedMapping;
    // Every store field but geocodePrecision is in the file and found by its header.
    expect(Object.keys(mapping).sort()).toEqual(STORE_FIELDS.filter((f) => f !== 'geocodePrecision').sort());
    expect(BIG_MARKET_HEADER).toHaveLength(Object.keys(mapping).length);

    const result = await api.validate(mapping, { ...defaultImportOptions(parsed.value.delimiter) });
    expect(result.summary.rejected).toBe(0);
    expect(result.rejected).toEqual([]);
    expect(result.summary.valid).toBe(ROWS);
    expect(result.summary.unknownChannels).toEqual([]);
    expect(result.summary.defaultedStatus).toBe(0);
    expect(new Set(importedStores(result).map((s) => s.externalId)).size).toBe(ROWS);
  });

  it('looks like the sample market: all statuses and channels, many states, managers on some accounts', async () => {
    const api = createImportApi({ loadZipTable: async () => zipTable });
    const parsed = await api.parseFile(text, { limits: IMPORT_LIMITS, fileName: 'big-market.csv' });
    if (!parsed.ok) throw new Error(parsed.message);
    const stores = importedStores(await api.validate(parsed.value.suggestedMapping, defaultImportOptions(',')));
    const count = <K extends string>(key: (s: (typeof stores)[number]) => K) => {
      const m = new Map<K, number>();
      for (const s of stores) m.set(key(s), (m.get(key(s)) ?? 0) + 1);
      return m;
    };
    const statuses = count((s) => s.status);
    expect([...statuses.keys()].sort()).toEqual(['customer', 'lost', 'prospect']);
    expect(statuses.get('lost')! / ROWS).toBeLessThan(0.2);
    expect(count((s) => s.channel).size).toBe(5);
    expect(count((s) => s.state).size).toBeGreaterThan(30);
    // Population-weighted: California and Texas hold more stores than Wyoming and Vermont together.
    const states = count((s) => s.state);
    expect((states.get('CA') ?? 0) + (states.get('TX') ?? 0)).toBeGreaterThan(5 * ((states.get('WY') ?? 0) + (states.get('VT') ?? 0)));
    const managed = stores.filter((s) => s.accountManagerName !== null).length;
    expect(managed / ROWS).toBeGreaterThan(0.1);
    expect(managed / ROWS).toBeLessThan(0.5);
    expect(stores.every((s) => s.potential > 0 && (s.status !== 'prospect' || s.revenue === 0))).toBe(true);
    // Real ZIPs, by the sample market's rule: the nearest ZIP of the store's state.
    expect(stores.map((s) => zipProblem(s)).filter(Boolean)).toEqual([]);
    expect(stores.filter((s) => greatCircleKm(s.lng, s.lat, ...ZIP_CENTRES.get(s.zip)!) > nearestZipKm(s.state, s.lng, s.lat) + TIE_KM)).toEqual([]);
  });

  it('is deterministic, and the file of N rows is the start of any longer one', () => {
    const again = [...bigMarketChunks(places, { stores: ROWS, isInState, nearestZip })].join('');
    expect(again).toBe(text);
    const shorter = [...bigMarketChunks(places, { stores: 300, isInState, nearestZip })].join('');
    expect(text.startsWith(shorter)).toBe(true);
    const otherSeed = [...bigMarketChunks(places, { stores: 300, isInState, nearestZip, seed: 7 })].join('');
    expect(otherSeed).not.toBe(shorter);
    expect(text.split('\n')).toHaveLength(ROWS + 2); // header, rows, trailing newline
  });
});
