/**
 * Spatial index of territory edges for snapping while drawing (see snapPosition.ts).
 *
 * A uniform grid over the bounding box of all edges, about {@link SNAP_SEGMENTS_PER_CELL}
 * segments per cell, stored as flat typed arrays (CSR: `cellStart` / `cellItems`). Every
 * segment is listed in each cell its line passes through (row by row, not its whole
 * bounding box, so a long diagonal costs O(cells it crosses)). Build it once when the
 * plan's territories change — linear in the number of edges, a few ms for state-sized
 * outlines with thousands of vertices — and query it on every pointer move.
 */
import type { TerritoryGeometry } from '../types';
import { polygonsOf } from './geometryBasics';

/** Target average number of segments listed per grid cell. */
export const SNAP_SEGMENTS_PER_CELL = 4;
const MAX_CELLS = 1 << 20;

/** A territory whose outline can be snapped to (a `Territory` satisfies it). */
export interface SnapTarget<Id = string> {
  readonly id: Id;
  readonly geometry: TerritoryGeometry;
}

/** The index; plain data (structured-cloneable). Fields are internal to snapping. */
export interface SnapIndex<Id = string> {
  /** Territory ids, in input order; `segmentOwner` holds positions in this list. */
  readonly ids: readonly Id[];
  /** x1, y1, x2, y2 per segment. */
  readonly segments: Float64Array;
  readonly segmentOwner: Int32Array;
  readonly segmentCount: number;
  readonly minX: number;
  readonly minY: number;
  readonly cols: number;
  readonly rows: number;
  /** Cell size in degrees (lng, lat). */
  readonly cellW: number;
  readonly cellH: number;
  /** Segments of cell c (row-major): `cellItems[cellStart[c] .. cellStart[c + 1]]`. */
  readonly cellStart: Int32Array;
  readonly cellItems: Int32Array;
}

/** Cells (row, colFrom, colTo) crossed by one segment, clipped row by row. */
function forEachCell(
  x1: number, y1: number, x2: number, y2: number,
  idx: Pick<SnapIndex, 'minX' | 'minY' | 'cols' | 'rows' | 'cellW' | 'cellH'>,
  visit: (cell: number) => void,
): void {
  const { minX, minY, cols, rows, cellW, cellH } = idx;
  const gx1 = (x1 - minX) / cellW;
  const gy1 = (y1 - minY) / cellH;
  const gx2 = (x2 - minX) / cellW;
  const gy2 = (y2 - minY) / cellH;
  const clampRow = (v: number): number => Math.min(rows - 1, Math.max(0, Math.floor(v)));
  const clampCol = (v: number): number => Math.min(cols - 1, Math.max(0, Math.floor(v)));
  const yLo = Math.min(gy1, gy2);
  const yHi = Math.max(gy1, gy2);
  const r0 = clampRow(yLo);
  const r1 = clampRow(yHi);
  for (let r = r0; r <= r1; r++) {
    let xa: number;
    let xb: number;
    if (yHi - yLo < 1e-12) {
      xa = Math.min(gx1, gx2);
      xb = Math.max(gx1, gx2);
    } else {
      const ya = Math.max(yLo, r);
      const yb = Math.min(yHi, r + 1);
      const xAt = (y: number): number => gx1 + ((y - gy1) / (gy2 - gy1)) * (gx2 - gx1);
      xa = Math.min(xAt(ya), xAt(yb));
      xb = Math.max(xAt(ya), xAt(yb));
    }
    // a small slack so rounding at a cell border never loses a segment
    const c0 = clampCol(xa - 1e-9);
    const c1 = clampCol(xb + 1e-9);
    for (let c = c0; c <= c1; c++) visit(r * cols + c);
  }
}

/**
 * Builds the snapping index over the outlines (all rings) of `territories`. Rebuild when
 * a territory is added, removed or reshaped. Empty input gives an index that never snaps.
 */
export function buildSnapIndex<Id = string>(territories: readonly SnapTarget<Id>[]): SnapIndex<Id> {
  let count = 0;
  for (const t of territories) {
    for (const polygon of polygonsOf(t.geometry)) for (const ring of polygon) count += Math.max(0, ring.length - 1);
  }
  const segments = new Float64Array(count * 4);
  const segmentOwner = new Int32Array(count);
  let n = 0;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  territories.forEach((t, owner) => {
    for (const polygon of polygonsOf(t.geometry)) {
      for (const ring of polygon) {
        for (let k = 0; k + 1 < ring.length; k++) {
          const a = ring[k]!;
          const b = ring[k + 1]!;
          const x1 = a[0]!, y1 = a[1]!, x2 = b[0]!, y2 = b[1]!;
          if (![x1, y1, x2, y2].every(Number.isFinite)) continue;
          segments[n * 4] = x1;
          segments[n * 4 + 1] = y1;
          segments[n * 4 + 2] = x2;
          segments[n * 4 + 3] = y2;
          segmentOwner[n] = owner;
          n++;
          minX = Math.min(minX, x1, x2);
          maxX = Math.max(maxX, x1, x2);
          minY = Math.min(minY, y1, y2);
          maxY = Math.max(maxY, y1, y2);
        }
      }
    }
  });
  const ids = territories.map((t) => t.id);
  if (n === 0) {
    return {
      ids, segments, segmentOwner, segmentCount: 0, minX: 0, minY: 0, cols: 1, rows: 1, cellW: 1, cellH: 1,
      cellStart: new Int32Array(2), cellItems: new Int32Array(0),
    };
  }
  const width = Math.max(maxX - minX, 1e-9);
  const height = Math.max(maxY - minY, 1e-9);
  const target = Math.max(1, Math.min(MAX_CELLS, Math.ceil(n / SNAP_SEGMENTS_PER_CELL)));
  const side = Math.sqrt((width * height) / target);
  const cols = Math.max(1, Math.min(target, Math.round(width / side)));
  const rows = Math.max(1, Math.min(Math.floor(MAX_CELLS / cols), Math.round(height / side)));
  const grid = { minX, minY, cols, rows, cellW: width / cols, cellH: height / rows };

  const cellStart = new Int32Array(cols * rows + 1);
  for (let s = 0; s < n; s++) {
    forEachCell(segments[s * 4]!, segments[s * 4 + 1]!, segments[s * 4 + 2]!, segments[s * 4 + 3]!, grid, (c) => {
      cellStart[c + 1]!++;
    });
  }
  for (let c = 0; c < cols * rows; c++) cellStart[c + 1] = cellStart[c + 1]! + cellStart[c]!;
  const cursor = cellStart.slice(0, cols * rows);
  const cellItems = new Int32Array(cellStart[cols * rows]!);
  for (let s = 0; s < n; s++) {
    forEachCell(segments[s * 4]!, segments[s * 4 + 1]!, segments[s * 4 + 2]!, segments[s * 4 + 3]!, grid, (c) => {
      cellItems[cursor[c]!++] = s;
    });
  }
  return { ids, segments, segmentOwner, segmentCount: n, ...grid, cellStart, cellItems };
}
