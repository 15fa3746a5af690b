/**
 * Cells that spreadsheets and databases write for "no value": treated like an empty cell
 * by the number, coordinate and date parsers (so `N/A` coordinates fall back to the ZIP,
 * an `N/A` revenue is 0, an `N/A` date is null). Excel's `#N/A` is one; other Excel error
 * values (`#VALUE!`, `#DIV/0!`) are NOT blank: they are reported as bad values.
 */
const BLANK_TOKENS = new Set(['n/a', 'na', '#n/a', 'null', 'none', 'nil', 'nan', '-', '--', '—', '–', '?']);

/** True when the trimmed cell is one of the "no value" spellings (case-insensitive). */
export function isBlankToken(trimmed: string): boolean {
  return trimmed.length <= 4 && BLANK_TOKENS.has(trimmed.toLowerCase());
}
