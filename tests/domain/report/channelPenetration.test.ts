import { describe, expect, it } from 'vitest';
import { computeChannelPenetration, penetrationOf } from '../../../src/domain/report';
import { EMPTY_MARKET, marketFromStores } from '../../../src/domain/market';
import type { Store } from '../../../src/domain/types';
import { store } from '../../fixtures/market';

const s = (id: string, channel: string, status: Store['status']) => store(id, 0, 0, { channel: channel as Store['channel'], status });

/**
 *   store  territory  channel          status
 *   a      0          groomer          customer
 *   b      0          groomer          prospect
 *   c      0          vet-clinic       customer
 *   d      1          groomer          lost
 *   e      —          grocery          customer   (unassigned: counted nowhere)
 *   f      2 (gone)   vet-clinic       customer   (index past the territories: counted nowhere)
 * Territory 2 (of 3) has no store at all.
 */
const stores = [s('a', 'groomer', 'customer'), s('b', 'groomer', 'prospect'), s('c', 'vet-clinic', 'customer'), s('d', 'groomer', 'lost'), s('e', 'grocery', 'customer'), s('f', 'vet-clinic', 'customer')];
const assignment = Int32Array.from([0, 0, 0, 1, -1, 7]);

describe('computeChannelPenetration', () => {
  const p = computeChannelPenetration(stores, assignment, 3);

  it('keeps the channels some store has, in PRODUCT.md order', () => {
    // grocery is present in the market (store e), even though e is unassigned
    expect(p.channels).toEqual(['vet-clinic', 'groomer', 'grocery']);
  });

  it('counts stores and customers per territory and channel, by hand', () => {
    // rows: territory 0, 1, 2; columns: vet-clinic, groomer, grocery
    expect([...p.stores]).toEqual([1, 2, 0, 0, 1, 0, 0, 0, 0]);
    expect([...p.customers]).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(penetrationOf(p, 0, 0)).toBe(1); // 1 / 1
    expect(penetrationOf(p, 0, 1)).toBe(0.5); // 1 / 2
    expect(penetrationOf(p, 1, 1)).toBe(0); // lost is not a customer
  });

  it('gives 0 for a territory with no store of the channel, and for a territory with no store at all', () => {
    expect(penetrationOf(p, 0, 2)).toBe(0);
    expect(penetrationOf(p, 2, 0)).toBe(0);
    expect(penetrationOf(p, 2, 1)).toBe(0);
  });

  it('reads columns and object lists alike', () => {
    const q = computeChannelPenetration(marketFromStores(stores), assignment, 3);
    expect(q.channels).toEqual(p.channels);
    expect([...q.stores]).toEqual([...p.stores]);
    expect([...q.customers]).toEqual([...p.customers]);
  });

  it('is empty without stores or without territories', () => {
    const none = computeChannelPenetration(EMPTY_MARKET, new Int32Array(0), 2);
    expect(none.channels).toEqual([]);
    expect(none.stores.length).toBe(0);
    expect(penetrationOf(none, 1, 0)).toBe(0);
    const noTerritories = computeChannelPenetration(stores, Int32Array.from(stores, () => -1), 0);
    expect(noTerritories.territoryCount).toBe(0);
    expect(noTerritories.stores.length).toBe(0);
  });

  it('puts a channel this version does not know after the known ones', () => {
    const q = computeChannelPenetration([s('x', 'pharmacy', 'customer'), s('y', 'groomer', 'prospect')], Int32Array.from([0, 0]), 1);
    expect(q.channels).toEqual(['groomer', 'pharmacy']);
    expect([...q.stores]).toEqual([1, 1]);
    expect(penetrationOf(q, 0, 1)).toBe(1);
  });
});
