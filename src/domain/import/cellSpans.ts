/**
 * One record's cells as spans of source strings, without a string per cell: cell k is
 * `srcs[k].slice(starts[k], ends[k])`, where `srcs[k]` is the file text itself for an
 * unquoted cell and the unquoted value for a quoted one. `readRecordSpans` fills ONE such
 * object per file and reuses it for every record, so that the import makes strings only
 * for the cells a store keeps (name, address, ids…) and reads numbers, dates and
 * coordinates straight from the text: a table of a 100k-row file is 1.8M cell strings
 * that the validator mostly turns into numbers and drops.
 *
 * The same object also wraps a ready row of strings (`setStrings`: a table row, or a
 * record papaparse read), so that the validator has one code path for both.
 */
export class CellSpans {
  /** Cells in this record. */
  count = 0;
  /** Per cell: the string the cell lies in. */
  readonly srcs: string[] = [];
  starts = new Int32Array(32);
  ends = new Int32Array(32);
  /** The row of strings given to `setStrings`, or null when the spans point into a text. */
  private row: string[] | null = null;

  /** Starts a record read from text. */
  clear(): void {
    this.count = 0;
    this.row = null;
  }

  /** Appends a cell `src[start, end)`. */
  push(src: string, start: number, end: number): void {
    const k = this.count;
    if (k === this.starts.length) this.reserve(k + 1);
    this.srcs[k] = src;
    this.starts[k] = start;
    this.ends[k] = end;
    this.count = k + 1;
  }

  /** Makes this record the given row of strings (kept by reference, see `strings`). */
  setStrings(cells: string[]): this {
    const n = cells.length;
    this.reserve(n);
    for (let k = 0; k < n; k++) {
      const s = cells[k]!;
      this.srcs[k] = s;
      this.starts[k] = 0;
      this.ends[k] = s.length;
    }
    this.count = n;
    this.row = cells;
    return this;
  }

  /** Cell k as a string (k < count). */
  text(k: number): string {
    return this.srcs[k]!.slice(this.starts[k], this.ends[k]);
  }

  /** The cells as a fresh array (or the row given to `setStrings`, not a copy). */
  strings(): string[] {
    if (this.row !== null) return this.row;
    const n = this.count;
    const out = new Array<string>(n);
    for (let k = 0; k < n; k++) out[k] = this.srcs[k]!.slice(this.starts[k], this.ends[k]);
    return out;
  }

  /** Makes room for `n` cells (the arrays double; what they hold is kept). */
  reserve(n: number): void {
    let size = this.starts.length;
    if (n <= size) return;
    while (size < n) size *= 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }
}
