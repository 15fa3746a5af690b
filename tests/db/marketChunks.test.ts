/**
 * The market on disk in chunks of columns (src/db/marketChunks.ts): a save and a load give
 * back every field of every store across chunk boundaries, a failed or aborted save leaves
 * the previous market exactly as it was, a load drops unusable rows and says so, and
 * account manager changes touch only the chunks and the column concerned.
 */
import { Dexie } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { commitImport, loadMarket } from '../../src/db/marketRepository';
import {
  countAccounts,
  marketFromRecords,
  readMarket,
  reassignAccounts,
  setAccountManagers,
  STORES_PER_CHUNK,
  writeMarket,
} from '../../src/db/marketChunks';
import { loadWorkspace, seedWorkspace } from '../../src/db/planRepository';
import { createPlannerDb, type PlannerDb } from '../../src/db/schema';
import { marketFromStores, marketStores, sliceMarket, type Market } from '../../src/domain/market';
import type { PersonId, Store, StoreId, WorkspaceId } from '../../src/domain/types';
import { plan, store, workspace, WS } from '../fixtures/market';

let seq = 0;
const opened: PlannerDb[] = [];
function freshDb(): PlannerDb {
  const db = createPlannerDb(`tp-chunks-${++seq}-${Date.now()}`, { indexedDB, IDBKeyRange });
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const byId = (a: Store, b: Store) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const AM = (i: number) => `P-AM-${i}` as PersonId;

/** n stores with every kind of value a field can hold, in a shuffled id order. */
function varied(n: number, prefix = 'S'): Store[] {
  return Array.from({ length: n }, (_, i) => {
    const k = (i * 7919) % n; // a permutation of 0…n−1: ids are not in order
    return {
      ...store(`${prefix}${String(k).padStart(6, '0')}`, -179.5 + (k % 359), -89.5 + (k % 179), {
        name: k % 7 === 0 ? 'Ünïcode 商店 "quoted", comma\nnewline 🐕' : k % 11 === 0 ? '' : `Store ${k}`,
        externalId: k % 5 === 0 ? null : k % 13 === 0 ? '' : `CRM-${k}`,
        city: `City ${k % 300}`,
        zip: String(10_000 + (k % 4_000)),
        revenue: k === 1 ? Number.MAX_VALUE : k === 2 ? -0.000001 : k * 10.25,
        potential: k === 3 ? Number.MAX_SAFE_INTEGER : 5_000,
        satisfaction: k % 3 === 0 ? null : (k % 5) + 1,
        customerSince: k % 2 ? '2024-02-29' : null,
        renewalDate: k % 17 === 0 ? '2026-01-01' : null,
        keyAccount: k % 13 === 0,
        status: (['customer', 'prospect', 'lost'] as const)[k % 3]!,
        accountManagerId: k % 4 === 0 ? null : AM(k % 9),
      }),
      ...(k % 1_000 === 0 ? { crmSegment: { tier: 'gold', since: k } } : {}),
    } as Store;
  });
}

async function chunkLengths(db: PlannerDb, ws: WorkspaceId = WS): Promise<number[]> {
  return (await db.marketChunks.where('workspaceId').equals(ws).sortBy('chunk')).map((c) => c.market.length);
}

describe('writeMarket / readMarket', () => {
  it('round-trips every field of every store over chunk boundaries, in id order, each chunk with its own dictionaries', async () => {
    const db = freshDb();
    const stores = varied(12_345);
    const written = await writeMarket(db, WS, marketFromStores(stores), undefined, 5_000);
    const sorted = [...stores].sort(byId);
    expect(marketStores(written)).toEqual(sorted);
    expect(await chunkLengths(db)).toEqual([5_000, 5_000, 2_345]);
    const back = await readMarket(db, WS);
    expect(back.length).toBe(12_345);
    expect(marketStores(back)).toEqual(sorted); // unicode, '' and null, the largest numbers, unknown fields
    // A chunk's dictionaries hold only the values its stores use.
    const last = (await db.marketChunks.get([WS, 2]))!.market;
    expect(last.city.values.length).toBeLessThanOrEqual(300);
    expect(new Set(last.zip.values).size).toBe(last.zip.values.length);
    const zipsUsed = new Set(sorted.slice(10_000).map((s) => s.zip));
    expect(last.zip.values.every((z) => zipsUsed.has(z))).toBe(true);
  });

  it('the default chunk holds STORES_PER_CHUNK stores; a smaller market deletes the chunks it no longer needs; an empty one none', async () => {
    const db = freshDb();
    const stores = varied(STORES_PER_CHUNK + 10);
    const fractions: number[] = [];
    await writeMarket(db, WS, marketFromStores(stores), (f) => fractions.push(f));
    expect(await chunkLengths(db)).toEqual([STORES_PER_CHUNK, 10]);
    expect(fractions).toEqual([0.5, 1]);
    await writeMarket(db, WS, marketFromStores(stores.slice(0, 3)));
    expect(await chunkLengths(db)).toEqual([3]);
    expect(marketStores(await readMarket(db, WS))).toEqual(stores.slice(0, 3).sort(byId));
    const last: number[] = [];
    await writeMarket(db, WS, marketFromStores([]), (f) => last.push(f));
    expect(await chunkLengths(db)).toEqual([]);
    expect(last).toEqual([1]);
    expect((await readMarket(db, WS)).length).toBe(0);
  });

  it('keeps workspaces apart', async () => {
    const db = freshDb();
    const other = 'ws-other' as WorkspaceId;
    await writeMarket(db, WS, marketFromStores(varied(30)), undefined, 7);
    await writeMarket(db, other, marketFromStores([store('X1', 1, 1)]));
    await writeMarket(db, WS, marketFromStores(varied(5)), undefined, 7);
    expect(marketStores(await readMarket(db, other)).map((s) => s.id)).toEqual(['X1']);
    expect((await readMarket(db, WS)).length).toBe(5);
  });

  it('refuses a store without an id, or two stores with one id, before writing anything', async () => {
    const db = freshDb();
    const before = varied(20);
    await writeMarket(db, WS, marketFromStores(before), undefined, 6);
    const noId = marketFromRecords([store('A', 1, 1), { ...store('B', 1, 1), id: undefined }]);
    await expect(writeMarket(db, WS, noId)).rejects.toThrow('store 2 of 2 has no id; nothing was saved');
    await expect(writeMarket(db, WS, marketFromStores([store('B', 1, 1), store('A', 1, 1), store('B', 2, 2)]))).rejects.toThrow('two stores have the id B; nothing was saved');
    await expect(writeMarket(db, WS, marketFromStores([store('A', 1, 1), store('A', 2, 2)]))).rejects.toThrow('two stores have the id A; nothing was saved');
    expect(marketStores(await readMarket(db, WS))).toEqual(before.sort(byId));
  });

  it('an abort in the middle of the write, inside the caller’s transaction, leaves the previous market exactly as it was', async () => {
    const db = freshDb();
    const before = varied(1_000, 'OLD');
    await writeMarket(db, WS, marketFromStores(before), undefined, 300);
    const chunksBefore = await db.marketChunks.toArray();
    const err = await db
      .transaction('rw', db.marketChunks, async () => {
        const tx = Dexie.currentTransaction;
        await writeMarket(db, WS, marketFromStores(varied(2_000, 'NEW')), (f) => {
          if (f >= 0.5) tx.abort(); // old chunks deleted, half of the new ones written
        }, 300);
      })
      .catch((e: unknown) => e);
    expect((err as Error).name).toMatch(/AbortError|TransactionInactiveError/); // the write after the abort fails
    expect(await db.marketChunks.toArray()).toEqual(chunksBefore);
    expect(marketStores(await readMarket(db, WS))).toEqual(before.sort(byId));
  });

  it('a failure in a later chunk, without a caller’s transaction, leaves the previous market (writeMarket opens its own)', async () => {
    const db = freshDb();
    const before = varied(100);
    await writeMarket(db, WS, marketFromStores(before), undefined, 30);
    let added = 0;
    db.marketChunks.hook('creating', () => {
      if (++added === 3) throw new Error('disk full');
    });
    await expect(writeMarket(db, WS, marketFromStores(varied(200, 'NEW')), undefined, 30)).rejects.toThrow('disk full');
    expect(marketStores(await readMarket(db, WS))).toEqual(before.sort(byId));
  });
});

describe('loading validates the stored market column by column', () => {
  /** Puts a market on disk as is, as a damaged or older record could be (writeMarket would refuse or sort it). */
  async function putRaw(db: PlannerDb, m: Market, chunk = 0): Promise<void> {
    await db.marketChunks.put({ workspaceId: WS, chunk, market: m });
  }

  it('a valid market loads as it was stored, with no problem', async () => {
    const db = freshDb();
    const stores = varied(500);
    await seedWorkspace(db, { workspace, plans: [{ plan, territories: [], regions: [] }], market: marketFromStores(stores), people: [] });
    const loaded = (await loadWorkspace(db))!;
    expect(loaded.problems).toEqual([]);
    expect(marketStores(loaded.market)).toEqual(stores.sort(byId));
  });

  it('drops stores without an id, with bad coordinates or an unknown status, counts them in one sentence, and deletes nothing', async () => {
    const db = freshDb();
    await db.workspaces.put(workspace);
    await db.plans.put(plan);
    const good = [store('S1', 5, 5), store('S3', -180, -90), store('S5', 180, 90)];
    const raw = marketFromRecords([
      good[0],
      { ...store('S2', 0, 0), lat: 91 },
      good[1],
      { ...store('S2b', 0, 0), lng: Number.NaN },
      { ...store('S2c', 0, 0), lat: 'north' },
      { ...store('S4', 0, 0), status: 'closed' },
      { ...store('S4b', 0, 0), id: 42 }, // not a string: no id
      good[2],
      { ...store('S6', 0, 0), lng: Infinity },
    ]);
    await putRaw(db, raw);
    const loaded = (await loadWorkspace(db))!;
    expect(marketStores(loaded.market)).toEqual(good);
    expect(loaded.problems).toEqual(['6 stores were not loaded: missing id or invalid coordinates/status.']);
    expect((await readMarket(db, WS)).length).toBe(9); // reported, not destroyed
  });

  it('reads money that is not a finite number as 0, and keeps the rest of the store', async () => {
    const db = freshDb();
    await putRaw(db, marketFromRecords([{ ...store('S1', 1, 1), revenue: Number.NaN, priorRevenue: Infinity, potential: 'lots' }, store('S2', 1, 1)]));
    const { market, problems } = await loadMarket(db, WS);
    expect(problems).toEqual([]);
    expect(marketStores(market)).toEqual([{ ...store('S1', 1, 1), revenue: 0, priorRevenue: 0, potential: 0 }, store('S2', 1, 1)]);
  });

  it('sorts a market stored out of id order and drops a second store with an id already seen', async () => {
    const db = freshDb();
    await putRaw(db, marketFromStores([store('S3', 1, 1), store('S1', 1, 1)]), 0);
    await putRaw(db, marketFromStores([store('S2', 1, 1), store('S1', 2, 2, { name: 'second S1' })]), 1);
    const { market, problems } = await loadMarket(db, WS);
    expect(marketStores(market).map((s) => [s.id, s.name])).toEqual([['S1', 'Store S1'], ['S2', 'Store S2'], ['S3', 'Store S3']]);
    expect(problems).toEqual(['1 stores were not loaded: another store has the same id.']);
  });

  it('a record that is not a market is reported and its stores left out', async () => {
    const db = freshDb();
    await writeMarket(db, WS, marketFromStores([store('S1', 1, 1)]));
    await db.marketChunks.put({ workspaceId: WS, chunk: 1, market: { length: 3 } as unknown as Market });
    const { market, problems } = await loadMarket(db, WS);
    expect(marketStores(market).map((s) => s.id)).toEqual(['S1']);
    expect(problems).toEqual(['1 market records could not be read: their stores were not loaded.']);
    // and an import refuses to rewrite (and so delete) it
    await expect(commitImport(db, WS, [], { now: 1 })).rejects.toThrow(/could not be read; nothing was imported/);
  });
});

describe('account managers on the column', () => {
  async function seededChunks(db: PlannerDb): Promise<Store[]> {
    const stores = varied(1_000).sort(byId);
    await writeMarket(db, WS, marketFromStores(stores), undefined, 100);
    return stores;
  }

  it('countAccounts counts a person’s stores over every chunk', async () => {
    const db = freshDb();
    const stores = await seededChunks(db);
    expect(await countAccounts(db, WS, AM(3))).toBe(stores.filter((s) => s.accountManagerId === AM(3)).length);
    expect(await countAccounts(db, WS, 'P-nobody' as PersonId)).toBe(0);
  });

  it('reassignAccounts rewrites only the chunks holding the person, and only that column; setAccountManagers puts them back', async () => {
    const db = freshDb();
    const stores = await seededChunks(db);
    // A person whose stores all sit in chunks 2 and 7.
    const mine = new Set([stores[205]!.id, stores[250]!.id, stores[731]!.id]);
    const original = stores.map((s) => (mine.has(s.id) ? { ...s, accountManagerId: 'P-AM-ONLY' as PersonId } : s));
    await writeMarket(db, WS, marketFromStores(original), undefined, 100);
    const puts: number[] = [];
    db.marketChunks.hook('updating', (_mods, key) => {
      puts.push((key as [WorkspaceId, number])[1]);
    });
    const changed = await reassignAccounts(db, WS, 'P-AM-ONLY' as PersonId, AM(1));
    expect(changed).toEqual([...mine].sort());
    expect(puts).toEqual([2, 7]);
    const after = marketStores(await readMarket(db, WS));
    expect(after).toEqual(original.map((s) => (mine.has(s.id) ? { ...s, accountManagerId: AM(1) } : s)));
    const chunk2 = (await db.marketChunks.get([WS, 2]))!.market;
    expect(chunk2.accountManagerId.values).not.toContain('P-AM-ONLY');
    expect(chunk2.name).toEqual(sliceMarket(marketFromStores(original), 200, 300).name); // other columns as they were

    puts.length = 0;
    const accounts: { storeId: StoreId; managerId: PersonId | null }[] = [...mine].map((storeId) => ({ storeId, managerId: 'P-AM-ONLY' as PersonId }));
    accounts.push({ storeId: 'S-unknown' as StoreId, managerId: null });
    const restored = await setAccountManagers(db, WS, accounts);
    expect(restored.sort()).toEqual([...mine].sort());
    expect(puts).toEqual([2, 7]);
    expect(marketStores(await readMarket(db, WS))).toEqual(original);
    // nothing differs: nothing is written
    puts.length = 0;
    expect(await setAccountManagers(db, WS, [{ storeId: stores[205]!.id, managerId: 'P-AM-ONLY' as PersonId }])).toEqual([]);
    expect(puts).toEqual([]);
  });

  it('reassignAccounts to null clears them, and to nobody new changes nothing', async () => {
    const db = freshDb();
    const stores = await seededChunks(db);
    const changed = await reassignAccounts(db, WS, AM(2), null);
    expect(changed).toEqual(stores.filter((s) => s.accountManagerId === AM(2)).map((s) => s.id));
    expect(await countAccounts(db, WS, AM(2))).toBe(0);
    expect(marketStores(await readMarket(db, WS))).toEqual(stores.map((s) => (s.accountManagerId === AM(2) ? { ...s, accountManagerId: null } : s)));
    expect(await reassignAccounts(db, WS, AM(2), AM(5))).toEqual([]);
  });
});

describe('commitImport returns the market it wrote', () => {
  it('the returned market and people are what loadMarket reads back', async () => {
    const db = freshDb();
    await seedWorkspace(db, { workspace, plans: [{ plan, territories: [], regions: [] }], stores: varied(300), people: [] });
    const rows = [
      { ...store('x', -97, 38, { externalId: 'CRM-7', name: 'Renamed' }), accountManagerName: 'Zoe Park', sourceRow: 2 },
      { ...store('x', -96, 38, { externalId: 'CRM-NEW' }), accountManagerName: null, sourceRow: 3 },
    ];
    const result = await commitImport(db, WS, rows, { now: 1, storesPerChunk: 40 });
    expect(result.summary).toMatchObject({ added: 1, updated: 1 });
    const loaded = await loadMarket(db, WS);
    expect(marketStores(result.market)).toEqual(marketStores(loaded.market));
    expect(result.people).toEqual(loaded.people);
    expect(result.problems).toEqual([]);
    expect(await chunkLengths(db)).toEqual([40, 40, 40, 40, 40, 40, 40, 21]);
  });

  it('a file with every store as it is (unicode, null and empty values, the largest numbers) is all unchanged and writes nothing', async () => {
    const db = freshDb();
    const stores = varied(300).filter((s) => s.externalId !== null && s.externalId !== '');
    await seedWorkspace(db, { workspace, plans: [{ plan, territories: [], regions: [] }], stores, people: [] });
    const rows = stores.map((s, i) => {
      const { id: _id, accountManagerId: _am, ...fields } = s;
      return { ...fields, accountManagerName: null, sourceRow: i + 2 };
    });
    let writes = 0;
    db.marketChunks.hook('creating', () => {
      writes++;
    });
    const progress: number[] = [];
    const result = await commitImport(db, WS, rows, { now: 1, keepAccountManagerWhenBlank: true, onProgress: (f) => progress.push(f) });
    expect(result.summary).toMatchObject({ added: 0, updated: 0, unchanged: stores.length });
    expect(writes).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expect(marketStores(result.market)).toEqual([...stores].sort(byId));
  });
});
