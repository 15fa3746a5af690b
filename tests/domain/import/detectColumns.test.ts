/** detectColumns and checkMapping. */
import { describe, expect, it } from 'vitest';
import { checkMapping, detectColumns, fieldForHeader, HEADER_SYNONYMS, STORE_FIELDS } from '../../../src/domain/import';
import { STORES_CSV_HEADER } from '../../../src/domain/export/storesCsv';

describe('detectColumns', () => {
  it('recognises common CRM / ERP / GIS headers, case-, space- and underscore-insensitively', () => {
    const header = [
      'Account ID', 'Store Name', 'Street', 'City', 'State', 'Postal Code', 'LATITUDE', 'long', 'Status', 'Channel', 'T12M Revenue',
      'Prior_Year_Revenue', 'Wallet', 'Customer Since', 'CSAT', 'Renewal Date', 'Key Account', 'AM',
    ];
    expect(detectColumns(header)).toEqual({
      externalId: 0, name: 1, address: 2, city: 3, state: 4, zip: 5, lat: 6, lng: 7, status: 8, channel: 9, revenue: 10,
      priorRevenue: 11, potential: 12, customerSince: 13, satisfaction: 14, renewalDate: 15, keyAccount: 16, accountManager: 17,
    });
  });

  it.each([
    ['lat', 'lat'], ['Latitude', 'lat'], ['y', 'lat'], ['lng', 'lng'], ['lon', 'lng'], ['Long', 'lng'], ['X', 'lng'],
    ['zip', 'zip'], ['ZIP Code', 'zip'], ['zipcode', 'zip'], ['postal_code', 'zip'], ['name', 'name'], ['Account Name', 'name'],
    ['address', 'address'], ['Sales', 'revenue'], ['revenue', 'revenue'], ['Prior Revenue', 'priorRevenue'], ['potential', 'potential'],
    ['satisfaction', 'satisfaction'], ['Account Manager', 'accountManager'], ['external-id', 'externalId'], ['ID', 'externalId'],
    ['CRM ID', 'externalId'], ['Account #', 'externalId'], ['Account', 'name'],
  ])('%j → %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });

  it('duplicate headers: the first column wins', () => {
    expect(detectColumns(['Name', 'Lat', 'Lng', 'name', 'LAT', 'Store Name'])).toEqual({ name: 0, lat: 1, lng: 2 });
  });

  it('unknown headers are left unmapped', () => {
    expect(detectColumns(['Notes', 'Phone', 'row_number', 'reason', 'message', ''])).toEqual({});
  });

  it('__proto__, constructor and friends map nothing and pollute nothing', () => {
    const mapping = detectColumns(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'name', 'lat', 'lng']);
    expect(mapping).toEqual({ name: 5, lat: 6, lng: 7 });
    expect(Object.getPrototypeOf(mapping)).toBe(Object.prototype);
    expect(Object.keys(mapping)).toEqual(['name', 'lat', 'lng']);
  });

  it('every synonym belongs to exactly one field', () => {
    const seen = new Map<string, string>();
    for (const field of STORE_FIELDS) {
      for (const w of HEADER_SYNONYMS[field]) {
        expect(seen.get(w), `${w} is listed for ${seen.get(w)} and ${field}`).toBeUndefined();
        seen.set(w, field);
      }
    }
  });

  it('maps every column of the stores export', () => {
    const mapping = detectColumns([...STORES_CSV_HEADER]);
    expect(Object.keys(mapping).sort()).toEqual([...STORE_FIELDS].sort());
  });
});

describe('checkMapping', () => {
  const header = ['name', 'lat', 'lng', 'zip'];
  it('accepts name + coordinates, or name + ZIP', () => {
    expect(checkMapping(header, { name: 0, lat: 1, lng: 2 })).toEqual([]);
    expect(checkMapping(header, { name: 0, zip: 3 })).toEqual([]);
  });
  it('reports each problem with a code', () => {
    expect(checkMapping(header, {}).map((i) => i.code)).toEqual(['no-name-column', 'no-location-columns']);
    expect(checkMapping(header, { name: 0, lat: 1 }).map((i) => i.code)).toEqual(['lat-without-lng']);
    expect(checkMapping(header, { name: 0, lng: 2 }).map((i) => i.code)).toEqual(['lng-without-lat']);
    expect(checkMapping(header, { name: 0, lat: 1, lng: 9 }).map((i) => i.code)).toEqual(['column-out-of-range', 'lat-without-lng']);
  });
});
