/**
 * Scales for the plan's SVG charts: plain functions, so they are tested without a DOM and
 * a re-render with 50 territories costs a few arithmetic operations per bar.
 */

/**
 * "Nice" axis ticks from 0 up to at least `max`: steps of 1, 2, 2.5 or 5 × 10^k, about
 * `count` of them. The last tick is the axis' top. `max` ≤ 0 or not finite gives [0, 1].
 */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw - 1e-12 * raw)!;
  const n = Math.ceil(max / step - 1e-9);
  return Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** A linear map from [0, top] to [height, 0] (SVG y grows downwards); top ≤ 0 maps everything to the baseline. */
export function linearY(top: number, height: number): (v: number) => number {
  return top > 0 ? (v) => height - (Math.max(0, v) / top) * height : () => height;
}

/**
 * The width of one bar's slot for n bars: wide for a few territories, narrow but at least
 * `min` pixels for many (the chart scrolls sideways beyond that).
 */
export function slotWidth(n: number, available: number, min = 10, max = 56): number {
  if (n <= 0) return max;
  return Math.max(min, Math.min(max, Math.floor(available / n)));
}
