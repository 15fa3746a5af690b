import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_PROPERTY_CHARS, readTerritoryFile, TERRITORY_FILE_REASONS } from '../../../src/domain/territoryFiles';
import { bytes, fixture, readFail, readOk } from './helpers';

const square = [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]];
const feature = (properties: unknown, coordinates: unknown = square) => ({ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates } });
const collection = (...features: unknown[]) => bytes(JSON.stringify({ type: 'FeatureCollection', features }));

/** Patches every central-directory entry of a zip to declare `size` uncompressed bytes. */
function declareSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const v = new DataView(out.buffer);
  for (let i = 0; i + 46 <= out.length; i++) {
    if (v.getUint32(i, true) === 0x02014b50) v.setUint32(i + 24, size, true);
  }
  return out;
}

describe('readTerritoryFile: hostile and broken input', () => {
  it('refuses empty and blank files', async () => {
    expect((await readFail(new Uint8Array(0), 'empty.geojson')).reason).toBe('empty-file');
    expect((await readFail(bytes('  \n\t '), 'blank.kml')).reason).toBe('empty-file');
  });

  it('refuses what is not JSON, not XML, not a zip, by what it claims to be', async () => {
    const notJson = await readFail(bytes('{ "type": "FeatureCollection", '), 'cut.geojson');
    expect(notJson.reason).toBe('invalid-json');
    expect(notJson.message).toMatch(/not valid JSON/);
    expect((await readFail(bytes('hello world'), 'x.kml')).reason).toBe('invalid-xml');
    expect((await readFail(bytes('hello world'), 'x.zip')).reason).toBe('invalid-zip');
    expect((await readFail(bytes('hello world'), 'x.kmz')).reason).toBe('invalid-zip');
    const unknown = await readFail(bytes('name,lat,lng\nA,1,2'), 'stores.csv');
    expect(unknown.reason).toBe('unknown-format');
    expect(unknown.message).toMatch(/\.geojson.*\.kml.*\.kmz.*\.zip/);
  });

  it('refuses a loose Shapefile part, saying to zip the parts together', async () => {
    const r = await readFail(new Uint8Array([0, 0, 0x27, 0x0a, 1, 2, 3]), 'regions.shp');
    expect(r.reason).toBe('shapefile-not-zipped');
    expect(r.message).toMatch(/\.zip/);
  });

  it('refuses truncated files of every format', async () => {
    const geojson = fixture('clockwise3d.geojson');
    expect((await readFail(geojson.subarray(0, geojson.length / 2), 'half.geojson')).reason).toBe('invalid-json');
    const kml = fixture('myMapsFolders.kml');
    expect((await readFail(kml.subarray(0, kml.length - 40), 'half.kml')).reason).toBe('invalid-xml');
    const kmz = zipSync({ 'doc.kml': kml });
    expect((await readFail(kmz.subarray(0, kmz.length - 30), 'half.kmz')).reason).toBe('invalid-zip');
  });

  it('refuses valid JSON that is not GeoJSON', async () => {
    for (const text of ['{"a":1}', '[1,2,3]', '{"type":"Topology","objects":{}}', '{"type":"FeatureCollection","features":{}}', '"text"', '42']) {
      expect((await readFail(bytes(text), 'x.json')).reason).toBe('not-geojson');
    }
    expect((await readFail(bytes('{"type":"Topology"}'), 'x.json')).message).toMatch(/TopoJSON/);
  });

  it('refuses a million features before touching any of them', async () => {
    const text = `{"type":"FeatureCollection","features":[${'{},'.repeat(999_999)}{}]}`;
    const started = Date.now();
    const r = await readFail(bytes(text), 'million.geojson');
    expect(r.reason).toBe('too-many-features');
    expect(r.message).toContain('1,000,000 features; at most 10,000');
    expect(Date.now() - started).toBeLessThan(10_000);
    const kml = `<kml><Document>${'<Placemark/>'.repeat(11)}</Document></kml>`;
    expect((await readFail(bytes(kml), 'k.kml', { maxFeatures: 10 })).message).toContain('11 features; at most 10');
  });

  it('refuses files above maxBytes without reading them', async () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x20);
    big[0] = 0x7b;
    const started = Date.now();
    const r = await readFail(big, 'big.geojson', { maxBytes: 10 * 1024 * 1024 });
    expect(r.reason).toBe('file-too-large');
    expect(r.message).toContain('50 MB');
    expect(Date.now() - started).toBeLessThan(100);
  });

  it('cuts a 50 MB property string to the property limit', async () => {
    const huge = 'x'.repeat(50 * 1024 * 1024);
    const text = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Big","notes":"${huge}"},"geometry":${JSON.stringify({ type: 'Polygon', coordinates: square })}}]}`;
    const c = await readOk(bytes(text), 'huge.geojson');
    const notes = c.features[0]!.properties.notes as string;
    expect(notes).toHaveLength(MAX_PROPERTY_CHARS);
    expect(notes.endsWith('…')).toBe(true);
  });

  it('refuses zip bombs by their declared size, before inflating', async () => {
    const zeros = new Uint8Array(20 * 1024 * 1024); // deflates to ~20 KB
    const bomb = zipSync({ 'a.shp': zeros, 'a.dbf': zeros });
    expect(bomb.length).toBeLessThan(200_000);
    const r = await readFail(bomb, 'bomb.zip', { maxBytes: 10 * 1024 * 1024 });
    expect(r.reason).toBe('file-too-large');
    expect(r.message).toMatch(/^Unpacked, the zip file is 40 MB/);
    const lying = declareSize(zipSync({ 'doc.kml': strToU8('<kml/>') }), 0xfffffff0); // "4 GB"
    expect((await readFail(lying, 'lying.kmz')).reason).toBe('file-too-large');
  });

  it('keeps __proto__, constructor and prototype properties as data without polluting anything', async () => {
    const text = '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"__proto__":{"polluted":true},"constructor":"c","prototype":7,"name":"A"},"geometry":' +
      JSON.stringify({ type: 'Polygon', coordinates: square }) + '}]}';
    const c = await readOk(bytes(text), 'proto.geojson');
    const bag = c.features[0]!.properties;
    expect(Object.keys(bag)).toEqual(['__proto__', 'constructor', 'prototype', 'name']);
    expect(bag['__proto__']).toBe('{"polluted":true}');
    expect(bag['constructor']).toBe('c');
    expect(bag['prototype']).toBe(7);
    expect(Object.getPrototypeOf(bag)).toBeNull();
    expect(c.fields).toEqual(['__proto__', 'constructor', 'prototype', 'name']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    // A structured clone (worker → UI) keeps the key as data too.
    const cloned = structuredClone(bag) as Record<string, unknown>;
    expect(Object.keys(cloned)).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a file without polygons, counting what it has', async () => {
    const points = [1, 2, 3].map((x) => ({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [x, x] } }));
    const lines = [1, 2].map((x) => ({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[x, 0], [x, 1]] } }));
    const r = await readFail(collection(...points, ...lines), 'stores.geojson');
    expect(r.reason).toBe('no-polygons');
    expect(r.message).toContain('no polygons: 3 points and 2 lines were found');
    const none = await readFail(collection(), 'none.geojson');
    expect(none.message).toContain('no features at all');
  });

  it('per feature: NaN-producing and out-of-range coordinates are refused, the rest imported', async () => {
    const c = await readOk(collection(feature({ name: 'Fine' }), feature({ name: 'Off the globe' }, [[[0, 0], [400, 0], [1, 1], [0, 0]]])), 'f.geojson');
    expect(c.features[0]!.geometry).not.toBeNull();
    expect(c.features[1]!.problem?.reason).toBe('out-of-range');
    expect(c.features[1]!.problem?.message).toMatch(/^Feature 2 \(“Off the globe”\)/);
  });

  it('never throws, whatever the bytes', async () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const prefixes = ['', '{', '<', 'PK\u0003\u0004', '<kml>', '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":'];
    for (let i = 0; i < 60; i++) {
      const junk = Uint8Array.from({ length: 1 + Math.floor(random() * 400) }, () => Math.floor(random() * 256));
      const data = new Uint8Array([...bytes(prefixes[i % prefixes.length]!), ...junk]);
      for (const name of ['x.geojson', 'x.kml', 'x.zip', 'x.bin']) {
        const r = await readTerritoryFile(data, name);
        if (!r.ok) expect(TERRITORY_FILE_REASONS).toContain(r.reason);
      }
    }
  });
});
