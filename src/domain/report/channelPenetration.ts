/**
 * Penetration by channel per territory (issue 14, "See it in charts"): for each territory
 * and each store channel, how many stores it holds and how many of them are customers.
 *
 * The plan engine's stats sum a territory's stores over all channels, so this is the one
 * figure the plan report cannot give; it is computed here from the market's columns and
 * the assignment in one pass over two code arrays (no `Store` object is built), so a
 * million stores cost a few milliseconds. Penetration is PRODUCT.md's: customers / stores,
 * 0 when the territory has no store of that channel (`penetrationOf`); a view that wants
 * to tell "no stores" from "no customers" reads `stores` first.
 */
import { toMarket, type StoreSource } from '../market';
import { CHANNELS } from '../types';

export interface ChannelPenetration {
  /**
   * The channels in column order: PRODUCT.md's channels that some store has (in `CHANNELS`
   * order), then any other value the market holds (a store written by a newer version).
   */
  channels: readonly string[];
  /** Number of territories (rows). */
  territoryCount: number;
  /** stores[t × channels.length + c]: stores of channel c in territory t. */
  stores: Float64Array;
  /** customers[t × channels.length + c]: customers of channel c in territory t. */
  customers: Float64Array;
}

/**
 * Counts stores and customers per territory and channel. `assignment[i]` is the index of
 * store i's territory (−1 or out of range: unassigned, not counted).
 */
export function computeChannelPenetration(source: StoreSource, assignment: ArrayLike<number>, territoryCount: number): ChannelPenetration {
  const m = toMarket(source);
  const present = new Uint8Array(m.channel.values.length);
  for (let i = 0; i < m.length; i++) present[m.channel.codes[i]!] = 1;
  const values = m.channel.values;
  const known = CHANNELS.filter((c) => values.some((v, k) => v === c && present[k] === 1));
  const others = [...new Set(values.filter((v, k) => present[k] === 1 && !(CHANNELS as readonly string[]).includes(v)))];
  const channels: string[] = [...known, ...others];
  // Dictionary code → column; several codes may hold the same value (after a join).
  const column = Int32Array.from(values, (v) => channels.indexOf(v));
  const isCustomer = Uint8Array.from(m.status.values, (v) => (v === 'customer' ? 1 : 0));

  const cc = channels.length;
  const stores = new Float64Array(territoryCount * cc);
  const customers = new Float64Array(territoryCount * cc);
  for (let i = 0; i < m.length; i++) {
    const t = assignment[i] ?? -1;
    if (t < 0 || t >= territoryCount) continue;
    const at = t * cc + column[m.channel.codes[i]!]!;
    stores[at] = stores[at]! + 1;
    customers[at] = customers[at]! + isCustomer[m.status.codes[i]!]!;
  }
  return { channels, territoryCount, stores, customers };
}

/** Customers / stores of one channel in one territory; 0 when it has no store of the channel. */
export function penetrationOf(p: ChannelPenetration, territory: number, channel: number): number {
  const at = territory * p.channels.length + channel;
  const n = p.stores[at] ?? 0;
  return n > 0 ? p.customers[at]! / n : 0;
}
