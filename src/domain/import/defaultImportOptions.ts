/**
 * How cells are read until the user says otherwise, the same in the wizard (what it
 * proposes) and in the import worker (what it validates with while the wizard opens):
 * a `;`-separated file is a European export that writes `1.234,50`, so decimal commas;
 * every other file decimal points; US and ISO dates.
 */
import type { ImportOptions } from './importTypes';

export function defaultImportOptions(delimiter: string): Pick<ImportOptions, 'decimalComma' | 'dateOrder'> {
  return { decimalComma: delimiter === ';', dateOrder: 'us' };
}
