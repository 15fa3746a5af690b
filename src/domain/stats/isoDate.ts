/**
 * Calendar-day helpers on ISO `YYYY-MM-DD` strings. KPIs compare dates as strings (no Date
 * parsed per store), so "today" and window ends are turned into the same format once.
 */
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** ISO day from a year, a 0-based month and a day of month. */
export const isoDay = (y: number, m0: number, d: number): string => `${String(y).padStart(4, '0')}-${pad2(m0 + 1)}-${pad2(d)}`;

/** The local calendar day of `date`, plus `days` (may be negative), as an ISO day. */
export function isoDayPlus(date: Date, days: number): string {
  const d = new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
  return isoDay(d.getFullYear(), d.getMonth(), d.getDate());
}
