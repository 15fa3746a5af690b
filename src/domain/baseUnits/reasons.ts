/** Reason codes of the base-unit builders (ARCHITECTURE rule 7). */
export const BASE_UNITS_REASONS = [
  /** The topology has no `states` / `counties` object (not a us-atlas file). */
  'missing-object',
  /** H3 resolution not an integer 0…15. */
  'invalid-resolution',
  /** Bounding box not [minLng, minLat, maxLng, maxLat] within the valid ranges. */
  'invalid-bbox',
  /** The request would produce more cells than the cap (zoom in or lower the resolution). */
  'too-many-cells',
] as const;
export type BaseUnitsReason = (typeof BASE_UNITS_REASONS)[number];
