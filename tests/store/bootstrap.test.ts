import { storesOf } from '../fixtures/market';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPlannerDb } from '../../src/db/schema';
import type { TerritoryId } from '../../src/domain/types';
import { bootstrap, type JsonLoader } from '../../src/boot/bootstrap';

/** Reads the committed data files from disk instead of fetching them. */
const load: JsonLoader = async (file) => JSON.parse(readFileSync(`data/${file}.json`, 'utf8'));
const committed = JSON.parse(readFileSync('data/sample-market.json', 'utf8')) as { stores: unknown[] };
const demo = JSON.parse(readFileSync('data/demo-plan.json', 'utf8')) as { territories: { id: string; name: string }[] };

let seq = 0;
const freshDb = () => createPlannerDb(`tp-boot-${++seq}-${Date.now()}`, { indexedDB, IDBKeyRange });

describe('bootstrap', () => {
  it('first run seeds the sample market and demo plan; the next start loads them with the user’s changes', async () => {
    const name = `tp-boot-persist-${Date.now()}`;
    const db1 = createPlannerDb(name, { indexedDB, IDBKeyRange });
    const first = await bootstrap({ db: db1, load, now: () => 1000 });
    const s1 = first.store.getState();
    expect(storesOf(s1)).toHaveLength(committed.stores.length);
    expect(s1.territories.map((t) => t.id)).toEqual(demo.territories.map((t) => t.id));
    expect(s1.saveState).toEqual({ kind: 'saved', savedAt: 1000 });
    expect(s1.notices.at(-1)!.text).toMatch(/Loaded the sample market: 10,000 stores and 10 demo territories/);

    s1.renameTerritory(demo.territories[0]!.id as TerritoryId, 'Cascadia');
    expect(first.store.getState().saveState.kind).toBe('pending');
    await first.flush();
    expect(first.store.getState().saveState).toEqual({ kind: 'saved', savedAt: 1000 });
    db1.close();

    const db2 = createPlannerDb(name, { indexedDB, IDBKeyRange });
    const second = await bootstrap({ db: db2, load: () => Promise.reject(new Error('must not re-seed')), now: () => 2000 });
    const s2 = second.store.getState();
    expect(s2.territories[0]!.name).toBe('Cascadia');
    expect(s2.territories.map((t) => t.geometry)).toEqual(s1.territories.map((t) => t.geometry));
    expect(storesOf(s2)).toEqual(storesOf(s1));
    expect(Array.from(s2.assignment)).toEqual(Array.from(s1.assignment));
    db2.close();
  });

  it('undo history survives a reload: the next session can undo the last one’s edits', async () => {
    const name = `tp-boot-undo-${Date.now()}`;
    const db1 = createPlannerDb(name, { indexedDB, IDBKeyRange });
    const first = await bootstrap({ db: db1, load });
    const id = first.store.getState().territories[0]!.id;
    const original = first.store.getState().territories[0]!.name;
    first.store.getState().renameTerritory(id, 'First');
    first.store.getState().renameTerritory(id, 'Second');
    first.store.getState().undo();
    await first.flush();
    db1.close();
    const db2 = createPlannerDb(name, { indexedDB, IDBKeyRange });
    const s = (await bootstrap({ db: db2, load })).store;
    expect(s.getState().territories.find((t) => t.id === id)!.name).toBe('First');
    expect(s.getState().undoStack.map((c) => c.label)).toEqual([`Renamed ${original} to First`]);
    expect(s.getState().redoStack.map((c) => c.label)).toEqual(['Renamed First to Second']);
    s.getState().redo();
    expect(s.getState().territories.find((t) => t.id === id)!.name).toBe('Second');
    s.getState().undo();
    s.getState().undo();
    expect(s.getState().territories.find((t) => t.id === id)!.name).toBe(original);
    db2.close();
  });

  it('the overlap rule is a plan setting: it is saved and comes back', async () => {
    const name = `tp-boot-overlap-${Date.now()}`;
    const db1 = createPlannerDb(name, { indexedDB, IDBKeyRange });
    const booted = await bootstrap({ db: db1, load });
    const first = booted.store;
    expect(first.getState().overlapMode).toBe('take');
    first.getState().setOverlapMode('allow');
    expect(await booted.flush()).toBe(true);
    db1.close();
    const db2 = createPlannerDb(name, { indexedDB, IDBKeyRange });
    const second = (await bootstrap({ db: db2, load })).store;
    expect(second.getState().overlapMode).toBe('allow');
    expect(second.getState().plan!.overlapMode).toBe('allow');
    db2.close();
  });

  it('people added, renamed and deleted in the People panel are saved at once', async () => {
    const name = `tp-boot-people-${Date.now()}`;
    const db1 = createPlannerDb(name, { indexedDB, IDBKeyRange });
    const first = await bootstrap({ db: db1, load });
    const s = first.store.getState();
    const added = s.addPerson({ name: 'Jordan Lee', role: 'account-manager', email: 'jl@example.com' })!;
    const tm = s.people.find((p) => p.role === 'territory-manager')!;
    const owned = s.territories.filter((t) => t.managerId === tm.id).map((t) => t.id);
    expect(owned.length).toBeGreaterThan(0);
    s.deletePerson(tm.id, null);
    await new Promise((r) => setTimeout(r, 50));
    db1.close();
    const db2 = createPlannerDb(name, { indexedDB, IDBKeyRange });
    const second = (await bootstrap({ db: db2, load })).store.getState();
    expect(second.people.find((p) => p.id === added.id)).toMatchObject({ name: 'Jordan Lee', email: 'jl@example.com' });
    expect(second.people.some((p) => p.id === tm.id)).toBe(false);
    for (const id of owned) expect(second.territories.find((t) => t.id === id)!.managerId).toBeNull();
    db2.close();
  });

  it('without IndexedDB the app still starts, in memory, and says nothing is saved', async () => {
    const booted = await bootstrap({ db: null, load });
    const s = booted.store.getState();
    expect(storesOf(s)).toHaveLength(committed.stores.length);
    expect(s.territories).toHaveLength(demo.territories.length);
    expect(s.saveState.kind).toBe('memory-only');
    // Edits still work and are not reported as saved.
    s.renameTerritory(s.territories[0]!.id, 'Still works');
    expect(booted.store.getState().territories[0]!.name).toBe('Still works');
    expect(booted.store.getState().saveState.kind).toBe('memory-only');
  });

  it('when the database cannot be opened the user is told why', async () => {
    const broken = freshDb();
    broken.open = (() => Promise.reject(Object.assign(new Error('The user denied permission'), { name: 'InvalidStateError' }))) as unknown as typeof broken.open;
    const booted = await bootstrap({ db: broken, load });
    const st = booted.store.getState().saveState;
    expect(st.kind).toBe('memory-only');
    expect(st.kind === 'memory-only' && st.message).toMatch(/browser storage is unavailable/);
    expect(booted.store.getState().territories).toHaveLength(demo.territories.length);
  });

  it('damaged bundled data stops with a clear error instead of a half-loaded app', async () => {
    const bad: JsonLoader = async (file) => (file === 'sample-market' ? { format: 'nope' } : load(file));
    await expect(bootstrap({ db: freshDb(), load: bad })).rejects.toThrow(/bundled sample market is damaged/);
  });
});

