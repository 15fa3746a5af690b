/**
 * Hexagon base units from H3 cells (issue 4: "so the tool also works outside the US").
 *
 * Coordinates: h3-js is asked for GeoJSON order (`cellToBoundary(cell, true)`), so every
 * position is [lng, lat] like the rest of the app — h3's default is [lat, lng].
 * Antimeridian: a cell straddling ±180° is split at the meridian into two parts (a
 * MultiPolygon), each within −180…180, so it validates, draws and assigns correctly.
 * The cells containing a pole cannot be drawn in lng/lat at all and are skipped.
 */
import {
  cellToBoundary,
  getHexagonAreaAvg,
  latLngToCell,
  polygonToCellsExperimental,
  POLYGON_TO_CELLS_FLAGS,
  UNITS,
} from 'h3-js';
import type { Position } from 'geojson';
import { validateTerritoryGeometry } from '../geometry/validatePolygon';
import type { Result, TerritoryGeometry } from '../types';
import type { BaseUnitsReason } from './reasons';
import type { BaseUnit } from './types';
import { bboxOf } from './unitGeometry';

/** Default cap on the cells one call may return (a layer of more is unusable anyway). */
export const MAX_HEX_CELLS = 50_000;

export interface HexOptions {
  /** Cap on the number of cells; default {@link MAX_HEX_CELLS}. */
  maxCells?: number;
}

type Fail = { ok: false; reason: BaseUnitsReason; message: string };

function checkResolution(resolution: number): Fail | null {
  return Number.isInteger(resolution) && resolution >= 0 && resolution <= 15
    ? null
    : { ok: false, reason: 'invalid-resolution', message: `H3 resolution must be a whole number 0–15, got ${resolution}.` };
}

/** Sutherland–Hodgman clip of a closed ring against x ≤ m (keepLeft) or x ≥ m. */
function clipAtMeridian(ring: readonly Position[], m: number, keepLeft: boolean): Position[] {
  const inside = (p: Position): boolean => (keepLeft ? p[0]! <= m : p[0]! >= m);
  const out: Position[] = [];
  const n = ring.length - 1;
  for (let i = 0; i < n; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    const ina = inside(a);
    const inb = inside(b);
    if (ina) out.push([a[0]!, a[1]!]);
    if (ina !== inb) {
      const t = (m - a[0]!) / (b[0]! - a[0]!);
      out.push([m, a[1]! + t * (b[1]! - a[1]!)]);
    }
  }
  if (out.length > 0) out.push([out[0]![0]!, out[0]![1]!]);
  return out;
}

/**
 * The base unit of one H3 cell, or null for an invalid index or a polar cell. Use it to
 * turn a cell of any origin (a saved plan, a clicked point) into a unit.
 */
export function hexUnit(cell: string): BaseUnit | null {
  let boundary: Position[];
  try {
    boundary = cellToBoundary(cell, true) as Position[];
  } catch {
    return null;
  }
  if (boundary.length < 4) return null;
  let minX = Infinity;
  let maxX = -Infinity;
  for (const p of boundary) {
    minX = Math.min(minX, p[0]!);
    maxX = Math.max(maxX, p[0]!);
  }
  let geometry: TerritoryGeometry;
  if (maxX - minX <= 180) {
    geometry = { type: 'Polygon', coordinates: [boundary] };
  } else {
    // Straddles the antimeridian: unwrap to 0…360, split at 180, shift the east part back.
    const unwrapped = boundary.map((p) => [p[0]! < 0 ? p[0]! + 360 : p[0]!, p[1]!]);
    const xs = unwrapped.map((p) => p[0]!);
    if (Math.max(...xs) - Math.min(...xs) > 180) return null; // encircles a pole
    const west = clipAtMeridian(unwrapped, 180, true);
    const east = clipAtMeridian(unwrapped, 180, false).map((p) => [p[0]! - 360, p[1]!]);
    const parts = [west, east].filter((r) => r.length >= 4).map((r) => [r]);
    if (parts.length === 0) return null;
    geometry = parts.length === 1 ? { type: 'Polygon', coordinates: parts[0]! } : { type: 'MultiPolygon', coordinates: parts };
  }
  const checked = validateTerritoryGeometry(geometry);
  if (!checked.ok) return null;
  return {
    id: cell,
    name: cell,
    level: 'hexagons',
    geometry: checked.value,
    bbox: bboxOf(checked.value),
    topologyRef: null,
    h3Cell: cell,
    parentId: null,
  };
}

