/**
 * One imported outline → a territory geometry the app can use, or the reason it cannot.
 * Used for every polygon feature of GeoJSON, KML/KMZ and Shapefile imports, and reusable
 * wherever outside geometry enters a plan.
 *
 * Steps (each one's notes are collected for the feature's `note`):
 *  1. coordinates: Z/M dropped, NaN/Infinity and impossible latitudes refused
 *     (coerceCoordinates);
 *  2. antimeridian: rings across 180° or beyond ±180 are split there (splitAntimeridian);
 *  3. validation (validateTerritoryGeometry: closes rings, removes repeated points), plus a
 *     check that no part lies inside another part (a hole written as a separate polygon,
 *     common in Shapefiles and KML MultiGeometry);
 *  4. exact repair when 3 fails (repairRings: spikes, pinched / self-touching rings,
 *     degenerate rings, re-nesting by even–odd depth; no coordinate moves);
 *  5. clipper repair when 4 is not enough (a ring crossing itself): the polygon clipper
 *     rebuilds the outline (slivers it leaves are dropped, with the editing tools'
 *     threshold), accepted only if the area changes by less than 1 % (a small twist at a
 *     vertex); a bow-tie or figure-eight whose meaning is ambiguous is refused;
 *  6. RFC 7946 winding (rewindRfc7946): outer rings counter-clockwise, holes clockwise.
 *
 * Even–odd is the rule the assignment engine uses, so the repairs keep every store on the
 * side of the outline where the file puts it.
 */
import type { Position } from 'geojson';
import { clipUnion } from '../editing/clipper';
import { geometryFromPolygons, polygonsOf } from '../editing/geometryBasics';
import { ringAreaM2, sliverThreshold } from '../editing/finishGeometry';
import { repairRings } from '../editing/repairRings';
import { formatLngLat } from '../geometry/formatLngLat';
import { pointInRing } from '../geometry/pointInRing';
import { rewindRfc7946 } from '../geometry/rewind';
import { ringSignedArea } from '../geometry/ringSignedArea';
import { validateTerritoryGeometry } from '../geometry/validatePolygon';
import type { Result, TerritoryGeometry } from '../types';
import { coerceCoordinates } from './coerceCoordinates';
import type { TerritoryFeatureReason } from './reasons';
import { splitAntimeridian } from './splitAntimeridian';

export interface NormalisedGeometry {
  geometry: TerritoryGeometry;
  /** What was changed, in words ("3D coordinates dropped"); empty when nothing was. */
  notes: string[];
}

/** Largest relative area change a clipper repair may cause and still count as safe. */
export const MAX_REPAIR_AREA_CHANGE = 0.01;

/** Planar area with holes subtracted (squared degrees; for comparing before/after). */
function planarArea(polygons: readonly (readonly Position[][])[]): number {
  let sum = 0;
  for (const rings of polygons) {
    rings.forEach((ring, r) => {
      const a = Math.abs(ringSignedArea(ring));
      sum += r === 0 ? a : -a;
    });
  }
  return sum;
}

/** Where a part lies inside another part (even–odd, holes respected), or null. */
function nestedPart(polygons: readonly (readonly Position[][])[]): Position | null {
  if (polygons.length < 2) return null;
  const boxes = polygons.map((rings) => {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const p of rings[0]!) {
      if (p[0]! < x0) x0 = p[0]!;
      if (p[0]! > x1) x1 = p[0]!;
      if (p[1]! < y0) y0 = p[1]!;
      if (p[1]! > y1) y1 = p[1]!;
    }
    return [x0, y0, x1, y1] as const;
  });
  for (let i = 0; i < polygons.length; i++) {
    const a = boxes[i]!;
    for (let j = 0; j < polygons.length; j++) {
      const b = boxes[j]!;
      if (i === j || b[0] < a[0] || b[2] > a[2] || b[1] < a[1] || b[3] > a[3]) continue;
      for (const v of polygons[j]![0]!) {
        let inside = false;
        let onEdge = false;
        for (const ring of polygons[i]!) {
          const side = pointInRing(v[0]!, v[1]!, ring);
          if (side === 0) onEdge = true;
          else if (side > 0) inside = !inside;
        }
        if (onEdge) continue; // shared vertex: try the next one
        if (inside) return v;
        break;
      }
    }
  }
  return null;
}

