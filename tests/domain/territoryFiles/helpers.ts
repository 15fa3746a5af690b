/** Shared helpers of the territory-file tests (not a test file: vitest only runs *.test.ts). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import { expect } from 'vitest';
import { validateTerritoryGeometry } from '../../../src/domain/geometry';
import { ringSignedArea } from '../../../src/domain/geometry';
import { readTerritoryFile, type ReadTerritoryFileOptions, type TerritoryFileContents } from '../../../src/domain/territoryFiles';
import type { TerritoryGeometry } from '../../../src/domain/types';

export const FIXTURES = join(__dirname, '../../fixtures/territoryFiles');

export const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Reads and expects success; returns the contents. */
export async function readOk(data: Uint8Array, name: string, opts?: ReadTerritoryFileOptions): Promise<TerritoryFileContents> {
  const r = await readTerritoryFile(data, name, opts);
  if (!r.ok) throw new Error(`expected ${name} to read, got ${r.reason}: ${r.message}`);
  return r.value;
}

/** Reads and expects a refusal; returns reason and message. */
export async function readFail(data: Uint8Array, name: string, opts?: ReadTerritoryFileOptions): Promise<{ reason: string; message: string }> {
  const r = await readTerritoryFile(data, name, opts);
  if (r.ok) throw new Error(`expected ${name} to be refused, got ${r.value.features.length} features`);
  return r;
}

/** The geometry passes the app's validator unchanged and has RFC 7946 winding. */
export function expectUsable(g: TerritoryGeometry | null): asserts g is TerritoryGeometry {
  expect(g).not.toBeNull();
  const checked = validateTerritoryGeometry(g);
  expect(checked.ok ? 'valid' : checked.message).toBe('valid');
  for (const polygon of g!.type === 'Polygon' ? [g!.coordinates] : g!.coordinates) {
    polygon.forEach((ring, r) => {
      expect(ringSignedArea(ring) > 0).toBe(r === 0); // outer CCW, holes CW
      for (const p of ring) {
        expect(p).toHaveLength(2);
        expect(Math.abs(p[0]!)).toBeLessThanOrEqual(180);
        expect(Math.abs(p[1]!)).toBeLessThanOrEqual(90);
      }
    });
  }
}

export const inside = (g: TerritoryGeometry, lng: number, lat: number): boolean =>
  booleanPointInPolygon([lng, lat], g, { ignoreBoundary: true });

/** Feature whose `key` property equals `value`. */
export function byProperty(contents: TerritoryFileContents, key: string, value: unknown) {
  const f = contents.features.find((x) => x.properties[key] === value);
  if (!f) throw new Error(`no feature with ${key} = ${String(value)}`);
  return f;
}
