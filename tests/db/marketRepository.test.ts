import { Dexie } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  batchStoreIds,
  commitImport,
  deletePerson,
  loadMarket,
  personOwnership,
  savePerson,
  type ImportedStoreLike,
} from '../../src/db/marketRepository';
import { loadWorkspace, seedWorkspace } from '../../src/db/planRepository';
import { allStores, putStore, storeById } from './storeRecords';
import { marketFromStores, marketStores } from '../../src/domain/market';
import { createPlannerDb, SCHEMA_VERSION, type PlannerDb } from '../../src/db/schema';
import type { Person, PersonId, PlanId, Store, StoreId, TerritoryId, WorkspaceId } from '../../src/domain/types';
import { manager, plan, squareTerritory, store, workspace, WS } from '../fixtures/market';

let seq = 0;
const opened: PlannerDb[] = [];
function dbName(): string {
  return `tp-market-${++seq}-${Date.now()}`;
}
function freshDb(name = dbName()): PlannerDb {
  const db = createPlannerDb(name, { indexedDB, IDBKeyRange });
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const am = (id: string, name: string, over: Partial<Person> = {}): Person => ({
  id: id as PersonId,
  workspaceId: WS,
  name,
  role: 'account-manager',
  email: null,
  ...over,
});

/** An import row as the domain importer produces it. */
function row(externalId: string | null, over: Partial<ImportedStoreLike> = {}): ImportedStoreLike {
  const { id: _id, accountManagerId: _am, ...fields } = store('x', -97, 38, { externalId });
  return { ...fields, name: `Store ${externalId ?? 'new'}`, accountManagerName: null, sourceRow: 2, ...over };
}

/** Deterministic ids S-NEW-1, S-NEW-2, … and P-AM-NEW-1, … */
function counters() {
  let s = 0;
  let p = 0;
  return { newStoreId: () => `S-NEW-${++s}` as StoreId, newPersonId: () => `P-AM-NEW-${++p}` as PersonId };
}

const ALICE = am('P-AM-01', 'Alice Moreau');
const existingStores = (): Store[] => [
  store('S1', -97, 38, { externalId: 'CRM-1', name: 'Alpha Pets', accountManagerId: ALICE.id }),
  store('S2', -96, 38, { externalId: 'CRM-2', name: 'Beta Vet' }),
  store('S3', -95, 38, { externalId: null, name: 'No external id' }),
];

async function seeded(): Promise<PlannerDb> {
  const db = freshDb();
  await seedWorkspace(db, {
    workspace,
    plans: [{ plan, territories: [squareTerritory('A', -100, 30, 10, 0, { managerId: manager.id })], regions: [] }],
    stores: existingStores(),
    people: [manager, ALICE],
  });
  return db;
}

/** The import row that reproduces an existing store exactly. */
function rowOf(s: Store, amName: string | null = null, sourceRow = 2): ImportedStoreLike {
  const { id: _id, accountManagerId: _am, ...fields } = s;
  return { ...fields, accountManagerName: amName, sourceRow };
}

describe('schema v1 → v2 upgrade', () => {
  it('upgrades a v1 database in place: every record is still there and the new indexes answer', async () => {
    const name = dbName();
    // The v1 schema exactly as it shipped (frozen copy: a test of the migration, not of today's code).
    const v1 = new Dexie(name, { indexedDB, IDBKeyRange });
    v1.version(1).stores({
      workspaces: 'id',
      plans: 'id, workspaceId',
      territories: 'id, planId, [planId+rank]',
      stores: 'id, workspaceId, externalId, accountManagerId',
      people: 'id, workspaceId, role',
      meta: 'key',
    });
    const territories = [squareTerritory('A', -100, 30, 10, 0, { managerId: manager.id }), squareTerritory('B', -90, 30, 10, 1)];
    await v1.table('workspaces').put(workspace);
    await v1.table('plans').put(plan);
    await v1.table('territories').bulkPut(territories);
    await v1.table('stores').bulkPut(existingStores().map((s) => ({ ...s, workspaceId: WS })));
    await v1.table('people').bulkPut([manager, ALICE]);
    expect(v1.verno).toBe(1);
    v1.close();

    const db = freshDb(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION); // opened with every later version
    const loaded = await loadWorkspace(db);
    expect(loaded!.problems).toEqual([]);
    expect(marketStores(loaded!.market)).toEqual(existingStores());
    expect(loaded!.active.bundle.territories).toEqual(territories);
    expect(loaded!.people).toEqual([ALICE, manager]); // by primary key
    expect((await db.planTerritories.where('managerId').equals(manager.id).toArray()).map((t) => t.id)).toEqual(['A']);
    const byExt = (await allStores(db)).filter((s) => s.workspaceId === WS && s.externalId === 'CRM-2');
    expect(byExt.map((s) => s.id)).toEqual(['S2']);
  });
});

describe('commitImport', () => {
  it('adds, updates and counts unchanged stores by external id, keeping ids', async () => {
    const db = await seeded();
    const [s1, s2] = existingStores();
    const rows = [
      rowOf(s1!, 'Alice Moreau', 2), // identical → unchanged
      rowOf({ ...s2!, revenue: 9999 }, null, 3), // revenue changed → updated
      row('CRM-9', { sourceRow: 4 }), // unknown external id → added
      row(null, { name: 'Walk-in', sourceRow: 5 }), // no external id → added
    ];
    const summary = (await commitImport(db, WS, rows, { now: 1, ...counters() })).summary;
    expect(summary).toMatchObject({ added: 2, updated: 1, unchanged: 1, removed: 0, duplicates: [], peopleCreated: [] });
    expect(summary.storeIds).toEqual(['S1', 'S2', 'S-NEW-1', 'S-NEW-2']);
    expect(summary.addedIds).toEqual(['S-NEW-1', 'S-NEW-2']);
    expect(summary.updatedIds).toEqual(['S2']);

    const loaded = await loadMarket(db, WS);
    expect(loaded.problems).toEqual([]);
    const stores = marketStores(loaded.market);
    expect(stores.map((s) => s.id)).toEqual(['S-NEW-1', 'S-NEW-2', 'S1', 'S2', 'S3']);
    expect(stores.find((s) => s.id === 'S2')!.revenue).toBe(9999);
    expect(stores.find((s) => s.id === 'S1')).toEqual(s1);
    // merge mode keeps stores the file does not mention
    expect(stores.find((s) => s.id === 'S3')!.name).toBe('No external id');
    // the record is workspace-scoped and carries no import-only keys
    const rec = await storeById(db, 'S-NEW-1' as StoreId);
    expect(rec!.workspaceId).toBe(WS);
    expect(rec).not.toHaveProperty('accountManagerName');
    expect(rec).not.toHaveProperty('sourceRow');
  });

  it('re-importing the same file is all unchanged and creates no duplicates', async () => {
    const db = await seeded();
    const rows = [row('CRM-10', { accountManagerName: 'Zoe Park' }), row('CRM-11'), row('CRM-1', { name: 'Alpha Pets renamed', accountManagerName: 'alice moreau' })];
    const first = (await commitImport(db, WS, rows, { now: 1 })).summary;
    expect(first).toMatchObject({ added: 2, updated: 1, unchanged: 0 });
    expect(first.peopleCreated.map((p) => p.name)).toEqual(['Zoe Park']);
    const countAfterFirst = (await allStores(db)).length;
    const peopleAfterFirst = await db.people.count();

    const second = (await commitImport(db, WS, rows, { now: 2 })).summary;
    expect(second).toMatchObject({ added: 0, updated: 0, unchanged: 3, peopleCreated: [] });
    expect(second.storeIds).toEqual(first.storeIds);
    expect((await allStores(db)).length).toBe(countAfterFirst);
    expect(await db.people.count()).toBe(peopleAfterFirst);
  });

  it('default ids are unique and prefixed', async () => {
    const db = await seeded();
    const rows = Array.from({ length: 50 }, (_, i) => row(null, { name: `N${i}`, accountManagerName: `AM ${i % 3}` }));
    const summary = (await commitImport(db, WS, rows, { now: 1 })).summary;
    expect(new Set(summary.addedIds).size).toBe(50);
    for (const id of summary.addedIds) expect(id).toMatch(/^S-[0-9a-f]{16}$/);
    expect(summary.peopleCreated.map((p) => p.id)).toEqual(expect.arrayContaining([expect.stringMatching(/^P-AM-[0-9a-f]{16}$/)]));
    expect(summary.peopleCreated).toHaveLength(3);
  });

  it('matches account managers case-insensitively and creates the missing ones once', async () => {
    const db = await seeded();
    // A territory manager with an account manager's name is a different role.
    await db.people.put({ ...manager, id: 'P-TM-02' as PersonId, name: 'Sam Field' });
    const rows = [
      row('CRM-20', { accountManagerName: '  ALICE   moreau ' }),
      row('CRM-21', { accountManagerName: 'Bob Stone' }),
      row('CRM-22', { accountManagerName: 'bob stone' }),
      row('CRM-23', { accountManagerName: 'Sam Field' }),
      row('CRM-24', { accountManagerName: '   ' }),
      row('CRM-25', { accountManagerName: null }),
    ];
    const summary = (await commitImport(db, WS, rows, { now: 1, ...counters() })).summary;
    expect(summary.peopleCreated).toEqual([
      { id: 'P-AM-NEW-1', workspaceId: WS, name: 'Bob Stone', role: 'account-manager', email: null },
      { id: 'P-AM-NEW-2', workspaceId: WS, name: 'Sam Field', role: 'account-manager', email: null },
    ]);
    const stores = await Promise.all((summary.storeIds as StoreId[]).map((id) => storeById(db, id)));
    expect(stores.map((s) => s!.accountManagerId)).toEqual(['P-AM-01', 'P-AM-NEW-1', 'P-AM-NEW-1', 'P-AM-NEW-2', null, null]);
    expect((await loadMarket(db, WS)).people.map((p) => p.id).sort()).toEqual(['P-AM-01', 'P-AM-NEW-1', 'P-AM-NEW-2', 'P-TM-01', 'P-TM-02']);
  });

  it('a changed account manager counts as updated; a blank one clears it unless told to keep it', async () => {
    const db = await seeded();
    const [s1] = existingStores();
    const cleared = (await commitImport(db, WS, [rowOf(s1!, null)], { now: 1 })).summary;
    expect(cleared).toMatchObject({ updated: 1, unchanged: 0 });
    expect((await storeById(db, 'S1' as StoreId))!.accountManagerId).toBeNull();

    await commitImport(db, WS, [rowOf(s1!, 'Alice Moreau')], { now: 2 });
    const kept = (await commitImport(db, WS, [rowOf(s1!, null)], { now: 3, keepAccountManagerWhenBlank: true })).summary;
    expect(kept).toMatchObject({ updated: 0, unchanged: 1 });
    expect((await storeById(db, 'S1' as StoreId))!.accountManagerId).toBe('P-AM-01');
  });

  it('duplicate external ids in one file: the first row wins, later rows are reported, not written', async () => {
    const db = await seeded();
    const rows = [
      row('CRM-30', { name: 'First', sourceRow: 2 }),
      row('CRM-31', { sourceRow: 3 }),
      row(' CRM-30 ', { name: 'Second', sourceRow: 4 }),
      row('CRM-1', { name: 'Alpha first', sourceRow: 5 }),
      row('CRM-1', { name: 'Alpha second', sourceRow: 6 }),
    ];
    const summary = (await commitImport(db, WS, rows, { now: 1, ...counters() })).summary;
    expect(summary.duplicates).toEqual([
      { externalId: 'CRM-30', sourceRow: 4, firstSourceRow: 2 },
      { externalId: 'CRM-1', sourceRow: 6, firstSourceRow: 5 },
    ]);
    expect(summary).toMatchObject({ added: 2, updated: 1, unchanged: 0 });
    expect(summary.storeIds).toEqual(['S-NEW-1', 'S-NEW-2', null, 'S1', null]);
    expect((await storeById(db, 'S-NEW-1' as StoreId))!.name).toBe('First');
    expect((await storeById(db, 'S1' as StoreId))!.name).toBe('Alpha first');
    expect((await allStores(db)).filter((s) => s.workspaceId === WS && s.externalId === 'CRM-30').length).toBe(1);
  });

  it('external ids are trimmed and matched within the workspace only', async () => {
    const db = await seeded();
    const other = 'ws-other' as WorkspaceId;
    await putStore(db, { ...store('O1', 0, 0, { externalId: 'CRM-40' }), workspaceId: other });
    const summary = (await commitImport(db, WS, [row('  CRM-40  '), row('CRM-2 ', { name: 'Beta renamed' })], { now: 1, ...counters() })).summary;
    expect(summary).toMatchObject({ added: 1, updated: 1 });
    expect(summary.storeIds).toEqual(['S-NEW-1', 'S2']);
    expect((await storeById(db, 'S-NEW-1' as StoreId))!.externalId).toBe('CRM-40');
    expect((await storeById(db, 'O1' as StoreId))!.workspaceId).toBe(other);
  });

  it('finds matches by key lookup when a small file updates a large market', async () => {
    const db = freshDb();
    const many = Array.from({ length: 200 }, (_, i) => store(`M${String(i).padStart(3, '0')}`, -97, 38, { externalId: `E-${i}` }));
    await seedWorkspace(db, { workspace, plans: [{ plan, territories: [], regions: [] }], stores: many, people: [] });
    const summary = (await commitImport(db, WS, [rowOf({ ...many[7]!, revenue: 1 }), rowOf(many[150]!), row('E-999')], { now: 1, ...counters() })).summary;
    expect(summary).toMatchObject({ added: 1, updated: 1, unchanged: 1 });
    expect(summary.storeIds).toEqual(['M007', 'M150', 'S-NEW-1']);
  });

  it("mode 'replace' deletes the workspace's stores that the file does not have, in the same commit", async () => {
    const db = await seeded();
    const [s1] = existingStores();
    const summary = (await commitImport(db, WS, [rowOf(s1!, 'Alice Moreau'), row('CRM-50')], { now: 1, mode: 'replace', ...counters() })).summary;
    expect(summary).toMatchObject({ added: 1, unchanged: 1, removed: 2 });
    expect(summary.removedIds.sort()).toEqual(['S2', 'S3']);
    expect(marketStores((await loadMarket(db, WS)).market).map((s) => s.id)).toEqual(['S-NEW-1', 'S1']);
  });

  it('gives added stores ids counting up under one random batch prefix, slotted into the market in id order', async () => {
    const db = await seeded();
    const rows = Array.from({ length: 300 }, (_, i) => row(`BATCH-${i}`, { name: `Batch ${i}`, sourceRow: i + 2 }));
    const { summary, market } = await commitImport(db, WS, rows, { now: 1 });
    expect(summary.added).toBe(300);
    for (const id of summary.addedIds) expect(id).toMatch(/^S-[0-9a-f]{16}$/);
    expect(new Set(summary.addedIds).size).toBe(300);
    // file order = id order, and each row's store carries that row's fields
    expect([...summary.addedIds].sort()).toEqual(summary.addedIds);
    expect(summary.storeIds).toEqual(summary.addedIds);
    const stored = await allStores(db);
    expect(stored.map((s) => s.id)).toEqual([...stored.map((s) => s.id)].sort());
    expect(stored).toHaveLength(303);
    expect(marketStores(market)).toEqual(stored.map(({ workspaceId: _ws, ...s }) => s));
    expect(stored.find((s) => s.id === summary.addedIds[123])).toMatchObject({ name: 'Batch 123', externalId: 'BATCH-123' });
  });

  it('draws another batch prefix when a store of the market falls in its range', () => {
    const current = marketFromStores([store('S-aaaaaaaa00000002', -97, 38), store('S-cccccccc00000000', -97, 38)]);
    const prefixes = ['S-aaaaaaaa', 'S-bbbbbbbb'];
    const ids = batchStoreIds(3, current, () => prefixes.shift()!);
    expect(ids).toEqual(['S-bbbbbbbb00000000', 'S-bbbbbbbb00000001', 'S-bbbbbbbb00000002']);
    expect(batchStoreIds(0, current)).toEqual([]);
    // a range that ends just before a store's id is free
    expect(batchStoreIds(2, current, () => 'S-cccccccb')).toEqual(['S-cccccccb00000000', 'S-cccccccb00000001']);
  });

  it('is all or nothing: a failing write midway leaves stores and people untouched', async () => {
    const db = await seeded();
    const before = { stores: await allStores(db), people: await db.people.toArray() };
    // The second new id collides with an existing store: bulkAdd fails after the new
    // account manager and the update were already written inside the transaction.
    const ids = ['S-NEW-1', 'S1'];
    const rows = [row('CRM-60', { accountManagerName: 'New Person' }), rowOf({ ...existingStores()[1]!, revenue: 1 }), row('CRM-61')];
    await expect(commitImport(db, WS, rows, { now: 1, newStoreId: () => ids.shift() as StoreId })).rejects.toThrow();
    expect(await allStores(db)).toEqual(before.stores);
    expect(await db.people.toArray()).toEqual(before.people);
  });

  it('is all or nothing when the id generator throws', async () => {
    const db = await seeded();
    const before = await allStores(db);
    let n = 0;
    const newStoreId = () => {
      if (++n === 2) throw new Error('boom');
      return `S-NEW-${n}` as StoreId;
    };
    await expect(commitImport(db, WS, [row('A'), row('B', { accountManagerName: 'Someone' })], { now: 1, newStoreId })).rejects.toThrow('boom');
    expect(await allStores(db)).toEqual(before);
    expect(await db.people.count()).toBe(2);
  });

  it('a new id that a store already has aborts the import, and nothing is written', async () => {
    const db = await seeded();
    const before = { stores: await allStores(db), people: await db.people.toArray() };
    let n = 0;
    const newStoreId = () => (++n === 3 ? 'S1' : `S-NEW-${n}`) as StoreId;
    const rows = Array.from({ length: 5 }, (_, i) => row(`NEW-${i}`, { accountManagerName: i === 0 ? 'New Person' : null }));
    await expect(commitImport(db, WS, rows, { now: 1, newStoreId })).rejects.toThrow(/S1 is already taken/);
    expect(await allStores(db)).toEqual(before.stores);
    expect(await db.people.toArray()).toEqual(before.people);
  });

  it('cancelling with the AbortSignal while it writes rolls everything back', async () => {
    const db = await seeded();
    const before = { stores: await allStores(db), people: await db.people.toArray() };
    const controller = new AbortController();
    let created = 0;
    // Abort from inside the write, after the people and the first market chunk were already put.
    db.marketChunks.hook('creating', () => {
      if (++created === 1) controller.abort();
    });
    const rows = [row('CRM-70', { accountManagerName: 'New Person' }), rowOf({ ...existingStores()[1]!, revenue: 1 }), row('CRM-71'), row('CRM-72')];
    const err = await commitImport(db, WS, rows, { now: 1, signal: controller.signal }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(await allStores(db)).toEqual(before.stores);
    expect(await db.people.toArray()).toEqual(before.people);
  });

  it('an already aborted signal writes nothing', async () => {
    const db = await seeded();
    const controller = new AbortController();
    controller.abort();
    await expect(commitImport(db, WS, [row('CRM-80')], { now: 1, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect((await allStores(db)).length).toBe(3);
  });

  it('writes a large import in chunks, reporting progress up to 1', async () => {
    const db = await seeded();
    const rows = [rowOf({ ...existingStores()[1]!, revenue: 1 }), ...Array.from({ length: 4_999 }, (_, i) => row(`BULK-${i}`))];
    const progress: number[] = [];
    const summary = (await commitImport(db, WS, rows, { now: 1, onProgress: (f) => progress.push(f), storesPerChunk: 5_000 })).summary;
    expect(summary).toMatchObject({ added: 4_999, updated: 1 });
    expect((await allStores(db)).length).toBe(3 + 4_999);
    expect(await db.marketChunks.count()).toBe(2); // 5,002 stores, 5,000 per chunk
    expect(progress.filter((f) => f > 0.5)).toHaveLength(2); // one step of the bar's second half per chunk
    expect(progress.every((f, i) => f > 0 && f <= 1 && (i === 0 || f > progress[i - 1]!))).toBe(true);
    expect(progress.at(-1)).toBe(1);
  });

  it('a failure in a later chunk rolls back the chunks already written', async () => {
    const db = await seeded();
    const before = { stores: await allStores(db), people: await db.people.toArray() };
    const rows = Array.from({ length: 12_000 }, (_, i) => row(`BULK-${i}`, { accountManagerName: i === 0 ? 'New Person' : null }));
    let chunks = 0;
    db.marketChunks.hook('creating', () => {
      if (++chunks === 3) throw new Error('disk full'); // the third of three chunks
    });
    const progress: number[] = [];
    await expect(commitImport(db, WS, rows, { now: 1, onProgress: (f) => progress.push(f), storesPerChunk: 5_000 })).rejects.toThrow('disk full');
    expect(progress.filter((f) => f > 0.5)).toHaveLength(2); // two chunks were written (the second half of the bar) before it failed
    expect(await allStores(db)).toEqual(before.stores);
    expect(await db.people.toArray()).toEqual(before.people);
  });

  it('cancelling between chunks rolls everything back', async () => {
    const db = await seeded();
    const controller = new AbortController();
    const rows = Array.from({ length: 4_500 }, (_, i) => row(`BULK-${i}`));
    const err = await commitImport(db, WS, rows, { now: 1, signal: controller.signal, onProgress: () => controller.abort() }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect((await allStores(db)).length).toBe(3);
  });

  it('an empty import writes nothing', async () => {
    const db = await seeded();
    const summary = (await commitImport(db, WS, [], { now: 1 })).summary;
    expect(summary).toMatchObject({ added: 0, updated: 0, unchanged: 0, removed: 0, storeIds: [] });
    expect((await allStores(db)).length).toBe(3);
  });
});

describe('people', () => {
  const PLAN2 = 'plan-2' as PlanId;
  const BOB = am('P-AM-02', 'Bob Stone');
  const TM2: Person = { ...manager, id: 'P-TM-02' as PersonId, name: 'Terry Two' };

  async function withTwoPlans(): Promise<PlannerDb> {
    const db = await seeded();
    await db.people.bulkPut([BOB, TM2]);
    await db.plans.put({ ...plan, id: PLAN2, name: 'Plan 2' });
    await db.planTerritories.bulkPut([
      squareTerritory('B', -90, 30, 10, 1, { managerId: manager.id }),
      squareTerritory('P2A', -100, 30, 10, 0, { planId: PLAN2, managerId: manager.id }),
      squareTerritory('P2B', -90, 30, 10, 1, { planId: PLAN2, managerId: TM2.id }),
      // a plan of another workspace that happens to reference the same id is left alone
      squareTerritory('X', 0, 0, 1, 0, { planId: 'plan-elsewhere' as PlanId, managerId: manager.id }),
    ]);
    await db.plans.put({ ...plan, id: 'plan-elsewhere' as PlanId, workspaceId: 'ws-elsewhere' as WorkspaceId });
    return db;
  }

  it('savePerson creates and renames, trimming the name and storing a blank email as null', async () => {
    const db = freshDb();
    const saved = await savePerson(db, am('P-AM-09', '  Carla   Diaz ', { email: '  ' }));
    expect(saved).toEqual({ ok: true, value: am('P-AM-09', 'Carla Diaz') });
    await savePerson(db, am('P-AM-09', 'Carla Díaz-Ruiz', { email: 'carla@example.com' }));
    expect(await db.people.get('P-AM-09' as PersonId)).toEqual(am('P-AM-09', 'Carla Díaz-Ruiz', { email: 'carla@example.com' }));
    expect(await db.people.count()).toBe(1);
  });

  it('savePerson keeps an optional home base, blank → null', async () => {
    const db = freshDb();
    await savePerson(db, am('P-AM-09', 'Carla', { homeBase: '  Wichita, KS ' }));
    expect((await db.people.get('P-AM-09' as PersonId))!.homeBase).toBe('Wichita, KS');
    await savePerson(db, am('P-AM-09', 'Carla', { homeBase: ' ' }));
    expect((await db.people.get('P-AM-09' as PersonId))!.homeBase).toBeNull();
  });

  it('savePerson refuses an empty name and an unknown role, writing nothing', async () => {
    const db = freshDb();
    expect(await savePerson(db, am('P1', '   '))).toMatchObject({ ok: false, reason: 'empty-name' });
    expect(await savePerson(db, am('P1', 'X', { role: 'boss' as never }))).toMatchObject({ ok: false, reason: 'bad-role' });
    expect(await db.people.count()).toBe(0);
  });

  it('personOwnership counts territories over all plans of the workspace and portfolio stores', async () => {
    const db = await withTwoPlans();
    expect(await personOwnership(db, manager.id)).toEqual({ territoryIds: expect.arrayContaining(['A', 'B', 'P2A']), planIds: expect.arrayContaining([plan.id, PLAN2]), stores: 0 });
    expect((await personOwnership(db, manager.id)).territoryIds).toHaveLength(3);
    expect(await personOwnership(db, ALICE.id)).toEqual({ territoryIds: [], planIds: [], stores: 1 });
  });

  it('deletePerson reassigns their territories in every plan of the workspace', async () => {
    const db = await withTwoPlans();
    const res = await deletePerson(db, manager.id, { reassignTo: TM2.id });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value.territoryIds.sort()).toEqual(['A', 'B', 'P2A']);
    expect(res.value.planIds.sort()).toEqual([plan.id, PLAN2].sort());
    const t = Object.fromEntries((await db.planTerritories.toArray()).map((x) => [x.id, x.managerId]));
    expect(t).toEqual({ A: TM2.id, B: TM2.id, P2A: TM2.id, P2B: TM2.id, X: manager.id });
    expect(await db.people.get(manager.id)).toBeUndefined();
    // everything else about the territories is untouched
    expect((await db.planTerritories.get([PLAN2, 'P2A' as TerritoryId]))!.geometry).toEqual(squareTerritory('P2A', -100, 30, 10, 0).geometry);
  });

  it('deletePerson clears an account manager from their stores when reassignTo is null', async () => {
    const db = await withTwoPlans();
    await putStore(db, { ...(await storeById(db, 'S2'))!, accountManagerId: ALICE.id });
    const res = await deletePerson(db, ALICE.id, { reassignTo: null });
    expect(res.ok && res.value.storeIds.sort()).toEqual(['S1', 'S2']);
    expect((await allStores(db)).map((s) => s.accountManagerId)).toEqual([null, null, null]);
    expect(await db.people.get(ALICE.id)).toBeUndefined();
  });

  it('deletePerson hands the portfolio to another account manager', async () => {
    const db = await withTwoPlans();
    const res = await deletePerson(db, ALICE.id, { reassignTo: BOB.id });
    expect(res.ok).toBe(true);
    expect((await storeById(db, 'S1' as StoreId))!.accountManagerId).toBe(BOB.id);
    expect((await allStores(db)).filter((s) => s.accountManagerId === ALICE.id).length).toBe(0);
  });

  it('deletePerson refuses bad reassignments and changes nothing', async () => {
    const db = await withTwoPlans();
    const snapshot = async () => ({ t: await db.planTerritories.toArray(), s: await allStores(db), p: await db.people.toArray() });
    const before = await snapshot();
    expect(await deletePerson(db, 'P-nobody' as PersonId, { reassignTo: null })).toMatchObject({ ok: false, reason: 'not-found' });
    expect(await deletePerson(db, manager.id, { reassignTo: manager.id })).toMatchObject({ ok: false, reason: 'reassign-to-self' });
    expect(await deletePerson(db, manager.id, { reassignTo: 'P-gone' as PersonId })).toMatchObject({ ok: false, reason: 'reassign-target-not-found' });
    expect(await deletePerson(db, manager.id, { reassignTo: ALICE.id })).toMatchObject({ ok: false, reason: 'reassign-role-mismatch' });
    expect(await snapshot()).toEqual(before);
  });

  it('deletePerson is one transaction: a failure rolls back every reassignment', async () => {
    const db = await withTwoPlans();
    // Alice also (oddly) manages a territory, so territories are written before the stores.
    await db.planTerritories.put(squareTerritory('C', 0, 10, 1, 2, { managerId: ALICE.id }));
    const before = { t: await db.planTerritories.toArray(), s: await allStores(db), p: await db.people.toArray() };
    const refuse = () => {
      throw new Error('disk says no');
    };
    db.marketChunks.hook('updating', refuse);
    db.marketChunks.hook('creating', refuse);
    await expect(deletePerson(db, ALICE.id, { reassignTo: null })).rejects.toThrow('disk says no');
    expect({ t: await db.planTerritories.toArray(), s: await allStores(db), p: await db.people.toArray() }).toEqual(before);
    expect((await db.planTerritories.get([plan.id, 'C' as TerritoryId]))!.managerId).toBe(ALICE.id);
  });
});
