/**
 * The per-row rules of an import, compiled once per (header, mapping, options) so that
 * `validateRows` (all rows) and `previewRows` (the first few) agree exactly. Internal to
 * the import folder; the public entry points are those two functions. The rules and their
 * order are documented on `validateRows`.
 *
 * Written for 100k–1M rows: a class (one optimised `add` shared by every import, where
 * per-call closures were re-optimised on each call); column indices resolved once; cells
 * taken as spans of the file text (`CellSpans`) and read with char loops, not regular
 * expressions, so that a valid row allocates its store object and the strings it keeps
 * (name, address, city, state, ID, ZIP, ISO dates) and nothing else; vocabulary cells
 * (status, channel, key account, account manager) matched on the span and interpreted once
 * per distinct raw value; a rejected row of a table keeps a reference to its cells instead
 * of a copy. Messages are built only for rejected rows.
 */
import type { Channel, StoreStatus } from '../types';
import type { ColumnMapping, StoreField } from './fields';
import { ImportedRowsBuilder } from './importedRows';
import type { ImportedStore, ImportOptions, ImportResult, RejectedRow } from './importTypes';
import { isBlankToken } from './blankTokens';
import { FALLBACK_CHANNEL, matchChannel } from './matchChannel';
import { matchKeyAccount } from './matchKeyAccount';
import { matchStatus } from './matchStatus';
import { normalizeWord } from './normalizeWord';
import { normalizeZip } from './normalizeZip';
import { parseCoordinateCell } from './parseCoordinateCell';
import { parseDateCell, type DateOrder } from './parseDateCell';
import { parseNumberCell } from './parseNumberCell';
import { readTextCell } from './readTextCell';
import type { RejectReason } from './reasons';
import { FirstRowIndex, VocabularyCache } from './stringTables';
import { CellSpans } from './cellSpans';

/** Latitudes south of this are Antarctica: no stores there, a swap is far likelier. */
const ANTARCTIC_LAT = -60;
const MAX_LISTED_CHANNELS = 50;
const MAX_VALUE_IN_MESSAGE = 60;

/** Fields as words inside a sentence. */
const FIELD_NOUNS: Readonly<Record<StoreField, string>> = {
  name: 'name',
  externalId: 'external ID',
  lat: 'latitude',
  lng: 'longitude',
  zip: 'ZIP',
  address: 'address',
  city: 'city',
  state: 'state',
  status: 'status',
  channel: 'channel',
  revenue: 'revenue',
  priorRevenue: 'prior revenue',
  potential: 'potential',
  customerSince: 'customer-since date',
  satisfaction: 'satisfaction',
  renewalDate: 'renewal date',
  keyAccount: 'key-account flag',
  accountManager: 'account manager',
  geocodePrecision: 'geocode precision',
};

interface StatusCell {
  status: StoreStatus | null;
  defaulted: boolean;
}
interface ChannelCell {
  channel: Channel;
  exact: boolean;
  text: string;
}

/** A money cell's value, or a rejection. */
type Money = number | { reason: RejectReason; message: string };

export class RowValidator {
  private readonly width: number;
  private readonly cName: number;
  private readonly cExt: number;
  private readonly cAddress: number;
  private readonly cCity: number;
  private readonly cState: number;
  private readonly cZip: number;
  private readonly cLat: number;
  private readonly cLng: number;
  private readonly cStatus: number;
  private readonly cChannel: number;
  private readonly cRevenue: number;
  private readonly cPrior: number;
  private readonly cPotential: number;
  private readonly cSince: number;
  private readonly cSat: number;
  private readonly cRenewal: number;
  private readonly cKey: number;
  private readonly cAm: number;
  private readonly cPrecision: number;

  private readonly decimalComma: boolean;
  private readonly dateOrder: DateOrder;
  private readonly zipLookup: ((zip: string) => [number, number] | null) | null;
  private readonly referenceYear: number | undefined;
  private readonly defaultStatus: StoreStatus;

  private readonly stores = new ImportedRowsBuilder();
  private readonly rejected: RejectedRow[] = [];
  private readonly byReason: Partial<Record<RejectReason, number>> = {};
  private blankRows = 0;
  private geocodedFromZip = 0;
  private defaultedStatus = 0;
  private lastOutcome: ImportedStore | RejectedRow | null = null;
  private readonly firstRowOfId: FirstRowIndex;
  private readonly managers: string[] = [];
  private readonly managerName: VocabularyCache<string | null, string[]>;
  private readonly statusOf: VocabularyCache<StatusCell, StoreStatus>;
  private readonly channelOf: VocabularyCache<ChannelCell>;
  private readonly keyAccountOf: VocabularyCache<boolean | null>;
  private readonly unknownChannels = new Map<string, { value: string; count: number; mappedTo: Channel }>();
  /** `add`'s view of a row of strings. */
  private readonly scratch = new CellSpans();

