declare module 'polylabel' {
  /** Pole of inaccessibility of a polygon given as rings of [x, y]; returns [x, y] with a distance. */
  export default function polylabel(
    polygon: number[][][],
    precision?: number,
    debug?: boolean,
  ): [number, number] & { distance: number };
}
