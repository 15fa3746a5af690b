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
 * linear scan that compares a tag (length, first and last characters), then the
 * characters of the span of the file text with `startsWith` — so no string is made for a
 * value seen before —, later ones in a Map.
 * `compute` runs once per distinct raw cell.
 */
export class VocabularyCache<T> {
  /** Per known value: its text, a tag (length, first and last characters) and its value. */
  private readonly keys: string[] = [];
  private readonly meta = new Int32Array(LINEAR);
  private readonly values: T[] = [];
  private overflow: Map<string, T> | null = null;

  constructor(private readonly compute: (cell: string) => T) {}

  /** The value for the cell `src[from, to)` (default: all of `src`). */
  get(src: string, from = 0, to = src.length): T {
    const n = this.keys.length;
    const len = to - from;
    const m = len === 0 ? 0 : ((len & 0x7fff) << 16) ^ (src.charCodeAt(from) << 8) ^ src.charCodeAt(to - 1);
    for (let k = 0; k < n; k++) {
      if (this.meta[k] !== m) continue;
      // `startsWith` compares the characters natively, without making a string of the span.
      const key = this.keys[k]!;
      if (key.length === len && src.startsWith(key, from)) return this.values[k]!;
    }
    const cell = src.slice(from, to);
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
 * needed). Per slot, the hash and the row sit side by side in one Int32Array (row + 1, so
 * 0 marks an empty slot) and the key in a parallel array: inserting a new key reads ONE
 * cache line (the table is megabytes, so each probe is a cache miss) and touches the key
 * array only to write it or when the hashes match. Inserts write in place, never append.
 * `addIfNew(key, row)` records `row` for a new key and returns −1, or returns the row
 * recorded earlier.
 */
export class FirstRowIndex {
  private capacity = 1024;
  /** Slot p: hash at 2p, row + 1 at 2p + 1 (0: empty). */
  private slots: Int32Array;
  private keys: (string | undefined)[];
  private size = 0;

  constructor(expected = 512) {
    while (this.capacity < expected * 2) this.capacity *= 2;
    this.slots = new Int32Array(this.capacity * 2);
    this.keys = new Array<string | undefined>(this.capacity).fill(undefined);
  }

  addIfNew(key: string, row: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    const mask = this.capacity - 1;
    const slots = this.slots;
    let p = h & mask;
    for (;;) {
      const r = slots[2 * p + 1]!;
      if (r === 0) break;
      if (slots[2 * p] === h && this.keys[p] === key) return r - 1;
      p = (p + 1) & mask;
    }
    slots[2 * p] = h;
    slots[2 * p + 1] = row + 1;
    this.keys[p] = key;
    if (++this.size * 2 > this.capacity) this.grow();
    return -1;
  }

  private grow(): void {
    const { keys: oldKeys, slots: oldSlots } = this;
    this.capacity *= 2;
    const mask = this.capacity - 1;
    const keys = new Array<string | undefined>(this.capacity).fill(undefined);
    const slots = new Int32Array(this.capacity * 2);
    for (let q = 0; q < oldKeys.length; q++) {
      const r = oldSlots[2 * q + 1]!;
      if (r === 0) continue;
      const h = oldSlots[2 * q]!;
      let p = h & mask;
      while (slots[2 * p + 1] !== 0) p = (p + 1) & mask;
      slots[2 * p] = h;
      slots[2 * p + 1] = r;
      keys[p] = oldKeys[q];
    }
    this.keys = keys;
    this.slots = slots;
  }
}