  constructor(
    private readonly header: readonly string[],
    mapping: ColumnMapping,
    opts: ImportOptions,
    expectedRows = 512,
  ) {
    const width = header.length;
    this.width = width;
    const col = (f: StoreField): number => {
      const c = mapping[f];
      return c !== undefined && Number.isInteger(c) && c >= 0 && c < width ? c : -1;
    };
    this.cName = col('name');
    this.cExt = col('externalId');
    this.cAddress = col('address');
    this.cCity = col('city');
    this.cState = col('state');
    this.cZip = col('zip');
    this.cLat = col('lat');
    this.cLng = col('lng');
    this.cStatus = col('status');
    this.cChannel = col('channel');
    this.cRevenue = col('revenue');
    this.cPrior = col('priorRevenue');
    this.cPotential = col('potential');
    this.cSince = col('customerSince');
    this.cSat = col('satisfaction');
    this.cRenewal = col('renewalDate');
    this.cKey = col('keyAccount');
    this.cAm = col('accountManager');
    this.cPrecision = col('geocodePrecision');

    this.decimalComma = opts.decimalComma;
    this.dateOrder = opts.dateOrder;
    this.zipLookup = opts.zipLookup ?? null;
    this.referenceYear = opts.referenceDate ? opts.referenceDate.getUTCFullYear() : undefined;
    const defaultStatus: StoreStatus = opts.defaultStatus ?? 'prospect';
    this.defaultStatus = defaultStatus;

    this.firstRowOfId = new FirstRowIndex(this.cExt >= 0 ? expectedRows : 0);
    this.managerName = new VocabularyCache(managerCell, this.managers);
    this.statusOf = new VocabularyCache(statusCell, defaultStatus);
    this.channelOf = new VocabularyCache(channelCell, undefined);
    this.keyAccountOf = new VocabularyCache(keyAccountCell, undefined);
  }

  /** The outcome of the last `add`: the store, the rejection, or null for a blank row. */
  last(): ImportedStore | RejectedRow | null {
    return this.lastOutcome;
  }

  /** Validates one row (cells as parsed) and records the outcome. */
  add(row: string[], rowNumber: number, pre?: { reason: RejectReason; message: string }): void {
    this.addSpans(this.scratch.setStrings(row), rowNumber, pre);
  }

