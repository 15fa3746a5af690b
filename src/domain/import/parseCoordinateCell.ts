/**
 * A latitude or longitude cell as a number. Coordinates never have thousands separators
 * (|value| ≤ 180), so unlike money cells either `.` or `,` is read as the decimal mark,
 * whatever the file's decimal setting: `40,7128` from a European export and `40.7128` are
 * both 40.7128. Also accepted: surrounding spaces, a leading `'`, a sign (`-`, `+`, `−`),
 * an exponent (`1e-7`, as `String(n)` writes tiny values) and a trailing degree sign `°`.
 *
 * Returns `null` for a blank cell or a "no value" token (`N/A`, `null`, … — such rows can
 * fall back to their ZIP), `NaN` for anything else that is not a number (reported as
 * 'non-numeric-coordinate'), else the value (range checks are the caller's).
 */
import { isBlankToken } from './blankTokens';
import { FAST_DIGITS, POW10, plainDecimal } from './fastDecimal';
import { isSpaceCode } from './readTextCell';

/** A latitude/longitude cell `s[from, to)` (default: all of `s`) → number; null = no value, NaN = not a number. */
export function parseCoordinateCell(s: string, from = 0, to = s.length): number | null {
  const plain = plainDecimal(s, from, to, 46);
  if (plain === plain) return plain;
  let start = from;
  let end = to;
  while (start < end && isSpaceCode(s.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(s.charCodeAt(end - 1))) end--;
  if (start === end) return null;
  let i = start;
  let rewrite = false;
  let negative = false;
  let c = s.charCodeAt(i);
  if (c === 39) {
    rewrite = true;
    c = ++i < end ? s.charCodeAt(i) : NaN; // never past the cell: a span's end is not the text's
  }
  if (c === 45 || c === 43 || c === 0x2212) {
    negative = c !== 43;
    if (c !== 45) rewrite = true;
    i++;
  }
  if (end > i && s.charCodeAt(end - 1) === 0xb0) {
    end--;
    rewrite = true;
  }
  const bodyStart = i;
  let digits = 0;
  let mantissa = 0;
  while (i < end && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    digits++;
    i++;
  }
  let comma = -1;
  let fraction = 0;
  if (i < end && ((c = s.charCodeAt(i)) === 46 || c === 44)) {
    if (c === 44) comma = i;
    i++;
    while (i < end && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      fraction++;
      i++;
    }
  }
  let exponent = false;
  if (digits > 0 && i < end && ((c = s.charCodeAt(i)) === 101 || c === 69)) {
    exponent = true;
    i++;
    if (i < end && ((c = s.charCodeAt(i)) === 43 || c === 45)) i++;
    const d0 = i;
    while (i < end && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
    if (i === d0) digits = 0;
  }
  if (digits === 0 || i !== end) return isBlankToken(s.slice(start, end)) ? null : NaN;
  if (!exponent && digits <= FAST_DIGITS) {
    const v = mantissa / POW10[fraction]!;
    return negative ? -v : v;
  }
  if (!rewrite && comma < 0) return Number(s.slice(start, end));
  const body = comma < 0 ? s.slice(bodyStart, end) : `${s.slice(bodyStart, comma)}.${s.slice(comma + 1, end)}`;
  return Number(negative ? `-${body}` : body);
}
