/**
 * Text cells as stored: trimmed, otherwise verbatim — a name that looks like a formula
 * (`=HYPERLINK(…)`, `+1`, `@SUM`) or like HTML (`<img src=x onerror=…>`) is data and stays
 * as written; it is neutralised only on export (csv.ts) and shown as text by the UI.
 *
 * One thing is undone: our CSV exports (csv.ts, storesCsv.ts) protect a text cell that
 * starts with = + - @ TAB CR LF by prefixing a single quote (OWASP "CSV injection"). So
 * that an exported file re-imports to the same stores, a leading `'` is removed when the
 * run of `'` it starts is directly followed by one of those characters. A text that really
 * starts with `'=` was exported as `''=` (see `csvReversibleTextCell` in storesCsv.ts) and
 * comes back as `'=`; a `'` before anything else (`'Tis`) is kept.
 */

/** True for the characters trimmed from cells (JS `trim` whitespace subset that matters). */
export function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 160 || c === 0x202f || c === 0x2007 || c === 0xfeff || c === 11 || c === 12;
}

/** = + - @ TAB CR LF: what csv.ts neutralises. */
export function isFormulaStartCode(c: number): boolean {
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 || c === 10;
}

/**
 * A cell's text as stored (trimmed, export neutraliser removed); '' for a missing cell.
 * The cell is `s[from, to)` (default: all of `s`, which is then returned as is when it
 * needs no change).
 */
export function readTextCell(s: string | undefined, from = 0, to = s === undefined ? 0 : s.length): string {
  if (s === undefined || from === to) return '';
  // Fast path, most cells: printable ASCII at both ends and no leading quote → as is.
  const a = s.charCodeAt(from);
  const b = s.charCodeAt(to - 1);
  if (a > 32 && a < 127 && a !== 39 && b > 32 && b < 127) return s.slice(from, to);
  const t = s.slice(from, to).trim();
  if (t.charCodeAt(0) !== 39) return t;
  let k = 1;
  while (t.charCodeAt(k) === 39) k++;
  return k < t.length && isFormulaStartCode(t.charCodeAt(k)) ? t.slice(1) : t;
}
