/**
 * The market in columns: every store field in one typed array or one packed string per
 * field, instead of one object per store.
 *
 * Why: a million `Store` objects cost the browser about 2 KB each (object, boxed numbers,
 * one string per text field, the structured clones on the way to and from IndexedDB); in
 * columns a store costs about 150 bytes, a column is copied to a worker or to disk as one
 * block, and the hot paths (assignment, statistics, filter, sort, map) read the columns
 * they need without building a store. A `Store` object is built only for the rows a user
 * looks at (`storeAt`).
 *
 * Encoding (pure data: survives structuredClone unchanged, so it is what IndexedDB keeps):
 * - text fields that differ per store (id, external id, name, address): one string with
 *   every value end to end and `ends[i]` = the end of value i (UTF-16 code units, so any
 *   text round-trips exactly); `nulls` flags a null external id;
 * - repeated text (city, state, ZIP, status, channel, geocode precision, the two dates,
 *   account manager): a dictionary `values` and one code per store, in the smallest typed
 *   array that holds the dictionary; a null value is a dictionary entry like any other;
 * - numbers: Float64Array (coordinates, money and satisfaction exactly as given; a null
 *   satisfaction is NaN, which no valid store has), key account: Uint8Array;
 * - fields of a stored record that this version does not know are kept per store in
 *   `extras` (rare: records written by a newer version), so a save loses nothing.
 */
import type { PersonId, Store, StoreId } from '../types';

/** Values that differ per store, packed end to end. */
export interface TextColumn {
  readonly text: string;
  /** ends[i] = end of value i in `text`; value i starts at ends[i − 1] (0 for i = 0). */
  readonly ends: Uint32Array;
  /** 1 where the value is null (then it is stored as ''), or null when no value is. */
  readonly nulls: Uint8Array | null;
}

export type Codes = Uint8Array | Uint16Array | Uint32Array;

/** Repeated values: a dictionary and a code per store. */
export interface CodeColumn<T extends string | null = string | null> {
  readonly values: readonly T[];
  readonly codes: Codes;
}

export interface Market {
  readonly length: number;
  readonly id: TextColumn;
  readonly externalId: TextColumn;
  readonly name: TextColumn;
  readonly address: TextColumn;
  readonly city: CodeColumn<string>;
  readonly state: CodeColumn<string>;
  readonly zip: CodeColumn<string>;
  readonly status: CodeColumn<Store['status']>;
  readonly channel: CodeColumn<Store['channel']>;
  readonly geocodePrecision: CodeColumn<Store['geocodePrecision']>;
  readonly customerSince: CodeColumn;
  readonly renewalDate: CodeColumn;
  readonly accountManagerId: CodeColumn<Store['accountManagerId']>;
  readonly lat: Float64Array;
  readonly lng: Float64Array;
  readonly revenue: Float64Array;
  readonly priorRevenue: Float64Array;
  readonly potential: Float64Array;
  /** NaN = null. */
  readonly satisfaction: Float64Array;
  readonly keyAccount: Uint8Array;
  /** Fields this version does not know, by store index; null when no store has any. */
  readonly extras: ReadonlyMap<number, Readonly<Record<string, unknown>>> | null;
}

const KNOWN_FIELDS = new Set<string>([
  'id', 'externalId', 'name', 'address', 'city', 'state', 'zip', 'lat', 'lng', 'geocodePrecision', 'status', 'channel',
  'revenue', 'priorRevenue', 'potential', 'customerSince', 'satisfaction', 'renewalDate', 'keyAccount', 'accountManagerId',
]);

// ---------------------------------------------------------------------------------------
// Reading

export function textAt(c: TextColumn, i: number): string {
  return c.text.slice(i === 0 ? 0 : c.ends[i - 1]!, c.ends[i]!);
}

export function nullableTextAt(c: TextColumn, i: number): string | null {
  return c.nulls !== null && c.nulls[i] === 1 ? null : textAt(c, i);
}

export function codeAt<T extends string | null>(c: CodeColumn<T>, i: number): T {
  return c.values[c.codes[i]!]!;
}