function toUnits(cells: Iterable<string>, max: number): Result<BaseUnit[], BaseUnitsReason> {
  const units: BaseUnit[] = [];
  for (const cell of cells) {
    const unit = hexUnit(cell);
    if (!unit) continue;
    if (units.length >= max) {
      return { ok: false, reason: 'too-many-cells', message: `More than ${max} hexagons: zoom in or choose a coarser resolution.` };
    }
    units.push(unit);
  }
  return { ok: true, value: units };
}

/**
 * Every H3 cell of `resolution` that overlaps the box [minLng, minLat, maxLng, maxLat]
 * (h3 containment "overlapping": the cells cover the whole box, edges included), as base
 * units. A box with minLng > maxLng crosses the antimeridian. Refuses before computing
 * when the estimated count exceeds `maxCells` ('too-many-cells').
 */
export function hexUnits(
  bbox: readonly [number, number, number, number],
  resolution: number,
  opts: HexOptions = {},
): Result<BaseUnit[], BaseUnitsReason> {
  const bad = checkResolution(resolution);
  if (bad) return bad;
  const [minX, minY, maxX, maxY] = bbox;
  if (
    ![minX, minY, maxX, maxY].every(Number.isFinite) ||
    minX < -180 || maxX > 180 || minY < -90 || maxY > 90 || !(minY < maxY) || minX === maxX
  ) {
    return {
      ok: false,
      reason: 'invalid-bbox',
      message: 'The area must be [west, south, east, north] in degrees, with south below north.',
    };
  }
  const max = opts.maxCells ?? MAX_HEX_CELLS;
  // Longitude spans, split at the antimeridian and into ≤ 90° pieces (h3 reads polygon
  // edges as the shorter way round, so wide boxes must be cut).
  const spans: [number, number][] = minX < maxX ? [[minX, maxX]] : [[minX, 180], [-180, maxX]];
  const pieces: [number, number][] = [];
  for (const [a, b] of spans) {
    const k = Math.max(1, Math.ceil((b - a) / 90));
    for (let i = 0; i < k; i++) pieces.push([a + ((b - a) * i) / k, i === k - 1 ? b : a + ((b - a) * (i + 1)) / k]);
  }
  // Estimate first: spherical area of the box / average cell area.
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  let boxArea = 0;
  for (const [a, b] of pieces) boxArea += R * R * (b - a) * rad * Math.abs(Math.sin(maxY * rad) - Math.sin(minY * rad));
  const estimate = boxArea / getHexagonAreaAvg(resolution, UNITS.m2);
  if (estimate > max) {
    return {
      ok: false,
      reason: 'too-many-cells',
      message: `About ${Math.round(estimate).toLocaleString('en-US')} hexagons (more than ${max}): zoom in or choose a coarser resolution.`,
    };
  }
  const cells = new Set<string>();
  for (const [a, b] of pieces) {
    const ring = [[a, minY], [b, minY], [b, maxY], [a, maxY], [a, minY]];
    for (const cell of polygonToCellsExperimental(ring, resolution, POLYGON_TO_CELLS_FLAGS.containmentOverlapping, true)) {
      cells.add(cell);
    }
  }
  return toUnits(cells, max);
}

/**
 * The distinct H3 cells of `resolution` that contain the given points (e.g. the market's
 * stores), as base units in first-seen order: a hexagon layer only where there is
 * business. Points with non-finite or out-of-range coordinates are ignored.
 */
export function hexUnitsForPoints(
  lngs: ArrayLike<number>,
  lats: ArrayLike<number>,
  resolution: number,
  opts: HexOptions = {},
): Result<BaseUnit[], BaseUnitsReason> {
  const bad = checkResolution(resolution);
  if (bad) return bad;
  const cells = new Set<string>();
  const n = Math.min(lngs.length, lats.length);
  for (let i = 0; i < n; i++) {
    const x = lngs[i]!;
    const y = lats[i]!;
    if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) continue;
    cells.add(latLngToCell(y, x, resolution));
  }
  return toUnits(cells, opts.maxCells ?? MAX_HEX_CELLS);
}
