import { describe, expect, it } from 'vitest';
import type { TerritoryGeometry } from '../../../src/domain/types';
import { byProperty, expectUsable, inside, readFail, readOk } from './helpers';
import { squareCcw, squareCw, writeDbf, writeShp, zip, type ShpShape } from './shapefileWriter';

const WGS84 = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]';
const NAD83 = 'GEOGCS["GCS_North_American_1983",DATUM["D_North_American_1983",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const UTM33N = 'PROJCS["WGS_1984_UTM_Zone_33N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",15.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
const maLcc = (unit: string, toMetre: number, fe: number, fn: number): string =>
  `PROJCS["NAD_1983_StatePlane_Massachusetts_Mainland_FIPS_2001${unit === 'Meter' ? '' : '_Feet'}",GEOGCS["GCS_North_American_1983",DATUM["D_North_American_1983",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",${fe}],PARAMETER["False_Northing",${fn}],PARAMETER["Central_Meridian",-71.5],PARAMETER["Standard_Parallel_1",41.71666666666667],PARAMETER["Standard_Parallel_2",42.68333333333333],PARAMETER["Latitude_Of_Origin",41.0],UNIT["${unit}",${toMetre}]]`;

const NAME = [{ name: 'NAME', type: 'C' as const, length: 30 }];
const poly = (...parts: number[][][]): ShpShape => ({ type: 'polygon', parts });

/** The members of one layer called `base`, with the given .prj (or none). */
function layer(base: string, shapes: ShpShape[], names: (string | null)[], prj?: string, ext = ['shp', 'shx', 'dbf', 'prj']) {
  const { shp, shx } = writeShp(shapes);
  const out: Record<string, Uint8Array | string> = { [`${base}.${ext[0]}`]: shp, [`${base}.${ext[1]}`]: shx, [`${base}.${ext[2]}`]: writeDbf(NAME, names.map((n) => [n])) };
  if (prj !== undefined) out[`${base}.${ext[3]}`] = prj;
  return out;
}

/** WGS 84 meridian arc length (m) from the equator to `latDeg` (Snyder 1987, eq. 3-21). */
function meridianArc(latDeg: number): number {
  const a = 6378137;
  const f = 1 / 298.257223563;
  const e2 = f * (2 - f);
  const e4 = e2 * e2;
  const e6 = e4 * e2;
  const p = (latDeg * Math.PI) / 180;
  return a * ((1 - e2 / 4 - (3 * e4) / 64 - (5 * e6) / 256) * p - ((3 * e2) / 8 + (3 * e4) / 32 + (45 * e6) / 1024) * Math.sin(2 * p) + ((15 * e4) / 256 + (45 * e6) / 1024) * Math.sin(4 * p) - ((35 * e6) / 3072) * Math.sin(6 * p));
}

/** Some vertex of the (accepted) geometry lies within `tol` degrees of [x, y]. */
function hasVertexNear(g: TerritoryGeometry | null, x: number, y: number, tol: number): boolean {
  if (!g) return false;
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polygons.some((p) => p.some((ring) => ring.some((v) => Math.abs(v[0]! - x) <= tol && Math.abs(v[1]! - y) <= tol)));
}

describe('readTerritoryFile: zipped Shapefile', () => {
  it('reads a WGS84 layer with upper-case extensions, a hole, and extra members ignored', async () => {
    const members = {
      ...layer('REGIONS', [poly(squareCw(0, 0, 10), squareCcw(4, 4, 2)), poly(squareCw(10, 0, 10))], ['West', 'East'], WGS84, ['SHP', 'SHX', 'DBF', 'PRJ']),
      'REGIONS.sbn': new Uint8Array([1, 2, 3]),
      'REGIONS.shp.xml': '<metadata/>',
    };
    const c = await readOk(zip(members), 'regions.zip');
    expect(c.format).toBe('shapefile');
    expect(c.crs).toEqual({ kind: 'lonlat' });
    expect(c.suggestedNameField).toBe('NAME');
    expect(c.notices).toEqual([]);
    const west = byProperty(c, 'NAME', 'West');
    expectUsable(west.geometry);
    expect(west.geometry.coordinates).toHaveLength(2);
    expect(inside(west.geometry, 1, 1)).toBe(true);
    expect(inside(west.geometry, 5, 5)).toBe(false);
    expectUsable(byProperty(c, 'NAME', 'East').geometry);
  });

  it('takes a NAD83 geographic .prj as longitude/latitude, coordinates unchanged', async () => {
    const c = await readOk(zip(layer('counties', [poly(squareCw(-97.25, 32.5, 0.5))], ['Tarrant'], NAD83)), 'c.zip');
    expect(c.crs).toEqual({ kind: 'lonlat' });
    expect(c.features[0]!.geometry!.coordinates).toEqual([[[-97.25, 32.5], [-96.75, 32.5], [-96.75, 33], [-97.25, 33], [-97.25, 32.5]]]);
  });

  it('reprojects UTM zone 33N to the positions the projection defines', async () => {
    const northing45 = 0.9996 * meridianArc(45);
    const shapes = [poly(squareCw(500000, 0, 1000)), poly(squareCw(500000, northing45, 1000))];
    const c = await readOk(zip(layer('utm', shapes, ['Equator', 'Po valley'], UTM33N)), 'utm.zip');
    expect(c.crs).toEqual({ kind: 'reprojected', name: 'WGS 1984 UTM Zone 33N' });
    const [equator, po] = c.features;
    expectUsable(equator!.geometry);
    expectUsable(po!.geometry);
    // On the central meridian (false easting) at the equator: 15° E, 0°.
    expect(hasVertexNear(equator!.geometry, 15, 0, 1e-9)).toBe(true);
    // 1 km north on the central meridian: φ = 1000 / (k0 · a(1 − e²)) radians (meridian radius at 0°).
    const f = 1 / 298.257223563;
    const lat1km = ((1000 / (0.9996 * 6378137 * (1 - f * (2 - f)))) * 180) / Math.PI;
    expect(hasVertexNear(equator!.geometry, 15, lat1km, 1e-8)).toBe(true);
    // The arc length of 45° (Snyder's series) scaled by k0 lands on 45° N.
    expect(hasVertexNear(po!.geometry, 15, 45, 1e-7)).toBe(true);
  });

  it('reprojects Massachusetts State Plane (metres and US feet): the false origin is 71.5° W, 41° N', async () => {
    for (const [unit, toMetre, fe, fn] of [['Meter', 1, 200000, 750000], ['Foot_US', 0.3048006096012192, 656166.6666666665, 2460625]] as const) {
      const c = await readOk(zip(layer('senate', [poly(squareCw(fe, fn, 5000))], ['First Suffolk'], maLcc(unit, toMetre, fe, fn))), 'ma.zip');
      expect(c.crs.kind).toBe('reprojected');
      expect(c.crs.kind === 'reprojected' && c.crs.name).toMatch(/^NAD 1983 StatePlane Massachusetts Mainland FIPS 2001/);
      expectUsable(c.features[0]!.geometry);
      expect(hasVertexNear(c.features[0]!.geometry, -71.5, 41, 1e-8)).toBe(true);
    }
  });

  it('refuses a projection proj4 cannot read, naming the coordinate system', async () => {
    const prj = 'PROJCS["Imaginary_Grid_1999",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.0174532925199433]],PROJECTION["Wobbly_Conic"],UNIT["Meter",1.0]]';
    const r = await readFail(zip(layer('x', [poly(squareCw(1000, 1000, 10))], ['A'], prj)), 'x.zip');
    expect(r.reason).toBe('unsupported-projection');
    expect(r.message).toContain('Imaginary Grid 1999');
  });

  it('without a .prj: lon/lat coordinates are read with a notice, projected ones are refused', async () => {
    const ok = await readOk(zip(layer('plain', [poly(squareCw(-88, 41, 1))], ['A'])), 'plain.zip');
    expect(ok.crs).toEqual({ kind: 'lonlat' });
    expect(ok.notices.join(' ')).toMatch(/no \.prj file/);
    const r = await readFail(zip(layer('metres', [poly(squareCw(236000, 900000, 1000))], ['A'])), 'metres.zip');
    expect(r.reason).toBe('unknown-projection');
    expect(r.message).toMatch(/projection is unknown/);
  });

  it('reads a Finder-made zip: files in a subfolder, __MACOSX resource forks and .DS_Store ignored', async () => {
    const members = {
      ...layer('Territories/regions', [poly(squareCw(0, 0, 1))], ['Only'], WGS84),
      '__MACOSX/Territories/._regions.shp': new Uint8Array([0, 5, 22, 7, 0, 2, 0, 0]),
      '__MACOSX/Territories/._regions.dbf': new Uint8Array([0, 5, 22, 7]),
      'Territories/.DS_Store': new Uint8Array(16),
    };
    const c = await readOk(zip(members), 'Territories.zip');
    expect(c.features).toHaveLength(1);
    expect(c.features[0]!.properties.NAME).toBe('Only');
  });

  it('reads several layers with a layer field; point layers count as skipped points', async () => {
    const members = {
      ...layer('north', [poly(squareCw(0, 1, 1))], ['N1'], WGS84),
      ...layer('south', [poly(squareCw(0, 0, 1)), null], ['S1', 'S-empty'], WGS84),
      ...layer('stores', [{ type: 'point', x: 0.5, y: 0.5 }, { type: 'point', x: 0.2, y: 0.2 }], ['a', 'b'], WGS84),
    };
    const c = await readOk(zip(members), 'layers.zip');
    expect(c.features.map((f) => [f.index, f.properties.NAME, f.properties.layer])).toEqual([
      [1, 'N1', 'north'],
      [2, 'S1', 'south'],
    ]);
    expect(c.skipped).toEqual({ points: 2, lines: 0, empty: 1 });
    expect(c.notices.join(' ')).toContain('3 layers were read: north, south, stores');
  });

  it('refuses a zip of points only, saying what was found', async () => {
    const r = await readFail(zip(layer('stores', [1, 2, 3].map((x) => ({ type: 'point' as const, x, y: x })), ['a', 'b', 'c'], WGS84)), 's.zip');
    expect(r.reason).toBe('no-polygons');
    expect(r.message).toContain('no polygons: 3 points were found');
  });

  it('turns a hole written as a second outer ring into a hole', async () => {
    // Both rings clockwise: shpjs returns two parts, the small one inside the big one.
    const c = await readOk(zip(layer('nested', [poly(squareCw(0, 0, 10), squareCw(4, 4, 2))], ['Donut'], WGS84)), 'n.zip');
    const f = c.features[0]!;
    expectUsable(f.geometry);
    expect(f.geometry.type).toBe('Polygon');
    expect(f.geometry.coordinates).toHaveLength(2);
    expect(inside(f.geometry, 5, 5)).toBe(false);
    expect(f.note).toMatch(/part lying inside another part became a hole/);
  });

  it('decodes the .dbf with its .cpg, else UTF-8, else Windows-1252', async () => {
    const latin1 = (s: string) => Uint8Array.from([...s].map((ch) => ch.charCodeAt(0)));
    const { shp, shx } = writeShp([poly(squareCw(8, 47, 1))]);
    const base = { 'z.shp': shp, 'z.shx': shx, 'z.prj': WGS84 };
    const read = async (dbf: Uint8Array, cpg?: string) =>
      (await readOk(zip({ ...base, 'z.dbf': dbf, ...(cpg ? { 'z.cpg': cpg } : {}) }), 'z.zip')).features[0]!.properties.NAME;
    expect(await read(writeDbf(NAME, [['Zürich']]))).toBe('Zürich'); // UTF-8, no .cpg
    expect(await read(writeDbf(NAME, [['Zürich']], latin1))).toBe('Zürich'); // Latin-1, no .cpg
    expect(await read(writeDbf(NAME, [['Zürich']], latin1), '1252')).toBe('Zürich');
    expect(await read(writeDbf(NAME, [['Zürich']], latin1), 'ANSI 1252')).toBe('Zürich');
    expect(await read(writeDbf(NAME, [['Zürich']]), 'UTF-8\r\n')).toBe('Zürich');
  });

  it('reads dBASE numbers, blanks, dates and logicals; keeps a __proto__ field as data', async () => {
    const fields = [
      { name: '__proto__', type: 'C' as const, length: 10 },
      { name: 'REPS', type: 'N' as const, length: 5 },
      { name: 'SINCE', type: 'D' as const, length: 8 },
      { name: 'ACTIVE', type: 'L' as const, length: 1 },
    ];
    const { shp, shx } = writeShp([poly(squareCw(0, 0, 1)), poly(squareCw(1, 0, 1))]);
    const dbf = writeDbf(fields, [['polluted', 12, '20240131', 'T'], ['', null, '', '?']]);
    const c = await readOk(zip({ 'a.shp': shp, 'a.shx': shx, 'a.dbf': dbf, 'a.prj': WGS84 }), 'a.zip');
    const [first, second] = c.features.map((f) => f.properties);
    expect(Object.getPrototypeOf(first)).toBeNull();
    expect(first!['__proto__']).toBe('polluted');
    expect(first).toMatchObject({ REPS: 12, SINCE: '2024-01-31', ACTIVE: true });
    expect(second).toMatchObject({ __proto__: '', REPS: null, SINCE: null, ACTIVE: null });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a cut-short .shp, and survives a .dbf header that lies about its record count', async () => {
    const { shp, shx } = writeShp([poly(squareCw(0, 0, 1)), poly(squareCw(1, 0, 1))]);
    const dbf = writeDbf(NAME, [['A'], ['B']]);
    const cut = await readFail(zip({ 'a.shp': shp.subarray(0, shp.length - 20), 'a.shx': shx, 'a.dbf': dbf, 'a.prj': WGS84 }), 'a.zip');
    expect(cut.reason).toBe('invalid-shapefile');
    expect(cut.message).toMatch(/cut short/);
    const lying = dbf.slice();
    new DataView(lying.buffer).setUint32(4, 0xfffffff0, true); // "4 billion records"
    const started = Date.now();
    const c = await readOk(zip({ 'a.shp': shp, 'a.shx': shx, 'a.dbf': lying, 'a.prj': WGS84 }), 'a.zip');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(c.features.map((f) => f.properties.NAME)).toEqual(['A', 'B']);
    expect(c.notices.join(' ')).toMatch(/attribute table of “a” is cut short/);
  });

  it('counts records against maxFeatures before decoding shapes', async () => {
    const shapes = [0, 1, 2].map((i) => poly(squareCw(i, 0, 1)));
    const r = await readFail(zip(layer('a', shapes, ['a', 'b', 'c'], WGS84)), 'a.zip', { maxFeatures: 2 });
    expect(r.reason).toBe('too-many-features');
    expect(r.message).toContain('3 features; at most 2');
  });

  it('explains a zip with Shapefile parts but no .shp, and one with no layers at all', async () => {
    const parts = await readFail(zip({ 'a.dbf': writeDbf(NAME, [['A']]), 'a.prj': WGS84 }), 'a.zip');
    expect(parts.reason).toBe('no-layers');
    expect(parts.message).toMatch(/no \.shp file/);
    const other = await readFail(zip({ 'notes.txt': 'hello', 'sheet.csv': 'a,b' }), 'b.zip');
    expect(other.reason).toBe('no-layers');
    expect(other.message).toContain('notes.txt');
  });
});
