/**
 * The market's stores on disk: a few large records ("chunks") of STORES_PER_CHUNK stores
 * each, per workspace, keyed [workspaceId+chunk], instead of one record per store.
 *
 * Why: IndexedDB's cost is per record and per index entry. One record per store, with four
 * indexes, made saving 100k imported stores take 15–20 s and reading them back several
 * seconds; a chunk of 5,000 plain objects is one structured clone and one write. The
 * lookups the per-store indexes served (a store by external id on re-import, the stores of
 * an account manager) are made in memory over the chunks: the whole market is read at
 * start anyway.
 *
 * Stores are written sorted by id, so the chunks concatenated in chunk order are the market
 * in id order. Records keep any field the app does not know (import rule 12).
 * All functions here run inside the caller's transaction, which must include
 * `db.marketChunks`.
 */
import type { Store, StoreId, WorkspaceId } from '../domain/types';
import type { MarketChunk, PlannerDb } from './schema';

/** Stores per chunk: large enough that per-record costs vanish, small enough to write one between two frames. */
export const STORES_PER_CHUNK = 5_000;

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0); // an id-less store sorts anywhere; it is refused below

function chunksOf(db: PlannerDb, workspaceId: WorkspaceId) {
  return db.marketChunks.where('[workspaceId+chunk]').between([workspaceId, -Infinity], [workspaceId, Infinity], true, true);
}

/** Every stored store of the workspace, as stored (not normalised), in id order. */
export async function readStoreRecords(db: PlannerDb, workspaceId: WorkspaceId): Promise<Store[]> {
  // One request per chunk, not one getAll: the browser turns a record back into objects on
  // the page's thread when its request completes, so 100k stores in one getAll froze the
  // page for seconds; chunk by chunk, it gets the thread back every few tens of ms.
  const keys = await chunksOf(db, workspaceId).primaryKeys();
  keys.sort((a, b) => a[1] - b[1]);
  const out: Store[] = [];
  for (const key of keys) {
    const c = await db.marketChunks.get(key);
    if (c) for (const s of c.stores) out.push(s);
  }
  return out;
}

/**
 * Replaces the workspace's stores with `stores` (sorted by id here; a record's
 * `workspaceId`, if any, is dropped: the chunk carries it). `onChunk` gets the fraction
 * written after each chunk, which is also when the page gets the thread back.
 */
export async function writeStoreRecords(
  db: PlannerDb,
  workspaceId: WorkspaceId,
  stores: readonly Store[],
  onChunk?: (fraction: number) => void,
): Promise<void> {
  await chunksOf(db, workspaceId).delete();
  const sorted = stores
    .map((s) => {
      if (!('workspaceId' in s)) return s;
      const { workspaceId: _ws, ...rest } = s as Store & { workspaceId?: unknown };
      return rest as Store;
    })
    .sort(byId);
  // What the per-store primary key used to refuse: a store without an id, or two with one id.
  for (let i = 0; i < sorted.length; i++) {
    const id = sorted[i]!.id as unknown;
    if (typeof id !== 'string' || id === '') throw new Error(`store ${i + 1} of ${sorted.length} has no id; nothing was saved`);
    if (i > 0 && sorted[i - 1]!.id === id) throw new Error(`two stores have the id ${id}; nothing was saved`);
  }
  const total = Math.max(1, Math.ceil(sorted.length / STORES_PER_CHUNK));
  for (let k = 0; k * STORES_PER_CHUNK < sorted.length; k++) {
    const chunk: MarketChunk = { workspaceId, chunk: k, stores: sorted.slice(k * STORES_PER_CHUNK, (k + 1) * STORES_PER_CHUNK) };
    await db.marketChunks.add(chunk);
    onChunk?.((k + 1) / total);
  }
  if (sorted.length === 0) onChunk?.(1);
}

/**
 * Changes some stores in place: `change` returns the new record, or the same object when
 * the store is unchanged. Only the chunks that hold a changed store are written.
 * @returns the ids of the stores that changed.
 */
export async function updateStoreRecords(db: PlannerDb, workspaceId: WorkspaceId, change: (s: Store) => Store): Promise<StoreId[]> {
  const changed: StoreId[] = [];
  for (const key of await chunksOf(db, workspaceId).primaryKeys()) {
    const c = await db.marketChunks.get(key);
    if (!c) continue;
    let touched = false;
    const stores = c.stores.map((s) => {
      const next = change(s);
      if (next !== s) {
        touched = true;
        changed.push(s.id);
      }
      return next;
    });
    if (touched) await db.marketChunks.put({ ...c, stores });
  }
  return changed;
}
