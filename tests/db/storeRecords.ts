/**
 * Test access to the stores on disk, which live in market chunks in columns
 * (src/db/marketChunks.ts): what `db.stores.get/count/toArray/put` gave when there was one
 * record per store, as store objects that are easy to compare.
 */
import { readMarket, writeMarket } from '../../src/db/marketChunks';
import type { PlannerDb } from '../../src/db/schema';
import { marketFromStores, marketStores } from '../../src/domain/market';
import type { Store, WorkspaceId } from '../../src/domain/types';

export type StoredStore = Store & { workspaceId: WorkspaceId };

/** Every store of every workspace, with its workspace, sorted by id. */
export async function allStores(db: PlannerDb): Promise<StoredStore[]> {
  const out: StoredStore[] = [];
  for (const c of await db.marketChunks.orderBy('[workspaceId+chunk]').toArray()) {
    for (const s of marketStores(c.market)) out.push({ ...s, workspaceId: c.workspaceId });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export async function storeById(db: PlannerDb, id: string): Promise<StoredStore | undefined> {
  return (await allStores(db)).find((s) => s.id === id);
}

/** Every store of one workspace as stored (not validated), in id order. */
export async function workspaceStores(db: PlannerDb, workspaceId: WorkspaceId): Promise<Store[]> {
  return marketStores(await readMarket(db, workspaceId));
}

/** Adds or replaces one store in its workspace's market. */
export async function putStore(db: PlannerDb, record: StoredStore): Promise<void> {
  const { workspaceId, ...store } = record;
  await db.transaction('rw', db.marketChunks, async () => {
    const stores = (await workspaceStores(db, workspaceId)).filter((s) => s.id !== store.id);
    await writeMarket(db, workspaceId, marketFromStores([...stores, store as Store]));
  });
}
