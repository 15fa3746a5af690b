/**
 * Exact sign of a 2×2 determinant of doubles, `a*d - b*c`.
 *
 * Why: the assignment engine must give bit-for-bit the same inside/outside answer as turf's
 * `booleanPointInPolygon` (which uses Shewchuk's robust `orient2d`) for every point that is
 * not exactly on a border, and must report "on the border" exactly. A plain floating-point
 * cross product can get the sign wrong when the point is within rounding distance of an edge.
 *
 * Algorithm: Shewchuk's adaptive filter (J. R. Shewchuk, "Adaptive Precision Floating-Point
 * Arithmetic and Fast Robust Geometric Predicates", 1997, orient2d stage A bound). When the
 * fast floating-point result is not certain, the products are recomputed exactly with BigInt
 * from the doubles' mantissas and exponents. That exact path is taken only for points lying
 * within a few ulps of an edge line, so its cost does not matter.
 */

/** (3 + 16ε)ε with ε = 2^-53, Shewchuk's `ccwerrboundA`. */
const ERR_BOUND = (3 + 16 * 2 ** -53) * 2 ** -53;
/** Below this magnitude the products may have underflowed and the filter bound is void. */
const UNDERFLOW_GUARD = 1e-280;

/**
 * Sign (-1, 0, 1) of `a*d - b*c`, computed exactly for any finite doubles.
 * Used by the point-in-polygon test on coordinates already translated to the query point.
 */
export function orientSign(a: number, d: number, b: number, c: number): -1 | 0 | 1 {
  const left = a * d;
  const right = b * c;
  const det = left - right;
  const sum = Math.abs(left) + Math.abs(right);
  if (sum > UNDERFLOW_GUARD) {
    const bound = ERR_BOUND * sum;
    if (det > bound) return 1;
    if (-det > bound) return -1;
  }
  return exactSign(a, d, b, c);
}

const view = new DataView(new ArrayBuffer(8));

/** Exact decomposition x = mantissa × 2^exponent of a finite double. */
function decompose(x: number): { m: bigint; e: number } {
  if (x === 0) return { m: 0n, e: 0 };
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (biased === 0) {
    e = -1074; // subnormal
  } else {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  return { m: x < 0 ? -m : m, e };
}

/** Exact sign of a*d - b*c with arbitrary-precision integers. */
export function exactSign(a: number, d: number, b: number, c: number): -1 | 0 | 1 {
  const da = decompose(a);
  const dd = decompose(d);
  const db = decompose(b);
  const dc = decompose(c);
  let p = da.m * dd.m;
  let q = db.m * dc.m;
  const ep = da.e + dd.e;
  const eq = db.e + dc.e;
  if (p !== 0n && q !== 0n) {
    if (ep > eq) p <<= BigInt(ep - eq);
    else if (eq > ep) q <<= BigInt(eq - ep);
  }
  const diff = p - q;
  return diff > 0n ? 1 : diff < 0n ? -1 : 0;
}
