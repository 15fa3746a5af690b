/**
 * The market's stores on disk: a few large records ("chunks") per workspace, keyed
 * [workspaceId+chunk], each holding STORES_PER_CHUNK stores in columns (a `Market`, see
 * domain/market/market.ts), instead of one record per store or one object per store.
 *
 * Why: IndexedDB's cost is per record and per index entry, and the browser turns a record
 * into JS values on the page's thread (a structured clone) when it is written and when its
 * request completes. One record per store, with four indexes, made saving 100k stores take
 * 15–20 s; chunks of 5,000 `Store` objects (schema v6/v7) still cost a clone of 5,000
 * objects with ~20 properties each. In columns a chunk is a few typed arrays and strings:
 * cloning 50,000 stores costs about what 5,000 objects did, and the stores are never turned
 * into objects on the way in or out. The lookups the per-store indexes served (a store by
 * external id on re-import, the stores of an account manager) are made over the columns.
 *
 * Stores are written sorted by id, so the chunks joined in chunk order are the market in id
 * order, and a store's id is unique in its workspace (what the per-store primary key used
 * to enforce). Stores keep any field the app does not know (`Market.extras`, import rule 12).
 *
 * Every function here runs inside the caller's transaction when there is one (which must
 * include `db.marketChunks`), or in its own: a failure or an abort in the middle of a write
 * leaves the previous market exactly as it was.
 */
import { lowerBound } from '../domain/sortedSearch';
import { Dexie } from 'dexie';
import {
  concatMarkets,
  EMPTY_MARKET,
  MarketBuilder,
  pickStores,
  sliceMarket,
  textAt,
  withAccountManagersAt,
  type CodeColumn,
  type Codes,
  type Market,
  type TextColumn,
} from '../domain/market';
import type { PersonId, Store, StoreId, WorkspaceId } from '../domain/types';
import type { MarketChunk, PlannerDb } from './schema';

/**
 * Stores per chunk, by measurement (node 20, 200k CRM-like stores; structured clone is
 * what the browser does on the page's thread per request): a clone of a 50,000-store chunk
 * in columns takes ~58 ms there and back, less than one chunk of 5,000 `Store` objects
 * (~90 ms), so the page still gets the thread back well within 100 ms between chunks.
 * Smaller chunks cost more in all, because every chunk repeats its dictionaries (ZIPs,
 * cities): 200k stores clone in ~0.2 s in chunks of 50,000, ~0.3 s of 20,000, ~0.5 s of
 * 5,000; joining them back costs ~0.1 s, ~0.16 s and ~0.5 s. A million stores are 20
 * records. `npm run bench -- marketChunks`: v8 writes and reads 200k stores 5–6× faster
 * than v7's chunks of objects in fake-indexeddb.
 */
export const STORES_PER_CHUNK = 50_000;

function chunksOf(db: PlannerDb, workspaceId: WorkspaceId) {
  return db.marketChunks.where('[workspaceId+chunk]').between([workspaceId, -Infinity], [workspaceId, Infinity], true, true);
}

/** Runs `body` in the caller's transaction when it has one, else in its own 'rw' one over the chunks. */
function inTransaction<T>(db: PlannerDb, mode: 'r' | 'rw', body: () => Promise<T>): Promise<T> {
  const tx = Dexie.currentTransaction;
  if (tx && tx.db === db) return body();
  return db.transaction(mode, db.marketChunks, body);
}

/** The workspace's chunk keys, in chunk order. */
async function chunkKeys(db: PlannerDb, workspaceId: WorkspaceId): Promise<[WorkspaceId, number][]> {
  const keys = await chunksOf(db, workspaceId).primaryKeys();
  return keys.sort((a, b) => a[1] - b[1]);
}

/** The market of the workspace as stored (not validated), with the number of records that could not be read. */
export async function readMarketParts(db: PlannerDb, workspaceId: WorkspaceId): Promise<{ market: Market; unreadable: number }> {
  return inTransaction(db, 'r', async () => {
    // One request per chunk, not one getAll: the browser turns a record into values on the
    // page's thread when its request completes, so one big read would freeze the page;
    // chunk by chunk, it gets the thread back between two clones.
    const parts: Market[] = [];
    let unreadable = 0;
    for (const key of await chunkKeys(db, workspaceId)) {
      const c = await db.marketChunks.get(key);
      if (c && isMarket(c.market)) parts.push(c.market);
      else unreadable++;
    }
    return { market: parts.length === 0 ? EMPTY_MARKET : concatMarkets(parts), unreadable };
  });
}

