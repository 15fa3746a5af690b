/**
 * Every reason the importer can give, as exported constants (ARCHITECTURE rule 7): the UI
 * turns a code into help text, the summary counts rows per code, and tests assert codes,
 * not wording. A rejected row gets exactly ONE reason — the first failed check, in the
 * order `validateRows` documents — so a summary adds up to the number of rejected rows.
 */

/** Why one data row did not become a store. */
export const REJECT_REASONS = [
  /** The row has more or fewer fields than the header (often an unquoted delimiter). */
  'wrong-field-count',
  /** The CSV parser found a broken quoted field on this row (unterminated / stray quote). */
  'malformed-quotes',
  /** GeoJSON: an item of `features` that is not a Feature object. */
  'invalid-feature',
  /** GeoJSON: a feature whose geometry is not a Point (nor a one-point MultiPoint). */
  'unsupported-geometry',
  /** The name cell is empty. */
  'missing-name',
  /** No usable location: coordinates empty (or only one of them) and no ZIP to fall back on. */
  'missing-coordinates',
  /** A latitude or longitude cell holds text that is not a number. */
  'non-numeric-coordinate',
  /** Latitude outside −90…90 (and swapping would not help). */
  'lat-out-of-range',
  /** Longitude outside −180…180. */
  'lng-out-of-range',
  /** The point only makes sense with latitude and longitude exchanged (never swapped silently). */
  'likely-swapped',
  /** lat = 0 and lng = 0 exactly: a placeholder for "unknown", not a store in the Atlantic. */
  'null-island',
  /** No coordinates, and the ZIP is not in the offline ZIP table (or is not a US ZIP). */
  'zip-not-found',
  /** The status cell is not one of the known statuses or their synonyms. */
  'unknown-status',
  /** A money or score cell is not a number (e.g. `12,5` in a file read without decimal commas). */
  'bad-number',
  /** A number larger than 10^15 in magnitude: a unit or parsing mistake, not a revenue. */
  'number-too-large',
  /** Satisfaction outside the 1–5 scale. */
  'satisfaction-out-of-range',
  /** A date cell that is not a date in an accepted format, or not a real calendar day. */
  'bad-date',
  /** The key-account cell is not a yes/no value. */
  'bad-key-account',
  /** An earlier row of the same file has this external id (the later row is rejected). */
  'duplicate-external-id',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** Why a whole GeoJSON file cannot be read as stores (`parseStoreGeoJson`). */
export const GEOJSON_REASONS = ['invalid-json', 'not-a-feature-collection', 'no-features'] as const;
export type GeoJsonReason = (typeof GEOJSON_REASONS)[number];

/** Problems with a column mapping as a whole, before any row is validated (`checkMapping`). */
export const MAPPING_ISSUES = [
  'no-name-column',
  'no-location-columns',
  'lat-without-lng',
  'lng-without-lat',
  'column-out-of-range',
] as const;
export type MappingIssueCode = (typeof MAPPING_ISSUES)[number];
