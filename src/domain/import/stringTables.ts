/**
 * Two small lookup structures for the row validator's hot loop, where a JS Map keyed by
 * cell strings was the largest single cost (measured ≈ 0.5 µs per insert and 0.2 µs per
 * lookup on 100k rows: cells are fresh, often sliced, strings whose hash V8 computes on a
 * slow path). Both compare with `===` and never use cell text as an object key. Classes,
 * not closures, so that their methods are shared, optimised code across imports.
 */

const LINEAR = 32;
const MAX_OVERFLOW = 65_536;

/**
 * Memoises a function of a cell's text for columns with few distinct values (status,
 * channel, key account, account manager): the first 32 distinct values are found by a
 * linear scan that compares length and first character before the strings, later ones in
 * a Map. `compute` runs once per distinct raw cell.
 */
export class VocabularyCache<T> {
  private readonly keys: string[] = [];
  private readonly meta = new Int32Array(LINEAR);
  private readonly values: T[] = [];
  private overflow: Map<string, T> | null = null;

  constructor(private readonly compute: (cell: string) => T) {}

  get(cell: string): T {
    const n = this.keys.length;
    const m = (cell.length << 16) | (cell.length > 0 ? cell.charCodeAt(0) & 0xffff : 0);
    for (let k = 0; k < n; k++) if (this.meta[k] === m && this.keys[k] === cell) return this.values[k]!;
    const overflow = this.overflow;
    if (overflow !== null) {
      const v = overflow.get(cell);
      if (v !== undefined || overflow.has(cell)) return v as T;
    }
    const v = this.compute(cell);
    if (n < LINEAR) {
      this.meta[n] = m;
      this.keys.push(cell);
      this.values.push(v);
    } else {
      this.overflow ??= new Map();
      if (this.overflow.size < MAX_OVERFLOW) this.overflow.set(cell, v);
    }
    return v;
  }
}

/**
 * First-occurrence index for many distinct keys (external ids): open addressing with
 * FNV-1a hashes, keys compared with `===`, sized for `expected` keys up front (grows if
 * needed). Three parallel arrays indexed by slot — hash, row, key — so an insert writes
 * in place and never appends to a growing array (appending 100k strings cost more than
 * the hashing), and probing for a new key compares hashes before any string.
 * `addIfNew(key, row)` records `row` for a new key and returns −1, or returns the row
 * recorded earlier.
 */
export class FirstRowIndex {
  private capacity = 1024;
  private hashes: Int32Array;
  private rows: Int32Array;
  /** Per slot: the key, or undefined for an empty slot. */
  private keys: (string | undefined)[];
  private size = 0;

  constructor(expected = 512) {
    while (this.capacity < expected * 2) this.capacity *= 2;
    this.hashes = new Int32Array(this.capacity);
    this.rows = new Int32Array(this.capacity);
    this.keys = new Array<string | undefined>(this.capacity).fill(undefined);
  }

  addIfNew(key: string, row: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    const mask = this.capacity - 1;
    const keys = this.keys;
    const hashes = this.hashes;
    let p = h & mask;
    for (;;) {
      const k = keys[p];
      if (k === undefined) break;
      if (hashes[p] === h && k === key) return this.rows[p]!;
      p = (p + 1) & mask;
    }
    keys[p] = key;
    hashes[p] = h;
    this.rows[p] = row;
    if (++this.size * 2 > this.capacity) this.grow();
    return -1;
  }

  private grow(): void {
    const { keys: oldKeys, hashes: oldHashes, rows: oldRows } = this;
    this.capacity *= 2;
    const mask = this.capacity - 1;
    const keys = new Array<string | undefined>(this.capacity).fill(undefined);
    const hashes = new Int32Array(this.capacity);
    const rows = new Int32Array(this.capacity);
    for (let q = 0; q < oldKeys.length; q++) {
      const k = oldKeys[q];
      if (k === undefined) continue;
      const h = oldHashes[q]!;
      let p = h & mask;
      while (keys[p] !== undefined) p = (p + 1) & mask;
      keys[p] = k;
      hashes[p] = h;
      rows[p] = oldRows[q]!;
    }
    this.keys = keys;
    this.hashes = hashes;
    this.rows = rows;
  }
}
