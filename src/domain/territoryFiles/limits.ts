/**
 * Limits of the territory-file readers. A territory file is drawn by people (tens to a few
 * thousand areas); anything much larger is a mistake or an attack, and refusing it quickly
 * keeps the import worker responsive.
 */

/** Default `maxFeatures`: more than any sales plan has territories. */
export const DEFAULT_MAX_FEATURES = 10_000;
/** Default `maxBytes` (100 MB): a county-level file of the whole US is about 25 MB. */
export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;
/** Longer property strings are cut (with "…"): names and codes are short, and a 50 MB
 *  description must not be copied into every table cell and undo record. */
export const MAX_PROPERTY_CHARS = 1_000;
/** Longer property names are cut; more properties per feature are dropped. */
export const MAX_PROPERTY_NAME_CHARS = 200;
export const MAX_PROPERTIES_PER_FEATURE = 500;
