/** Result of `computeBalance` for one metric over n territories (PRODUCT.md "Balance"). */
export interface Balance {
  /** Sum of the values. */
  total: number;
  /** total / n: what every territory would have in a perfectly fair split (0 when n = 0). */
  ideal: number;
  /** (m_i − ideal) / |ideal| per territory, same order as the input; 0.1 = 10 % above. */
  deviations: number[];
  /** max |deviation_i| (0 when n = 0). */
  maxAbsDeviation: number;
  /** Population standard deviation / |mean| (0 when n = 0 or the mean is 0). */
  coefficientOfVariation: number;
  /** 100 × max(0, 1 − mean |deviation_i|): 100 = perfectly even, 0 = very uneven. */
  balanceIndex: number;
}

/**
 * How evenly a metric (revenue, potential, store count, workload…) is split over the
 * territories of a plan, exactly as PRODUCT.md defines Balance. Sales ops use it to see
 * whether a realignment is fair and to compare plans; the stats table shows each
 * territory's revenue deviation from it.
 *
 * Edge cases (decided here, relied upon by the UI):
 * - n = 0: total 0, ideal 0, no deviations, maxAbsDeviation 0, CV 0, balanceIndex 100
 *   (nothing is unevenly split; the UI shows "—" when there are no territories).
 * - ideal = 0 (every value 0, or values that cancel out): every deviation is 0, CV 0,
 *   balanceIndex 100 — a relative deviation from nothing is undefined, and "all zero" is
 *   an even split.
 * - ideal < 0 (e.g. net credits): the denominator is |ideal|, so a territory above the
 *   average still has a positive deviation. For ideal > 0 this equals PRODUCT.md's
 *   (m_i − ideal) / ideal.
 * - CV is the POPULATION standard deviation (divide by n, not n − 1): the territories of a
 *   plan are the whole population, not a sample.
 * Values are expected to be finite; NaN propagates.
 *
 * @param values the metric per territory (array or typed array).
 */
export function computeBalance(values: ArrayLike<number>): Balance {
  const n = values.length;
  if (n === 0) {
    return {
      total: 0,
      ideal: 0,
      deviations: [],
      maxAbsDeviation: 0,
      coefficientOfVariation: 0,
      balanceIndex: 100,
    };
  }
  let total = 0;
  for (let i = 0; i < n; i++) total += values[i]!;
  const ideal = total / n;
  const deviations = new Array<number>(n);
  if (ideal === 0) {
    deviations.fill(0);
    return { total, ideal, deviations, maxAbsDeviation: 0, coefficientOfVariation: 0, balanceIndex: 100 };
  }
  const scale = Math.abs(ideal);
  let maxAbs = 0;
  let sumAbs = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const diff = values[i]! - ideal;
    const d = diff / scale;
    deviations[i] = d;
    const a = Math.abs(d);
    if (a > maxAbs) maxAbs = a;
    sumAbs += a;
    sumSq += diff * diff;
  }
  const std = Math.sqrt(sumSq / n);
  return {
    total,
    ideal,
    deviations,
    maxAbsDeviation: maxAbs,
    coefficientOfVariation: std / scale,
    balanceIndex: 100 * Math.max(0, 1 - sumAbs / n),
  };
}
