/**
 * US ZIP codes as files really carry them. A spreadsheet that once treated the column as
 * numbers drops leading zeros (`02134` → `2134`, `00501` → `501`); CRMs append the +4
 * (`12345-6789`, `12345 6789`, `123456789`). Both forms must find the same centroid and be
 * stored the same way.
 *
 * `zipKey` gives the 5-digit ZIP as a number 0…99999 (for table lookups without building
 * strings), `normalizeZip` the text to store. Accepted, after trimming and an optional
 * leading `'`: 3–5 digits (left-padded with zeros), optionally followed by `-` or a space
 * and 4 digits, or exactly 9 digits. Anything else (`K1A 0B6`, `ABCDE`, `123`456`) is not a
 * US ZIP: `zipKey` → −1, `normalizeZip` → null (the importer then keeps the cell as written
 * and cannot geocode it).
 */
import { isSpaceCode } from './readTextCell';

/** The 5-digit ZIP as a number (02134 → 2134), or −1 when `s` is not a US ZIP. */
export function zipKey(s: string): number {
  let start = 0;
  let end = s.length;
  while (start < end && isSpaceCode(s.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(s.charCodeAt(end - 1))) end--;
  if (start < end && s.charCodeAt(start) === 39) start++;
  let i = start;
  let v = 0;
  let c = 0;
  while (i < end && (c = s.charCodeAt(i)) >= 48 && c <= 57) {
    if (i - start < 5) v = v * 10 + (c - 48);
    i++;
  }
  const digits = i - start;
  if (i === end) return digits >= 3 && digits <= 5 ? v : digits === 9 ? v : -1;
  if (digits < 3 || digits > 5 || end - i !== 5) return -1;
  c = s.charCodeAt(i);
  if (c !== 45 && c !== 32) return -1;
  for (let k = i + 1; k < end; k++) {
    c = s.charCodeAt(k);
    if (c < 48 || c > 57) return -1;
  }
  return v;
}

/**
 * The ZIP to store: `NNNNN` or `NNNNN-NNNN` with leading zeros restored, or null when the
 * cell is not a US ZIP. Returns `s` itself (no copy) when it is already a plain 5-digit ZIP.
 */
export function normalizeZip(s: string): string | null {
  const key = zipKey(s);
  if (key < 0) return null;
  if (s.length === 5 && isDigitCode(s.charCodeAt(0)) && isDigitCode(s.charCodeAt(4))) return s;
  const t = s.trim().replace(/^'/, '');
  const zip5 = String(key).padStart(5, '0');
  const digits = t.replace(/[- ]/g, '');
  // The +4 part is the last 4 digits when there are more than 5 in total.
  if (digits.length === 9 || /[- ]\d{4}$/.test(t)) return `${zip5}-${digits.slice(-4)}`;
  return zip5;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}
