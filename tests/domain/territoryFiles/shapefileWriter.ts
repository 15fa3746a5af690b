/**
 * A tiny Shapefile writer for tests (ESRI Shapefile Technical Description, 1998): .shp and
 * .shx for Null / Point / PolyLine / Polygon records, a dBASE III .dbf with C and N
 * fields, and a zip builder. Written here so the tests do not depend on third-party files
 * and can produce exactly the defects they test.
 */
import { zipSync } from 'fflate';

export type ShpShape =
  | null
  | { type: 'point'; x: number; y: number }
  | { type: 'polyline' | 'polygon'; parts: number[][][] };

const SHAPE_CODE = { point: 1, polyline: 3, polygon: 5 } as const;

function header(view: DataView, shapeType: number, lengthBytes: number, bbox: number[]): void {
  view.setInt32(0, 9994, false);
  view.setInt32(24, lengthBytes / 2, false);
  view.setInt32(28, 1000, true);
  view.setInt32(32, shapeType, true);
  bbox.forEach((v, i) => view.setFloat64(36 + i * 8, v, true));
}

function content(shape: ShpShape): Uint8Array {
  if (shape === null) return new Uint8Array(4); // shape type 0
  if (shape.type === 'point') {
    const b = new Uint8Array(20);
    const v = new DataView(b.buffer);
    v.setInt32(0, 1, true);
    v.setFloat64(4, shape.x, true);
    v.setFloat64(12, shape.y, true);
    return b;
  }
  const points = shape.parts.flat();
  const b = new Uint8Array(44 + 4 * shape.parts.length + 16 * points.length);
  const v = new DataView(b.buffer);
  v.setInt32(0, SHAPE_CODE[shape.type], true);
  const xs = points.map((p) => p[0]!);
  const ys = points.map((p) => p[1]!);
  [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((x, i) => v.setFloat64(4 + i * 8, x, true));
  v.setInt32(36, shape.parts.length, true);
  v.setInt32(40, points.length, true);
  let start = 0;
  shape.parts.forEach((part, i) => {
    v.setInt32(44 + 4 * i, start, true);
    start += part.length;
  });
  const at = 44 + 4 * shape.parts.length;
  points.forEach((p, i) => {
    v.setFloat64(at + 16 * i, p[0]!, true);
    v.setFloat64(at + 16 * i + 8, p[1]!, true);
  });
  return b;
}

/** .shp and .shx for records of one shape type (the layer's type is the first non-null record's). */
export function writeShp(shapes: ShpShape[]): { shp: Uint8Array; shx: Uint8Array } {
  const first = shapes.find((s) => s !== null);
  const shapeType = first ? SHAPE_CODE[first.type] : 0;
  const contents = shapes.map(content);
  const coords = shapes.flatMap((s) => (s === null ? [] : s.type === 'point' ? [[s.x, s.y]] : s.parts.flat()));
  const bbox = coords.length
    ? [Math.min(...coords.map((c) => c[0]!)), Math.min(...coords.map((c) => c[1]!)), Math.max(...coords.map((c) => c[0]!)), Math.max(...coords.map((c) => c[1]!))]
    : [0, 0, 0, 0];
  const shpLength = 100 + contents.reduce((n, c) => n + 8 + c.length, 0);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(100 + 8 * shapes.length);
  const sv = new DataView(shp.buffer);
  const xv = new DataView(shx.buffer);
  header(sv, shapeType, shpLength, bbox);
  header(xv, shapeType, shx.length, bbox);
  let at = 100;
  contents.forEach((c, i) => {
    sv.setInt32(at, i + 1, false);
    sv.setInt32(at + 4, c.length / 2, false);
    shp.set(c, at + 8);
    xv.setInt32(100 + 8 * i, at / 2, false);
    xv.setInt32(104 + 8 * i, c.length / 2, false);
    at += 8 + c.length;
  });
  return { shp, shx };
}

export interface DbfField {
  name: string;
  type: 'C' | 'N' | 'D' | 'L';
  length: number;
  decimals?: number;
}

/** A dBASE III table; `encode` turns text into bytes (default UTF-8). */
export function writeDbf(
  fields: DbfField[],
  rows: (string | number | null)[][],
  encode: (s: string) => Uint8Array = (s) => new TextEncoder().encode(s),
): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((n, f) => n + f.length, 0);
  const out = new Uint8Array(headerLength + recordLength * rows.length + 1);
  const v = new DataView(out.buffer);
  out[0] = 0x03;
  out.set([125, 1, 1], 1);
  v.setUint32(4, rows.length, true);
  v.setUint16(8, headerLength, true);
  v.setUint16(10, recordLength, true);
  fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    out.set(new TextEncoder().encode(f.name).subarray(0, 10), at);
    out[at + 11] = f.type.charCodeAt(0);
    out[at + 16] = f.length;
    out[at + 17] = f.decimals ?? 0;
  });
  out[headerLength - 1] = 0x0d;
  rows.forEach((row, r) => {
    let at = headerLength + r * recordLength;
    out[at++] = 0x20;
    fields.forEach((f, i) => {
      const cell = out.subarray(at, at + f.length).fill(0x20);
      const value = row[i];
      const text = value === null || value === undefined ? '' : String(value);
      const b = encode(text).subarray(0, f.length);
      cell.set(b, f.type === 'N' ? f.length - b.length : 0);
      at += f.length;
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}

/** A zip of the given members (strings are written as UTF-8). */
export function zip(members: Record<string, Uint8Array | string>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(members)) files[name] = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return zipSync(files);
}

/** Axis-aligned square ring, clockwise (the Shapefile convention for outer rings). */
export function squareCw(x0: number, y0: number, size: number): number[][] {
  return [[x0, y0], [x0, y0 + size], [x0 + size, y0 + size], [x0 + size, y0], [x0, y0]];
}

/** Counter-clockwise square ring (the Shapefile convention for holes). */
export function squareCcw(x0: number, y0: number, size: number): number[][] {
  return squareCw(x0, y0, size).reverse();
}
