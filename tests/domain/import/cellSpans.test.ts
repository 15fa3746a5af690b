/**
 * Cells as spans of the file text (cellSpans.ts, readRecordSpans): the reader hands over
 * spans, not strings, and every cell reader gives on a span `s[from, to)` exactly what it
 * gives on the string `s.slice(from, to)` — whatever surrounds the span.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  normalizeZip,
  parseCoordinateCell,
  parseDateCell,
  parseNumberCell,
  readTextCell,
} from '../../../src/domain/import';
import { CellSpans } from '../../../src/domain/import/cellSpans';
import { readRecordSpans, readRecords } from '../../../src/domain/import/readRecords';
import { VocabularyCache } from '../../../src/domain/import/stringTables';

function spansOf(text: string, delimiter = ',', newline: '\n' | '\r\n' | '\r' = '\n') {
  const record = new CellSpans();
  const seen: { objects: CellSpans[]; srcs: string[][]; cells: string[][] } = { objects: [], srcs: [], cells: [] };
  const outcome = readRecordSpans(text, delimiter, newline, record, {
    record(r) {
      seen.objects.push(r);
      seen.srcs.push(r.srcs.slice(0, r.count));
      seen.cells.push(Array.from({ length: r.count }, (_, k) => r.text(k)));
      return true;
    },
  });
  return { outcome, record, ...seen };
}

describe('readRecordSpans', () => {
  it('hands over spans of the text; only a quoted value with doubled quotes is a string of its own', () => {
    const text = 'id,name,city\n1,"Bark, Inc.",Reno\n2,"The ""Best"" Pets",\n';
    const { outcome, record, objects, srcs, cells } = spansOf(text);
    expect(outcome).toBe('done');
    expect(cells).toEqual([['id', 'name', 'city'], ['1', 'Bark, Inc.', 'Reno'], ['2', 'The "Best" Pets', ''], ['']]);
    expect(objects.every((o) => o === record)).toBe(true); // one object, filled again per record
    expect(srcs[0]!.every((s) => s === text)).toBe(true);
    expect(srcs[1]!.every((s) => s === text)).toBe(true); // "Bark, Inc." has no doubled quote: still a span
    expect(srcs[2]![1]).toBe('The "Best" Pets');
    expect(srcs[2]![0]).toBe(text);
  });

  it('grows past 32 cells, in quote-free lines and in lines with quotes', () => {
    const wide = Array.from({ length: 100 }, (_, i) => `c${i}`);
    const quoted = wide.map((c, i) => (i % 7 === 0 ? `"${c}"` : c));
    const { cells } = spansOf(`${wide.join(',')}\r\n${quoted.join(',')}`, ',', '\r\n');
    expect(cells).toEqual([wide, wide]);
  });

  it('gives the records readRecords gives (and so papaparse: readRecords.test.ts)', () => {
    const piece = fc.constantFrom(',', ';', '"', '""', '\n', '\r\n', ' ', 'a', 'bc', '1.5', 'é');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((p) => p.join('')), fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'), (text, newline) => {
        const strings: string[][] = [];
        const expected = readRecords(text, ',', newline, (c) => (strings.push(c), true));
        const got = spansOf(text, ',', newline);
        expect(got.outcome).toBe(expected);
        if (expected === 'done') expect(got.cells).toEqual(strings);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('CellSpans', () => {
  it('wraps a row of strings without copying it', () => {
    const row = [' a ', '', 'b,c'];
    const spans = new CellSpans().setStrings(row);
    expect(spans.count).toBe(3);
    expect(spans.strings()).toBe(row);
    expect([spans.text(0), spans.text(1), spans.text(2)]).toEqual(row);
  });

  it('makes a fresh array of a record read from text', () => {
    const spans = new CellSpans();
    spans.clear();
    spans.push('xx,yy', 0, 2);
    spans.push('xx,yy', 3, 5);
    const a = spans.strings();
    expect(a).toEqual(['xx', 'yy']);
    expect(spans.strings()).not.toBe(a);
  });
});

/** Cells the readers see in real files, good and bad. */
const CELLS = [
  '', ' ', '0', '12', ' 12 ', '-97.5', '+5', '−5', '1,234.50', '1.234,50', '$1,234', '(1,234.00)', '1e3', '1.5E+6', '12,5', "'-42",
  '40.7128', '40,7128', '40.7°', 'N/A', '#N/A', 'null', '-', 'forty', '1 234 567', '1e400',
  '2024-03-05', '2024-3-5', '2024/03/05', '3/5/2024', '03/05/24', '2024-03-05T14:00:00Z', '2023-02-29', '0000-00-00', '45000', '13/45/2020',
  '02134', '2134', '10001-1234', '100011234', 'K1A 0B6', "'02134",
  'Bark & Co', '  Bark & Co  ', "'=HYPERLINK(\"x\")", "''=x", "'Tis", '<img src=x onerror=alert(1)>', '\u00a0x\u00a0',
];

