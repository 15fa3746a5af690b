import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { PlanSaver } from '../../src/db/autosave';
import { loadPlan, seedWorkspace, type PlanChanges } from '../../src/db/planRepository';
import { createPlannerDb, type PlannerDb } from '../../src/db/schema';
import { JOURNAL_KEY, MAX_JOURNAL_CHARS, replayJournal, writeJournal, type JournalStorage } from '../../src/db/unsavedJournal';
import type { Plan, Region, TerritoryId } from '../../src/domain/types';
import { manager, plan, squareTerritory, store, workspace } from '../fixtures/market';

class MemoryStorage implements JournalStorage {
  items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

let seq = 0;
const opened: PlannerDb[] = [];
async function seededDb(updatedAt: number): Promise<PlannerDb> {
  const db = createPlannerDb(`tp-journal-${++seq}-${Date.now()}`, { indexedDB, IDBKeyRange });
  opened.push(db);
  await seedWorkspace(db, {
    workspace,
    plans: [{ plan: { ...plan, updatedAt }, territories: [squareTerritory('A', 0, 0, 10, 0), squareTerritory('B', 10, 0, 10, 1)], regions: [] as Region[] }],
    stores: [store('S1', 5, 5)],
    people: [manager],
  });
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

const batch = (savedAt: number, over: Partial<PlanChanges> = {}): PlanChanges => ({
  planId: plan.id, territoryUpserts: [], territoryDeletes: [], regionUpserts: [], regionDeletes: [], savedAt, ...over,
});

describe('unsaved-changes journal', () => {
  it('replays batches newer than the disk, in order, and removes the journal', async () => {
    const db = await seededDb(100);
    const storage = new MemoryStorage();
    const moved = { ...squareTerritory('A', 0, 0, 10, 0), name: 'A renamed' };
    expect(writeJournal(storage, [batch(200, { territoryUpserts: [moved] }), batch(300, { plan: { ...plan, name: 'Renamed on the way out' }, territoryDeletes: ['B' as TerritoryId] })])).toBe(true);
    expect(await replayJournal(db, storage)).toEqual({ applied: 2, skipped: 0 });
    const loaded = (await loadPlan(db, plan.id))!;
    expect(loaded.bundle.plan.name).toBe('Renamed on the way out');
    expect(loaded.bundle.plan.updatedAt).toBe(300);
    expect(loaded.bundle.territories.map((t) => [t.id, t.name])).toEqual([['A', 'A renamed']]);
    expect(storage.getItem(JOURNAL_KEY)).toBeNull();
  });

  it('skips a batch whose write finished (or that another tab overtook): the disk is as new or newer', async () => {
    const db = await seededDb(300);
    const storage = new MemoryStorage();
    writeJournal(storage, [batch(300, { plan: { ...plan, name: 'already saved' } }), batch(250, { plan: { ...plan, name: 'older than the disk' } })]);
    expect(await replayJournal(db, storage)).toEqual({ applied: 0, skipped: 2 });
    expect((await loadPlan(db, plan.id))!.bundle.plan.name).toBe(plan.name);
  });

  it('ignores a journal of a deleted plan, a malformed entry and unreadable text, and removes it', async () => {
    const db = await seededDb(100);
    const storage = new MemoryStorage();
    storage.setItem(JOURNAL_KEY, JSON.stringify([batch(200, { planId: 'plan-gone' as Plan['id'] }), { planId: plan.id }]));
    expect(await replayJournal(db, storage)).toEqual({ applied: 0, skipped: 2 });
    storage.setItem(JOURNAL_KEY, '[{"planId": "x", "sav');
    expect(await replayJournal(db, storage)).toEqual({ applied: 0, skipped: 1 });
    expect(storage.getItem(JOURNAL_KEY)).toBeNull();
    expect(await replayJournal(db, storage)).toEqual({ applied: 0, skipped: 0 });
  });

  it('drops the undo history when the journal would be too large, and writes nothing when still too large; a full storage is not an error', () => {
    const storage = new MemoryStorage();
    const bigHistory = { undo: [{ blob: 'x'.repeat(MAX_JOURNAL_CHARS) }], redo: [] } as unknown as PlanChanges['history'];
    expect(writeJournal(storage, [batch(1, { history: bigHistory })])).toBe(true);
    expect(JSON.parse(storage.getItem(JOURNAL_KEY)!)[0].history).toBeUndefined();
    const huge = { ...squareTerritory('A', 0, 0, 1, 0), notes: 'y'.repeat(MAX_JOURNAL_CHARS) };
    expect(writeJournal(storage, [batch(2, { territoryUpserts: [huge] })])).toBe(false);
    const full: JournalStorage = { getItem: () => null, removeItem: () => undefined, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    expect(writeJournal(full, [batch(3)])).toBe(false);
    expect(writeJournal(storage, [])).toBe(true);
    expect(storage.getItem(JOURNAL_KEY)).toBeNull();
  });

  it("PlanSaver.unsaved() lists the batch in flight and the queued changes, oldest first", async () => {
    let finish: () => void = () => {};
    const territories = new Map([['A' as TerritoryId, squareTerritory('A', 0, 0, 1, 0)]]);
    let t = 10;
    const saver = new PlanSaver({
      source: { planId: () => plan.id, territory: (id) => territories.get(id), region: () => undefined, plan: () => plan, history: () => ({ undo: [], redo: [] }) },
      write: () => new Promise<void>((resolve) => (finish = resolve)),
      onState: () => undefined,
      now: () => t++,
    });
    expect(saver.unsaved()).toEqual([]);
    saver.markDirty({ territories: ['A' as TerritoryId] });
    const flushing = saver.flush();
    saver.markDirty({ plan: true, territories: ['B' as TerritoryId] });
    const [inFlight, queued] = saver.unsaved();
    expect(inFlight!.territoryUpserts.map((x) => x.id)).toEqual(['A']);
    expect(queued!.territoryDeletes).toEqual(['B']);
    expect(queued!.plan).toEqual(plan);
    expect(queued!.savedAt).toBeGreaterThan(inFlight!.savedAt);
    finish();
    await flushing;
    expect(saver.unsaved().map((b) => b.territoryDeletes)).toEqual([['B']]);
    saver.stop();
    expect(saver.unsaved()).toEqual([]);
  });
});
