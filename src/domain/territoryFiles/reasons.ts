/**
 * Reason codes of the territory-file readers (ARCHITECTURE rule 7). Tests and the UI key on
 * these codes, never on wording; every failure also carries a readable English `message`
 * that names the problem (and the feature number, for per-feature problems).
 */

/** Why a whole file cannot be read as territories (`readTerritoryFile`). */
export const TERRITORY_FILE_REASONS = [
  /** The file has no bytes (or only white space). */
  'empty-file',
  /** Larger than `maxBytes` (default 100 MB), or a zip that would unpack to more than that. */
  'file-too-large',
  /** Not GeoJSON, KML, KMZ or a zipped Shapefile, by content and by name. */
  'unknown-format',
  /** A loose .shp/.dbf/.shx/.prj file: the parts of a Shapefile must come together in a .zip. */
  'shapefile-not-zipped',
  /** The file is not valid JSON (often: cut short while downloading). */
  'invalid-json',
  /** Valid JSON, but not a GeoJSON FeatureCollection, Feature or polygon geometry. */
  'not-geojson',
  /** A GeoJSON `crs` member names a coordinate system other than longitude/latitude. */
  'unsupported-crs',
  /** The KML is not well-formed XML. */
  'invalid-xml',
  /** Well-formed XML, but not KML (no <kml> root element). */
  'not-kml',
  /** Not a readable zip archive (damaged, cut short, encrypted or an unknown compression). */
  'invalid-zip',
  /** A zip that holds neither a Shapefile (.shp) nor a KML document. */
  'no-layers',
  /** A .shp or .dbf inside the zip is damaged or cut short. */
  'invalid-shapefile',
  /** The .prj names a projection that cannot be converted to longitude/latitude. */
  'unsupported-projection',
  /** No .prj, and the coordinates are not longitude/latitude. */
  'unknown-projection',
  /** The coordinates are far outside longitude/latitude: a projected file without its CRS. */
  'not-lonlat',
  /** More features than `maxFeatures` (default 10,000). */
  'too-many-features',
  /** The file holds no polygon at all (only points, lines or empty features). */
  'no-polygons',
  /** An unexpected error while reading; reported instead of thrown. */
  'read-failed',
] as const;
export type TerritoryFileReason = (typeof TERRITORY_FILE_REASONS)[number];

/** Why one polygon feature of a file was refused (the rest of the file is still read). */
export const TERRITORY_FEATURE_REASONS = [
  /** The geometry is not a polygon structure (bad nesting, unknown type, not a Feature). */
  'not-a-polygon',
  /** A coordinate is missing, not a number, NaN or Infinity. */
  'non-finite-coordinate',
  /** Latitude outside −90…90 or longitude outside −360…360. */
  'out-of-range',
  /** An outline that circles a pole (its longitudes wrap all the way round the world). */
  'encircles-pole',
  /** Nothing with an area is left (all rings degenerate: too few points, on one line). */
  'no-area',
  /** Crosses itself in a way that cannot be repaired without changing its area. */
  'invalid-geometry',
  /** Converting this feature's projected coordinates to longitude/latitude failed. */
  'reprojection-failed',
] as const;
export type TerritoryFeatureReason = (typeof TERRITORY_FEATURE_REASONS)[number];