/**
 * Every store of the workspace as stored (not validated: see planRepository's
 * loadWorkspaceMarket), in id order. A record that is not a market (a bug, a damaged
 * database) is left out; readMarketParts counts them.
 */
export async function readMarket(db: PlannerDb, workspaceId: WorkspaceId): Promise<Market> {
  return (await readMarketParts(db, workspaceId)).market;
}

/**
 * Replaces the workspace's market with `market`, sorted by id (when it is not, the order
 * is computed and the stores picked in it), in chunks of `storesPerChunk` stores. Refuses,
 * before anything is written, a store without an id and two stores with one id, as the
 * per-store primary key used to. `onChunk` gets the fraction written after each chunk,
 * which is also when the page gets the thread back.
 * @returns the market as written (sorted by id): the app can keep it instead of reading it back.
 */
export async function writeMarket(
  db: PlannerDb,
  workspaceId: WorkspaceId,
  market: Market,
  onChunk?: (fraction: number) => void,
  storesPerChunk: number = STORES_PER_CHUNK,
): Promise<Market> {
  const sorted = withoutWorkspaceIds(sortedById(market));
  return inTransaction(db, 'rw', async () => {
    await chunksOf(db, workspaceId).delete();
    const total = Math.max(1, Math.ceil(sorted.length / storesPerChunk));
    for (let k = 0; k * storesPerChunk < sorted.length; k++) {
      const chunk: MarketChunk = { workspaceId, chunk: k, market: sliceMarket(sorted, k * storesPerChunk, (k + 1) * storesPerChunk) };
      await db.marketChunks.add(chunk);
      onChunk?.((k + 1) / total);
    }
    if (sorted.length === 0) onChunk?.(1);
    return sorted;
  });
}

/**
 * The market in id order, or why it cannot be saved (an id missing or used twice). Costs
 * one pass over the ids when the market is already sorted (a loaded or built one is).
 */
export function sortedById(market: Market): Market {
  const n = market.length;
  const ids = market.id;
  for (let i = 0; i < n; i++) {
    if (isNullText(ids, i) || textLength(ids, i) === 0) throw new Error(`store ${i + 1} of ${n} has no id; nothing was saved`);
  }
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) {
    const c = compareTextAt(ids, i - 1, i);
    if (c === 0) throw new Error(`two stores have the id ${textAt(ids, i)}; nothing was saved`);
    if (c > 0) sorted = false;
  }
  if (sorted) return market;
  const all = new Array<string>(n);
  for (let i = 0; i < n; i++) all[i] = textAt(ids, i);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (all[a]! < all[b]! ? -1 : all[a]! > all[b]! ? 1 : a - b));
  for (let j = 1; j < n; j++) if (all[order[j - 1]!] === all[order[j]!]) throw new Error(`two stores have the id ${all[order[j]!]}; nothing was saved`);
  return pickStores(market, order);
}

/** The chunk carries the workspace: a `workspaceId` kept among a store's unknown fields is dropped (as v6 did). */
function withoutWorkspaceIds(m: Market): Market {
  if (!m.extras) return m;
  let found = false;
  for (const e of m.extras.values()) if ('workspaceId' in e) found = true;
  if (!found) return m;
  const extras = new Map<number, Readonly<Record<string, unknown>>>();
  for (const [i, e] of m.extras) {
    const { workspaceId: _ws, ...rest } = e;
    if (Object.keys(rest).length > 0) extras.set(i, rest);
  }
  return { ...m, extras: extras.size > 0 ? extras : null };
}

// ---------------------------------------------------------------------------------------
// Account managers, on the one column, chunk by chunk

