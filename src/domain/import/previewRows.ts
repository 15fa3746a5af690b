/**
 * The wizard's live preview: the first `n` non-blank rows exactly as `validateRows` would
 * store or reject them with this mapping and these options (same rules, same messages),
 * in file order. Cheap enough to rerun on every mapping change.
 */
import type { ColumnMapping } from './fields';
import type { ImportOptions, ParsedTable, PreviewRow } from './importTypes';
import { RowValidator } from './rowValidator';

/** The first `n` non-blank rows as they would be stored or rejected. */
export function previewRows(table: ParsedTable, mapping: ColumnMapping, opts: ImportOptions, n = 5): PreviewRow[] {
  const validator = new RowValidator(table.header, mapping, opts);
  const out: PreviewRow[] = [];
  const { rows, rowNumbers, invalidRows } = table;
  for (let i = 0; i < rows.length && out.length < n; i++) {
    const rowNumber = rowNumbers[i]!;
    validator.add(rows[i]!, rowNumber, invalidRows.get(i));
    const outcome = validator.last();
    if (outcome === null) continue; // blank row
    out.push('reason' in outcome ? { row: rowNumber, rejected: outcome } : { row: rowNumber, store: outcome });
  }
  return out;
}
