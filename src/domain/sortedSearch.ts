/**
 * Binary search over sorted values (numbers or strings, plain or typed arrays): the first
 * position in [from, to) whose value is not less than `v`. Shared by the market's
 * chunks, the stores-table sort and the map's tile index, which all keep sorted columns.
 */
export function lowerBound<T extends number | string>(sorted: ArrayLike<T>, v: T, from = 0, to = sorted.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