/** Parts and holes the clipper leaves below the editing sliver threshold are dropped. */
function dropSlivers(polygons: Position[][][], referenceM2: number): Position[][][] {
  const min = sliverThreshold(referenceM2);
  return polygons
    .filter((rings) => ringAreaM2(rings[0]!) >= min)
    .map((rings) => rings.filter((ring, r) => r === 0 || ringAreaM2(ring) >= min));
}

const refuse = (reason: TerritoryFeatureReason, message: string) => ({ ok: false as const, reason, message });

/** Validates and checks nesting; the valid geometry or the first defect's message. */
function check(
  polygons: Position[][][],
): { ok: true; value: TerritoryGeometry } | { ok: false; message: string; nested: boolean; degenerate: boolean } {
  const checked = validateTerritoryGeometry(geometryFromPolygons(polygons));
  if (!checked.ok) {
    const degenerate = checked.reason === 'too-few-points' || checked.reason === 'zero-area';
    return { ok: false, message: checked.message, nested: false, degenerate };
  }
  const nested = nestedPart(polygonsOf(checked.value));
  if (nested) {
    return { ok: false, message: `A part near ${formatLngLat(nested[0]!, nested[1]!)} lies inside another part.`, nested: true, degenerate: false };
  }
  return checked;
}

/**
 * Normalises raw polygon coordinates (`[polygon][ring][position]`, as parsed from a file)
 * into a valid territory geometry; see the module comment for the steps. Never throws.
 * Refusal reasons: 'not-a-polygon', 'non-finite-coordinate', 'out-of-range',
 * 'encircles-pole', 'no-area', 'invalid-geometry'. Messages do not name the feature (the
 * caller prefixes "Feature 7 (“Name”): ").
 */
export function normaliseTerritoryGeometry(raw: readonly unknown[]): Result<NormalisedGeometry, TerritoryFeatureReason> {
  const coerced = coerceCoordinates(raw);
  if (!coerced.ok) return coerced;
  const notes: string[] = [];
  if (coerced.value.droppedZ) notes.push('3D coordinates dropped');
  let polygons = coerced.value.polygons;
  try {
    if (coerced.value.crossesAntimeridian) {
      const split = splitAntimeridian(polygons);
      if (!split.ok) return split;
      polygons = split.value.polygons;
      notes.push(split.value.note);
    }
    const first = check(polygons);
    if (first.ok) return { ok: true, value: { geometry: rewindRfc7946(first.value), notes } };

    const repaired = repairRings(polygons);
    if (repaired.length === 0) {
      // Nothing with a net area is left: degenerate rings, or a symmetric bow-tie (its
      // signed area is zero) whose meaning cannot be guessed.
      return first.degenerate
        ? refuse('no-area', `It has no area: ${lowerFirst(first.message)}`)
        : refuse('invalid-geometry', `${firstSentence(first.message)} It cannot be repaired without guessing; fix the outline in the tool that made the file.`);
    }
    const second = check(repaired);
    if (second.ok) {
      notes.push(
        first.nested
          ? 'repaired: a part lying inside another part became a hole'
          : `repaired: ${lowerFirst(firstSentence(first.message))}`,
      );
      return { ok: true, value: { geometry: rewindRfc7946(second.value), notes } };
    }

    const rebuilt = dropSlivers(clipUnion([repaired]), Math.max(...repaired.map((rings) => ringAreaM2(rings[0]!))));
    const third = rebuilt.length > 0 ? check(rebuilt) : null;
    if (third?.ok) {
      const before = planarArea(repaired);
      const after = planarArea(polygonsOf(third.value));
      const change = Math.abs(after - before) / Math.max(Math.abs(before), Math.abs(after), Number.MIN_VALUE);
      if (change < MAX_REPAIR_AREA_CHANGE) {
        notes.push(`repaired: ${lowerFirst(firstSentence(second.message))} The crossing was removed.`);
        return { ok: true, value: { geometry: rewindRfc7946(third.value), notes } };
      }
    }
    return refuse(
      'invalid-geometry',
      `${firstSentence(second.message)} It cannot be repaired without guessing; fix the outline in the tool that made the file.`,
    );
  } catch (error) {
    return refuse('invalid-geometry', `Its outline could not be processed (${error instanceof Error ? error.message : String(error)}).`);
  }
}

/** The problem without the drawing advice that follows it ("… near X. Redraw it …"). */
function firstSentence(message: string): string {
  const end = message.indexOf('. ');
  return end < 0 ? message : message.slice(0, end + 1);
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
