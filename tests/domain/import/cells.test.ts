/** The cell readers: numbers, coordinates, dates, ZIPs, text, status/channel/flag words. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  matchChannel,
  matchKeyAccount,
  matchStatus,
  normalizeZip,
  parseCoordinateCell,
  parseDateCell,
  parseNumberCell,
  readTextCell,
  zipKey,
} from '../../../src/domain/import';

describe('parseNumberCell', () => {
  it.each([
    ['1234', 1234],
    [' 12 ', 12],
    ['1,234.50', 1234.5],
    ['$1,234', 1234],
    ['$ 1,234.00', 1234],
    ['1,234 $', 1234],
    ['€1.5', 1.5],
    ['(123)', -123],
    ['($1,234.50)', -1234.5],
    ['-97.5', -97.5],
    ['+5', 5],
    ['−5', -5], // U+2212 minus
    ['-$5', -5],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['1.5E+6', 1500000],
    ['1.2345678901234567e-7', 1.2345678901234567e-7],
    ['1 234 567', 1234567],
    ["'-42", -42], // our export's / Excel's text marker
    ['0', 0],
    ['000123', 123],
  ])('%j → %d (decimal point)', (cell, value) => {
    expect(parseNumberCell(cell, false)).toBe(value);
  });

  it.each([
    ['1.234,50', 1234.5],
    ['1234,5', 1234.5],
    ['-12,5', -12.5],
    ['1.000', 1000],
    ['12.000,75', 12000.75],
    ['1 234,50', 1234.5],
    ['1\u00a0234,50', 1234.5], // no-break space, as French Excel writes
    ['€ 1.234,50', 1234.5],
    ['42', 42],
  ])('%j → %d (decimal comma)', (cell, value) => {
    expect(parseNumberCell(cell, true)).toBe(value);
  });

  it.each(['', '   ', 'N/A', 'n/a', '#N/A', 'NULL', 'none', '-', '--', '—'])('%j → null (no value)', (cell) => {
    expect(parseNumberCell(cell, false)).toBeNull();
    expect(parseNumberCell(cell, true)).toBeNull();
  });

  it.each(['12,5', '1,2,3', '1,23', '1234,567', '12abc', 'abc', '#VALUE!', '1.2.3', '$', '()', '(5', '5)', '--5', '1e', '0x1A', 'Infinity', '5%', '1,234.5.6', '1 23'])(
    '%j → NaN with the decimal point (strict thousands groups)',
    (cell) => {
      expect(parseNumberCell(cell, false)).toBeNaN();
    },
  );

  it.each(['1.5', '1,234.50', '12.5', '1.23,4'])('%j → NaN with the decimal comma', (cell) => {
    expect(parseNumberCell(cell, true)).toBeNaN();
  });

  it('magnitudes above 10^15 are ±Infinity (number-too-large); 10^15 itself is accepted', () => {
    expect(parseNumberCell('1e15', false)).toBe(1e15);
    expect(parseNumberCell('1000000000000001', false)).toBe(Infinity);
    expect(parseNumberCell('-9,999,999,999,999,999', false)).toBe(-Infinity);
    expect(parseNumberCell('1e400', false)).toBe(Infinity);
  });

  it('reads String(n) back as the same double', () => {
    for (const n of [0.1 + 0.2, -97.123456789012, 123456789.123, 5e-324, 1e-7, 999999999999999.9, -0.5]) {
      expect(parseNumberCell(String(n), false)).toBe(n);
    }
  });
});

describe('plain decimals (the readers\' fast path) read exactly as Number() reads them', () => {
  const digits = (min: number, max: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
  // -?d+(.d+)?, from short to longer than the 15 digits the fast path takes.
  const plain = fc.tuple(fc.boolean(), digits(1, 18), fc.option(digits(1, 10), { nil: undefined })).map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`);
  const capped = (v: number) => (Math.abs(v) > 1e15 ? (v > 0 ? Infinity : -Infinity) : v);

  it('money cells, with a decimal point or (decimal comma on) a comma', () => {
    fc.assert(
      fc.property(plain, (text) => {
        expect(parseNumberCell(text, false)).toBe(capped(Number(text)));
        expect(parseNumberCell(text.replace('.', ','), true)).toBe(capped(Number(text)));
      }),
      { numRuns: 3000 },
    );
  });

  it('coordinate cells', () => {
    fc.assert(
      fc.property(plain, (text) => {
        expect(parseCoordinateCell(text)).toBe(Number(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('near misses go to the full rules', () => {
    expect(parseNumberCell('5.', false)).toBe(5);
    expect(parseNumberCell('.5', false)).toBe(0.5);
    expect(parseNumberCell('-', false)).toBeNull();
    expect(parseNumberCell('1.234', true)).toBe(1234);
    expect(parseNumberCell('1,234', false)).toBe(1234);
    expect(parseNumberCell('12,5', false)).toBeNaN();
    expect(parseCoordinateCell('-')).toBeNull();
    expect(parseCoordinateCell('40,5')).toBe(40.5);
    expect(Object.is(parseCoordinateCell('-0'), -0)).toBe(true);
  });
});

describe('parseCoordinateCell', () => {
  it.each([
    ['40.7128', 40.7128],
    ['-73.9', -73.9],
    ['40,7128', 40.7128],
    ['-73,9', -73.9],
    [' 12 ', 12],
    ['+12.5', 12.5],
    ['−12.5', -12.5],
    ["'-97.5", -97.5],
    ['40.7°', 40.7],
    ['1e-7', 1e-7],
    ['0', 0],
  ])('%j → %d', (cell, value) => {
    expect(parseCoordinateCell(cell)).toBe(value);
  });

  it.each(['', ' ', 'N/A', 'null', '-'])('%j → null (may fall back to the ZIP)', (cell) => {
    expect(parseCoordinateCell(cell)).toBeNull();
  });

  it.each(['forty', '40.7.1', '1,234.5', '40 N', '--40', '.', 'e5', '1e'])('%j → NaN', (cell) => {
    expect(parseCoordinateCell(cell)).toBeNaN();
  });
});

describe('parseDateCell', () => {
  it.each([
    ['2024-03-05', '2024-03-05'],
    ['2024-3-5', '2024-03-05'],
    ['2024/03/05', '2024-03-05'],
    ['2024-03-05T23:59:59Z', '2024-03-05'], // the date as written, never shifted by a time zone
    ['2024-03-05T23:59:59-08:00', '2024-03-05'],
    ['2024-03-05 14:00', '2024-03-05'],
    ['2024-02-29', '2024-02-29'],
    [' 2024-03-05 ', '2024-03-05'],
  ])('ISO %j → %j (both orders)', (cell, iso) => {
    expect(parseDateCell(cell, 'us')).toBe(iso);
    expect(parseDateCell(cell, 'iso-only')).toBe(iso);
  });

  it.each([
    ['3/5/2024', '2024-03-05'],
    ['03/05/2024', '2024-03-05'],
    ['12/31/2024', '2024-12-31'],
    ['3/5/2024 2:00 PM', '2024-03-05'],
    ['3/5/24', '2024-03-05'],
    ['1/1/29', '2029-01-01'], // Excel's window: 00–29 → 20xx
    ['1/1/30', '1930-01-01'], //                30–99 → 19xx
    ['45356', '2024-03-05'], // Excel serial day
    ['45356.75', '2024-03-05'],
    ['44197', '2021-01-01'],
  ])('US %j → %j', (cell, iso) => {
    expect(parseDateCell(cell, 'us')).toBe(iso);
  });

  it('two-digit years use a sliding window when a reference year is given', () => {
    expect(parseDateCell('1/15/31', 'us', 2026)).toBe('2031-01-15'); // [1946, 2045]
    expect(parseDateCell('1/15/45', 'us', 2026)).toBe('2045-01-15');
    expect(parseDateCell('1/15/46', 'us', 2026)).toBe('1946-01-15');
    expect(parseDateCell('1/15/31', 'us')).toBe('1931-01-15');
  });

  it.each(['3/5/2024', '3/5/24', '45356'])('ISO-only refuses %j', (cell) => {
    expect(parseDateCell(cell, 'iso-only')).toBe(false);
  });

  it.each(['', '  ', 'N/A', 'null', '0000-00-00'])('%j → null', (cell) => {
    expect(parseDateCell(cell, 'us')).toBeNull();
  });

  it.each(['2023-02-29', '2024-13-01', '2024-04-31', '2024-00-10', '13/45/2020', '2/30/2024', '0001-01-01', '2300-01-01', 'yesterday', '2024', '12', '123456', '3/5', '3-5-2024', '5.3.2024', '2024-03-05x', '2024-03'])(
    '%j → false',
    (cell) => {
      expect(parseDateCell(cell, 'us')).toBe(false);
    },
  );

  it('returns the same string when an ISO date needs no change', () => {
    const s = '2024-03-05';
    expect(parseDateCell(s, 'us')).toBe(s);
  });
});

describe('ZIP normalisation', () => {
  it.each([
    ['02134', '02134', 2134],
    ['2134', '02134', 2134],
    ['501', '00501', 501],
    ['10001-1234', '10001-1234', 10001],
    ['10001 1234', '10001-1234', 10001],
    ['100011234', '10001-1234', 10001],
    ['2134-1234', '02134-1234', 2134],
    [' 90210 ', '90210', 90210],
    ["'02134", '02134', 2134],
  ])('%j → %j', (cell, zip, key) => {
    expect(normalizeZip(cell)).toBe(zip);
    expect(zipKey(cell)).toBe(key);
  });

  it.each(['', '12', '123456', '12345-12', 'K1A 0B6', 'ABCDE', '12345-', '1234567890', '12.345'])('%j is not a US ZIP', (cell) => {
    expect(normalizeZip(cell)).toBeNull();
    expect(zipKey(cell)).toBe(-1);
  });
});

describe('readTextCell', () => {
  it('trims and keeps text verbatim, removing only our export neutraliser', () => {
    expect(readTextCell('  Bark & Co  ')).toBe('Bark & Co');
    expect(readTextCell('=HYPERLINK("x")')).toBe('=HYPERLINK("x")');
    expect(readTextCell("'=HYPERLINK(\"x\")")).toBe('=HYPERLINK("x")');
    expect(readTextCell("'+1")).toBe('+1');
    expect(readTextCell("'-1")).toBe('-1');
    expect(readTextCell("'@SUM(A1)")).toBe('@SUM(A1)');
    expect(readTextCell("'\tTab")).toBe('\tTab');
    expect(readTextCell("''=x")).toBe("'=x");
    expect(readTextCell("'''-x")).toBe("''-x");
    expect(readTextCell("''x")).toBe("''x");
    expect(readTextCell("'Tis")).toBe("'Tis");
    expect(readTextCell("'")).toBe("'");
    expect(readTextCell('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(readTextCell(undefined)).toBe('');
  });
});

describe('status, channel and key-account words', () => {
  it.each([
    ['Customer', 'customer'],
    ['ACTIVE', 'customer'],
    ['client', 'customer'],
    ['Closed - Won', 'customer'],
    ['prospect', 'prospect'],
    ['Lead', 'prospect'],
    ['target', 'prospect'],
    ['lost', 'lost'],
    ['Churned', 'lost'],
    ['inactive', 'lost'],
    ['former', 'lost'],
    ['closed_lost', 'lost'],
  ])('status %j → %s', (cell, status) => {
    expect(matchStatus(cell)).toBe(status);
  });

  it.each(['Pending', 'yes', 'Customer (maybe)', 'on hold'])('status %j is unknown', (cell) => {
    expect(matchStatus(cell)).toBeNull();
  });

  it.each([
    ['independent-pet', 'independent-pet', true],
    ['Pet Store', 'independent-pet', true],
    ['Vet', 'vet-clinic', true],
    ['Veterinary Clinic', 'vet-clinic', true],
    ['Animal Hospital', 'vet-clinic', true],
    ['grooming', 'groomer', true],
    ['Farm & Feed', 'farm-feed', true],
    ['farm_feed', 'farm-feed', true],
    ['Supermarket', 'grocery', true],
    ['Mobile Groomer Van', 'groomer', false],
    ['Feed & Seed Co-op', 'farm-feed', false],
    ['Pet Boutique', 'independent-pet', false],
    ['Hardware', 'independent-pet', false],
  ])('channel %j → %s (exact %s)', (cell, channel, exact) => {
    expect(matchChannel(cell)).toEqual({ channel, exact });
  });

  it.each([
    ['yes', true],
    ['Y', true],
    ['TRUE', true],
    ['1', true],
    ['x', true],
    ['✓', true],
    ['Key Account', true],
    ['no', false],
    ['N', false],
    ['false', false],
    ['0', false],
  ])('key account %j → %s', (cell, flag) => {
    expect(matchKeyAccount(cell)).toBe(flag);
  });

  it('key account "maybe" is not a flag', () => {
    expect(matchKeyAccount('maybe')).toBeNull();
  });
});
