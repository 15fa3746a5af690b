import { importedStores } from '../../../src/domain/import';
/**
 * Property: any stores the app exports as CSV (storesToCsv) re-import to the same stores —
 * parseDelimited → detectColumns → validateRows gives back every field (ids aside; the
 * account manager comes back as the name). Text is generated to be hostile: commas,
 * quotes, line breaks, delimiters, formula prefixes (which the export neutralises and the
 * import restores), HTML, emoji and any Unicode.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storesToCsv } from '../../../src/domain/export/storesCsv';
import { detectColumns, parseDelimited, validateRows } from '../../../src/domain/import';
import { CHANNELS, STORE_STATUSES, type PersonId, type Store, type StoreId } from '../../../src/domain/types';
import { US_OPTIONS } from './helpers';

const fragment = fc.oneof(
  fc.constantFrom(',', '"', '""', '\n', '\r\n', '\r', ';', '|', '\t', ' ', "'", '=', '+', '-', '@', '=HYPERLINK("http://x","y")', '<img src=x onerror=alert(1)>', 'é', '🐶', '\u00a0', 'N/A', '0'),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 8 }),
);
/** Text as the app stores it: trimmed (the importer trims every text cell). */
const text = fc.array(fragment, { maxLength: 6 }).map((parts) => parts.join('').trim());
const nonEmptyText = text.filter((s) => s.length > 0);
/** No −0: it prints as "0", and −0 is not a value anyone stores on purpose. */
const num = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => x + 0);
const isoDate = fc.date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const zip = fc.oneof(fc.constant(''), fc.stringMatching(/^\d{5}$/), fc.stringMatching(/^\d{5}-\d{4}$/));

const PEOPLE = ['P-1', 'P-2', 'P-3'] as PersonId[];

const storeArb = fc.record({
  externalId: fc.option(nonEmptyText, { nil: null }),
  name: nonEmptyText,
  address: text,
  city: text,
  state: text,
  zip,
  lat: num(-59.99, 90),
  lng: num(-180, 180),
  geocodePrecision: fc.constantFrom('exact' as const, 'zip-centroid' as const),
  status: fc.constantFrom(...STORE_STATUSES),
  channel: fc.constantFrom(...CHANNELS),
  revenue: num(-1e15, 1e15),
  priorRevenue: num(-1e15, 1e15),
  potential: num(0, 1e15),
  customerSince: fc.option(isoDate, { nil: null }),
  satisfaction: fc.option(num(1, 5), { nil: null }),
  renewalDate: fc.option(isoDate, { nil: null }),
  keyAccount: fc.boolean(),
  accountManagerId: fc.option(fc.constantFrom(...PEOPLE), { nil: null }),
});

const marketArb = fc.record({
  stores: fc.array(storeArb, { maxLength: 25 }).map((list) =>
    list
      .filter((s) => !(s.lat === 0 && s.lng === 0)) // null island is rejected by design
      .map((s, i): Store => ({ ...s, id: `S${i}` as StoreId, externalId: s.externalId === null ? null : `${s.externalId}#${i}` })),
  ),
  names: fc.tuple(nonEmptyText, nonEmptyText, nonEmptyText),
});

describe('stores CSV round trip', () => {
  it('storesToCsv → parseDelimited → detectColumns → validateRows gives back the same stores', () => {
    fc.assert(
      fc.property(marketArb, ({ stores, names }) => {
        const people = new Map(PEOPLE.map((id, k) => [id, names[k]!]));
        const csv = storesToCsv(stores, people);
        const table = parseDelimited(csv);
        expect(table.delimiter).toBe(',');
        const result = validateRows(table, detectColumns(table.header), US_OPTIONS);
        expect(result.rejected).toEqual([]);
        const back = importedStores(result).map(({ sourceRow: _row, ...rest }) => rest);
        const expected = stores.map(({ id: _id, accountManagerId, ...rest }) => ({
          ...rest,
          accountManagerName: accountManagerId === null ? null : people.get(accountManagerId)!,
        }));
        expect(back).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('the export neutralises formula-looking text for spreadsheets', () => {
    const store: Store = {
      id: 'S1' as StoreId, externalId: '-42', name: '=HYPERLINK("http://evil","x")', address: '+1 Main', city: '@City', state: "'=already", zip: '02134',
      lat: 40, lng: -75, geocodePrecision: 'exact', status: 'customer', channel: 'grocery', revenue: -5, priorRevenue: 0, potential: 0,
      customerSince: null, satisfaction: null, renewalDate: null, keyAccount: true, accountManagerId: null,
    };
    expect(storesToCsv([store], new Map()).split('\n')[1]).toBe(
      `'-42,"'=HYPERLINK(""http://evil"",""x"")",'+1 Main,'@City,''=already,02134,40,-75,exact,customer,grocery,-5,0,0,,,,yes,`,
    );
  });
});
