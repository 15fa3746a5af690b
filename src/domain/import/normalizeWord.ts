/**
 * The comparison key for header names and vocabulary cells: lower case, letters and
 * digits only (`Store_Name`, `store name`, `STORE-NAME` → `storename`), with `#` read as
 * "number" so that `Account #` is not confused with `Account`. Accented letters are kept.
 */
export function normalizeWord(s: string): string {
  return s
    .toLowerCase()
    .replace(/#/g, 'number')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
