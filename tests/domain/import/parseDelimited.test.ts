/** parseDelimited: delimiters, line endings, row numbers, chunked parsing, progress, cancel. */
import { describe, expect, it } from 'vitest';
import { parseDelimited, scoreDelimiters } from '../../../src/domain/import';
import { fixture } from './helpers';

describe('parseDelimited', () => {
  it('reads LF, CRLF and CR-only files the same way', () => {
    const lf = 'name,lat,lng\nA,1,2\nB,3,4\n';
    for (const text of [lf, lf.replace(/\n/g, '\r\n'), lf.replace(/\n/g, '\r')]) {
      const t = parseDelimited(text);
      expect(t.header).toEqual(['name', 'lat', 'lng']);
      expect(t.rows).toEqual([
        ['A', '1', '2'],
        ['B', '3', '4'],
      ]);
      expect(t.rowNumbers).toEqual([2, 3]);
    }
  });

  it('numbers rows as a spreadsheet does: leading and inner blank lines count, no trailing empty row', () => {
    const t = parseDelimited('\n\nname,lat\n\nA,1\n   \nB,2\n\n');
    expect(t.header).toEqual(['name', 'lat']);
    expect(t.rows).toEqual([
      ['A', '1'],
      ['B', '2'],
    ]);
    expect(t.rowNumbers).toEqual([5, 7]);
  });

  it('trims header cells but not data cells', () => {
    const t = parseDelimited(' Name , Lat \n  A  , 1 \n');
    expect(t.header).toEqual(['Name', 'Lat']);
    expect(t.rows).toEqual([['  A  ', ' 1 ']]);
  });

  it('an empty file, a BOM-only file and a header-only file give no rows', () => {
    expect(parseDelimited('')).toMatchObject({ header: [], rows: [] });
    expect(parseDelimited('\uFEFF')).toMatchObject({ header: [], rows: [] });
    expect(parseDelimited('name,lat,lng\r\n')).toMatchObject({ header: ['name', 'lat', 'lng'], rows: [], ambiguousDelimiter: false });
  });

  it('an unterminated quote is reported on its row and marks that row invalid', () => {
    const t = parseDelimited('name,lat,lng\nA,1,2\n"B,3,4\nC,5,6\n');
    expect(t.rows.length).toBe(2);
    expect(t.errors).toEqual([{ row: 3, message: 'A quoted value is never closed (the rest of the file was read into it)' }]);
    expect([...t.invalidRows]).toEqual([[1, { reason: 'malformed-quotes', message: 'A quoted value is never closed (the rest of the file was read into it).' }]]);
  });

  it('chunked parsing (progress) gives exactly the same table, even with quotes across chunk borders', () => {
    for (const name of ['quoted-newlines.csv', 'broken-rows.csv', 'bom-crlf.csv', 'values.csv']) {
      const text = fixture(name);
      const whole = parseDelimited(text);
      for (const chunkSize of [3, 7, 16, 64]) {
        const progress: number[] = [];
        const chunked = parseDelimited(text, { chunkSize, onProgress: (f) => progress.push(f) });
        expect({ ...chunked, invalidRows: [...chunked.invalidRows] }).toEqual({ ...whole, invalidRows: [...whole.invalidRows] });
        expect(progress.length).toBeGreaterThan(1);
        expect(progress.at(-1)).toBe(1);
        expect([...progress].sort((a, b) => a - b)).toEqual(progress); // never goes backwards
      }
    }
  });

  it('shouldCancel stops between chunks and marks the table cancelled', () => {
    const text = 'name,lat,lng\n' + Array.from({ length: 1000 }, (_, i) => `S${i},40,-75`).join('\n');
    let polls = 0;
    const t = parseDelimited(text, { chunkSize: 500, shouldCancel: () => ++polls >= 3 });
    expect(t.cancelled).toBe(true);
    expect(t.rows.length).toBeGreaterThan(0);
    expect(t.rows.length).toBeLessThan(1000);
    expect(parseDelimited(text, { chunkSize: 500, shouldCancel: () => false }).cancelled).toBe(false);
  });

  it('uses a given delimiter as is, even a multi-character one', () => {
    const t = parseDelimited('name::lat\nA::1\n', { delimiter: '::' });
    expect(t).toMatchObject({ delimiter: '::', header: ['name', 'lat'], rows: [['A', '1']], ambiguousDelimiter: false });
  });
});

describe('scoreDelimiters', () => {
  it('scores each candidate by rows matching the header width, quote-aware', () => {
    const s = scoreDelimiters('name;revenue;city\n"Smith; Jones";1,5;Austin\nB;2,5;Dallas\nC;3;Waco\n');
    expect(s.candidates[0]).toEqual({ delimiter: ';', score: 1, columns: 3 });
    expect(s.candidates.find((c) => c.delimiter === ',')!.score).toBe(0); // header has no ','
    expect(s.ambiguous).toBe(false);
  });

  it('a single-column file has no delimiter (all scores 0) and is not ambiguous', () => {
    const s = scoreDelimiters('name\nA\nB\n');
    expect(s.candidates.every((c) => c.score === 0)).toBe(true);
    expect(s.ambiguous).toBe(false);
    expect(parseDelimited('name\nA\nB\n').delimiter).toBe(',');
  });

  it('prefers the candidate that gives more columns when scores tie', () => {
    const s = scoreDelimiters('a,b,c|d\n1,2,3|4\n');
    expect(s.candidates[0]).toMatchObject({ delimiter: ',', columns: 3 });
    expect(s.ambiguous).toBe(true);
  });
});
