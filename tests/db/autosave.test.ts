import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PlanSaver, describeStorageError, type SaverState } from '../../src/db/autosave';
import type { PlanChanges } from '../../src/db/planRepository';
import type { Plan, Region, RegionId, Territory, TerritoryId } from '../../src/domain/types';
import { plan, squareTerritory } from '../fixtures/market';

const A = 'A' as TerritoryId;
const B = 'B' as TerritoryId;
const R1 = 'R1' as RegionId;

function setup(write: (c: PlanChanges) => Promise<void>) {
  const territories = new Map<TerritoryId, Territory>([[A, squareTerritory('A', 0, 0, 1, 0)]]);
  const regions = new Map<RegionId, Region>();
  let current: Plan | null = plan;
  const states: SaverState[] = [];
  const saver = new PlanSaver({
    source: {
      planId: () => current?.id ?? null,
      territory: (id) => territories.get(id),
      region: (id) => regions.get(id),
      plan: () => current,
      history: () => ({ undo: [], redo: [] }),
    },
    write,
    onState: (s) => states.push(s),
    delayMs: 300,
    now: () => 777,
  });
  return { saver, states, territories, regions, setPlan: (p: Plan | null) => (current = p) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('PlanSaver', () => {
  it('debounces several changes into one write with upserts and deletes of territories and regions', async () => {
    const write = vi.fn(async (_c: PlanChanges) => {});
    const { saver, states, regions } = setup(write);
    regions.set(R1, { id: R1, planId: plan.id, name: 'West', color: '#4e79a7', managerId: null });
    saver.markDirty({ territories: [A] });
    saver.markDirty({ territories: [B], regions: [R1, 'R-gone' as RegionId] }); // B is not in the plan any more: a delete
    expect(states.at(-1)).toEqual({ kind: 'pending' });
    await vi.advanceTimersByTimeAsync(299);
    expect(write).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(write).toHaveBeenCalledTimes(1);
    const batch = write.mock.calls[0]![0];
    expect(batch.planId).toBe(plan.id);
    expect(batch.territoryUpserts.map((t) => t.id)).toEqual([A]);
    expect(batch.territoryDeletes).toEqual([B]);
    expect(batch.regionUpserts.map((r) => r.id)).toEqual([R1]);
    expect(batch.regionDeletes).toEqual(['R-gone']);
    expect(batch.plan).toBeUndefined(); // the plan record did not change
    expect(batch.savedAt).toBe(777);
    expect(states.at(-1)).toEqual({ kind: 'saved', savedAt: 777 });
  });

  it('writes the plan record when its settings changed', async () => {
    const write = vi.fn(async (_c: PlanChanges) => {});
    const { saver, setPlan } = setup(write);
    setPlan({ ...plan, name: 'Renamed', overlapMode: 'yield' });
    saver.markDirty({ plan: true });
    expect(await saver.flush()).toBe(true);
    expect(write.mock.calls[0]![0].plan).toMatchObject({ name: 'Renamed', overlapMode: 'yield' });
  });

  it('flush writes at once (pagehide) without waiting for the debounce, and says it is all on disk', async () => {
    const write = vi.fn(async (_c: PlanChanges) => {});
    const { saver } = setup(write);
    saver.markDirty({ territories: [A] });
    expect(await saver.flush()).toBe(true);
    expect(write).toHaveBeenCalledTimes(1);
    expect(saver.hasPending()).toBe(false);
  });

  it('a failed write says so, keeps the change queued and retries on the next flush', async () => {
    let fail = true;
    const write = vi.fn(async (_c: PlanChanges) => {
      if (fail) throw Object.assign(new Error('disk full'), { name: 'QuotaExceededError' });
    });
    const { saver, states } = setup(write);
    saver.markDirty({ territories: [A], plan: true });
    expect(await saver.flush()).toBe(false);
    const last = states.at(-1)!;
    expect(last.kind).toBe('error');
    expect(last.kind === 'error' && last.message).toMatch(/storage is full/);
    expect(states.some((s) => s.kind === 'saved')).toBe(false);
    expect(saver.hasPending()).toBe(true);
    fail = false;
    expect(await saver.flush()).toBe(true);
    expect(write).toHaveBeenCalledTimes(2);
    expect(write.mock.calls[1]![0].territoryUpserts.map((t) => t.id)).toEqual([A]);
    expect(write.mock.calls[1]![0].plan).toBeDefined();
    expect(states.at(-1)).toEqual({ kind: 'saved', savedAt: 777 });
  });

  it('does nothing when there is nothing to save', async () => {
    const write = vi.fn(async (_c: PlanChanges) => {});
    const { saver, states } = setup(write);
    expect(await saver.flush()).toBe(true);
    expect(write).not.toHaveBeenCalled();
    expect(states).toEqual([]);
  });

  it('once stopped (another tab writes now) it writes nothing, and still reports what is pending', async () => {
    const write = vi.fn(async (_c: PlanChanges) => {});
    const { saver } = setup(write);
    saver.stop();
    saver.markDirty({ territories: [A] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(await saver.flush()).toBe(false);
    expect(write).not.toHaveBeenCalled();
    expect(saver.hasPending()).toBe(true);
  });

  it('discard forgets the queue (the plan was replaced by a restore)', async () => {
    const write = vi.fn(async (_c: PlanChanges) => {});
    const { saver } = setup(write);
    saver.markDirty({ territories: [A] });
    saver.discard();
    expect(saver.hasPending()).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(write).not.toHaveBeenCalled();
  });
});

describe('describeStorageError', () => {
  it('names the problem in words a user can act on', () => {
    expect(describeStorageError({ name: 'QuotaExceededError' })).toMatch(/storage is full/);
    expect(describeStorageError(Object.assign(new Error('x'), { name: 'DatabaseClosedError' }))).toMatch(/closed/);
    expect(describeStorageError(new Error('boom'))).toMatch(/saving failed: boom/);
  });
});