/** How many stores of the workspace have this account manager. */
export async function countAccounts(db: PlannerDb, workspaceId: WorkspaceId, personId: PersonId): Promise<number> {
  return inTransaction(db, 'r', async () => {
    let count = 0;
    for (const key of await chunkKeys(db, workspaceId)) {
      const c = await db.marketChunks.get(key);
      if (!c || !isMarket(c.market)) continue;
      const col = c.market.accountManagerId;
      const k = col.values.indexOf(personId);
      if (k < 0) continue;
      for (let i = 0; i < c.market.length; i++) if (col.codes[i] === k) count++;
    }
    return count;
  });
}

/**
 * Hands every store of `from` to `to` (null clears it). Only the chunks whose dictionary
 * holds `from` are rewritten, and only their account manager column changes: no store is
 * built. @returns the ids of the stores that changed, in id order.
 */
export async function reassignAccounts(db: PlannerDb, workspaceId: WorkspaceId, from: PersonId, to: PersonId | null): Promise<StoreId[]> {
  return inTransaction(db, 'rw', async () => {
    const changed: StoreId[] = [];
    for (const key of await chunkKeys(db, workspaceId)) {
      const c = await db.marketChunks.get(key);
      if (!c || !isMarket(c.market)) continue;
      const m = c.market;
      const k = m.accountManagerId.values.indexOf(from);
      if (k < 0 || from === to) continue;
      const rows = new Map<number, PersonId | null>();
      for (let i = 0; i < m.length; i++) {
        if (m.accountManagerId.codes[i] === k) {
          rows.set(i, to);
          changed.push(textAt(m.id, i) as StoreId);
        }
      }
      if (rows.size > 0) await db.marketChunks.put({ ...c, market: withAccountManagersAt(m, (i) => rows.get(i)) });
    }
    return changed;
  });
}

/**
 * Sets the account manager of the listed stores (restoring a deleted person's portfolio).
 * Stores are found by binary search in the chunks (sorted by id); only the chunks with a
 * store whose manager differs are rewritten. Unknown store ids are ignored.
 * @returns the ids of the stores that changed.
 */
export async function setAccountManagers(
  db: PlannerDb,
  workspaceId: WorkspaceId,
  accounts: readonly { storeId: StoreId; managerId: PersonId | null }[],
): Promise<StoreId[]> {
  if (accounts.length === 0) return [];
  const managerOf = new Map<string, PersonId | null>(accounts.map((a) => [a.storeId, a.managerId]));
  const wanted = [...managerOf.keys()].sort();
  return inTransaction(db, 'rw', async () => {
    const changed: StoreId[] = [];
    for (const key of await chunkKeys(db, workspaceId)) {
      const c = await db.marketChunks.get(key);
      if (!c || !isMarket(c.market) || c.market.length === 0) continue;
      const m = c.market;
      const first = textAt(m.id, 0);
      const last = textAt(m.id, m.length - 1);
      const rows = new Map<number, PersonId | null>();
      for (let w = lowerBound(wanted, first); w < wanted.length && wanted[w]! <= last; w++) {
        const id = wanted[w]!;
        const i = findSorted(m.id, id);
        if (i < 0) continue;
        const to = managerOf.get(id)!;
        if ((m.accountManagerId.values[m.accountManagerId.codes[i]!] ?? null) === to) continue;
        rows.set(i, to);
        changed.push(id as StoreId);
      }
      if (rows.size > 0) await db.marketChunks.put({ ...c, market: withAccountManagersAt(m, (i) => rows.get(i)) });
    }
    return changed;
  });
}

// ---------------------------------------------------------------------------------------
// Converting stores (seeds, backups, the v8 migration)

const TEXT_FIELDS = ['name', 'address'] as const;
const NUMBER_FIELDS = ['lat', 'lng', 'revenue', 'priorRevenue', 'potential'] as const;

/**
 * The market of these store records, as stored: at the boundary where stores come in as
 * objects (a seed, a backup, a v7 chunk). A value a column cannot hold is not "fixed" into
 * a valid one: an id that is not a string becomes '' (writeMarket refuses it, a load drops
 * and reports it), a number that is not a number NaN (a load drops the store for bad
 * coordinates or reads 0 revenue, as normaliseStore did), a name or address that is not
 * text ''. Repeated values (city, status, dates…) are kept as they are: a dictionary holds any.
 * A record's `workspaceId` is dropped: the chunk carries it.
 */
