/**
 * Money and score cells as numbers. CRM and ERP exports write numbers for people, not for
 * parsers: `1,234.50`, `$1,234`, `(1,234.00)` for a negative in accounting format,
 * `1.234,50` from a European locale. Read strictly enough that a misread is reported
 * instead of guessed: with `decimalComma` off, `12,5` is NOT 125 (thousands groups must
 * have exactly three digits), so a decimal-comma file read with the wrong setting gives
 * 'bad-number' rows instead of prices ten times too high.
 *
 * Accepted (after trimming spaces, including no-break spaces):
 *  - an optional leading `'` (Excel's "this is text" marker, and our export's neutraliser);
 *  - an optional sign `-` / `+` / `−` (U+2212), or parentheses around the number = negative;
 *  - an optional currency symbol `$ € £ ¥` before or after the number (spaces allowed);
 *  - digits with optional thousands groups: `,` (or `.` with `decimalComma`), a space, a
 *    no-break space or a narrow no-break space; the first group has 1–3 digits, the
 *    others exactly 3, one kind of separator per number;
 *  - an optional decimal part: `.` (or `,` with `decimalComma`) then digits;
 *  - an optional exponent `e`/`E` (`1.5E+6`, as spreadsheets write large numbers).
 *
 * Returns:
 *  - `null` for a blank cell or a "no value" token (`N/A`, `#N/A`, `null`, `-`, … see
 *    blankTokens.ts) — the caller decides what "no value" means (0 for revenue);
 *  - `NaN` when the cell is not a number in the formats above ('bad-number');
 *  - `±Infinity` when the magnitude exceeds 10^15 ('number-too-large': no store has a
 *    quadrillion-dollar revenue; it is a unit, column or parsing mistake);
 *  - the value otherwise, exactly what `Number()` gives for the normalised text, so a value
 *    written with `String(n)` (our exports) reads back as the same double.
 *
 * Cost: one pass over the characters and no string built: up to 15 significant digits
 * without exponent, the value is computed exactly from the digits (see fastDecimal.ts);
 * longer cells go through `Number` on the normalised text.
 */
import { isBlankToken } from './blankTokens';
import { FAST_DIGITS, POW10, plainDecimal } from './fastDecimal';
import { isSpaceCode } from './readTextCell';

/** Largest magnitude accepted; beyond it the cell is 'number-too-large'. */
export const MAX_NUMBER_MAGNITUDE = 1e15;

/**
 * A money/score cell → number; null = no value, NaN = not a number, ±Infinity = > 10^15.
 * The cell is `s[from, to)` (default: all of `s`).
 */
export function parseNumberCell(s: string, decimalComma: boolean, from = 0, to = s.length): number | null {
  const plain = plainDecimal(s, from, to, decimalComma ? 44 : 46);
  if (plain === plain) return plain;
  let start = from;
  let end = to;
  while (start < end && isSpaceCode(s.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(s.charCodeAt(end - 1))) end--;
  if (start === end) return null;
  const v = scanNumber(s, start, end, decimalComma);
  if (v !== v) return isBlankToken(s.slice(start, end)) ? null : NaN;
  if (v > MAX_NUMBER_MAGNITUDE || v < -MAX_NUMBER_MAGNITUDE) return v > 0 ? Infinity : -Infinity;
  return v;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isCurrency(c: number): boolean {
  return c === 36 || c === 0x20ac || c === 0xa3 || c === 0xa5;
}

function isGroupSpace(c: number): boolean {
  return c === 32 || c === 160 || c === 0x202f;
}

/** The number in s[start, end) (already trimmed), NaN when it is not one. */
function scanNumber(s: string, start: number, end: number, decimalComma: boolean): number {
  let i = start;
  let rewrite = false;
  let negative = false;
  let sign = false;
  let paren = false;
  let currency = false;
  if (s.charCodeAt(i) === 39) {
    i++;
    rewrite = true;
  }
  // Prefix: sign, opening parenthesis, currency symbol (each at most once).
  for (;;) {
    if (i >= end) return NaN;
    const c = s.charCodeAt(i);
    if (c === 45 || c === 0x2212 || c === 43) {
      if (sign) return NaN;
      sign = true;
      if (c !== 43) negative = true;
      if (c !== 45) rewrite = true;
      i++;
    } else if (c === 40) {
      if (paren || sign) return NaN;
      paren = true;
      rewrite = true;
      i++;
    } else if (isCurrency(c)) {
      if (currency) return NaN;
      currency = true;
      rewrite = true;
      i++;
      while (i < end && isSpaceCode(s.charCodeAt(i))) i++;
    } else break;
  }
  // Suffix: currency symbol, closing parenthesis (in either order).
  for (let k = 0; k < 2; k++) {
    if (end <= i) return NaN;
    const c = s.charCodeAt(end - 1);
    if (isCurrency(c) && !currency) {
      currency = true;
      rewrite = true;
    } else if (c === 41 && paren && !negative) {
      negative = true;
    } else break;
    end--;
    while (end > i && isSpaceCode(s.charCodeAt(end - 1))) end--;
  }
  if (paren && !negative) return NaN; // "(" without ")"

  // Integer part with optional thousands groups.
  const groupCode = decimalComma ? 46 : 44;
  const decimalCode = decimalComma ? 44 : 46;
  const bodyStart = i;
  let intDigits = 0;
  let groupSep = -1;
  let groupLen = 0;
  let mantissa = 0;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      mantissa = mantissa * 10 + (c - 48);
      intDigits++;
      groupLen++;
      i++;
    } else if (c === groupCode || isGroupSpace(c)) {
      if (groupSep === -1) {
        if (intDigits === 0 || intDigits > 3) return NaN;
        groupSep = c;
      } else if (c !== groupSep || groupLen !== 3) return NaN;
      groupLen = 0;
      rewrite = true;
      i++;
    } else break;
  }
  if (groupSep !== -1 && groupLen !== 3) return NaN;
  const intEnd = i;
  // Decimal part.
  let fracStart = -1;
  let fracEnd = -1;
  if (i < end && s.charCodeAt(i) === decimalCode) {
    i++;
    fracStart = i;
    let c = 0;
    while (i < end && isDigit((c = s.charCodeAt(i)))) {
      mantissa = mantissa * 10 + (c - 48);
      i++;
    }
    fracEnd = i;
    if (decimalComma) rewrite = true;
  }
  if (intDigits === 0 && fracEnd - fracStart <= 0) return NaN;
  // Exponent.
  const expStart = i;
  if (i < end && (s.charCodeAt(i) === 101 || s.charCodeAt(i) === 69)) {
    i++;
    if (i < end && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45)) i++;
    const d0 = i;
    while (i < end && isDigit(s.charCodeAt(i))) i++;
    if (i === d0) return NaN;
  }
  if (i !== end) return NaN;

  const fraction = fracStart < 0 ? 0 : fracEnd - fracStart;
  if (expStart === end && intDigits + fraction <= FAST_DIGITS) {
    const v = mantissa / POW10[fraction]!;
    return negative ? -v : v;
  }
  if (!rewrite) return Number(s.slice(start, end));
  let text = negative ? '-' : '';
  text += groupSep === -1 ? s.slice(bodyStart, intEnd) : s.slice(bodyStart, intEnd).split(String.fromCharCode(groupSep)).join('');
  if (fracStart >= 0) text += '.' + s.slice(fracStart, fracEnd);
  if (expStart < end) text += s.slice(expStart, end);
  return Number(text);
}
