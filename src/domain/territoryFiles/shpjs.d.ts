/**
 * The part of shpjs (6.x, no bundled types) the Shapefile reader uses. `parseShp` returns
 * one GeoJSON geometry (or null for a null record) per .shp record; given a .prj string it
 * would reproject, which resolvePrj does instead so that failures can be reported.
 */
declare module 'shpjs' {
  import type { Geometry } from 'geojson';

  export function parseShp(shp: Uint8Array | ArrayBuffer | DataView, prj?: string): (Geometry | null)[];
}
