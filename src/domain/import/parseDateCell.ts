/**
 * Date cells (customer since, renewal date) as ISO `YYYY-MM-DD`.
 *
 * Accepted with either order:
 *  - ISO `YYYY-MM-DD` (also `YYYY/MM/DD` and one-digit month/day), optionally followed by
 *    a time (`2024-03-05T14:00:00Z`, `2024-03-05 14:00`): the date is taken AS WRITTEN,
 *    never shifted by a time zone, because the file's author meant that calendar day.
 * Accepted with order 'us' only (the wizard's default, for US CRM/Excel exports):
 *  - `M/D/YYYY` and `MM/DD/YYYY`, optionally followed by a time (`3/5/2024 2:00 PM`);
 *  - `M/D/YY`: a two-digit year is read as Excel reads it (1930–2029) or, when a
 *    `referenceYear` is given, as the year within [ref − 80, ref + 19] that ends in those
 *    digits (so renewal dates a few years ahead stay in the future);
 *  - an Excel serial day number of exactly 5 digits (10000–99999, i.e. 1927–2173), with an
 *    optional fraction (time of day), for date columns whose formatting was lost.
 * 'iso-only' is for files from locales where 03/04/2024 means 3 April: slashed day-month
 * dates are refused rather than guessed.
 *
 * Every accepted date must be a real calendar day (no 2023-02-29) with a year in
 * 1800–2199. Returns `null` for a blank cell, a "no value" token (`N/A`, … see
 * blankTokens.ts) or the database "zero date" `0000-00-00`; `false` when the cell is not a
 * date ('bad-date'); else the ISO date. An ISO date cell that needs no change is returned
 * as is (no new string).
 */
import { isBlankToken } from './blankTokens';
import { isSpaceCode } from './readTextCell';

export type DateOrder = 'us' | 'iso-only';

const MIN_YEAR = 1800;
const MAX_YEAR = 2199;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30); // serial 0 in the 1900 system (after its 1900-02-29 bug)
const DAY_MS = 86_400_000;

/**
 * A date cell `s[from, to)` (default: all of `s`) → ISO `YYYY-MM-DD`; null = no value,
 * false = not a date (formats: module comment).
 */
export function parseDateCell(s: string, order: DateOrder, referenceYear?: number, from = 0, to = s.length): string | null | false {
  let start = from;
  let end = to;
  while (start < end && isSpaceCode(s.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(s.charCodeAt(end - 1))) end--;
  if (start === end) return null;
  let i = start;
  if (s.charCodeAt(i) === 39) i++;

  // ISO: YYYY-M-D or YYYY/M/D, then end or a time.
  if (end - i >= 8 && isDigit(s, i) && isDigit(s, i + 1) && isDigit(s, i + 2) && isDigit(s, i + 3)) {
    const sep = s.charCodeAt(i + 4);
    if (sep === 45 || sep === 47) {
      const year = num(s, i, i + 4);
      let j = i + 5;
      const m0 = j;
      while (j < end && j - m0 < 2 && isDigit(s, j)) j++;
      const month = j > m0 ? num(s, m0, j) : -1;
      if (month >= 0 && j < end && s.charCodeAt(j) === sep) {
        const d0 = ++j;
        while (j < end && j - d0 < 2 && isDigit(s, j)) j++;
        const day = j > d0 ? num(s, d0, j) : -1;
        if (day >= 0 && isDateEnd(s, j, end)) {
          if (year === 0 && month === 0 && day === 0) return null; // 0000-00-00
          if (!isValidDate(year, month, day)) return false;
          if (i === from && end === to && j === end && j - from === 10 && sep === 45 && j - d0 === 2 && d0 - m0 === 3) return s.slice(from, to);
          return iso(year, month, day);
        }
      }
    }
  }

  if (order === 'us') {
    // M/D/YYYY or M/D/YY, then end or a time.
    let j = i;
    while (j < end && j - i < 2 && isDigit(s, j)) j++;
    if (j > i && j < end && s.charCodeAt(j) === 47) {
      const month = num(s, i, j);
      const d0 = ++j;
      while (j < end && j - d0 < 2 && isDigit(s, j)) j++;
      if (j > d0 && j < end && s.charCodeAt(j) === 47) {
        const day = num(s, d0, j);
        const y0 = ++j;
        while (j < end && j - y0 < 4 && isDigit(s, j)) j++;
        const yDigits = j - y0;
        if ((yDigits === 4 || yDigits === 2) && isDateEnd(s, j, end)) {
          let year = num(s, y0, j);
          if (yDigits === 2) year = centuryFor(year, referenceYear);
          return isValidDate(year, month, day) ? iso(year, month, day) : false;
        }
      }
      return false;
    }
    if (j > i) return parseSerial(s, i, end);
  }
  return isBlankToken(s.slice(start, end)) ? null : false;
}

/** A 5-digit Excel serial day (optional fraction), else false. */
function parseSerial(s: string, i: number, end: number): string | false {
  let j = i;
  while (j < end && isDigit(s, j)) j++;
  if (j - i !== 5) return false;
  if (j < end) {
    if (s.charCodeAt(j) !== 46) return false;
    j++;
    while (j < end && isDigit(s, j)) j++;
    if (j !== end) return false;
  }
  const serial = num(s, i, i + 5);
  return new Date(EXCEL_EPOCH_MS + serial * DAY_MS).toISOString().slice(0, 10);
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function num(s: string, from: number, to: number): number {
  let v = 0;
  for (let k = from; k < to; k++) v = v * 10 + (s.charCodeAt(k) - 48);
  return v;
}

/** The date part ends here: end of cell, or a time after 'T' or a space. */
function isDateEnd(s: string, j: number, end: number): boolean {
  if (j === end) return true;
  const c = s.charCodeAt(j);
  return (c === 84 || c === 32) && j + 1 < end && isDigit(s, j + 1);
}

function centuryFor(yy: number, referenceYear: number | undefined): number {
  if (referenceYear === undefined) return yy < 30 ? 2000 + yy : 1900 + yy;
  const last = referenceYear + 19;
  return last - ((((last - yy) % 100) + 100) % 100);
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}
