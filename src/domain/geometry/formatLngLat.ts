/**
 * Human-readable position for messages ("97.51° W, 32.70° N"), so a validation error can
 * say *where* the problem is in words a territory manager reads on a map, instead of a
 * signed decimal pair. Two decimals ≈ 1 km: enough to find the spot, short enough to read.
 */
export function formatLngLat(lng: number, lat: number): string {
  const ew = lng < 0 ? 'W' : 'E';
  const ns = lat < 0 ? 'S' : 'N';
  return `${Math.abs(lng).toFixed(2)}° ${ew}, ${Math.abs(lat).toFixed(2)}° ${ns}`;
}
