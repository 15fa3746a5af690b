/**
 * What the territory-file readers return. Pure data (no classes, no methods), so that the
 * contents survive `structuredClone` from the import worker to the UI unchanged.
 */
import type { TerritoryGeometry } from '../types';
import type { TerritoryFeatureReason } from './reasons';

/** One property value of an imported feature: flat, never an object. */
export type PropertyValue = string | number | boolean | null;

/**
 * The properties of one imported feature. Built on a null-prototype object with
 * `Object.defineProperty`, so keys like `__proto__`, `constructor` or `prototype` are plain
 * data and never reach a prototype (a structured clone keeps them as own data properties).
 * Read with `Object.keys` / `bag[key]`; never deep-merge it into another object.
 */
export type PropertyBag = Readonly<Record<string, PropertyValue>>;

/** Formats `readTerritoryFile` understands. A .kmz is a zip with a KML document inside. */
export type TerritoryFileFormat = 'geojson' | 'kml' | 'kmz' | 'shapefile';

/** One polygon feature of the file, accepted (geometry) or refused (problem). */
export interface TerritoryFileFeature {
  /** 1-based position among ALL features of the file (points and lines count too), so
   *  "feature 7" is the 7th feature/placemark/record a GIS tool shows. */
  index: number;
  properties: PropertyBag;
  /** Normalised: 2-D, rings closed, valid (`validateTerritoryGeometry`), RFC 7946 winding,
   *  within −180…180 / −90…90. Null when the feature was refused. */
  geometry: TerritoryGeometry | null;
  /** What was changed to make the outline usable ("3D coordinates dropped; split at the
   *  antimeridian (180°) into 2 parts"); absent when it was taken as is. */
  note?: string;
  /** Why the feature was refused (then geometry is null); the message names the feature. */
  problem?: { reason: TerritoryFeatureReason; message: string };
}

/** Counts of features that are not polygons: left out of `features`, reported. */
export interface SkippedCounts {
  points: number;
  lines: number;
  /** Features without any geometry (a placemark with no shape, a null Shapefile record). */
  empty: number;
}

/** How the coordinates were obtained: read as longitude/latitude, or converted. */
export type TerritoryFileCrs = { kind: 'lonlat' } | { kind: 'reprojected'; name: string };

export interface TerritoryFileContents {
  format: TerritoryFileFormat;
  fileName: string;
  /** Polygon features only, accepted and refused, in file order. */
  features: TerritoryFileFeature[];
  skipped: SkippedCounts;
  /** Property names seen on the polygon features, in first-seen order. */
  fields: string[];
  /** The property that most likely holds each territory's name (see suggestNameField). */
  suggestedNameField: string | null;
  crs: TerritoryFileCrs;
  /** File-level remarks for the import summary (layers read, missing .dbf, …). */
  notices: string[];
}

/** Limits of `readTerritoryFile`; both are checked before any per-feature work. */
export interface ReadTerritoryFileOptions {
  /** Refuse files with more features than this (default 10,000). */
  maxFeatures?: number;
  /** Refuse files (and zips whose members unpack to) more bytes than this (default 100 MB). */
  maxBytes?: number;
}

/** A feature as a format reader hands it over, before geometry normalisation (internal). */
export interface RawFeature {
  properties: PropertyBag;
  kind: 'polygon' | 'point' | 'line' | 'empty';
  /** For kind 'polygon': polygons as coordinate arrays (unchecked: parsed file content). */
  polygons: unknown[];
  /** Remarks of the reader (e.g. "a point in the MultiGeometry was dropped"). */
  notes: string[];
  /** A refusal decided by the reader (unknown geometry type, reprojection failed). */
  problem?: { reason: TerritoryFeatureReason; message: string };
}

/** What a format reader returns (internal). */
export interface RawTerritoryFile {
  format: TerritoryFileFormat;
  features: RawFeature[];
  crs: TerritoryFileCrs;
  notices: string[];
}
