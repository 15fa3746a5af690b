/**
 * Hand-made unit layers for the balancer tests: square cells of a grid near the equator
 * (0.1° a side, neighbours sharing exact corner coordinates, as units of one topology do),
 * with cells left out and extra islands, plus weights. Not a test file itself.
 */
import type { GraphUnit } from '../../../src/domain/balance';

export const CELL = 0.1;

/** The square cell (col, row) of a grid, as a unit with id `c{col}r{row}`. */
export function cell(col: number, row: number, size = CELL): GraphUnit {
  // Corners as index × size, never x0 + size: 0.7 + 0.1 !== 8 × 0.1 in floating point, and
  // neighbours must share exact coordinates.
  const [x0, x1, y0, y1] = [col * size, (col + 1) * size, row * size, (row + 1) * size];
  return {
    id: `c${col}r${row}`,
    geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] },
  };
}

/** A cols × rows grid, row by row (unit index = row * cols + col), minus `removed` indexes. */
export function grid(cols: number, rows: number, removed: ReadonlySet<number> = new Set()): GraphUnit[] {
  const units: GraphUnit[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (!removed.has(r * cols + c)) units.push(cell(c, r));
  return units;
}

export const ones = (n: number): Float64Array => new Float64Array(n).fill(1);
