import { describe, expect, it } from 'vitest';
import { formatCount, formatCountOf } from '../../src/ui/common/format';

describe('formatCountOf', () => {
  it('puts the noun in the number the count asks for, with grouped digits', () => {
    expect(formatCountOf(1, 'store')).toBe('1 store');
    expect(formatCountOf(0, 'store')).toBe('0 stores');
    expect(formatCountOf(1204, 'store')).toBe(`${formatCount(1204)} stores`);
    expect(formatCountOf(1, 'person', 'people')).toBe('1 person');
    expect(formatCountOf(2, 'territory', 'territories')).toBe('2 territories');
  });
});
