/**
 * Growable typed arrays for index building: amortised O(1) appends without the per-element
 * boxing of a JS array, so building over 10^5–10^6 entries stays cheap. Build time only.
 */
export class GrowF64 {
  buf: Float64Array;
  len = 0;
  constructor(capacity = 1024) {
    this.buf = new Float64Array(capacity);
  }
  reserve(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    const next = new Float64Array(Math.max(this.len + extra, this.buf.length * 2));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  push(v: number): void {
    if (this.len === this.buf.length) this.reserve(1);
    this.buf[this.len++] = v;
  }
  toArray(): Float64Array {
    return this.buf.slice(0, this.len);
  }
}

export class GrowI32 {
  buf: Int32Array;
  len = 0;
  constructor(capacity = 1024) {
    this.buf = new Int32Array(capacity);
  }
  reserve(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    const next = new Int32Array(Math.max(this.len + extra, this.buf.length * 2));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  push(v: number): void {
    if (this.len === this.buf.length) this.reserve(1);
    this.buf[this.len++] = v;
  }
  toArray(): Int32Array {
    return this.buf.slice(0, this.len);
  }
}
