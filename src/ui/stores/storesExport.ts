import { csvChunks, storesCsvLines } from '../../domain/export';
import type { AppState } from '../../store/types';
import { downloadPieces, slug } from '../common/download';

/**
 * Downloads the given stores (the filtered stores table) as a spreadsheet-safe CSV that the
 * importer reads back unchanged, with each store's territory in the current plan appended.
 */
export function storesToCsvFile(state: AppState, indices: Int32Array): Promise<void> {
  const { market, people, plan, assignment, territories } = state;
  const names = new Map(people.map((p) => [p.id, p.name]));
  const territoryOf = Array.from(indices, (i) => {
    const t = assignment[i] ?? -1;
    return t >= 0 ? (territories[t]?.name ?? '') : '';
  });
  const lines = storesCsvLines({ market, rows: indices }, names, [{ header: 'territory', value: (_s, k) => territoryOf[k] ?? '' }]);
  return downloadPieces(`stores-${slug(plan?.name ?? 'market')}-${new Date().toISOString().slice(0, 10)}.csv`, csvChunks(lines), 'text/csv;charset=utf-8');
}
