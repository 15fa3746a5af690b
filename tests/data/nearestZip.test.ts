import { describe, expect, it } from 'vitest';
import { createNearestZip, stateOfZip } from '../../data/nearestZip';
import { zipTableOf as table } from '../fixtures/zipTable';
import { loadZipTable } from '../../data/generate';
import { createRng } from '../../data/marketGenerator';
import { greatCircleKm } from './zipTruth';

describe('stateOfZip', () => {
  it('reads the USPS state from the prefix, with the runs’ exceptions', () => {
    expect(stateOfZip(2108)).toBe('MA'); // 02108 Boston
    expect(stateOfZip(20001)).toBe('DC');
    expect(stateOfZip(20147)).toBe('VA'); // 201: Dulles, Virginia, inside the 200–205 run of DC
    expect(stateOfZip(73301)).toBe('TX'); // 733: Austin, inside Oklahoma's 730–749
    expect(stateOfZip(88510)).toBe('TX'); // 885: El Paso
    expect(stateOfZip(501)).toBe('NY'); // 00501 Holtsville
    expect(stateOfZip(601)).toBeNull(); // Puerto Rico: no state
    expect(stateOfZip(96910)).toBeNull(); // Guam
  });
});

describe('createNearestZip', () => {
  it('answers the nearest ZIP of the state, never one of a neighbouring state', () => {
    // Two Kansas City ZIPs: 64105 (MO) and 66101 (KS), and a point on the Kansas side nearer 64105.
    const nearest = createNearestZip(table([[64105, -94.59, 39.1], [66101, -94.63, 39.12], [66061, -94.82, 38.88]]));
    expect(nearest('MO', -94.6, 39.11)).toBe('64105');
    expect(nearest('KS', -94.6, 39.1)).toBe('66101');
    expect(nearest('KS', -94.8, 38.9)).toBe('66061');
    expect(nearest('TX', -94.6, 39.1)).toBeNull(); // no ZIP of the state
    expect(nearest('KS', Number.NaN, 39.1)).toBeNull();
  });

  it('keeps leading zeros and breaks ties by the lower ZIP', () => {
    const nearest = createNearestZip(table([[2109, -71.05, 42.36], [2108, -71.07, 42.36]]));
    expect(nearest('MA', -71.06, 42.36)).toBe('02108');
    expect(nearest('MA', -71.051, 42.36)).toBe('02109');
  });

  it('measures on the globe: across the 180th meridian, and east–west shrinking with latitude', () => {
    // Aleutians: a store at 179.9° E is 15 km from the ZIP at 179.9° W, 600 km from the one at 172.5° E.
    const aleutians = createNearestZip(table([[99546, -179.9, 51.85], [99638, 172.5, 52.9]]));
    expect(aleutians('AK', 179.9, 51.85)).toBe('99546');
    // At 64° N a degree of longitude is 49 km: 0.9° east is 44 km, nearer than 0.5° north (56 km).
    const north = createNearestZip(table([[99701, -147.0, 64.5], [99709, -147.9, 64.0]]));
    expect(north('AK', -147.0, 64.0)).toBe('99709');
  });

  it('agrees with a brute-force search over the whole shipped table', () => {
    const zips = loadZipTable();
    const nearest = createNearestZip(zips);
    const rng = createRng(16);
    const states = ['CA', 'TX', 'NY', 'MA', 'VA', 'DC', 'AK', 'HI', 'WY'];
    const centre = (k: number): [number, number] => [zips.lng[k]! / zips.scale, zips.lat[k]! / zips.scale];
    const ownOf = new Map(states.map((st) => [st, zips.zip.map((_, k) => k).filter((k) => stateOfZip(zips.zip[k]!) === st)]));
    let checked = 0;
    for (let i = 0; i < 3_000; i++) {
      const state = states[i % states.length]!;
      const own = ownOf.get(state)!;
      // A point within ~1° of a random ZIP of the state.
      const [x, y] = centre(own[rng.int(own.length)]!);
      const lng = x + (rng.next() - 0.5) * 2;
      const lat = y + (rng.next() - 0.5) * 2;
      let best = Infinity;
      for (const k of own) best = Math.min(best, greatCircleKm(lng, lat, ...centre(k)));
      const got = zips.zip.indexOf(Number(nearest(state, lng, lat)));
      expect(greatCircleKm(lng, lat, ...centre(got))).toBeLessThanOrEqual(best + 1e-6);
      checked++;
    }
    expect(checked).toBe(3_000);
  });
});