export function marketFromRecords(records: Iterable<unknown>): Market {
  const b = new MarketBuilder();
  for (const r of records) b.push(storeForColumns(r));
  return b.build();
}

function storeForColumns(r: unknown): Store {
  if (!r || typeof r !== 'object') return storeForColumns({});
  const s = r as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  const fix = (k: string, v: unknown) => {
    (out ??= { ...s })[k] = v;
  };
  if (typeof s.id !== 'string') fix('id', '');
  for (const k of TEXT_FIELDS) if (typeof s[k] !== 'string') fix(k, '');
  if (s.externalId != null && typeof s.externalId !== 'string') fix('externalId', typeof s.externalId === 'number' ? String(s.externalId) : null);
  for (const k of NUMBER_FIELDS) if (typeof s[k] !== 'number') fix(k, NaN);
  if (s.satisfaction != null && typeof s.satisfaction !== 'number') fix('satisfaction', null);
  if ('workspaceId' in s) {
    out ??= { ...s };
    delete out.workspaceId;
  }
  return (out ?? s) as unknown as Store;
}

// ---------------------------------------------------------------------------------------
// helpers

/** Whether a stored value has the shape of a Market (every column there, of the right length). */
export function isMarket(v: unknown): v is Market {
  if (!v || typeof v !== 'object') return false;
  const m = v as Market;
  const n = m.length;
  if (!Number.isInteger(n) || n < 0) return false;
  // By tag, not instanceof: a value read back may come from another realm (a test environment).
  const is = (x: unknown, tag: string) => Object.prototype.toString.call(x) === `[object ${tag}]`;
  const sized = (x: unknown, tag: string) => is(x, tag) && (x as ArrayLike<unknown>).length === n;
  const text = (c: TextColumn | undefined) => !!c && typeof c.text === 'string' && sized(c.ends, 'Uint32Array') && (c.nulls === null || sized(c.nulls, 'Uint8Array'));
  const code = (c: CodeColumn | undefined) => !!c && Array.isArray(c.values) && ArrayBuffer.isView(c.codes) && (c.codes as Codes).length === n;
  return (
    text(m.id) && text(m.externalId) && text(m.name) && text(m.address) &&
    code(m.city) && code(m.state) && code(m.zip) && code(m.status) && code(m.channel) && code(m.geocodePrecision) &&
    code(m.customerSince) && code(m.renewalDate) && code(m.accountManagerId) &&
    (['lat', 'lng', 'revenue', 'priorRevenue', 'potential', 'satisfaction'] as const).every((k) => sized(m[k], 'Float64Array')) &&
    sized(m.keyAccount, 'Uint8Array') &&
    (m.extras === null || is(m.extras, 'Map'))
  );
}

function isNullText(c: TextColumn, i: number): boolean {
  return c.nulls !== null && c.nulls[i] === 1;
}

function textLength(c: TextColumn, i: number): number {
  return c.ends[i]! - (i === 0 ? 0 : c.ends[i - 1]!);
}

/** Compares values i and j of a text column as `<` compares strings, without slicing them. */
export function compareTextAt(c: TextColumn, i: number, j: number): number {
  const t = c.text;
  const a0 = i === 0 ? 0 : c.ends[i - 1]!;
  const b0 = j === 0 ? 0 : c.ends[j - 1]!;
  const la = c.ends[i]! - a0;
  const lb = c.ends[j]! - b0;
  const l = Math.min(la, lb);
  for (let k = 0; k < l; k++) {
    const d = t.charCodeAt(a0 + k) - t.charCodeAt(b0 + k);
    if (d !== 0) return d;
  }
  return la - lb;
}

/** The index of `id` in a text column sorted ascending, or −1. */
function findSorted(c: TextColumn, id: string): number {
  let lo = 0;
  let hi = c.ends.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = textAt(c, mid);
    if (v < id) lo = mid + 1;
    else if (v > id) hi = mid - 1;
    else return mid;
  }
  return -1;
}