/** The store at index i, built on demand (for the rows a user looks at, a file being written…). */
export function storeAt(m: Market, i: number): Store {
  const s: Store = {
    id: textAt(m.id, i) as StoreId,
    externalId: nullableTextAt(m.externalId, i),
    name: textAt(m.name, i),
    address: textAt(m.address, i),
    city: codeAt(m.city, i),
    state: codeAt(m.state, i),
    zip: codeAt(m.zip, i),
    lat: m.lat[i]!,
    lng: m.lng[i]!,
    geocodePrecision: codeAt(m.geocodePrecision, i),
    status: codeAt(m.status, i),
    channel: codeAt(m.channel, i),
    revenue: m.revenue[i]!,
    priorRevenue: m.priorRevenue[i]!,
    potential: m.potential[i]!,
    customerSince: codeAt(m.customerSince, i),
    satisfaction: Number.isNaN(m.satisfaction[i]!) ? null : m.satisfaction[i]!,
    renewalDate: codeAt(m.renewalDate, i),
    keyAccount: m.keyAccount[i] === 1,
    accountManagerId: codeAt(m.accountManagerId, i),
  };
  const extra = m.extras?.get(i);
  return extra ? { ...extra, ...s } : s;
}

/** Every store as an object. Only for small markets and for tests: a big market is read row by row. */
export function marketStores(m: Market): Store[] {
  const out = new Array<Store>(m.length);
  for (let i = 0; i < m.length; i++) out[i] = storeAt(m, i);
  return out;
}

/** The store ids, in market order (one string each: for lookups over a few thousand stores, not a million). */
export function* storeIds(m: Market): Generator<StoreId> {
  for (let i = 0; i < m.length; i++) yield textAt(m.id, i) as StoreId;
}

/** Per dictionary code, whether the value is one of `wanted` (for filters over codes). */
export function codeMask<T extends string | null>(c: CodeColumn<T>, wanted: (v: T) => boolean): Uint8Array {
  const mask = new Uint8Array(c.values.length);
  c.values.forEach((v, k) => {
    if (wanted(v)) mask[k] = 1;
  });
  return mask;
}

const idOrders = new WeakMap<Market, Uint32Array>();

/** Store indexes in id order (built once per market, 4 bytes a store). */
function idOrder(m: Market): Uint32Array {
  let order = idOrders.get(m);
  if (order) return order;
  order = new Uint32Array(m.length);
  for (let i = 0; i < m.length; i++) order[i] = i;
  let sorted = true;
  for (let i = 1; i < m.length && sorted; i++) if (textAt(m.id, i - 1) >= textAt(m.id, i)) sorted = false;
  if (!sorted) {
    const ids = Array.from(storeIds(m));
    order.sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b));
  }
  idOrders.set(m, order);
  return order;
}

/** The index of the store with this id, or −1 (binary search over the id order). */
export function indexOfStore(m: Market, id: string): number {
  const order = idOrder(m);
  let lo = 0;
  let hi = order.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = textAt(m.id, order[mid]!);
    if (v < id) lo = mid + 1;
    else if (v > id) hi = mid - 1;
    else return order[mid]!;
  }
  return -1;
}

