import { importedStores } from '../../../src/domain/import';
/** parseStoreGeoJson: FeatureCollections of Points → the same table a CSV gives. */
import { describe, expect, it } from 'vitest';
import { detectColumns, parseStoreGeoJson, validateRows } from '../../../src/domain/import';
import { US_OPTIONS, rejections } from './helpers';

const collection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', geometry: { type: 'Point', coordinates: [-97.7431, 30.2672, 150] }, properties: { name: 'Austin Pets', status: 'customer', revenue: 1234.5, key_account: true, address: { street: '9 Oak Ave', city: 'Austin' } } },
    { type: 'Feature', geometry: null, properties: { name: 'Unlocated with ZIP', zip: '02134', status: 'Lead' } },
    { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }, properties: { name: 'A polygon' } },
    { type: 'Feature', geometry: { type: 'MultiPoint', coordinates: [[-75, 40]] }, properties: { name: 'One-point MultiPoint', tags: ['a', 'b'] } },
    'not a feature',
    { type: 'Feature', geometry: { type: 'Point', coordinates: ['x', 40] }, properties: { name: 'Text coordinate' } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [-75, 40] }, properties: null },
  ],
};

describe('parseStoreGeoJson', () => {
  it('turns features into rows: lng/lat first, then flattened properties in first-seen order', () => {
    const res = parseStoreGeoJson(JSON.stringify(collection));
    if (!res.ok) throw new Error(res.message);
    const t = res.value;
    expect(t.header).toEqual(['lng', 'lat', 'name', 'status', 'revenue', 'key_account', 'address.street', 'address.city', 'zip', 'tags']);
    expect(t.rows[0]).toEqual(['-97.7431', '30.2672', 'Austin Pets', 'customer', '1234.5', 'true', '9 Oak Ave', 'Austin', '', '']);
    expect(t.rows[3]).toEqual(['-75', '40', 'One-point MultiPoint', '', '', '', '', '', '', '["a","b"]']);
    expect(t.rowNumbers).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect([...t.invalidRows.entries()].map(([i, p]) => [i, p.reason])).toEqual([
      [2, 'unsupported-geometry'],
      [4, 'invalid-feature'],
    ]);
  });

  it('validates like a CSV: features numbered from 1, unlocated features placed by ZIP', () => {
    const res = parseStoreGeoJson(JSON.stringify(collection));
    if (!res.ok) throw new Error(res.message);
    const mapping = detectColumns(res.value.header);
    expect(mapping).toEqual({ lng: 0, lat: 1, name: 2, status: 3, revenue: 4, keyAccount: 5, zip: 8 });
    const result = validateRows(res.value, mapping, US_OPTIONS);
    expect(rejections(result)).toEqual([
      [3, 'unsupported-geometry'],
      [5, 'invalid-feature'],
      [6, 'non-numeric-coordinate'],
      [7, 'missing-name'], // a Point without properties has no name
    ]);
    expect(importedStores(result).map((s) => [s.sourceRow, s.name, s.lng, s.lat, s.geocodePrecision, s.status])).toEqual([
      [1, 'Austin Pets', -97.7431, 30.2672, 'exact', 'customer'],
      [2, 'Unlocated with ZIP', -71.1296, 42.3588, 'zip-centroid', 'prospect'],
      [4, 'One-point MultiPoint', -75, 40, 'exact', 'prospect'],
    ]);
    expect(importedStores(result)[0]).toMatchObject({ revenue: 1234.5, keyAccount: true });
    expect(result.summary).toMatchObject({ total: 7, valid: 3, rejected: 4, geocodedFromZip: 1 });
    expect(result.rejected[0]!.message).toBe('The geometry is a Polygon; only Point features become stores.');
  });

  it('a single Feature is a collection of one; BOM tolerated', () => {
    const res = parseStoreGeoJson('\uFEFF' + JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [1, 2] }, properties: { name: 'One' } }));
    expect(res.ok && res.value.rows).toEqual([['1', '2', 'One']]);
  });

  it('__proto__ / constructor properties are ordinary columns and pollute nothing', () => {
    const text = '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[-75,40]},"properties":{"__proto__":{"polluted":true},"constructor":"x","name":"Proto"}}]}';
    const res = parseStoreGeoJson(text);
    if (!res.ok) throw new Error(res.message);
    expect(res.value.header).toEqual(['lng', 'lat', '__proto__.polluted', 'constructor', 'name']);
    expect(res.value.rows).toEqual([['-75', '40', 'true', 'x', 'Proto']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const result = validateRows(res.value, detectColumns(res.value.header), US_OPTIONS);
    expect(importedStores(result).map((s) => s.name)).toEqual(['Proto']);
  });

  it.each([
    ['{not json', 'invalid-json'],
    ['[]', 'not-a-feature-collection'],
    ['{"type":"Point","coordinates":[1,2]}', 'not-a-feature-collection'],
    ['{"type":"FeatureCollection"}', 'not-a-feature-collection'],
    ['{"type":"FeatureCollection","features":[]}', 'no-features'],
  ])('%s → %s', (text, reason) => {
    const res = parseStoreGeoJson(text);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.reason).toBe(reason);
  });
});
