/**
 * The sample market's ZIPs are real (issue 16): each store carries a ZIP of the shipped
 * centroid table, of its own state, near the store. The truth is computed by brute force
 * (tests/data/zipTruth.ts), not with the generator's index.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAMPLE_MARKET_PATH } from '../../data/generate';
import type { SampleMarketFile } from '../../data/marketGenerator';
import { TIE_KM, ZIP_CENTRES, greatCircleKm, nearestZipKm, zipProblem } from './zipTruth';

const stores = (JSON.parse(readFileSync(SAMPLE_MARKET_PATH, 'utf8')) as SampleMarketFile).stores;
const distanceKm = (s: (typeof stores)[number]): number => {
  const [x, y] = ZIP_CENTRES.get(s.zip)!;
  return greatCircleKm(s.lng, s.lat, x, y);
};

describe('sample market ZIPs', () => {
  it('every store ZIP is in the ZIP table, of the store’s state, and within 30 km of the store or the nearest of its state', () => {
    const problems = stores.map((s) => zipProblem(s)).map((p, i) => p && `${stores[i]!.id} ${stores[i]!.city}, ${stores[i]!.state}: ${p}`).filter(Boolean);
    expect(problems).toEqual([]);
  });

  it('every store carries the nearest ZIP of its state', () => {
    const notNearest = stores.filter((s) => distanceKm(s) > nearestZipKm(s.state, s.lng, s.lat) + TIE_KM).map((s) => `${s.id} ${s.zip}`);
    expect(notNearest).toEqual([]);
  });

  it('puts ZIP centres a couple of km from their stores, and uses thousands of ZIPs', () => {
    const km = stores.map(distanceKm).sort((a, b) => a - b);
    expect(km[Math.floor(km.length / 2)]!).toBeLessThan(5);
    expect(km.filter((d) => d <= 30).length / km.length).toBeGreaterThan(0.99);
    expect(new Set(stores.map((s) => s.zip)).size).toBeGreaterThan(3000);
  });
});
