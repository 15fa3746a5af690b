/**
 * Territories from other tools: read GeoJSON, KML, KMZ and zipped Shapefiles into
 * normalised territory outlines with reasons for everything refused, and find the
 * overlaps between them. Pure (no DOM, no storage): runs in the import worker.
 *
 * Flow: readTerritoryFile (sniff → format reader → buildContents: normaliseTerritoryGeometry
 * per feature, suggestNameField) → the user picks the name field → findOverlaps on the
 * accepted features → the store commits them as territories. The KML writer for the
 * opposite direction is `territoriesToKml` in domain/export.
 */
export { readTerritoryFile } from './readTerritoryFile';
export { normaliseTerritoryGeometry, MAX_REPAIR_AREA_CHANGE, type NormalisedGeometry } from './normaliseTerritoryGeometry';
export { findOverlaps, OVERLAP_MIN_AREA_KM2, OVERLAP_RELATIVE_AREA, type TerritoryOverlap } from './findOverlaps';
export { suggestNameField } from './suggestNameField';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_FEATURES, MAX_PROPERTY_CHARS } from './limits';
export {
  TERRITORY_FEATURE_REASONS,
  TERRITORY_FILE_REASONS,
  type TerritoryFeatureReason,
  type TerritoryFileReason,
} from './reasons';
export type {
  PropertyBag,
  PropertyValue,
  ReadTerritoryFileOptions,
  SkippedCounts,
  TerritoryFileContents,
  TerritoryFileCrs,
  TerritoryFileFeature,
  TerritoryFileFormat,
} from './types';
export { featureName } from './featureName';
export { territoriesFromFile, type OverlapResolution, type TerritoriesFromFileOptions, type TerritoriesFromFileResult } from './territoriesFromFile';
