/**
 * Keys in a text column (external ids): trimmed as `String.prototype.trim` trims, blank = no
 * key. An index over them answers "has an equal key been seen, and where?" by hashing the
 * characters where they lie in the packed text: a million keys are matched without a
 * million strings or a million-entry Map (an import's commit used to spend 1.5 s there).
 */
import { textColumnOf, type TextColumn } from './market';

/** The characters String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator). */
function isTrimmed(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Value i's key as [from, to) in the column's text, or null (a null or blank value). */
function keyRange(c: TextColumn, i: number): [number, number] | null {
  if (c.nulls !== null && c.nulls[i] === 1) return null;
  let from = i === 0 ? 0 : c.ends[i - 1]!;
  let to = c.ends[i]!;
  const t = c.text;
  while (from < to && isTrimmed(t.charCodeAt(from))) from++;
  while (to > from && isTrimmed(t.charCodeAt(to - 1))) to--;
  return from === to ? null : [from, to];
}

/** Value i's key (trimmed), or null when it is null or blank. */
export function textKeyAt(c: TextColumn, i: number): string | null {
  const r = keyRange(c, i);
  return r === null ? null : c.text.slice(r[0], r[1]);
}

function hashOf(t: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let k = from; k < to; k++) h = Math.imul(h ^ t.charCodeAt(k), 0x01000193);
  return h >>> 0;
}

function sameText(a: string, af: number, at: number, b: string, bf: number, bt: number): boolean {
  if (at - af !== bt - bf) return false;
  for (let k = 0; k < at - af; k++) if (a.charCodeAt(af + k) !== b.charCodeAt(bf + k)) return false;
  return true;
}

/** The keys of one column, added value by value; lookups from any text column. */
export class TextKeyIndex {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private size = 0;

  constructor(private readonly column: TextColumn) {
    let cap = 16;
    while (cap < column.ends.length * 2) cap *= 2;
    this.slots = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
  }

  /** Adds value i: −1 when its key is new (now indexed), −2 when it has none, else the value added before with the same key. */
  add(i: number): number {
    const r = keyRange(this.column, i);
    if (r === null) return -2;
    const t = this.column.text;
    for (let s = hashOf(t, r[0], r[1]) & this.mask; ; s = (s + 1) & this.mask) {
      const j = this.slots[s]!;
      if (j === -1) {
        this.slots[s] = i;
        this.size++;
        return -1;
      }
      const q = keyRange(this.column, j)!;
      if (sameText(t, r[0], r[1], t, q[0], q[1])) return j;
    }
  }

  /** The indexed value whose key equals the key of value j of `other`, or −1. */
  find(other: TextColumn, j: number): number {
    if (this.size === 0) return -1;
    const r = keyRange(other, j);
    if (r === null) return -1;
    const t = this.column.text;
    for (let s = hashOf(other.text, r[0], r[1]) & this.mask; ; s = (s + 1) & this.mask) {
      const i = this.slots[s]!;
      if (i === -1) return -1;
      const q = keyRange(this.column, i)!;
      if (sameText(other.text, r[0], r[1], t, q[0], q[1])) return i;
    }
  }
}

/** The column with every value replaced by its key (null when blank): itself when nothing changes. */
export function keyColumn(c: TextColumn): TextColumn {
  const n = c.ends.length;
  let same = true;
  for (let i = 0; i < n && same; i++) {
    const from = i === 0 ? 0 : c.ends[i - 1]!;
    const to = c.ends[i]!;
    if (c.nulls !== null && c.nulls[i] === 1) continue;
    const r = keyRange(c, i);
    same = r !== null && r[0] === from && r[1] === to;
  }
  if (same) return c;
  const values = new Array<string | null>(n);
  for (let i = 0; i < n; i++) values[i] = textKeyAt(c, i);
  return textColumnOf(values);
}
