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
export class VocabularyCache<T, C = undefined> {
  /** Per known value: its text, a tag (length, first and last characters) and its value. */
  private readonly keys: string[] = [];
  private readonly meta = new Int32Array(LINEAR);
  private readonly values: T[] = [];
  private overflow: Map<string, T> | null = null;

  /**
   * `compute(cell, context)`: best a module-level function, with per-import state in
   * `context` — a closure made per import would be inlined into the optimised `get` and
   * throw that code away when the import is collected.
   */
  constructor(
    private readonly compute: (cell: string, context: C) => T,
    private readonly context: C,
  ) {}

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
    const v = this.compute(cell, this.context);
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
 * First-occurrence index for many distinct keys (external ids). `addIfNew(key, row)`
 * records `row` for a new key and returns −1, or returns the row recorded earlier.
 *
 * New keys are appended to a list (key, row). Keys in ascending order — CRM and ERP
 * exports usually come sorted by their id — need nothing else: a key greater than the one
 * before cannot have been seen, so while the keys ascend each one costs one comparison.
 * At the first key out of order a hash index over the list is built, and used from then
 * on: open addressing with FNV-1a hashes, sized for `expected` keys (grows if needed);
 * per slot the hash and the key's place in the list side by side in one Int32Array, so
 * that inserting a new key reads one cache line of the table and the list is only read
 * when the hashes match. Nothing is written at random into an array of strings: such
 * writes (old array, young strings) are what the garbage collector pays for at every
 * young-generation collection.
 */
export class FirstRowIndex {
  /** Every key so far was greater than the one before it (UTF-16 order). */
  private ascending = true;
  /** The distinct keys in order of arrival, and the row of each. */
  private listKeys: (string | undefined)[];
  private listRows: Int32Array;
  private length = 0;

  private capacity = 1024;
  /** Slot p: hash at 2p, place in the list + 1 at 2p + 1 (0: empty). Built when the keys stop ascending. */
  private slots = new Int32Array(0);

  constructor(private readonly expected = 512) {
    const n = Math.max(16, Math.ceil(expected) || 0);
    this.listKeys = new Array<string | undefined>(n).fill(undefined);
    this.listRows = new Int32Array(n);
  }

  addIfNew(key: string, row: number): number {
    const n = this.length;
    if (this.ascending) {
      const last = n === 0 ? undefined : this.listKeys[n - 1]!;
      if (last === undefined || key > last) {
        this.append(key, row);
        return -1;
      }
      if (key === last) return this.listRows[n - 1]!;
      this.buildIndex();
    }
    const h = fnv1a(key);
    const mask = this.capacity - 1;
    const slots = this.slots;
    let p = h & mask;
    for (;;) {
      const at = slots[2 * p + 1]!;
      if (at === 0) break;
      if (slots[2 * p] === h && this.listKeys[at - 1] === key) return this.listRows[at - 1]!;
      p = (p + 1) & mask;
    }
    slots[2 * p] = h;
    slots[2 * p + 1] = n + 1;
    this.append(key, row);
    if (this.length * 2 > this.capacity) this.buildIndex();
    return -1;
  }

  private append(key: string, row: number): void {
    const n = this.length;
    if (n === this.listRows.length) {
      const rows = new Int32Array(n * 2);
      rows.set(this.listRows);
      this.listRows = rows;
      this.listKeys.length = n * 2;
    }
    this.listKeys[n] = key;
    this.listRows[n] = row;
    this.length = n + 1;
  }

  /** (Re)builds the hash index over the whole list, at least twice its length in slots. */
  private buildIndex(): void {
    this.ascending = false;
    while (this.capacity < Math.max(this.expected, this.length) * 2) this.capacity *= 2;
    const mask = this.capacity - 1;
    const slots = new Int32Array(this.capacity * 2);
    for (let i = 0; i < this.length; i++) {
      const h = fnv1a(this.listKeys[i]!);
      let p = h & mask;
      while (slots[2 * p + 1] !== 0) p = (p + 1) & mask;
      slots[2 * p] = h;
      slots[2 * p + 1] = i + 1;
    }
    this.slots = slots;
  }
}

/** 32-bit FNV-1a over the UTF-16 code units. */
function fnv1a(key: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h;
}
