/**
 * readRecords (the fast reader) against papaparse, the parser it stands in for: on ANY text
 * it either gives papaparse's records exactly or hands the text back ('needs-full-parser'),
 * and on well-formed CSV (any cells, quoted the way spreadsheets quote them) it never hands
 * back. Plus the cases named in its contract, spelled out.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readRecords } from '../../../src/domain/import/readRecords';

type Newline = '\n' | '\r\n' | '\r';
const DELIMITERS = [',', ';', '\t', '|'] as const;
const NEWLINES: Newline[] = ['\n', '\r\n', '\r'];

function papa(text: string, delimiter: string, newline: Newline): { data: string[][]; quoteErrors: number } {
  const r = Papa.parse<string[]>(text, { delimiter, newline, header: false, skipEmptyLines: false, dynamicTyping: false });
  return { data: r.data, quoteErrors: r.errors.filter((e) => e.type === 'Quotes').length };
}

function fast(text: string, delimiter: string, newline: Newline): { outcome: string; data: string[][]; nexts: number[] } {
  const data: string[][] = [];
  const nexts: number[] = [];
  const outcome = readRecords(text, delimiter, newline, (cells, next) => {
    data.push(cells);
    nexts.push(next);
    return true;
  });
  return { outcome, data, nexts };
}

/** Text made of the characters that matter to a CSV reader, and a few that do not. */
const hostileText = fc
  .array(fc.constantFrom(',', ';', '\t', '|', '"', '""', '\n', '\r', '\r\n', ' ', 'a', 'bc', '1.5', 'é', '🐶', '\u00a0'), { maxLength: 40 })
  .map((parts) => parts.join(''));

/** A cell as a spreadsheet writes it: quoted when it holds a quote, delimiter or line break. */
function quote(cell: string, delimiter: string, always: boolean): string {
  return always || /["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
const cell = fc.array(fc.constantFrom(',', ';', '\t', '|', '"', '\n', '\r\n', '\r', ' ', 'x', 'Paws & Co', '12.5', '', 'é'), { maxLength: 5 }).map((p) => p.join(''));

describe('readRecords', () => {
  it('any text: papaparse’s records exactly, or handed back (property)', () => {
    let compared = 0;
    fc.assert(
      fc.property(hostileText, fc.constantFrom(...DELIMITERS), fc.constantFrom(...NEWLINES), (text, delimiter, newline) => {
        const ours = fast(text, delimiter, newline);
        if (ours.outcome === 'needs-full-parser') return;
        expect(ours.outcome).toBe('done');
        const theirs = papa(text, delimiter, newline);
        expect(theirs.quoteErrors).toBe(0); // whatever we read, papaparse found no broken quote
        expect(ours.data).toEqual(theirs.data);
        if (ours.nexts.length > 0) expect(ours.nexts.at(-1)).toBe(text.length);
        compared++;
      }),
      { numRuns: 3000 },
    );
    expect(compared).toBeGreaterThan(600); // most texts are read, not handed back
  });

  it('well-formed CSV is always read by the fast path, to the cells that were written (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(...DELIMITERS),
        fc.constantFrom(...NEWLINES),
        fc.boolean(),
        fc.boolean(),
        (rows, delimiter, newline, quoteAll, trailingNewline) => {
          const text = rows.map((r) => r.map((c) => quote(c, delimiter, quoteAll)).join(delimiter)).join(newline) + (trailingNewline ? newline : '');
          const ours = fast(text, delimiter, newline);
          expect(ours.outcome).toBe('done');
          expect(ours.data).toEqual(papa(text, delimiter, newline).data);
          if (text === '') return void expect(ours.data).toEqual([]); // one empty cell, unquoted: no text at all
          // What was written comes back.
          expect(ours.data.slice(0, rows.length)).toEqual(rows);
          expect(ours.data.length).toBe(rows.length + (trailingNewline ? 1 : 0));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads quoted delimiters, doubled quotes and line breaks inside quotes; a final line break gives papaparse’s trailing [""]', () => {
    const text = 'name,note\r\n"Paws, Inc.","He said ""hi""\r\nsecond line"\r\nB,\r\n';
    const ours = fast(text, ',', '\r\n');
    expect(ours.outcome).toBe('done');
    expect(ours.data).toEqual([['name', 'note'], ['Paws, Inc.', 'He said "hi"\r\nsecond line'], ['B', ''], ['']]);
    expect(ours.nexts).toEqual([11, text.indexOf('B,'), text.length, text.length]);
  });

  it('with CRLF line breaks a lone CR or LF is part of the cell, as in papaparse', () => {
    const text = 'a\rb,c\nd\r\ne,f';
    expect(fast(text, ',', '\r\n').data).toEqual([['a\rb', 'c\nd'], ['e', 'f']]);
    expect(fast(text, ',', '\r\n').data).toEqual(papa(text, ',', '\r\n').data);
  });

  it('hands back broken quoting, spaces after a closing quote, and delimiters papaparse would not use', () => {
    expect(fast('a,"unclosed\nb,c\n', ',', '\n').outcome).toBe('needs-full-parser');
    expect(fast('a,"bad"x,c\n', ',', '\n').outcome).toBe('needs-full-parser');
    expect(fast('a,"spaced" ,c\n', ',', '\n').outcome).toBe('needs-full-parser');
    expect(fast('a::b\n', '::', '\n').outcome).toBe('needs-full-parser');
    expect(fast('a"b\n', '"', '\n').outcome).toBe('needs-full-parser');
    // A quote inside an unquoted cell is just a character.
    expect(fast('a,b"c,d\n', ',', '\n').data).toEqual([['a', 'b"c', 'd'], ['']]);
  });

  it('stops when the callback says so; an empty text has no records', () => {
    let n = 0;
    expect(readRecords('a\nb\nc\n', ',', '\n', () => ++n < 2)).toBe('stopped');
    expect(n).toBe(2);
    expect(fast('', ',', '\n')).toEqual({ outcome: 'done', data: [], nexts: [] });
  });
});