  /**
   * Validates one record given as spans (`readRecordSpans`, or a row via `add`) and records
   * the outcome. Strings are made only for the cells a store keeps; numbers, coordinates
   * and dates are read from the spans.
   */
  addSpans(cells: CellSpans, rowNumber: number, pre?: { reason: RejectReason; message: string }): void {
    this.lastOutcome = null;
    if (pre !== undefined) return this.reject(cells, rowNumber, pre.reason, pre.message);
    const width = this.width;
    if (cells.count !== width) {
      if (isBlankRow(cells)) {
        this.blankRows++;
        return;
      }
      const why = cells.count > width ? ' — a value containing the delimiter without quotes?' : ' — cut short?';
      return this.reject(cells, rowNumber, 'wrong-field-count', `This row has ${cells.count} values but the header has ${width} columns${why}`);
    }
    const { srcs, starts, ends } = cells;

    // Name
    const cName = this.cName;
    const name = this.textCell(cells, cName);
    if (name === '') {
      if (isBlankRow(cells)) {
        this.blankRows++;
        return;
      }
      return this.reject(cells, rowNumber, 'missing-name', cName >= 0 ? `${this.label('name', cName)} is empty.` : 'No column is mapped to Name.');
    }

    // Location
    const cZip = this.cZip;
    const cLat = this.cLat;
    const cLng = this.cLng;
    const zipText = this.textCell(cells, cZip);
    const zip = zipText === '' ? '' : (normalizeZip(zipText) ?? zipText);
    let lat = cLat >= 0 ? parseCoordinateCell(srcs[cLat]!, starts[cLat], ends[cLat]) : null;
    let lng = cLng >= 0 ? parseCoordinateCell(srcs[cLng]!, starts[cLng], ends[cLng]) : null;
    let fromZip = false;
    if (lat === null && lng === null) {
      if (zip === '') {
        const what = cLat < 0 && cLng < 0 ? 'No latitude/longitude columns' : 'No latitude/longitude';
        return this.reject(cells, rowNumber, 'missing-coordinates', cZip >= 0 ? `${what} and the ZIP is empty.` : `${what} and no ZIP to place the store.`);
      }
      const point = this.zipLookup !== null ? this.zipLookup(zip) : null;
      if (point === null) {
        const why =
          this.zipLookup === null
            ? 'the offline ZIP table is not loaded'
            : normalizeZip(zip) === null
              ? `${shown(zipText)} is not a US ZIP code`
              : `ZIP ${shown(zip)} is not in the offline ZIP table`;
        return this.reject(cells, rowNumber, 'zip-not-found', `No latitude/longitude, and ${why}.`);
      }
      lng = point[0];
      lat = point[1];
      fromZip = true;
    } else if (lat === null || lng === null) {
      const [has, hasCell, missing] = lat === null ? ['Longitude', cells.text(cLng), 'latitude'] : ['Latitude', cells.text(cLat), 'longitude'];
      return this.reject(cells, rowNumber, 'missing-coordinates', `${has} is ${shown(hasCell)} but ${missing} is empty.`);
    } else if (lat !== lat || lng !== lng) {
      const [f, c] = lat !== lat ? (['lat', cLat] as const) : (['lng', cLng] as const);
      return this.reject(cells, rowNumber, 'non-numeric-coordinate', `${this.label(f, c)} is ${shown(cells.text(c))}, which is not a number.`);
    } else {
      const problem = coordinateProblem(lat, lng);
      if (problem !== null) return this.reject(cells, rowNumber, problem.reason, problem.message);
    }

    // Status (unknown → reject), channel (never rejects)
    let status = this.defaultStatus;
    let statusDefaulted = true;
    const cStatus = this.cStatus;
    if (cStatus >= 0) {
      const m = this.statusOf.get(srcs[cStatus]!, starts[cStatus]!, ends[cStatus]!);
      if (m.status === null) {
        return this.reject(
          cells,
          rowNumber,
          'unknown-status',
          `${this.label('status', cStatus)} is ${shown(cells.text(cStatus))}, which is not customer, prospect or lost (nor a synonym such as active, lead, churned).`,
        );
      }
      status = m.status;
      statusDefaulted = m.defaulted;
    }
    let channel: Channel = FALLBACK_CHANNEL;
    const cChannel = this.cChannel;
    if (cChannel >= 0) {
      const m = this.channelOf.get(srcs[cChannel]!, starts[cChannel]!, ends[cChannel]!);
      channel = m.channel;
      if (!m.exact) this.noteUnknownChannel(m);
    }

    // Numbers
    const revenue = this.money(cells, this.cRevenue, 'revenue');
    if (typeof revenue !== 'number') return this.reject(cells, rowNumber, revenue.reason, revenue.message);
    const priorRevenue = this.money(cells, this.cPrior, 'priorRevenue');
    if (typeof priorRevenue !== 'number') return this.reject(cells, rowNumber, priorRevenue.reason, priorRevenue.message);
    const potential = this.money(cells, this.cPotential, 'potential');
    if (typeof potential !== 'number') return this.reject(cells, rowNumber, potential.reason, potential.message);
    let satisfaction: number | null = null;
    const cSat = this.cSat;
    if (cSat >= 0) {
      const v = parseNumberCell(srcs[cSat]!, this.decimalComma, starts[cSat], ends[cSat]);
      if (v !== null) {
        if (v !== v || v === Infinity || v === -Infinity) {
          const p = this.numberProblem(cells.text(cSat), v, 'satisfaction', cSat);
          return this.reject(cells, rowNumber, p.reason, p.message);
        }
        if (v < 1 || v > 5) return this.reject(cells, rowNumber, 'satisfaction-out-of-range', `${this.label('satisfaction', cSat)} is ${shown(cells.text(cSat))}, outside the 1–5 scale.`);
        satisfaction = v;
      }
    }

    // Dates
    const cSince = this.cSince;
    const customerSince = cSince >= 0 ? parseDateCell(srcs[cSince]!, this.dateOrder, this.referenceYear, starts[cSince], ends[cSince]) : null;
    if (customerSince === false) return this.reject(cells, rowNumber, 'bad-date', this.dateProblem(cells, cSince, 'customerSince'));
    const cRenewal = this.cRenewal;
    const renewalDate = cRenewal >= 0 ? parseDateCell(srcs[cRenewal]!, this.dateOrder, this.referenceYear, starts[cRenewal], ends[cRenewal]) : null;
    if (renewalDate === false) return this.reject(cells, rowNumber, 'bad-date', this.dateProblem(cells, cRenewal, 'renewalDate'));

    // Key account
    let keyAccount = false;
    const cKey = this.cKey;
    if (cKey >= 0) {
      const k = this.keyAccountOf.get(srcs[cKey]!, starts[cKey]!, ends[cKey]!);
      if (k === null) {
        return this.reject(
          cells,
          rowNumber,
          'bad-key-account',
          `${this.label('keyAccount', cKey)} is ${shown(cells.text(cKey))}, which is not a yes/no value (accepted: yes, no, true, false, y, n, 1, 0, x).`,
        );
      }
      keyAccount = k;
    }

    // External id: the first VALID row with an id wins.
    let externalId: string | null = null;
    const cExt = this.cExt;
    if (cExt >= 0) {
      const t = this.textCell(cells, cExt);
      if (t !== '') {
        const first = this.firstRowOfId.addIfNew(t, rowNumber);
        if (first !== -1) {
          return this.reject(cells, rowNumber, 'duplicate-external-id', `${this.label('externalId', cExt)} ${shown(t)} is also on row ${first}; only the first of them is imported.`);
        }
        externalId = t;
      }
    }

    const cAm = this.cAm;
    const accountManagerName = cAm >= 0 ? this.managerName.get(srcs[cAm]!, starts[cAm]!, ends[cAm]!) : null;
    let precision: ImportedStore['geocodePrecision'] = 'exact';
    if (fromZip) {
      precision = 'zip-centroid';
      this.geocodedFromZip++;
    } else if (this.cPrecision >= 0) {
      const w = normalizeWord(cells.text(this.cPrecision));
      if (w === 'zipcentroid' || w === 'zip' || w === 'zipcode' || w === 'postalcode' || w === 'centroid') precision = 'zip-centroid';
    }
    if (statusDefaulted) this.defaultedStatus++;

    const store: ImportedStore = {
      externalId,
      name,
      address: this.textCell(cells, this.cAddress),
      city: this.textCell(cells, this.cCity),
      state: this.textCell(cells, this.cState),
      zip,
      lat: lat as number,
      lng: lng as number,
      geocodePrecision: precision,
      status,
      channel,
      revenue,
      priorRevenue,
      potential,
      customerSince,
      satisfaction,
      renewalDate,
      keyAccount,
      accountManagerName,
      sourceRow: rowNumber,
    };
    this.stores.push(store);
    this.lastOutcome = store;
  }

