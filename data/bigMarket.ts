/**
 * A large market as a CRM export: `npm run generate:market -- --stores 1000000` writes an
 * N-store CSV (default `big-market.csv`, not committed) for trying the app, and the scale
 * bench imports one through the wizard. Stores are drawn exactly like the sample market's
 * (data/marketGenerator.ts: US places weighted by population, channel/status mixes, names,
 * addresses, money, dates, account managers), one row at a time, so a million rows never
 * sit in memory: the file is written in chunks as it is made.
 *
 * Deterministic: row i depends only on (seed, i), and the key-account threshold on a fixed
 * sample of the first 20,000 draws, so the file of N rows is the first N rows of any longer
 * one. Columns are those a CRM export names and the import's `detectColumns` maps by
 * itself (same header as tests/bench/crmCsv.ts); every row is valid, so an import of the
 * file rejects nothing.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import {
  DEFAULT_SEED,
  REFERENCE_DATE,
  accountManagers,
  dayOf,
  drawAccountOwner,
  drawStoreDraft,
  keyAccountThreshold,
  makePlacePicker,
  type MarketOptions,
  type Place,
  type StoreDraft,
} from './marketGenerator';
import type { Channel, StoreStatus } from '../src/domain/types';

/** The CSV header: a typical CRM account export (all auto-detected by the import). */
export const BIG_MARKET_HEADER = [
  'Account ID', 'Store Name', 'Address', 'City', 'State', 'Zip', 'Latitude', 'Longitude', 'Status', 'Channel', 'T12M Revenue',
  'Prior Year Revenue', 'Potential', 'Customer Since', 'CSAT', 'Renewal Date', 'Key Account', 'Account Manager',
] as const;

/** Where `generate:market -- --stores N` writes when no `--out` is given (git-ignored). */
export const BIG_MARKET_DEFAULT_OUT = 'big-market.csv';

/** Draws used to fix the key-account threshold, whatever the row count. */
const THRESHOLD_SAMPLE = 20_000;
/** Rows per chunk handed to the writer. */
const CHUNK_ROWS = 5_000;

const STATUS_LABEL: Record<StoreStatus, string> = { customer: 'Customer', prospect: 'Prospect', lost: 'Lost' };
const CHANNEL_LABEL: Record<Channel, string> = {
  'independent-pet': 'Independent Pet',
  'vet-clinic': 'Vet Clinic',
  groomer: 'Groomer',
  'farm-feed': 'Farm & Feed',
  grocery: 'Grocery',
};

export interface BigMarketOptions {
  stores: number;
  seed?: number;
  /** The "today" of the file (YYYY-MM-DD); dates are relative to it, never to the clock. */
  referenceDate?: string;
  /** Land check as for the sample market; see {@link memoiseLandCheck} to keep it fast. */
  isInState?: MarketOptions['isInState'];
  /** Each store's ZIP, as for the sample market (data/nearestZip.ts): the nearest real ZIP of its state. */
  nearestZip: NonNullable<MarketOptions['nearestZip']>;
}

/** RFC 4180 cell: quoted only when it holds a comma, a quote or a line break. */
function cell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function line(i: number, d: StoreDraft, keyAccount: boolean, manager: string): string {
  return [
    `CRM-${1_000_001 + i}`,
    cell(d.name),
    cell(d.address),
    cell(d.city),
    d.state,
    d.zip,
    String(d.lat),
    String(d.lng),
    STATUS_LABEL[d.status],
    cell(CHANNEL_LABEL[d.channel]),
    String(d.revenue),
    String(d.priorRevenue),
    String(d.potential),
    d.customerSince ?? '',
    d.satisfaction === null ? '' : String(d.satisfaction),
    d.renewalDate ?? '',
    keyAccount ? 'Yes' : 'No',
    manager,
  ].join(',');
}

/**
 * The file as chunks of text (header first, LF line ends, trailing newline): join them for
 * a small file, write them one by one for a big one ({@link writeBigMarket}).
 */
export function* bigMarketChunks(places: readonly Place[], options: BigMarketOptions): Generator<string> {
  const seed = options.seed ?? DEFAULT_SEED;
  const refDay = dayOf(options.referenceDate ?? REFERENCE_DATE);
  const pickPlace = makePlacePicker(places);
  const managers = accountManagers().map((p) => p.name);
  const sample: StoreDraft[] = [];
  for (let i = 0; i < THRESHOLD_SAMPLE; i++) sample.push(drawStoreDraft(seed, i, pickPlace, refDay, options.isInState, options.nearestZip));
  const keyThreshold = keyAccountThreshold(sample);
  sample.length = 0;

  yield BIG_MARKET_HEADER.join(',') + '\n';
  const lines: string[] = [];
  for (let i = 0; i < options.stores; i++) {
    const d = drawStoreDraft(seed, i, pickPlace, refDay, options.isInState, options.nearestZip);
    const { keyAccount, manager } = drawAccountOwner(seed, d, keyThreshold);
    lines.push(line(i, d, keyAccount, manager === null ? '' : managers[manager]!));
    if (lines.length === CHUNK_ROWS) {
      yield lines.join('\n') + '\n';
      lines.length = 0;
    }
  }
  if (lines.length > 0) yield lines.join('\n') + '\n';
}

/** Writes the file chunk by chunk (never one big string); returns rows and bytes written. */
export function writeBigMarket(path: string, places: readonly Place[], options: BigMarketOptions): { rows: number; bytes: number } {
  const fd = openSync(path, 'w');
  let bytes = 0;
  try {
    for (const chunk of bigMarketChunks(places, options)) bytes += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return { rows: options.stores, bytes };
}

/**
 * A land check answered per grid cell of `cellDeg` degrees (at the cell's centre) and
 * remembered: the exact point-in-state test over 1:10m boundaries costs ~100 µs, far too
 * much a million times, while a market's stores fall in a few hundred thousand cells.
 * Off by at most half a cell (≈1 km) at a coast or border, which a generated market can bear.
 */
export function memoiseLandCheck(isInState: NonNullable<MarketOptions['isInState']>, cellDeg = 0.02): NonNullable<MarketOptions['isInState']> {
  const memo = new Map<string, Map<number, boolean>>();
  const lngCells = Math.ceil(360 / cellDeg);
  return (state, lng, lat) => {
    let byCell = memo.get(state);
    if (!byCell) memo.set(state, (byCell = new Map()));
    const cx = Math.floor((lng + 180) / cellDeg);
    const cy = Math.floor((lat + 90) / cellDeg);
    const key = cy * lngCells + cx;
    let inside = byCell.get(key);
    if (inside === undefined) {
      inside = isInState(state, (cx + 0.5) * cellDeg - 180, (cy + 0.5) * cellDeg - 90);
      byCell.set(key, inside);
    }
    return inside;
  };
}
