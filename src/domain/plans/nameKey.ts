/**
 * The form in which two names count as "the same name" when territories of two plans or
 * people of a file and of a workspace are matched: Unicode NFC, trimmed, runs of
 * whitespace collapsed to one space, lower case. "North  Texas " and "north texas" match;
 * a typo does not (matching is exact on purpose: a wrong match is worse than none).
 */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}
