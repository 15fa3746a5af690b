import { area } from '@turf/turf';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { findOverlaps } from '../../../src/domain/territoryFiles';
import { byProperty, bytes, expectUsable, fixture, inside, readFail, readOk } from './helpers';

const box = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon' as const,
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});

describe('readTerritoryFile: KML', () => {
  it('reads a My Maps export: folders, a hole, a MultiGeometry with a Point, points and lines skipped', async () => {
    const c = await readOk(fixture('myMapsFolders.kml'), 'regions.kml');
    expect(c.format).toBe('kml');
    expect(c.crs).toEqual({ kind: 'lonlat' });
    // Document order: North polygon (1), Office point (2), Twin Lakes (3), Route 66 line (4), Lake shore (5).
    expect(c.features.map((f) => f.index)).toEqual([1, 3, 5]);
    expect(c.skipped).toEqual({ points: 1, lines: 1, empty: 0 });
    expect(c.suggestedNameField).toBe('name');
    expect(c.fields).toEqual(['name', 'description', 'folder']);

    const north = byProperty(c, 'name', "O'Hare & Rosemont");
    expect(north.properties.folder).toBe('North');
    expectUsable(north.geometry);
    expect(north.geometry.type).toBe('Polygon');
    expect(north.geometry.coordinates).toHaveLength(2); // outer + hole
    expect(inside(north.geometry, -87.9, 42.1)).toBe(true);
    expect(inside(north.geometry, -87.5, 42.5)).toBe(false); // in the hole
    // The CDATA HTML is kept as text, never interpreted.
    expect(north.properties.description).toBe("<b>Rep:</b> Ann <script>alert('x')</script>");
    expect(north.note).toBeUndefined(); // altitude 0 is not worth a note

    const twin = byProperty(c, 'name', 'Twin Lakes');
    expect(twin.properties.folder).toBe('South / Metro');
    expectUsable(twin.geometry);
    expect(twin.geometry.type).toBe('MultiPolygon');
    expect(twin.geometry.coordinates).toHaveLength(2);
    expect(twin.note).toMatch(/1 point\(s\) beside the polygons dropped/);
    expect(byProperty(c, 'name', 'Lake shore (drawn over North)').properties.folder).toBeUndefined();
  });

  it('finds the hand-drawn overlap, with its area computed independently', async () => {
    const c = await readOk(fixture('myMapsFolders.kml'), 'regions.kml');
    const overlaps = findOverlaps(c.features.map((f) => ({ index: f.index, geometry: f.geometry! })));
    expect(overlaps.map(({ a, b }) => [a, b])).toEqual([[1, 5]]);
    // Lake shore ∩ North = [-87.5,-87]×[42.5,43] minus North's hole part [-87.5,-87.25]×[42.5,42.75].
    const expected = (area(box(-87.5, 42.5, -87, 43)) - area(box(-87.5, 42.5, -87.25, 42.75))) / 1e6;
    expect(overlaps[0]!.areaKm2).toBeCloseTo(expected, 6);
  });

  it('takes names from ExtendedData (SchemaData typed by its Schema, and Data/value)', async () => {
    const c = await readOk(fixture('extendedDataNames.kml'), 'names.kml');
    expect(c.suggestedNameField).toBe('TERR_NAME');
    expect(c.features.map((f) => f.properties.TERR_NAME)).toEqual(['Lakeshore', 'Prairie', 'Riverside']);
    expect(c.features[0]!.properties.REPS).toBe(3);
    expect(c.features[0]!.properties.ACTIVE).toBe(true);
    expect(c.features[1]!.properties.ACTIVE).toBe(false);
    for (const f of c.features) expectUsable(f.geometry);
  });

  it('keeps __proto__ and constructor Data names as plain data', async () => {
    const c = await readOk(fixture('extendedDataNames.kml'), 'names.kml');
    const bag = c.features[2]!.properties;
    expect(Object.getPrototypeOf(bag)).toBeNull();
    expect(Object.keys(bag)).toEqual(['TERR_NAME', '__proto__', 'constructor']);
    expect(bag['__proto__']).toBe('not a prototype');
    expect(bag['constructor']).toBe('just text');
    expect(c.fields).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads KML 2.0 in the old earth.google.com namespace, with spaces after commas', async () => {
    const c = await readOk(fixture('earthGoogleKml20.kml'), 'old.kml');
    expect(c.features).toHaveLength(1);
    const f = c.features[0]!;
    expect(f.properties.name).toBe('Old style');
    expectUsable(f.geometry);
    expect(f.geometry.coordinates).toEqual([[[-100, 35], [-99, 35], [-99, 36], [-100, 36], [-100, 35]]]);
  });

  it('reads KML 2.1 and prefixed (kml:) element names', async () => {
    const v21 = `<kml xmlns="http://earth.google.com/kml/2.1"><Document><Placemark><name>A</name><Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1,0 1,1 0,0</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>`;
    expect((await readOk(bytes(v21), 'a.kml')).features).toHaveLength(1);
    const prefixed = `<kml:kml xmlns:kml="http://www.opengis.net/kml/2.2"><kml:Document><kml:Placemark><kml:name>B</kml:name><kml:Polygon><kml:outerBoundaryIs><kml:LinearRing><kml:coordinates>0,0 1,0 1,1 0,0</kml:coordinates></kml:LinearRing></kml:outerBoundaryIs></kml:Polygon></kml:Placemark></kml:Document></kml:kml>`;
    const c = await readOk(bytes(prefixed), 'b.kml');
    expect(c.features[0]!.properties.name).toBe('B');
    expectUsable(c.features[0]!.geometry);
  });

  it('reports a real altitude as a note, and a broken coordinate with the feature named', async () => {
    const kml = `<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
      <Placemark><name>High</name><Polygon><outerBoundaryIs><LinearRing><coordinates>0,0,250 1,0,250 1,1,250 0,0,250</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
      <Placemark><name>Broken</name><Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 abc,1 1,1 0,0</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
    </Document></kml>`;
    const c = await readOk(bytes(kml), 'z.kml');
    expect(c.features[0]!.note).toBe('3D coordinates dropped');
    const broken = c.features[1]!;
    expect(broken.geometry).toBeNull();
    expect(broken.problem?.reason).toBe('non-finite-coordinate');
    expect(broken.problem?.message).toMatch(/^Feature 2 \(“Broken”\): Point 2 of the outline/);
  });

  it('honours the encoding in the XML declaration', async () => {
    const text = `<?xml version="1.0" encoding="ISO-8859-1"?><kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>Zürich</name><Polygon><outerBoundaryIs><LinearRing><coordinates>8,47 9,47 9,48 8,47</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></kml>`;
    const latin1 = Uint8Array.from([...text].map((ch) => ch.charCodeAt(0)));
    expect(latin1.includes(0xfc)).toBe(true); // ü as one byte
    const c = await readOk(latin1, 'latin.kml');
    expect(c.features[0]!.properties.name).toBe('Zürich');
  });

  it('reads a KMZ (zip with doc.kml and an image), even when the name says .zip', async () => {
    const kmz = zipSync({ 'doc.kml': fixture('earthGoogleKml20.kml'), 'files/logo.png': strToU8('PNG') });
    const c = await readOk(kmz, 'old.kmz');
    expect(c.format).toBe('kmz');
    expect(c.features[0]!.properties.name).toBe('Old style');
    expect((await readOk(kmz, 'renamed.zip')).format).toBe('kmz');
  });

  it('refuses XML that is not well formed, and XML that is not KML', async () => {
    const cut = new TextDecoder().decode(fixture('myMapsFolders.kml')).slice(0, 900);
    expect((await readFail(bytes(cut), 'cut.kml')).reason).toBe('invalid-xml');
    const mismatched = await readFail(bytes('<kml><Document></kml>'), 'bad.kml');
    expect(mismatched.reason).toBe('invalid-xml');
    expect(mismatched.message).toMatch(/not well-formed XML/);
    const gpx = await readFail(bytes('<gpx version="1.1"><trk/></gpx>'), 'track.kml');
    expect(gpx.reason).toBe('not-kml');
    expect(gpx.message).toContain('<gpx>');
  });

  it('does not expand entities declared in a DTD (billion laughs)', async () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
      <kml><Placemark><name>&c;</name><Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1,0 1,1 0,0</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></kml>`;
    const r = await readOk(bytes(lol), 'lol.kml');
    expect(String(r.features[0]!.properties.name).length).toBeLessThan(20);
  });
});
