/**
 * Outlines across the antimeridian (internal step of normaliseTerritoryGeometry).
 *
 * Files write an area that crosses 180° in two ways: a ring whose longitudes jump from
 * 179.9 to −179.9 (Alaska's Aleutians, Fiji, Chukotka), or longitudes beyond 180 (0…360
 * data, or 170 … 190). Read literally in the lng/lat plane the first is a band around the
 * whole world and the second is off the map, so point-in-polygon would put stores in the
 * wrong territory. The fix is the one GDAL's `-wrapdateline` and RFC 7946 §3.1.9 describe:
 * make each ring continuous (add ±360 at every jump of more than 180°), move the polygon
 * by a multiple of 360° so it starts within −180…180, and if it then reaches past 180 cut
 * it there and move the eastern piece by −360°. The result is a MultiPolygon whose parts
 * lie within −180…180 and meet at the antimeridian.
 *
 * Known limit (the same heuristic as GDAL's): an edge that really spans more than 180° of
 * longitude is taken as crossing the antimeridian. A ring that wraps all the way round
 * (a polar cap) cannot be drawn in lng/lat and is refused.
 */
import type { Position } from 'geojson';
import { clipIntersect } from '../editing/clipper';
import type { Result } from '../types';

export interface AntimeridianResult {
  polygons: Position[][][];
  /** What was done, for the feature's note ("split at the antimeridian (180°) into 2 parts"). */
  note: string;
}

/** Ring made continuous; `wraps` ≠ 0 when it goes all the way round the world. */
function unwrapRing(ring: readonly Position[]): { ring: Position[]; wraps: number } {
  const out: Position[] = [];
  let offset = 0;
  let prev = NaN;
  for (const p of ring) {
    const x = p[0]!;
    if (out.length > 0) {
      if (x - prev > 180) offset -= 360;
      else if (x - prev < -180) offset += 360;
    }
    out.push([x + offset, p[1]!]);
    prev = x;
  }
  const first = ring[0]![0]!;
  if (first - prev > 180) offset -= 360; // the implied closing edge
  else if (first - prev < -180) offset += 360;
  return { ring: out, wraps: offset };
}

function range(ring: readonly Position[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const p of ring) {
    if (p[0]! < min) min = p[0]!;
    if (p[0]! > max) max = p[0]!;
  }
  return [min, max];
}

const shift = (ring: readonly Position[], dx: number): Position[] => ring.map((p) => [p[0]! + dx, p[1]!]);
const clampLng = (x: number): number => Math.min(180, Math.max(-180, x));

function box(x0: number, x1: number): Position[][][] {
  return [[[[x0, -90], [x1, -90], [x1, 90], [x0, 90], [x0, -90]]]];
}

/**
 * Brings every polygon within −180…180, splitting at the antimeridian where needed (see
 * the module comment). May throw when the clipper fails; the caller refuses the feature.
 */
export function splitAntimeridian(polygons: readonly (readonly Position[][])[]): Result<AntimeridianResult, 'encircles-pole'> {
  const out: Position[][][] = [];
  let split = false;
  for (const polygon of polygons) {
    const unwrapped = polygon.map(unwrapRing);
    const outer = unwrapped[0]!;
    const [minX, maxX] = range(outer.ring);
    if (outer.wraps !== 0 || maxX - minX >= 360) {
      return {
        ok: false,
        reason: 'encircles-pole',
        message:
          'Its outline goes all the way round the world (around a pole), which cannot be drawn as a ' +
          'longitude/latitude area. Split it into pieces that do not circle the pole.',
      };
    }
    const mid = (minX + maxX) / 2;
    const rings = [outer.ring];
    for (let r = 1; r < unwrapped.length; r++) {
      const hole = unwrapped[r]!.ring; // a hole that wraps is as broken as any; validation decides
      const [h0, h1] = range(hole);
      rings.push(shift(hole, 360 * Math.round((mid - (h0 + h1) / 2) / 360)));
    }
    const dx = -360 * Math.floor((minX + 180) / 360); // minX + dx within −180…180
    const moved = dx === 0 ? rings : rings.map((ring) => shift(ring, dx));
    if (maxX + dx <= 180) {
      out.push(moved.map((ring) => ring.map((p) => [clampLng(p[0]!), p[1]!])));
      continue;
    }
    split = true;
    for (const piece of clipIntersect([moved], box(minX + dx - 1, 180))) {
      out.push(piece.map((ring) => ring.map((p) => [clampLng(p[0]!), p[1]!])));
    }
    for (const piece of clipIntersect([moved], box(180, maxX + dx + 1))) {
      out.push(piece.map((ring) => ring.map((p) => [clampLng(p[0]! - 360), p[1]!])));
    }
  }
  const note = split
    ? `split at the antimeridian (180°) into ${out.length} parts`
    : 'longitudes moved by 360° into −180…180';
  return { ok: true, value: { polygons: out, note } };
}
