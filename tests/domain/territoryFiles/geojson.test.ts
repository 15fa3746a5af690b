import { area } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { byProperty, bytes, expectUsable, fixture, inside, readFail, readOk } from './helpers';

const polygonFeature = (coordinates: unknown, properties: unknown = {}) => ({ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates } });
const json = (value: unknown): Uint8Array => bytes(JSON.stringify(value));

describe('readTerritoryFile: GeoJSON', () => {
  it('reads a GDAL-style collection: CRS84 crs member, clockwise rings, 3D coordinates, nested properties', async () => {
    const c = await readOk(fixture('clockwise3d.geojson'), 'districts.geojson');
    expect(c.format).toBe('geojson');
    expect(c.crs).toEqual({ kind: 'lonlat' });
    expect(c.features.map((f) => f.index)).toEqual([1, 2]);
    expect(c.skipped).toEqual({ points: 1, lines: 1, empty: 1 });
    expect(c.fields).toEqual(['DISTRICT', 'CODE', 'meta']);
    expect(c.suggestedNameField).toBe('DISTRICT');

    const north = byProperty(c, 'DISTRICT', 'North');
    expectUsable(north.geometry); // also asserts outer CCW, hole CW (the file had them the other way)
    expect(north.note).toBe('3D coordinates dropped');
    expect(north.properties.CODE).toBe(1);
    expect(north.properties.meta).toBe('{"rep":"Ann"}'); // nested → JSON text, never an object
    expect(inside(north.geometry, -89.9, 39.1)).toBe(true);
    expect(inside(north.geometry, -89.5, 39.5)).toBe(false); // the hole
    // Same area as the hand-computed square minus hole (geodesic areas of plain boxes).
    const outer = { type: 'Polygon' as const, coordinates: [[[-90, 39], [-89, 39], [-89, 40], [-90, 40], [-90, 39]]] };
    const hole = { type: 'Polygon' as const, coordinates: [[[-89.75, 39.25], [-89.25, 39.25], [-89.25, 39.75], [-89.75, 39.75], [-89.75, 39.25]]] };
    expect(area(north.geometry)).toBeCloseTo(area(outer) - area(hole), 3);

    const south = byProperty(c, 'DISTRICT', 'South');
    expectUsable(south.geometry);
    expect(south.geometry.type).toBe('MultiPolygon');
    expect(south.properties.meta).toBeNull();
    // The second part's ring was not closed in the file: it is closed now.
    const part2 = (south.geometry.coordinates as number[][][][])[1]![0]!;
    expect(part2[0]).toEqual(part2[part2.length - 1]);
    expect(south.note).toBeUndefined();
  });

  it('accepts a single Feature and bare Polygon / MultiPolygon / GeometryCollection geometries', async () => {
    const square = [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]];
    expect((await readOk(json(polygonFeature(square, { name: 'One' })), 'one.json')).features[0]!.properties.name).toBe('One');
    expect((await readOk(json({ type: 'Polygon', coordinates: square }), 'p.geojson')).features).toHaveLength(1);
    expect((await readOk(json({ type: 'MultiPolygon', coordinates: [square] }), 'mp.geojson')).features).toHaveLength(1);
    const gc = await readOk(
      json({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [5, 5] }, { type: 'Polygon', coordinates: square }] }),
      'gc.geojson',
    );
    expect(gc.features).toHaveLength(1);
    expect(gc.features[0]!.note).toMatch(/1 point\(s\)\/line\(s\) beside the polygons dropped/);
  });

  it('ignores lon/lat crs members (CRS84, EPSG:4326, EPSG:4269) and refuses a projected one by name', async () => {
    const square = [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]];
    for (const name of ['urn:ogc:def:crs:OGC:1.3:CRS84', 'urn:ogc:def:crs:EPSG::4326', 'EPSG:4269', 'urn:ogc:def:crs:EPSG::4269']) {
      const fc = { type: 'FeatureCollection', crs: { type: 'name', properties: { name } }, features: [polygonFeature(square)] };
      expect((await readOk(json(fc), 'x.geojson')).features).toHaveLength(1);
    }
    const projected = { type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2249' } }, features: [polygonFeature(square)] };
    const r = await readFail(json(projected), 'ma.geojson');
    expect(r.reason).toBe('unsupported-crs');
    expect(r.message).toContain('urn:ogc:def:crs:EPSG::2249');
  });

  it('refuses a file whose coordinates are all projected metres, in one message', async () => {
    const metres = [[[236000, 900000], [237000, 900000], [237000, 901000], [236000, 900000]]];
    const r = await readFail(json({ type: 'FeatureCollection', features: [polygonFeature(metres), polygonFeature(metres)] }), 'm.geojson');
    expect(r.reason).toBe('not-lonlat');
    expect(r.message).toMatch(/None of the 2 shapes/);
  });

  it('refuses per feature: NaN-like / missing coordinates, out-of-range latitude, unknown types, non-features', async () => {
    const ok = [[[0, 0], [1, 0], [1, 1], [0, 0]]];
    const fc = {
      type: 'FeatureCollection',
      features: [
        polygonFeature(ok, { name: 'Good' }),
        polygonFeature([[[0, 0], [null, 0], [1, 1], [0, 0]]], { name: 'Null coordinate' }),
        polygonFeature([[[0, 0], [1, 0], [1, 95], [0, 0]]], { name: 'Too far north' }),
        { type: 'Feature', properties: { name: 'Circle' }, geometry: { type: 'Circle', coordinates: [0, 0] } },
        'not a feature',
      ],
    };
    const c = await readOk(json(fc), 'mixed.geojson');
    expect(c.features.map((f) => [f.index, f.problem?.reason ?? 'ok'])).toEqual([
      [1, 'ok'],
      [2, 'non-finite-coordinate'],
      [3, 'out-of-range'],
      [4, 'not-a-polygon'],
      [5, 'not-a-polygon'],
    ]);
    expect(c.features[1]!.problem!.message).toMatch(/^Feature 2 \(“Null coordinate”\): Point 2 of the outline has a coordinate that is not a number/);
    expect(c.features[2]!.problem!.message).toMatch(/^Feature 3 \(“Too far north”\): .*latitude 95/);
    expect(c.features[3]!.problem!.message).toContain('Circle');
    expect(c.features[4]!.problem!.message).toMatch(/^Feature 5: Item 5/);
  });

  it('decodes a UTF-8 BOM and UTF-16 files', async () => {
    const fc = JSON.stringify({ type: 'FeatureCollection', features: [polygonFeature([[[0, 0], [1, 0], [1, 1], [0, 0]]], { name: 'Café' })] });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(fc)]);
    expect((await readOk(bom, 'bom.geojson')).features[0]!.properties.name).toBe('Café');
    const utf16 = new Uint8Array(2 + fc.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < fc.length; i++) utf16[2 + 2 * i] = fc.charCodeAt(i) & 0xff;
    // 'é' is U+00E9: its low byte is enough for this string
    expect((await readOk(utf16, 'utf16.json')).features[0]!.properties.name).toBe('Café');
  });
});