/** In a market sorted by id: the first position whose id is not less than `id`. */
export function idLowerBound(m: Market, id: string): number {
  let lo = 0;
  let hi = m.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (textAt(m.id, mid) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------
// Building

class TextBuilder {
  private parts: string[] = [];
  private joined: string[] = [];
  private end = 0;
  private ends: number[] = [];
  private nulls: number[] | null = null;
  push(v: string | null): void {
    if (v === null) {
      (this.nulls ??= []).push(this.ends.length);
      v = '';
    }
    this.end += v.length;
    this.ends.push(this.end);
    this.parts.push(v);
    // join in blocks: one huge array of small strings costs more than the text itself
    if (this.parts.length === 4096) {
      this.joined.push(this.parts.join(''));
      this.parts = [];
    }
  }
  build(): TextColumn {
    this.joined.push(this.parts.join(''));
    const text = this.joined.join('');
    if (text.length > 0xffffffff) throw new Error('text column over 4 GiB');
    let nulls: Uint8Array | null = null;
    if (this.nulls) {
      nulls = new Uint8Array(this.ends.length);
      for (const i of this.nulls) nulls[i] = 1;
    }
    return { text, ends: Uint32Array.from(this.ends), nulls };
  }
}

/** Builds a dictionary-encoded column value by value. */
export class CodeBuilder<T extends string | null> {
  private readonly index = new Map<T, number>();
  private readonly values: T[] = [];
  private codes = new Uint32Array(1024);
  private n = 0;
  // The last value and its code: runs of one value (a file sorted by state, a status
  // column mostly "customer") skip the hash lookup.
  private last: T | undefined = undefined;
  private lastCode = -1;
  push(v: T): void {
    let k: number;
    if (v === this.last) {
      k = this.lastCode;
    } else {
      const found = this.index.get(v);
      if (found === undefined) {
        k = this.values.length;
        this.values.push(v);
        this.index.set(v, k);
      } else {
        k = found;
      }
      this.last = v;
      this.lastCode = k;
    }
    if (this.n === this.codes.length) {
      const next = new Uint32Array(this.codes.length * 2);
      next.set(this.codes);
      this.codes = next;
    }
    this.codes[this.n++] = k;
  }
  private remaps = new WeakMap<CodeColumn<T>, Int32Array>();
  /** Adds store i's value of another column: one hash lookup per distinct value, not per store. */
  pushCode(col: CodeColumn<T>, i: number): void {
    let remap = this.remaps.get(col);
    if (!remap) this.remaps.set(col, (remap = new Int32Array(col.values.length).fill(-1)));
    const c = col.codes[i]!;
    const k = remap[c]!;
    if (k >= 0 && this.n < this.codes.length) {
      this.codes[this.n++] = k;
      return;
    }
    this.push(col.values[c]!);
    remap[c] = this.codes[this.n - 1]!;
  }
  build(): CodeColumn<T> {
    const n = this.values.length;
    const used = this.codes.subarray(0, this.n);
    const codes = n <= 0x100 ? Uint8Array.from(used) : n <= 0x10000 ? Uint16Array.from(used) : used.slice();
    return { values: this.values, codes };
  }
}

class NumberBuilder {
  private data = new Float64Array(1024);
  private n = 0;
  push(v: number): void {
    if (this.n === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.n++] = v;
  }
  build(): Float64Array {
    return this.data.slice(0, this.n);
  }
}

/**
 * Builds a market store by store, without keeping the objects (an import or a migration
 * streams rows through it). Values are taken as given: validation happens before.
 */
export class MarketBuilder {
  private n = 0;
  private readonly t = { id: new TextBuilder(), externalId: new TextBuilder(), name: new TextBuilder(), address: new TextBuilder() };
  private readonly c = {
    city: new CodeBuilder<string>(),
    state: new CodeBuilder<string>(),
    zip: new CodeBuilder<string>(),
    status: new CodeBuilder<Store['status']>(),
    channel: new CodeBuilder<Store['channel']>(),
    geocodePrecision: new CodeBuilder<Store['geocodePrecision']>(),
    customerSince: new CodeBuilder<string | null>(),
    renewalDate: new CodeBuilder<string | null>(),
    accountManagerId: new CodeBuilder<Store['accountManagerId']>(),
  };
  private readonly f = {
    lat: new NumberBuilder(),
    lng: new NumberBuilder(),
    revenue: new NumberBuilder(),
    priorRevenue: new NumberBuilder(),
    potential: new NumberBuilder(),
    satisfaction: new NumberBuilder(),
  };
  private readonly key: number[] = [];
  private extras: Map<number, Record<string, unknown>> | null = null;

  get length(): number {
    return this.n;
  }

  /**
   * Adds a store. `known` = the caller built the object with exactly the Store fields (an
   * import row): the scan for fields this version does not know is skipped.
   */
  push(s: Store, known = false): void {
    this.t.id.push(s.id);
    this.t.externalId.push(s.externalId ?? null);
    this.t.name.push(s.name);
    this.t.address.push(s.address);
    this.c.city.push(s.city);
    this.c.state.push(s.state);
    this.c.zip.push(s.zip);
    this.c.status.push(s.status);
    this.c.channel.push(s.channel);
    this.c.geocodePrecision.push(s.geocodePrecision);
    this.c.customerSince.push(s.customerSince ?? null);
    this.c.renewalDate.push(s.renewalDate ?? null);
    this.c.accountManagerId.push(s.accountManagerId ?? null);
    this.f.lat.push(s.lat);
    this.f.lng.push(s.lng);
    this.f.revenue.push(s.revenue);
    this.f.priorRevenue.push(s.priorRevenue);
    this.f.potential.push(s.potential);
    this.f.satisfaction.push(s.satisfaction ?? NaN);
    this.key.push(s.keyAccount ? 1 : 0);
    let extra: Record<string, unknown> | null = null;
    if (!known) for (const k in s) {
      if (KNOWN_FIELDS.has(k) || !Object.prototype.hasOwnProperty.call(s, k)) continue;
      (extra ??= {})[k] = (s as unknown as Record<string, unknown>)[k];
    }
    if (extra) (this.extras ??= new Map()).set(this.n, extra);
    this.n++;
  }

  /**
   * Adds store i of another market, column by column (no store object is built), with
   * its id, external id and account manager replaced when `over` gives them (an imported
   * row gets all three).
   */
  pushFrom(m: Market, i: number, over?: { id?: string; externalId?: string | null; accountManagerId?: PersonId | null }): void {
    this.t.id.push(over?.id ?? textAt(m.id, i));
    this.t.externalId.push(over && over.externalId !== undefined ? over.externalId : nullableTextAt(m.externalId, i));
    this.t.name.push(textAt(m.name, i));
    this.t.address.push(textAt(m.address, i));
    this.c.city.pushCode(m.city, i);
    this.c.state.pushCode(m.state, i);
    this.c.zip.pushCode(m.zip, i);
    this.c.status.pushCode(m.status, i);
    this.c.channel.pushCode(m.channel, i);
    this.c.geocodePrecision.pushCode(m.geocodePrecision, i);
    this.c.customerSince.pushCode(m.customerSince, i);
    this.c.renewalDate.pushCode(m.renewalDate, i);
    if (over && over.accountManagerId !== undefined) this.c.accountManagerId.push(over.accountManagerId);
    else this.c.accountManagerId.pushCode(m.accountManagerId, i);
    this.f.lat.push(m.lat[i]!);
    this.f.lng.push(m.lng[i]!);
    this.f.revenue.push(m.revenue[i]!);
    this.f.priorRevenue.push(m.priorRevenue[i]!);
    this.f.potential.push(m.potential[i]!);
    this.f.satisfaction.push(m.satisfaction[i]!);
    this.key.push(m.keyAccount[i]!);
    const extra = m.extras?.get(i);
    if (extra) (this.extras ??= new Map()).set(this.n, extra);
    this.n++;
  }

  build(): Market {
    return {
      length: this.n,
      id: this.t.id.build(),
      externalId: this.t.externalId.build(),
      name: this.t.name.build(),
      address: this.t.address.build(),
      city: this.c.city.build(),
      state: this.c.state.build(),
      zip: this.c.zip.build(),
      status: this.c.status.build(),
      channel: this.c.channel.build(),
      geocodePrecision: this.c.geocodePrecision.build(),
      customerSince: this.c.customerSince.build(),
      renewalDate: this.c.renewalDate.build(),
      accountManagerId: this.c.accountManagerId.build(),
      lat: this.f.lat.build(),
      lng: this.f.lng.build(),
      revenue: this.f.revenue.build(),
      priorRevenue: this.f.priorRevenue.build(),
      potential: this.f.potential.build(),
      satisfaction: this.f.satisfaction.build(),
      keyAccount: Uint8Array.from(this.key),
      extras: this.extras,
    };
  }
}

/** The market of these stores, in this order. */
export function marketFromStores(stores: Iterable<Store>): Market {
  const b = new MarketBuilder();
  for (const s of stores) b.push(s);
  return b.build();
}

export const EMPTY_MARKET: Market = new MarketBuilder().build();

type CodeKey = 'city' | 'state' | 'zip' | 'status' | 'channel' | 'geocodePrecision' | 'customerSince' | 'renewalDate' | 'accountManagerId';
type TextKey = 'id' | 'externalId' | 'name' | 'address';
type NumberKey = 'lat' | 'lng' | 'revenue' | 'priorRevenue' | 'potential' | 'satisfaction';
const TEXT_KEYS: readonly TextKey[] = ['id', 'externalId', 'name', 'address'];
const CODE_KEYS: readonly CodeKey[] = ['city', 'state', 'zip', 'status', 'channel', 'geocodePrecision', 'customerSince', 'renewalDate', 'accountManagerId'];
const NUMBER_KEYS: readonly NumberKey[] = ['lat', 'lng', 'revenue', 'priorRevenue', 'potential', 'satisfaction'];

function codesFor(size: number, n: number): Codes {
  return size <= 0x100 ? new Uint8Array(n) : size <= 0x10000 ? new Uint16Array(n) : new Uint32Array(n);
}

function sliceText(c: TextColumn, start: number, end: number): TextColumn {
  const from = start === 0 ? 0 : c.ends[start - 1]!;
  const ends = new Uint32Array(end - start);
  for (let i = start; i < end; i++) ends[i - start] = c.ends[i]! - from;
  const nulls = c.nulls ? c.nulls.slice(start, end) : null;
  return { text: c.text.slice(from, end === 0 ? 0 : c.ends[end - 1]!), ends, nulls: nulls && nulls.includes(1) ? nulls : null };
}

function sliceCodes<T extends string | null>(c: CodeColumn<T>, start: number, end: number): CodeColumn<T> {
  const remap = new Int32Array(c.values.length).fill(-1);
  const values: T[] = [];
  for (let i = start; i < end; i++) {
    const k = c.codes[i]!;
    if (remap[k] === -1) {
      remap[k] = values.length;
      values.push(c.values[k]!);
    }
  }
  const codes = codesFor(values.length, end - start);
  for (let i = start; i < end; i++) codes[i - start] = remap[c.codes[i]!]!;
  return { values, codes };
}

/** Stores [start, end) of a market (a chunk to save), with dictionaries of only the values they use. */
export function sliceMarket(m: Market, start: number, end: number): Market {
  start = Math.max(0, Math.min(start, m.length));
  end = Math.max(start, Math.min(end, m.length));
  const out: Record<string, unknown> = { length: end - start };
  for (const k of TEXT_KEYS) out[k] = sliceText(m[k], start, end);
  for (const k of CODE_KEYS) out[k] = sliceCodes(m[k] as CodeColumn, start, end);
  for (const k of NUMBER_KEYS) out[k] = m[k].slice(start, end);
  out.keyAccount = m.keyAccount.slice(start, end);
  let extras: Map<number, Readonly<Record<string, unknown>>> | null = null;
  if (m.extras) for (const [i, e] of m.extras) if (i >= start && i < end) (extras ??= new Map()).set(i - start, e);
  out.extras = extras;
  return out as unknown as Market;
}

/** The markets end to end (the chunks read back), with one dictionary per field. */
export function concatMarkets(parts: readonly Market[]): Market {
  if (parts.length === 0) return EMPTY_MARKET;
  if (parts.length === 1) return parts[0]!;
  const n = parts.reduce((a, m) => a + m.length, 0);
  const out: Record<string, unknown> = { length: n };
  for (const k of TEXT_KEYS) {
    const ends = new Uint32Array(n);
    let nulls: Uint8Array | null = null;
    let at = 0;
    let base = 0;
    for (const m of parts) {
      const c = m[k];
      for (let i = 0; i < m.length; i++) ends[at + i] = c.ends[i]! + base;
      if (c.nulls) (nulls ??= new Uint8Array(n)).set(c.nulls, at);
      base += c.text.length;
      at += m.length;
    }
    if (base > 0xffffffff) throw new Error(`the ${k} column is over 4 GiB`);
    out[k] = { text: parts.map((m) => m[k].text).join(''), ends, nulls };
  }
  for (const k of CODE_KEYS) {
    const index = new Map<string | null, number>();
    const values: (string | null)[] = [];
    const remaps = parts.map((m) =>
      (m[k] as CodeColumn).values.map((v) => {
        let code = index.get(v);
        if (code === undefined) {
          code = values.length;
          values.push(v);
          index.set(v, code);
        }
        return code;
      }),
    );
    const codes = codesFor(values.length, n);
    let at = 0;
    parts.forEach((m, p) => {
      const src = m[k].codes;
      const remap = remaps[p]!;
      for (let i = 0; i < m.length; i++) codes[at + i] = remap[src[i]!]!;
      at += m.length;
    });
    out[k] = { values, codes };
  }
  for (const k of NUMBER_KEYS) {
    const col = new Float64Array(n);
    let at = 0;
    for (const m of parts) {
      col.set(m[k], at);
      at += m.length;
    }
    out[k] = col;
  }
  const key = new Uint8Array(n);
  let extras: Map<number, Readonly<Record<string, unknown>>> | null = null;
  let at = 0;
  for (const m of parts) {
    key.set(m.keyAccount, at);
    if (m.extras) for (const [i, e] of m.extras) (extras ??= new Map()).set(at + i, e);
    at += m.length;
  }
  out.keyAccount = key;
  out.extras = extras;
  return out as unknown as Market;
}

/**
 * Two markets sorted by id, with no id in common, as one sorted market. When the second
 * falls between two neighbours of the first (a batch of added stores always does), the
 * result is three blocks joined; otherwise the stores are interleaved one by one.
 */
export function mergeById(a: Market, b: Market): Market {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const at = idLowerBound(a, textAt(b.id, 0));
  if (at === a.length || textAt(a.id, at) > textAt(b.id, b.length - 1)) {
    return concatMarkets([sliceMarket(a, 0, at), b, sliceMarket(a, at, a.length)].filter((m) => m.length > 0));
  }
  const out = new MarketBuilder();
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const id = textAt(a.id, i);
    while (j < b.length && textAt(b.id, j) < id) out.pushFrom(b, j++);
    out.pushFrom(a, i);
  }
  while (j < b.length) out.pushFrom(b, j++);
  return out.build();
}

/**
 * The stores at these indexes, in this order (what remains after a delete, a re-import…),
 * gathered column by column: no store is built, and each dictionary keeps only the values
 * the picked stores use.
 */
export function pickStores(m: Market, indexes: ArrayLike<number>): Market {
  const n = indexes.length;
  let identity = n === m.length;
  for (let j = 0; identity && j < n; j++) identity = indexes[j] === j;
  if (identity) return m;
  const out: Record<string, unknown> = { length: n };
  for (const k of TEXT_KEYS) out[k] = pickText(m[k], indexes);
  for (const k of CODE_KEYS) out[k] = pickCodes(m[k] as CodeColumn, indexes);
  for (const k of NUMBER_KEYS) {
    const src = m[k];
    const col = new Float64Array(n);
    for (let j = 0; j < n; j++) col[j] = src[indexes[j]!]!;
    out[k] = col;
  }
  const key = new Uint8Array(n);
  for (let j = 0; j < n; j++) key[j] = m.keyAccount[indexes[j]!]!;
  out.keyAccount = key;
  let extras: Map<number, Readonly<Record<string, unknown>>> | null = null;
  if (m.extras) {
    for (let j = 0; j < n; j++) {
      const e = m.extras.get(indexes[j]!);
      if (e) (extras ??= new Map()).set(j, e);
    }
  }
  out.extras = extras;
  return out as unknown as Market;
}

/** Values at these indexes of a text column, in this order. */
function pickText(c: TextColumn, indexes: ArrayLike<number>): TextColumn {
  return textColumnOf(Array.from(indexes, (i) => nullableTextAt(c, i)));
}

/** Codes at these indexes of a dictionary column, the dictionary cut to the values they use. */
function pickCodes<T extends string | null>(c: CodeColumn<T>, indexes: ArrayLike<number>): CodeColumn<T> {
  const n = indexes.length;
  const remap = new Int32Array(c.values.length).fill(-1);
  const values: T[] = [];
  for (let j = 0; j < n; j++) {
    const k = c.codes[indexes[j]!]!;
    if (remap[k] === -1) {
      remap[k] = values.length;
      values.push(c.values[k]!);
    }
  }
  const codes = codesFor(values.length, n);
  for (let j = 0; j < n; j++) codes[j] = remap[c.codes[indexes[j]!]!]!;
  return { values, codes };
}

/** A text column holding these values, in this order (null kept as null). */
export function textColumnOf(values: readonly (string | null)[]): TextColumn {
  const n = values.length;
  const ends = new Uint32Array(n);
  const parts = new Array<string>(n);
  let nulls: Uint8Array | null = null;
  let end = 0;
  for (let j = 0; j < n; j++) {
    const v = values[j];
    if (v === null || v === undefined) {
      (nulls ??= new Uint8Array(n))[j] = 1;
      parts[j] = '';
    } else {
      parts[j] = v;
      end += v.length;
    }
    ends[j] = end;
  }
  if (end > 0xffffffff) throw new Error('text column over 4 GiB');
  return { text: parts.join(''), ends, nulls };
}

/** A dictionary column holding these values (one per store, given by `valueAt`). */
export function codeColumnOf<T extends string | null>(n: number, valueAt: (i: number) => T): CodeColumn<T> {
  const b = new CodeBuilder<T>();
  for (let i = 0; i < n; i++) b.push(valueAt(i));
  return b.build();
}

/** Stores as columns or as objects: what functions take when tests hand them a few objects. */
export type StoreSource = Market | readonly Store[];

export function isStoreList(s: StoreSource): s is readonly Store[] {
  return Array.isArray(s);
}

/** Columns as they are; objects (a backup, a test, a small file) turned into columns. */
export function toMarket(s: StoreSource): Market {
  return isStoreList(s) ? marketFromStores(s) : s;
}

/** The id of store i, whichever form the stores are in. */
export function storeIdAt(s: StoreSource, i: number): StoreId {
  return isStoreList(s) ? s[i]!.id : (textAt(s.id, i) as StoreId);
}

/** Indexes of the stores whose account manager is `managerId` (null: stores without one). */
export function storesOfManager(m: Market, managerId: PersonId | null): Int32Array {
  const mask = codeMask(m.accountManagerId, (v) => v === managerId);
  const out: number[] = [];
  const codes = m.accountManagerId.codes;
  for (let i = 0; i < m.length; i++) if (mask[codes[i]!]) out.push(i);
  return Int32Array.from(out);
}

/**
 * The market with some stores' account manager changed (a person deleted, or that undone):
 * only the account-manager column is rebuilt, every other column is shared.
 */
export function withAccountManagers(m: Market, managerOf: ReadonlyMap<string, PersonId | null>): Market {
  if (managerOf.size === 0) return m;
  return withAccountManagersAt(m, (i) => managerOf.get(textAt(m.id, i)));
}

/**
 * The market with the account manager of store i replaced by `nextAt(i)` where that is not
 * undefined: a new account-manager column whose dictionary holds only the values used;
 * every other column is shared.
 */
export function withAccountManagersAt(m: Market, nextAt: (i: number) => PersonId | null | undefined): Market {
  const b = new CodeBuilder<PersonId | null>();
  for (let i = 0; i < m.length; i++) {
    const next = nextAt(i);
    if (next === undefined) b.pushCode(m.accountManagerId, i);
    else b.push(next);
  }
  return { ...m, accountManagerId: b.build() };
}
