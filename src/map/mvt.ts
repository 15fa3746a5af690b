/**
 * A minimal Mapbox Vector Tile (MVT 2.1) encoder for point layers, writing protobuf bytes
 * straight into one growing buffer.
 *
 * Why not `vt-pbf` + `pbf`: they encode from one JS object per feature (GeoJSON-like), which
 * is the per-store allocation the store tiles exist to avoid; here a feature is a few
 * varints written from the typed arrays. Only what the store tiles need is written: point
 * features with an id, tags and one MoveTo; string, unsigned-integer and double values.
 *
 * Format (vector_tile.proto): Tile { repeated Layer layers = 3 } ·
 * Layer { version = 15, name = 1, repeated Feature features = 2, repeated string keys = 3,
 * repeated Value values = 4, extent = 5 } · Feature { id = 1, packed tags = 2 (key index,
 * value index pairs), type = 3 (1 = POINT), packed geometry = 4 (command MoveTo(1) =
 * 1 | 1 << 3 = 9, then zigzag dx, zigzag dy) } · Value { string = 1, double = 3, uint = 5 }.
 * Field order inside a message is free, so features are written before keys and values.
 */

/** A property value: a string, an unsigned integer (uint_value) or any other number (double_value). */
export type MvtValue = string | number;

const utf8 = new TextEncoder();

export class MvtWriter {
  private buf = new Uint8Array(4096);
  private pos = 0;
  private layerStart = -1;

  /** Starts a layer; write its features with `point`, then close it with `endLayer`. */
  beginLayer(name: string, extent = 4096): void {
    if (this.layerStart >= 0) throw new Error('MvtWriter: a layer is already open');
    this.tag(3, 2);
    this.layerStart = this.begin();
    this.tag(15, 0);
    this.varint(2);
    this.tag(1, 2);
    this.string(name);
    this.tag(5, 0);
    this.varint(extent);
  }

  /**
   * One point feature at tile coordinates (x, y), integers in [0, extent) for a point inside
   * the tile. `tags` holds `count` numbers: key index, value index, key index, value index…
   * (indexes into the keys and values given to `endLayer`). `id` < 0 writes no id.
   */
  point(id: number, x: number, y: number, tags: ArrayLike<number>, count: number): void {
    this.tag(2, 2);
    const start = this.begin();
    if (id >= 0) {
      this.tag(1, 0);
      this.varint(id);
    }
    if (count > 0) {
      this.tag(2, 2);
      const t = this.begin();
      for (let k = 0; k < count; k++) this.varint(tags[k]!);
      this.end(t);
    }
    this.tag(3, 0);
    this.varint(1);
    this.tag(4, 2);
    const g = this.begin();
    this.varint(9);
    this.varint(zigzag(x));
    this.varint(zigzag(y));
    this.end(g);
    this.end(start);
  }

  /** Closes the open layer with its key and value tables. */
  endLayer(keys: readonly string[], values: readonly MvtValue[]): void {
    if (this.layerStart < 0) throw new Error('MvtWriter: no layer is open');
    for (const k of keys) {
      this.tag(3, 2);
      this.string(k);
    }
    for (const v of values) {
      this.tag(4, 2);
      const start = this.begin();
      if (typeof v === 'string') {
        this.tag(1, 2);
        this.string(v);
      } else if (Number.isInteger(v) && v >= 0 && v <= Number.MAX_SAFE_INTEGER) {
        this.tag(5, 0);
        this.varint(v);
      } else {
        this.tag(3, 1);
        this.ensure(8);
        new DataView(this.buf.buffer).setFloat64(this.pos, v, true);
        this.pos += 8;
      }
      this.end(start);
    }
    this.end(this.layerStart);
    this.layerStart = -1;
  }

  /** The tile's bytes (a copy the size of the tile, so its buffer can be transferred). */
  finish(): Uint8Array {
    if (this.layerStart >= 0) throw new Error('MvtWriter: a layer is still open');
    return this.buf.slice(0, this.pos);
  }

  private tag(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }

  private varint(v: number): void {
    this.ensure(10);
    const b = this.buf;
    let p = this.pos;
    if (v < 0x80000000) {
      // the common case: 32-bit arithmetic
      while (v >= 0x80) {
        b[p++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
    } else {
      while (v >= 0x80) {
        b[p++] = (v % 128) | 0x80;
        v = Math.floor(v / 128);
      }
    }
    b[p++] = v;
    this.pos = p;
  }

  private string(s: string): void {
    const bytes = utf8.encode(s);
    this.varint(bytes.length);
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** Reserves one byte for a length-delimited field's length; `end` writes it (moving the body if longer). */
  private begin(): number {
    this.ensure(1);
    return this.pos++;
  }

  private end(start: number): void {
    const len = this.pos - start - 1;
    const size = varintSize(len);
    if (size > 1) {
      this.ensure(size - 1);
      this.buf.copyWithin(start + size, start + 1, this.pos);
      this.pos += size - 1;
    }
    const body = this.pos;
    this.pos = start;
    this.varint(len);
    this.pos = body;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
}

function zigzag(v: number): number {
  return v >= 0 ? v * 2 : -v * 2 - 1;
}

function varintSize(v: number): number {
  let n = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}
