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
 * needed). Each slot holds the key's hash next to its entry number, so probing for a new
 * key reads one cache line and never touches the stored strings. `addIfNew(key, row)`
 * records `row` for a new key and returns −1, or returns the row recorded earlier.
 */
export class FirstRowIndex {
  private capacity = 1024;
  /** Per slot: [entry + 1 (0 = empty), hash]. */
  private slots: Int32Array;
  private keys: string[] = [];
  private rows: number[] = [];
  private size = 0;

  constructor(expected = 512) {
    while (this.capacity < expected * 2) this.capacity *= 2;
    this.slots = new Int32Array(this.capacity * 2);
  }

  addIfNew(key: string, row: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    const mask = this.capacity - 1;
    const slots = this.slots;
    let p = h & mask;
    for (;;) {
      const e = slots[2 * p]!;
      if (e === 0) break;
      if (slots[2 * p + 1] === h && this.keys[e - 1] === key) return this.rows[e - 1]!;
      p = (p + 1) & mask;
    }
    slots[2 * p] = ++this.size;
    slots[2 * p + 1] = h;
    this.keys.push(key);
    this.rows.push(row);
    if (this.size * 2 > this.capacity) this.grow();
    return -1;
  }

  private grow(): void {
    const old = this.slots;
    this.capacity *= 2;
    const slots = new Int32Array(this.capacity * 2);
    const mask = this.capacity - 1;
    for (let q = 0; q < old.length; q += 2) {
      const e = old[q]!;
      if (e === 0) continue;
      const h = old[q + 1]!;
      let p = h & mask;
      while (slots[2 * p] !== 0) p = (p + 1) & mask;
      slots[2 * p] = e;
      slots[2 * p + 1] = h;
    }
    this.slots = slots;
  }
}
