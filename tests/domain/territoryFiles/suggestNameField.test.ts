import { describe, expect, it } from 'vitest';
import { suggestNameField, type PropertyBag } from '../../../src/domain/territoryFiles';

const bags = (rows: Record<string, string | number | null>[]): PropertyBag[] => rows;
const fieldsOf = (rows: Record<string, unknown>[]): string[] => [...new Set(rows.flatMap((r) => Object.keys(r)))];
const suggest = (rows: Record<string, string | number | null>[]) => suggestNameField(fieldsOf(rows), bags(rows));

describe('suggestNameField', () => {
  it('prefers a field called name, in any case', () => {
    expect(suggest([{ ID: 'a1', NAME: 'Dallas' }, { ID: 'a2', NAME: 'Tarrant' }])).toBe('NAME');
    expect(suggest([{ Name: 'x', title: 'y' }])).toBe('Name');
  });

  it('then fields ending in or containing "name", then name-like words', () => {
    expect(suggest([{ CODE: 'A', DIST_NAME: 'North' }, { CODE: 'B', DIST_NAME: 'South' }])).toBe('DIST_NAME');
    expect(suggest([{ OBJECTID: 1, SCHOOL_DISTRICT: 'VALLEY PARK', SCHOOLCODE: 132 }])).toBe('SCHOOL_DISTRICT');
    expect(suggest([{ SENDISTNUM: 36, SEN_DIST: 'First Worcester', SENATOR: 'H. Chandler' }])).toBe('SEN_DIST');
    expect(suggest([{ code: 'a', territoryLabel: 'T1' }])).toBe('territoryLabel');
  });

  it('skips name fields that are mostly empty (placemarks whose name is in ExtendedData)', () => {
    const rows = [{ name: '', TERR: 'Lakeshore' }, { name: '', TERR: 'Prairie' }, { name: 'x', TERR: 'Riverside' }];
    expect(suggest(rows)).toBe('TERR');
  });

  it('falls back to the first mostly distinct short text field, never descriptions or links', () => {
    const rows = [
      { description: '<b>a</b>', url: 'http://a', kind: 'zone', label2: 'Alpha' },
      { description: '<b>b</b>', url: 'http://b', kind: 'zone', label2: 'Beta' },
      { description: '<b>c</b>', url: 'http://c', kind: 'zone', label2: 'Gamma' },
    ];
    expect(suggest(rows)).toBe('label2');
    expect(suggest([{ n: 1 }, { n: 2 }])).toBeNull();
    expect(suggestNameField([], [])).toBeNull();
  });
});
