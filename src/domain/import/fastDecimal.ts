/**
 * Exact decimal → double without building a string, for the common cell (`40.71278`,
 * `1234.5`): when the significant digits fit in 15 (so the integer mantissa m < 10^15 is
 * exact) and the decimal exponent k ≤ 22 (10^k exact), m / 10^k is ONE correctly rounded
 * IEEE division — the same double `Number(text)` gives (Clinger's fast path, 1990).
 * Other cells fall back to `Number` on the text.
 */

/** 10^0 … 10^22, all exactly representable doubles. */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** The largest digit count whose mantissa is always exact. */
export const FAST_DIGITS = 15;
