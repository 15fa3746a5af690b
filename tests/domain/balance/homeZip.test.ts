import { describe, expect, it } from 'vitest';
import { homeZip } from '../../../src/domain/balance';

describe('homeZip', () => {
  it('reads the last 5-digit group of a home base, ZIP+4 included', () => {
    expect(homeZip('Denver, CO 80202')).toBe('80202');
    expect(homeZip('80202-1234')).toBe('80202');
    expect(homeZip('1600 Pennsylvania Ave NW, Washington, DC 20500')).toBe('20500');
    expect(homeZip('02134')).toBe('02134');
  });

  it('says null when there is none: no text, no ZIP, longer or shorter digit runs', () => {
    expect(homeZip(null)).toBeNull();
    expect(homeZip(undefined)).toBeNull();
    expect(homeZip('')).toBeNull();
    expect(homeZip('Denver, CO')).toBeNull();
    expect(homeZip('phone 3035551234')).toBeNull();
    expect(homeZip('Suite 802')).toBeNull();
  });
});
