/**
 * No overlaps by default (issue 4): a new or edited territory is clipped against its
 * neighbours before it enters the plan, and the user chooses per edit who gives way.
 */
import { area as turfArea } from '@turf/area';
import { validateTerritoryGeometry } from '../geometry/validatePolygon';
import type { Result, TerritoryGeometry } from '../types';
import { clipDifference } from './clipper';
import { finishGeometry, sliverThreshold, vertexKeys } from './finishGeometry';
import { bboxesOverlap, geometryBBox, polygonsOf } from './geometryBasics';
import type { ClipReason } from './reasons';

/** 'take': the edited shape takes the area from its neighbours; 'yield': it gives way. */
export type ClipMode = 'take' | 'yield';

/** A territory next to the edited shape; `locked` ones are never clipped. */
export interface ClipNeighbour<Id = string> {
  readonly id: Id;
  readonly geometry: TerritoryGeometry;
  readonly locked: boolean;
}

export interface ClipResult<Id = string> {
  /** The edited shape after clipping (validated). */
  shape: TerritoryGeometry;
  /** True when the shape lost area (it yielded to some neighbour). */
  shapeClipped: boolean;
  /**
   * Only the neighbours whose geometry changed, in input order; geometry null = the
   * neighbour lies entirely inside the shape and is gone (the caller decides whether to
   * delete the territory or keep it empty, and says so to the user).
   */
  neighbours: { id: Id; geometry: TerritoryGeometry | null }[];
}

/**
 * Resolves the overlaps between an edited shape and its neighbours. Call it when a shape
 * is drawn, edited, moved or painted, before committing, unless the plan allows overlaps.
 *
 * - 'take': every unlocked neighbour becomes neighbour − shape (a shape drawn inside a
 *   neighbour punches a hole in it; a neighbour entirely covered becomes null). Locked
 *   neighbours are never clipped: the shape yields to them instead (shape − locked) and
 *   the unlocked neighbours lose only what the shape finally covers.
 * - 'yield': shape − union(all neighbours), locked or not; neighbours are unchanged.
 *
 * Neighbours whose bounding box does not overlap the shape's are skipped without
 * clipping. Results go through `finishGeometry`: new vertices rounded to 1e-9°, slivers
 * below max(1 m², 1e-9 × the shape's area) dropped, validity checked.
 *
 * @returns the clipped shape and the changed neighbours, or a reason: 'invalid-shape' /
 *   'invalid-neighbour' (input fails validation), 'empty-result' (the shape lies entirely
 *   under neighbours it must yield to), 'invalid-result', 'clip-failed'.
 */
export function clipAgainstNeighbours<Id = string>(
  shape: TerritoryGeometry,
  neighbours: readonly ClipNeighbour<Id>[],
  mode: ClipMode,
): Result<ClipResult<Id>, ClipReason> {
  const checked = validateTerritoryGeometry(shape);
  if (!checked.ok) return { ok: false, reason: 'invalid-shape', message: checked.message };
  const subject = checked.value;
  const box = geometryBBox(subject);

  const relevant: { id: Id; geometry: TerritoryGeometry; locked: boolean }[] = [];
  for (const n of neighbours) {
    const valid = validateTerritoryGeometry(n.geometry);
    if (!valid.ok) {
      return { ok: false, reason: 'invalid-neighbour', message: `Neighbouring territory ${String(n.id)}: ${valid.message}` };
    }
    if (bboxesOverlap(box, geometryBBox(valid.value))) relevant.push({ id: n.id, geometry: valid.value, locked: n.locked });
  }
  if (relevant.length === 0) return { ok: true, value: { shape: subject, shapeClipped: false, neighbours: [] } };

  const minArea = sliverThreshold(turfArea(subject));
  const keep = vertexKeys([subject, ...relevant.map((n) => n.geometry)]);
  try {
    // 1. What the shape gives up: everything in 'yield' mode, locked neighbours in 'take'.
    const blockers = relevant.filter((n) => mode === 'yield' || n.locked);
    let finalShape = subject;
    let shapeClipped = false;
    if (blockers.length > 0) {
      const rest = clipDifference(polygonsOf(subject), blockers.map((n) => polygonsOf(n.geometry)));
      const finished = finishGeometry(rest, { keep, minAreaM2: minArea });
      if (!finished.ok) {
        return finished.reason === 'empty-result'
          ? {
              ok: false,
              reason: 'empty-result',
              message:
                mode === 'yield'
                  ? 'The shape lies entirely inside other territories; yielding to them leaves nothing.'
                  : 'The shape lies entirely inside locked territories, which cannot give up area.',
            }
          : finished;
      }
      if (lostArea(subject, finished.value, minArea)) {
        finalShape = finished.value;
        shapeClipped = true;
      }
    }
    // 2. 'take': unlocked neighbours lose what the final shape covers.
    const changed: { id: Id; geometry: TerritoryGeometry | null }[] = [];
    if (mode === 'take') {
      const finalBox = geometryBBox(finalShape);
      const cutter = polygonsOf(finalShape);
      for (const n of relevant) {
        if (n.locked || !bboxesOverlap(finalBox, geometryBBox(n.geometry))) continue;
        const rest = clipDifference(polygonsOf(n.geometry), [cutter]);
        const finished = finishGeometry(rest, { keep, minAreaM2: minArea });
        if (!finished.ok) {
          if (finished.reason === 'empty-result') {
            changed.push({ id: n.id, geometry: null });
            continue;
          }
          return { ok: false, reason: 'invalid-result', message: `Neighbouring territory ${String(n.id)}: ${finished.message}` };
        }
        if (lostArea(n.geometry, finished.value, minArea)) changed.push({ id: n.id, geometry: finished.value });
      }
    }
    return { ok: true, value: { shape: finalShape, shapeClipped, neighbours: changed } };
  } catch (error) {
    return {
      ok: false,
      reason: 'clip-failed',
      message: `The shapes could not be clipped (${error instanceof Error ? error.message : String(error)}).`,
    };
  }
}

/**
 * A difference only ever removes area, so "unchanged" = it removed less than a sliver.
 * (Comparing vertices would not do: the clipper drops collinear vertices and rotates rings
 * it did not cut.) Unchanged geometries are reported as such and keep their exact input.
 */
function lostArea(before: TerritoryGeometry, after: TerritoryGeometry, minArea: number): boolean {
  return turfArea(before) - turfArea(after) >= minArea;
}