describe('cell readers on spans', () => {
  it('read s[from, to) exactly as they read s.slice(from, to), whatever surrounds it', () => {
    const around = fc.array(fc.constantFrom('1', '9', ' ', ',', '.', '-', "'", '/', 'e', '°', '\u00a0', 'x'), { maxLength: 4 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.constantFrom(...CELLS), around, around, (cell, before, after) => {
        const s = before + cell + after;
        const from = before.length;
        const to = from + cell.length;
        expect(readTextCell(s, from, to)).toBe(readTextCell(cell));
        expect(parseNumberCell(s, false, from, to)).toBe(parseNumberCell(cell, false));
        expect(parseNumberCell(s, true, from, to)).toBe(parseNumberCell(cell, true));
        expect(parseCoordinateCell(s, from, to)).toBe(parseCoordinateCell(cell));
        expect(parseDateCell(s, 'us', undefined, from, to)).toBe(parseDateCell(cell, 'us'));
        expect(parseDateCell(s, 'iso-only', 2026, from, to)).toBe(parseDateCell(cell, 'iso-only', 2026));
        expect(normalizeZip(readTextCell(s, from, to))).toBe(normalizeZip(readTextCell(cell)));
      }),
      { numRuns: 3000 },
    );
  });

  it('a span that is a whole ISO date comes back as that text', () => {
    expect(parseDateCell('x,2024-03-05,y', 'us', undefined, 2, 12)).toBe('2024-03-05');
  });
});

describe('VocabularyCache on spans', () => {
  it('finds a value by its text wherever the span lies, computing once per distinct text', () => {
    let calls = 0;
    const cache = new VocabularyCache((cell: string) => {
      calls++;
      return cell.toUpperCase();
    }, undefined);
    const text = 'Lead,Customer,Lead,Lost,Customer,,Lea,Leads';
    const cells = text.split(',');
    let from = 0;
    const got = cells.map((c) => {
      const v = cache.get(text, from, from + c.length);
      from += c.length + 1;
      return v;
    });
    expect(got).toEqual(cells.map((c) => c.toUpperCase()));
    expect(calls).toBe(new Set(cells).size);
    expect(cache.get('Customer')).toBe('CUSTOMER'); // a whole string is a span too
    expect(calls).toBe(new Set(cells).size);
  });

  it('does not confuse texts with the same length, first and last character', () => {
    const cache = new VocabularyCache((cell: string) => cell, undefined);
    const text = 'abcd|axxd|abcd|a\u0100cd';
    expect(cache.get(text, 0, 4)).toBe('abcd');
    expect(cache.get(text, 5, 9)).toBe('axxd');
    expect(cache.get(text, 10, 14)).toBe('abcd');
    expect(cache.get(text, 15, 19)).toBe('a\u0100cd');
  });
});