  finish(cancelled: boolean): ImportResult {
    const { stores, rejected } = this;
    return {
      rows: stores.build(),
      rejected,
      summary: {
        total: stores.length + rejected.length,
        valid: stores.length,
        rejected: rejected.length,
        byReason: this.byReason,
        geocodedFromZip: this.geocodedFromZip,
        blankRows: this.blankRows,
        defaultedStatus: this.defaultedStatus,
        unknownChannels: [...this.unknownChannels.values()],
        accountManagers: this.managers.slice(),
      },
      cancelled,
    };
  }

  private reject(cells: CellSpans, rowNumber: number, reason: RejectReason, message: string): void {
    const r: RejectedRow = { row: rowNumber, reason, message, values: cells.strings() };
    this.rejected.push(r);
    this.byReason[reason] = (this.byReason[reason] ?? 0) + 1;
    this.lastOutcome = r;
  }

  private noteUnknownChannel(m: ChannelCell): void {
    const u = this.unknownChannels.get(m.text);
    if (u) u.count++;
    else if (this.unknownChannels.size < MAX_LISTED_CHANNELS) this.unknownChannels.set(m.text, { value: m.text, count: 1, mappedTo: m.channel });
  }

  /** Column c's text as stored (`readTextCell`), '' when no column is mapped (c < 0). */
  private textCell(cells: CellSpans, c: number): string {
    return c >= 0 ? readTextCell(cells.srcs[c], cells.starts[c], cells.ends[c]) : '';
  }

  /** A money cell: blank/N/A → 0, else the value or a rejection. */
  private money(cells: CellSpans, c: number, f: StoreField): Money {
    if (c < 0) return 0;
    const v = parseNumberCell(cells.srcs[c]!, this.decimalComma, cells.starts[c], cells.ends[c]);
    if (v === null) return 0;
    if (v === v && v !== Infinity && v !== -Infinity) return v;
    return this.numberProblem(cells.text(c), v, f, c);
  }

