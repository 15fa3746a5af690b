/** Number formatting for tables and labels (en-US, dollars). */
const usd0 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return int.format(n);
}

/** $1,234,567 in tables, where analysts compare exact figures. */
export function formatMoney(n: number): string {
  return usd0.format(n);
}

/** $1.2M / $850K for labels and summaries. */
export function formatMoneyShort(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e9) return `$${(n / 1e9).toFixed(1)}B`;
  if (a >= 1e6) return `$${(n / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `$${(n / 1e3).toFixed(0)}K`;
  return `$${n.toFixed(0)}`;
}

export function formatPercent(ratio: number | null, digits = 1): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(digits)}%`;
}

/** Signed deviation, e.g. +12.3% / −4.0%. */
export function formatDeviation(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  const v = (ratio * 100).toFixed(1);
  return ratio > 0 ? `+${v}%` : ratio < 0 ? `−${v.slice(1)}%` : '0.0%';
}

export function formatTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', second: '2-digit' });
}

/** "1 store", "2 stores", "1,204 stores": a count with its noun in the right number. */
export function formatCountOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}
