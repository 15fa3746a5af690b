/**
 * Market chunks benchmark (issue 12): saving and reading 200k CRM-like stores the way
 * schema v8 keeps them (src/db/marketChunks.ts: chunks of STORES_PER_CHUNK stores in
 * columns, writeMarket / readMarket) against the way v6/v7 kept them (chunks of 5,000
 * `Store` objects, written and read with the same one-request-per-chunk loop; a frozen copy
 * of that code is below, as the baseline).
 *
 * Also printed: the slowest single chunk request of each read (what the page waits for
 * before it gets the thread back), and loadMarket (read + column-wise validation).
 * IndexedDB is fake-indexeddb in node (structured clone + in-memory B-trees, as in the db
 * tests): the browser's IndexedDB differs in absolute speed, the ratios are what to read.
 * 3 runs after a warm-up, a full GC before each timing.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { readMarket, STORES_PER_CHUNK, writeMarket } from '../../src/db/marketChunks';
import { loadMarket } from '../../src/db/marketRepository';
import { createPlannerDb, type PlannerDb } from '../../src/db/schema';
import { marketFromStores } from '../../src/domain/market';
import type { PersonId, Store, StoreId, WorkspaceId } from '../../src/domain/types';
import { fmtInt, fmtMs, gc, median, mulberry32, printTable, syntheticStore } from './benchUtils';

const STORES = 200_000;
const OLD_CHUNK = 5_000;
const RUNS = 3;
const WS = 'ws-bench' as WorkspaceId;

export const name = `market chunks: write + read ${fmtInt(STORES)} stores, v8 columns (${fmtInt(STORES_PER_CHUNK)} a chunk) vs v7 Store[] chunks (${fmtInt(OLD_CHUNK)} a chunk), fake-indexeddb`;

function crmStores(n: number): Store[] {
  const random = mulberry32(12);
  const out: Store[] = [];
  for (let i = 0; i < n; i++) {
    const s = syntheticStore(i, -124 + random() * 57, 25 + random() * 24, random);
    out.push({
      ...s,
      id: `S-${Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0')}${i.toString(36)}` as StoreId,
      externalId: `CRM-${100_000 + i}`,
      name: `Pet Supply ${i % 977} #${i}`,
      address: `${1 + (i % 9_999)} Main St`,
      city: `City ${i % 5_000}`,
      state: ['TX', 'CA', 'NY', 'FL', 'KS'][i % 5]!,
      zip: String(10_000 + (i % 30_000)),
      accountManagerId: `P-AM-${i % 300}` as PersonId,
    });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** v6/v7's writeStoreRecords, frozen (the stores are already sorted and valid here). */
async function writeOld(db: PlannerDb, stores: readonly Store[]): Promise<void> {
  await db.transaction('rw', db.marketChunks, async () => {
    await db.marketChunks.where('workspaceId').equals(WS).delete();
    for (let k = 0; k * OLD_CHUNK < stores.length; k++) {
      await db.marketChunks.add({ workspaceId: WS, chunk: k, stores: stores.slice(k * OLD_CHUNK, (k + 1) * OLD_CHUNK) } as never);
    }
  });
}

/** v6/v7's readStoreRecords, frozen; also returns the slowest single get. */
async function readOld(db: PlannerDb): Promise<{ stores: Store[]; worst: number }> {
  return db.transaction('r', db.marketChunks, async () => {
    const keys = (await db.marketChunks.where('workspaceId').equals(WS).primaryKeys()).sort((a, b) => a[1] - b[1]);
    const out: Store[] = [];
    let worst = 0;
    for (const key of keys) {
      const t = performance.now();
      const c = (await db.marketChunks.get(key)) as unknown as { stores: Store[] };
      worst = Math.max(worst, performance.now() - t);
      for (const s of c.stores) out.push(s);
    }
    return { stores: out, worst };
  });
}

async function worstNewGet(db: PlannerDb): Promise<number> {
  return db.transaction('r', db.marketChunks, async () => {
    let worst = 0;
    for (const key of await db.marketChunks.where('workspaceId').equals(WS).primaryKeys()) {
      const t = performance.now();
      await db.marketChunks.get(key);
      worst = Math.max(worst, performance.now() - t);
    }
    return worst;
  });
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  gc();
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export async function run(): Promise<void> {
  const stores = crmStores(STORES);
  const market = marketFromStores(stores);
  const oldDb = createPlannerDb(`tp-bench-chunks-old-${process.pid}`, { indexedDB, IDBKeyRange });
  const newDb = createPlannerDb(`tp-bench-chunks-new-${process.pid}`, { indexedDB, IDBKeyRange });
  const t = { oldWrite: [] as number[], oldRead: [] as number[], oldWorst: [] as number[], newWrite: [] as number[], newRead: [] as number[], newWorst: [] as number[], load: [] as number[] };
  for (let r = 0; r < RUNS + 1; r++) {
    const keep = r > 0; // the first run warms up
    const ow = await timed(() => writeOld(oldDb, stores));
    let worst = 0;
    const or = await timed(async () => (worst = (await readOld(oldDb)).worst));
    const nw = await timed(() => writeMarket(newDb, WS, market));
    const nr = await timed(() => readMarket(newDb, WS));
    const nworst = await worstNewGet(newDb);
    const ld = await timed(() => loadMarket(newDb, WS));
    if (!keep) continue;
    t.oldWrite.push(ow);
    t.oldRead.push(or);
    t.oldWorst.push(worst);
    t.newWrite.push(nw);
    t.newRead.push(nr);
    t.newWorst.push(nworst);
    t.load.push(ld);
  }
  oldDb.close();
  newDb.close();
  printTable(
    [
      ['', 'write', 'read', 'slowest chunk get', 'chunks'],
      [`v7: Store[] × ${fmtInt(OLD_CHUNK)}`, fmtMs(median(t.oldWrite)), fmtMs(median(t.oldRead)), fmtMs(median(t.oldWorst)), fmtInt(Math.ceil(STORES / OLD_CHUNK))],
      [`v8: columns × ${fmtInt(STORES_PER_CHUNK)}`, fmtMs(median(t.newWrite)), fmtMs(median(t.newRead)), fmtMs(median(t.newWorst)), fmtInt(Math.ceil(STORES / STORES_PER_CHUNK))],
      ['v8 / v7', `${(median(t.newWrite) / median(t.oldWrite)).toFixed(2)}×`, `${(median(t.newRead) / median(t.oldRead)).toFixed(2)}×`, '', ''],
      ['v8 loadMarket (read + validate)', '', fmtMs(median(t.load)), '', ''],
    ],
    'lrrrr',
  );
}