  private numberProblem(cell: string, v: number, f: StoreField, c: number): { reason: RejectReason; message: string } {
    if (v !== v) {
      let hint = '';
      if (!this.decimalComma && cell.includes(',')) hint = ' If this file writes decimals with a comma (1.234,50), turn on "decimal comma".';
      else if (this.decimalComma && cell.includes('.')) hint = ' "Decimal comma" is on: turn it off if this file writes 1,234.50.';
      return { reason: 'bad-number', message: `${this.label(f, c)} is ${shown(cell)}, which is not a number.${hint}` };
    }
    return { reason: 'number-too-large', message: `${this.label(f, c)} is ${shown(cell)}, larger than 10^15 — probably a unit or column mistake.` };
  }

  private dateProblem(cells: CellSpans, c: number, f: StoreField): string {
    const accepted = this.dateOrder === 'us' ? 'YYYY-MM-DD, M/D/YYYY or M/D/YY' : 'YYYY-MM-DD only (the date order is set to ISO)';
    return `${this.label(f, c)} is ${shown(cells.text(c))}, which is not a valid date (accepted: ${accepted}).`;
  }

  /** "The revenue (column "Umsatz")": the field in words, and the column the user named. */
  private label(f: StoreField, c: number): string {
    return `The ${FIELD_NOUNS[f]} (column ${JSON.stringify(this.header[c] ?? '')})`;
  }
}

// What a vocabulary cell means (each runs once per distinct raw cell: VocabularyCache).

/** An account manager's name (added to `managers` when new), or null when blank. */
function managerCell(cell: string, managers: string[]): string | null {
  const t = readTextCell(cell);
  if (t === '') return null;
  if (!managers.includes(t)) managers.push(t);
  return t;
}

function statusCell(cell: string, defaultStatus: StoreStatus): StatusCell {
  const t = cell.trim();
  return t === '' || isBlankToken(t) ? { status: defaultStatus, defaulted: true } : { status: matchStatus(t), defaulted: false };
}

function channelCell(cell: string): ChannelCell {
  const t = readTextCell(cell);
  return t === '' ? { channel: FALLBACK_CHANNEL, exact: true, text: t } : { ...matchChannel(t), text: t };
}

function keyAccountCell(cell: string): boolean | null {
  const t = readTextCell(cell);
  return t === '' ? false : matchKeyAccount(t);
}

/** Range and plausibility of a numeric coordinate pair; null when it is a usable point. */
function coordinateProblem(lat: number, lng: number): { reason: RejectReason; message: string } | null {
  if (lat === 0 && lng === 0) {
    return { reason: 'null-island', message: 'Latitude and longitude are both 0 — a placeholder for a missing location, not a store.' };
  }
  const swapHint = 'If the whole file is like this, swap the Latitude and Longitude columns in the mapping.';
  if (lat > 90 || lat < -90) {
    if (lng <= 90 && lng >= -90 && lat <= 180 && lat >= -180) {
      return {
        reason: 'likely-swapped',
        message: `Latitude ${lat} is outside −90…90 but longitude ${lng} is a valid latitude: the two look swapped (the store would be at latitude ${lng}, longitude ${lat}). ${swapHint}`,
      };
    }
    return { reason: 'lat-out-of-range', message: `Latitude ${lat} is outside −90…90.` };
  }
  if (lng > 180 || lng < -180) return { reason: 'lng-out-of-range', message: `Longitude ${lng} is outside −180…180.` };
  if (lat < ANTARCTIC_LAT && lng >= ANTARCTIC_LAT && lng <= 90) {
    return {
      reason: 'likely-swapped',
      message: `Latitude ${lat} is in Antarctica; with latitude and longitude swapped the store would be at latitude ${lng}, longitude ${lat}. ${swapHint}`,
    };
  }
  return null;
}

function isBlankRow(cells: CellSpans): boolean {
  for (let k = 0; k < cells.count; k++) if (cells.text(k).trim() !== '') return false;
  return true;
}

/** A cell value quoted for a message, cut at 60 characters. */
function shown(s: string): string {
  const t = s.trim();
  return JSON.stringify(t.length > MAX_VALUE_IN_MESSAGE ? `${t.slice(0, MAX_VALUE_IN_MESSAGE)}…` : t);
}