describe('one change path for every plan edit', () => {
  it('deleting a region is undoable, and the undo still works after a reload', async () => {
    const name = `tp-boot-region-${Date.now()}`;
    const db1 = createPlannerDb(name, { indexedDB, IDBKeyRange });
    const first = await bootstrap({ db: db1, load });
    const s = first.store;
    const region = s.getState().addRegion('Heartland')!;
    const [a, b] = s.getState().territories;
    s.getState().setTerritoryRegion(a!.id, region.id);
    s.getState().setTerritoryRegion(b!.id, region.id);
    s.getState().deleteRegion(region.id);
    expect(s.getState().regions).toEqual([]);
    expect(s.getState().territories.filter((t) => t.regionId === region.id)).toEqual([]);
    expect(await first.flush()).toBe(true);
    db1.close();

    const db2 = createPlannerDb(name, { indexedDB, IDBKeyRange });
    const second = await bootstrap({ db: db2, load });
    const t = second.store;
    expect(t.getState().regions).toEqual([]);
    expect(t.getState().undoStack.at(-1)!.label).toBe('Deleted region Heartland');
    t.getState().undo();
    expect(t.getState().regions.map((r) => r.name)).toEqual(['Heartland']);
    expect(t.getState().territories.filter((x) => x.regionId === region.id).map((x) => x.id).sort()).toEqual([a!.id, b!.id].sort());
    expect(await second.flush()).toBe(true);
    db2.close();

    // …and the undone state is what the next session finds on disk.
    const db3 = createPlannerDb(name, { indexedDB, IDBKeyRange });
    const third = (await bootstrap({ db: db3, load })).store.getState();
    expect(third.regions.map((r) => r.name)).toEqual(['Heartland']);
    expect(third.territories.filter((x) => x.regionId === region.id)).toHaveLength(2);
    db3.close();
  });

  it('deleting a person is undoable: the person, their territories and their accounts come back, on disk too', async () => {
    const name = `tp-boot-person-${Date.now()}`;
    const db1 = createPlannerDb(name, { indexedDB, IDBKeyRange });
    const booted = await bootstrap({ db: db1, load });
    const s = booted.store;
    const am = s.getState().people.find((p) => p.role === 'account-manager' && storesOf(s.getState()).some((x) => x.accountManagerId === p.id))!;
    const accounts = storesOf(s.getState()).filter((x) => x.accountManagerId === am.id).map((x) => x.id);
    s.getState().deletePerson(am.id, null);
    expect(storesOf(s.getState()).filter((x) => x.accountManagerId === am.id)).toEqual([]);
    s.getState().undo();
    expect(s.getState().people.some((p) => p.id === am.id)).toBe(true);
    expect(storesOf(s.getState()).filter((x) => x.accountManagerId === am.id).map((x) => x.id)).toEqual(accounts);
    await booted.flush();
    await new Promise((r) => setTimeout(r, 50)); // the people change is written at once, not debounced
    db1.close();
    const db2 = createPlannerDb(name, { indexedDB, IDBKeyRange });
    const again = (await bootstrap({ db: db2, load })).store.getState();
    expect(again.people.some((p) => p.id === am.id)).toBe(true);
    expect(storesOf(again).filter((x) => x.accountManagerId === am.id).map((x) => x.id)).toEqual(accounts);
    db2.close();
  });
});
