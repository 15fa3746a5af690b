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

/**
 * `s[from, to)` when it is nothing but an optional `-`, digits and an optional decimal part
 * (`0`, `1234`, `-97.5`, `1234.50`; the mark is `decimalCode`) with at most FAST_DIGITS
 * digits — most money and coordinate cells of most exports —: its value, exactly as the
 * full readers compute it; else NaN, and the caller reads the cell with all its rules
 * (spaces, other signs, groups, currency, exponent, "no value" tokens…).
 */
export function plainDecimal(s: string, from: number, to: number, decimalCode: number): number {
  const negative = from < to && s.charCodeAt(from) === 45;
  if (negative) from++;
  let i = from;
  let m = 0;
  let c = 0;
  while (i < to && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    m = m * 10 + (c - 48);
    i++;
  }
  const intDigits = i - from;
  if (intDigits === 0 || intDigits > FAST_DIGITS) return NaN;
  if (i === to) return negative ? -m : m;
  if (c !== decimalCode) return NaN;
  const f0 = ++i;
  while (i < to && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    m = m * 10 + (c - 48);
    i++;
  }
  const fraction = i - f0;
  if (i !== to || fraction === 0 || intDigits + fraction > FAST_DIGITS) return NaN;
  const v = m / POW10[fraction]!;
  return negative ? -v : v;
}
