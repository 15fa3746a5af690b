import { storesOf } from '../fixtures/market';
/**
 * Plans as first-class objects, through the real composition root on an in-memory
 * IndexedDB (fake-indexeddb): switch, create, duplicate, rename, delete and restore, pins,
 * and what happens on the next start.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bootstrap, type JsonLoader } from '../../src/boot/bootstrap';
import { createPlannerDb } from '../../src/db/schema';
import type { StoreId } from '../../src/domain/types';

const load: JsonLoader = async (file) => JSON.parse(readFileSync(`data/${file}.json`, 'utf8'));
let seq = 0;
const dbName = () => `tp-plans-${++seq}-${Date.now()}`;
const open = (name: string) => createPlannerDb(name, { indexedDB, IDBKeyRange });

describe('plans', () => {
  it('creates an empty plan, switches between plans, and reopens the last one after a reload', async () => {
    const name = dbName();
    const db = open(name);
    const { store, flush } = await bootstrap({ db, load });
    const demoId = store.getState().plan!.id;
    const demoCount = store.getState().territories.length;
    expect(await store.getState().newPlan('Blank slate')).toBe(true);
    expect(store.getState().plan!.name).toBe('Blank slate');
    expect(store.getState().territories).toEqual([]);
    expect(store.getState().stats!.unassigned.stores).toBe(storesOf(store.getState()).length); // same market
    expect(store.getState().plans.map((p) => p.name)).toEqual([expect.stringMatching(/Demo plan/), 'Blank slate']);
    expect(await store.getState().switchPlan(demoId)).toBe(true);
    expect(store.getState().territories).toHaveLength(demoCount);
    expect(await store.getState().switchPlan(store.getState().plans[1]!.id)).toBe(true);
    await flush();
    db.close();
    const again = (await bootstrap({ db: open(name), load })).store.getState();
    expect(again.plan!.name).toBe('Blank slate');
    expect(again.plans).toHaveLength(2);
  });

  it('duplicate is deep: editing the copy leaves the original as it was, in memory and on disk', async () => {
    const name = dbName();
    const db = open(name);
    const { store, flush } = await bootstrap({ db, load });
    const s = () => store.getState();
    const region = s().addRegion('West')!;
    const first = s().territories[0]!;
    s().setTerritoryRegion(first.id, region.id);
    s().setTerritoryLocked(first.id, true);
    s().pinStore(storesOf(s())[0]!.id, s().territories[1]!.id);
    s().setOverlapMode('yield');
    const original = structuredClone(s().currentBundle()!);
    const originalAssignment = Array.from(s().assignment);
    expect(await s().duplicatePlan(`${original.plan.name} (copy)`)).toBe(true);
    expect(s().plan!.id).not.toBe(original.plan.id);
    expect(s().undoStack).toEqual([]); // its own history starts empty
    expect(s().territories.map((t) => t.id)).toEqual(original.territories.map((t) => t.id)); // ids kept (compare matches them)
    expect(s().regions).toEqual(original.regions.map((r) => ({ ...r, planId: s().plan!.id })));
    expect(s().territories[0]!.locked).toBe(true);
    expect(s().plan!.pins).toEqual(original.plan.pins);
    expect(s().plan!.overlapMode).toBe('yield');
    expect(Array.from(s().assignment)).toEqual(originalAssignment);

    // Edit the copy: reshape a territory and rename another.
    const t = s().territories[2]!;
    s().renameTerritory(t.id, 'Edited in the copy');
    s().deleteTerritory(s().territories[3]!.id);
    await flush();
    expect(await s().switchPlan(original.plan.id)).toBe(true);
    expect(s().territories.map((x) => [x.id, x.name, x.geometry])).toEqual(original.territories.map((x) => [x.id, x.name, x.geometry]));
    db.close();
  });

  it('renaming a plan is undoable and saved', async () => {
    const name = dbName();
    const db = open(name);
    const { store, flush } = await bootstrap({ db, load });
    store.getState().renamePlan('FY27 alignment');
    expect(store.getState().plans.find((p) => p.id === store.getState().plan!.id)!.name).toBe('FY27 alignment');
    store.getState().undo();
    expect(store.getState().plan!.name).toMatch(/Demo plan/);
    store.getState().redo();
    await flush();
    db.close();
    expect((await bootstrap({ db: open(name), load })).store.getState().plan!.name).toBe('FY27 alignment');
  });

  it('deleting keeps at least one plan, opens another, and can be restored with its history for the session', async () => {
    const db = open(dbName());
    const { store } = await bootstrap({ db, load });
    const s = () => store.getState();
    expect(await s().deletePlan(s().plan!.id)).toBe(false);
    expect(s().notices.at(-1)!.text).toMatch(/at least one plan/);
    const demo = s().plan!;
    s().renameTerritory(s().territories[0]!.id, 'Before delete');
    expect(await s().newPlan('Other')).toBe(true);
    expect(await s().switchPlan(demo.id)).toBe(true);
    expect(await s().deletePlan(demo.id)).toBe(true);
    expect(s().plan!.name).toBe('Other');
    expect(s().plans.map((p) => p.name)).toEqual(['Other']);
    const notice = s().notices.at(-1)!;
    expect(notice.text).toMatch(/Deleted the plan/);
    expect(notice.action!.label).toBe('Restore');
    notice.action!.run();
    await expect.poll(() => s().plan!.id).toBe(demo.id);
    expect(s().territories[0]!.name).toBe('Before delete');
    expect(s().undoStack.at(-1)!.label).toMatch(/Renamed .* to Before delete/);
    expect(s().deletedPlans).toEqual([]);
    db.close();
  });

  it('pinning a store moves it to the pinned territory wherever it lies; undo unpins; copies and reloads keep it', async () => {
    const name = dbName();
    const db = open(name);
    const { store, flush } = await bootstrap({ db, load });
    const s = () => store.getState();
    const i = s().assignment.findIndex((k) => k >= 0);
    const storeId = storesOf(s())[i]!.id as StoreId;
    const from = s().assignment[i]!;
    const to = (from + 1) % s().territories.length;
    const before = s().stats!.rows.map((r) => r.stores);
    s().pinStore(storeId, s().territories[to]!.id);
    expect(s().assignment[i]).toBe(to);
    const after = s().stats!.rows.map((r) => r.stores);
    expect(after[from]).toBe(before[from]! - 1);
    expect(after[to]).toBe(before[to]! + 1);
    expect(s().undoStack.at(-1)!.label).toMatch(/^Pinned /);
    s().undo();
    expect(s().assignment[i]).toBe(from);
    s().redo();
    await flush();
    db.close();
    const again = (await bootstrap({ db: open(name), load })).store.getState();
    expect(again.plan!.pins).toEqual([{ storeId, territoryId: again.territories[to]!.id }]);
    expect(again.assignment[i]).toBe(to);
  });

  it('a plan does not switch while its changes cannot be saved, and says why', async () => {
    const db = open(dbName());
    const { store } = await bootstrap({ db, load });
    const s = () => store.getState();
    expect(await s().newPlan('Second')).toBe(true);
    const second = s().plan!.id;
    const demo = s().plans[0]!;
    db.planTerritories.hook('creating', () => {
      throw Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    });
    s().createTerritory('Unsaved', { type: 'Polygon', coordinates: [[[-100, 40], [-99, 40], [-99, 41], [-100, 41], [-100, 40]]] });
    expect(await s().switchPlan(demo.id)).toBe(false);
    expect(s().plan!.id).toBe(second);
    expect(s().territories.map((t) => t.name)).toEqual(['Unsaved']);
    expect(s().notices.at(-1)!.text).toMatch(/not saved .*storage is full.*backup/);
    db.close();
  });

  it('a read-only tab changes nothing and says why', async () => {
    const db = open(dbName());
    const { store } = await bootstrap({ db, load });
    store.getState().setAccess({ kind: 'read-only', reason: 'another tab edits this plan.' });
    const before = store.getState().territories;
    store.getState().renameTerritory(before[0]!.id, 'Nope');
    expect(store.getState().territories).toBe(before);
    expect(store.getState().notices.at(-1)!.text).toBe('Nothing was changed: another tab edits this plan.');
    expect(await store.getState().newPlan('Nope')).toBe(false);
    db.close();
  });
});
