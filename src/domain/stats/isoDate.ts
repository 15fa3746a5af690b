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

/**
 * The new-customer window as ISO day strings [from, to], both inclusive: from = the same
 * calendar day 12 months before the reference date (the last day of that month when it
 * has no such day: 2024-02-29 → 2023-02-28), to = the reference date itself.
 */
export function newCustomerWindow(referenceDate: Date): [string, string] {
  const y = referenceDate.getFullYear();
  const m = referenceDate.getMonth();
  const d = referenceDate.getDate();
  const daysInMonthYearBefore = new Date(y - 1, m + 1, 0).getDate();
  return [isoDay(y - 1, m, Math.min(d, daysInMonthYearBefore)), isoDay(y, m, d)];
}
