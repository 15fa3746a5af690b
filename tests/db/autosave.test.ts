import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver, describeStorageError, type SaveState } from '../../src/db/autosave';
import type { TerritoryChanges } from '../../src/db/planRepository';
import type { Territory, TerritoryId } from '../../src/domain/types';
import { plan, squareTerritory } from '../fixtures/market';

const A = 'A' as TerritoryId;
const B = 'B' as TerritoryId;

function setup(write: (c: TerritoryChanges) => Promise<void>) {
  const territories = new Map<TerritoryId, Territory>([[A, squareTerritory('A', 0, 0, 1, 0)]]);
  const states: SaveState[] = [];
  const saver = new Autosaver({
    planId: plan.id,
    getTerritory: (id) => territories.get(id),
    write,
    onState: (s) => states.push(s),
    delayMs: 300,
    now: () => 777,
  });
  return { saver, states, territories };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Autosaver', () => {
  it('debounces several changes into one write with upserts and deletes', async () => {
    const write = vi.fn(async (_c: TerritoryChanges) => {});
    const { saver, states } = setup(write);
    saver.markDirty([A]);
    saver.markDirty([B]); // B is not in the plan any more: a delete
    expect(states.at(-1)).toEqual({ kind: 'pending' });
    await vi.advanceTimersByTimeAsync(299);
    expect(write).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(write).toHaveBeenCalledTimes(1);
    const batch = write.mock.calls[0]![0];
    expect(batch.upserts.map((t) => t.id)).toEqual([A]);
    expect(batch.deletes).toEqual([B]);
    expect(batch.savedAt).toBe(777);
    expect(states.at(-1)).toEqual({ kind: 'saved', savedAt: 777 });
  });

  it('flush writes at once (pagehide) without waiting for the debounce', async () => {
    const write = vi.fn(async (_c: TerritoryChanges) => {});
    const { saver } = setup(write);
    saver.markDirty([A]);
    await saver.flush();
    expect(write).toHaveBeenCalledTimes(1);
    expect(saver.hasPending()).toBe(false);
  });

  it('a failed write says so, keeps the change queued and retries on the next flush', async () => {
    let fail = true;
    const write = vi.fn(async (_c: TerritoryChanges) => {
      if (fail) throw Object.assign(new Error('disk full'), { name: 'QuotaExceededError' });
    });
    const { saver, states } = setup(write);
    saver.markDirty([A]);
    await saver.flush();
    const last = states.at(-1)!;
    expect(last.kind).toBe('error');
    expect(last.kind === 'error' && last.message).toMatch(/storage is full/);
    expect(states.some((s) => s.kind === 'saved')).toBe(false);
    expect(saver.hasPending()).toBe(true);
    fail = false;
    await saver.flush();
    expect(write).toHaveBeenCalledTimes(2);
    expect(write.mock.calls[1]![0].upserts.map((t) => t.id)).toEqual([A]);
    expect(states.at(-1)).toEqual({ kind: 'saved', savedAt: 777 });
  });

  it('does nothing when there is nothing to save', async () => {
    const write = vi.fn(async (_c: TerritoryChanges) => {});
    const { saver, states } = setup(write);
    await saver.flush();
    expect(write).not.toHaveBeenCalled();
    expect(states).toEqual([]);
  });
});

describe('describeStorageError', () => {
  it('names the problem in words a user can act on', () => {
    expect(describeStorageError({ name: 'QuotaExceededError' })).toMatch(/storage is full/);
    expect(describeStorageError(Object.assign(new Error('x'), { name: 'DatabaseClosedError' }))).toMatch(/closed/);
    expect(describeStorageError(new Error('boom'))).toMatch(/Saving failed: boom/);
  });
});
