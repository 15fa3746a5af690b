/**
 * The valid rows of an import, in columns: what the import worker hands the page and the
 * market repository commits. A million rows cross from the worker to the page as a few
 * typed arrays and strings (one structured clone of blocks, milliseconds) instead of a
 * million objects (seconds, and a gigabyte on each side for a while).
 *
 * The rows are a Market whose stores have no id yet ('' each: ids are given at commit, by
 * matching external ids) and no account manager id (the names, as written in the file,
 * are in `managerNames`, resolved to people at commit), plus each row's number in the file.
 */
import { CodeBuilder, MarketBuilder, codeAt, storeAt, type CodeColumn, type Market } from '../market';
import type { StoreId } from '../types';
import type { ImportedStore, ImportedStoreLike } from './importTypes';

export interface ImportedRows {
  readonly market: Market;
  /** Per row, the account manager's name as written (trimmed); null when blank or no column. */
  readonly managerNames: CodeColumn<string | null>;
  /** Per row, the row (or feature) number users see; 0 when unknown. */
  readonly sourceRows: Int32Array;
}

/** Collects valid rows one by one (the row validator), without keeping the objects. */
export class ImportedRowsBuilder {
  private readonly market = new MarketBuilder();
  private readonly names = new CodeBuilder<string | null>();
  private rows: number[] = [];

  get length(): number {
    return this.rows.length;
  }

  push(s: ImportedStoreLike): void {
    this.market.push(
      {
        id: '' as StoreId, externalId: s.externalId, name: s.name, address: s.address, city: s.city, state: s.state, zip: s.zip,
        lat: s.lat, lng: s.lng, geocodePrecision: s.geocodePrecision, status: s.status, channel: s.channel, revenue: s.revenue,
        priorRevenue: s.priorRevenue, potential: s.potential, customerSince: s.customerSince, satisfaction: s.satisfaction,
        renewalDate: s.renewalDate, keyAccount: s.keyAccount, accountManagerId: null,
      },
      true,
    );
    this.names.push(s.accountManagerName ?? null);
    this.rows.push(s.sourceRow ?? 0);
  }

  build(): ImportedRows {
    return { market: this.market.build(), managerNames: this.names.build(), sourceRows: Int32Array.from(this.rows) };
  }
}

/** Rows given as objects (tests, small producers) in columns. */
export function importedRowsFrom(stores: Iterable<ImportedStoreLike>): ImportedRows {
  const b = new ImportedRowsBuilder();
  for (const s of stores) b.push(s);
  return b.build();
}

/** Row i as an object (the preview, a message, a test). */
export function importedStoreAt(rows: ImportedRows, i: number): ImportedStore {
  const { id: _id, accountManagerId: _am, ...fields } = storeAt(rows.market, i);
  return { ...fields, accountManagerName: codeAt(rows.managerNames, i), sourceRow: rows.sourceRows[i]! };
}

/** Every row as an object: for small imports and tests, never for a million rows. */
export function importedStores(x: ImportedRows | { rows: ImportedRows }): ImportedStore[] {
  const rows = 'rows' in x ? x.rows : x;
  const out = new Array<ImportedStore>(rows.market.length);
  for (let i = 0; i < out.length; i++) out[i] = importedStoreAt(rows, i);
  return out;
}
