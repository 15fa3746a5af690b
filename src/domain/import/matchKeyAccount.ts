/**
 * Key-account flag cells: yes/no, true/false, y/n, 1/0, x (a ticked box in a sheet),
 * ✓/✔, key/strategic; case-insensitive. An empty cell is `false` (the caller handles it).
 * Anything else returns null and the row is rejected 'bad-key-account': a flag read wrongly
 * would move an account in or out of a portfolio's key accounts unnoticed.
 */
import { normalizeWord } from './normalizeWord';

const TRUE_WORDS = new Set(['yes', 'y', 'true', 't', '1', 'x', '✓', '✔', 'key', 'keyaccount', 'strategic']);
const FALSE_WORDS = new Set(['no', 'n', 'false', 'f', '0', '-', 'none']);

/** true / false for a recognised (non-empty, trimmed) cell, null otherwise. */
export function matchKeyAccount(text: string): boolean | null {
  const w = text.toLowerCase();
  if (TRUE_WORDS.has(w)) return true;
  if (FALSE_WORDS.has(w)) return false;
  const n = normalizeWord(w); // "Key Account", "Y." …
  if (n !== w && n !== '') {
    if (TRUE_WORDS.has(n)) return true;
    if (FALSE_WORDS.has(n)) return false;
  }
  return null;
}
