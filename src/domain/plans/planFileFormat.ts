/**
 * # The plan file (`<plan name>.plan.geojson`), format version 1
 *
 * A plan travels between computers (and between people who may not have the app) as ONE
 * file that every GIS tool opens: an RFC 7946 GeoJSON FeatureCollection. Anything GeoJSON
 * cannot carry sits in one top-level foreign member, `territory_planner`, which GIS tools
 * ignore and keep.
 *
 * ```jsonc
 * {
 *   "type": "FeatureCollection",
 *   "features": [                      // one per territory, in rank order
 *     { "type": "Feature",
 *       "id": "T-1",                   // the territory id
 *       "geometry": { "type": "Polygon" | "MultiPolygon", ... },  // RFC 7946 winding,
 *                                      // full stored precision, [lng, lat] WGS 84
 *       "properties": {                // exactly these keys:
 *         "id": "T-1", "name": "North", "color": "#1f77b4",
 *         "region": "Plains" | null,           // region NAME
 *         "territory_manager": "Dana" | null,  // person NAME
 *         "target_revenue": 250000 | null, "locked": false, "notes": "…" | null } } ],
 *   "territory_planner": {
 *     "format": "territory-planner-plan", "version": 1,
 *     "app": { "name": "Territory Planner", "version": "1.2.0" | null },
 *     "plan": { "name": "2027 realignment", "overlap_mode": "take"|"yield"|"allow"|null,
 *               "created_at": "2026-12-01T09:00:00.000Z" | null,   // ISO 8601
 *               "exported_at": "2026-12-03T17:30:00.000Z",
 *               // only on a plan Auto-balance made: its choices and seed, as the app keeps them
 *               "auto_balance": { "mode": "scratch"|"rebalance", "level": "counties", "k": 10,
 *                                 "spec": { "measure": "revenue", … }, "tolerance": 0.05,
 *                                 "seed": 1, "fromPlanId": "…", "at": 1764950000000, … } },
 *     "regions": [ { "id": "R-1", "name": "Plains", "color": "#4e79a7",
 *                    "manager": "Lee Park" | null, "manager_id": "P-TM-07" | null } ],
 *     "territories": [ { "id": "T-1", "rank": 0, "region_id": "R-1" | null,
 *                        "manager_id": "P-TM-01" | null,
 *                        "units": { "level": "counties", "ids": ["20001", …] } | null } ],
 *     "pins": [ { "store_id": "S-1", "external_id": "CRM-778" | null, "territory_id": "T-1" } ]
 *   }
 * }
 * ```
 *
 * Reading rules (readPlanFile): a FeatureCollection WITHOUT `territory_planner` is plain
 * GeoJSON, not a plan file (the app offers "Import territories" instead). A version newer
 * than PLAN_FILE_VERSION is refused with a message asking to update the app. Ids of
 * territories and regions are kept, so reading a plan back gives the same plan.
 * People are written by name (ids mean nothing on another computer) and by id (which
 * matches on the same computer); stores of pins by id and by external (CRM) id.
 * Version 1 readers ignore members they do not know, so adding an optional member does
 * not need a new version; changing the meaning of one does.
 */
import type { PlanBalanceRecord } from '../balance/balanceJob';
import type { BaseUnitLevel } from '../types';

export const PLAN_FILE_FORMAT = 'territory-planner-plan';
export const PLAN_FILE_VERSION = 1;
/** The top-level foreign member that makes a GeoJSON file a plan file. */
export const PLAN_FILE_MEMBER = 'territory_planner';
export const PLAN_FILE_EXTENSION = '.plan.geojson';

/** Limits of readPlanFile (defaults; maxBytes and maxFeatures can be passed). */
export const PLAN_FILE_LIMITS = {
  /** Text length checked before parsing (100 MB). */
  maxBytes: 100 * 1024 * 1024,
  /** Features checked before any per-feature work. */
  maxFeatures: 10_000,
  /** Longer names are cut (territories, regions, plan, people). */
  nameLength: 200,
  /** Longer territory notes are cut. */
  notesLength: 10_000,
  /** Ids longer than this are refused: no id the app makes is anywhere near it. */
  idLength: 200,
} as const;

/** Every reason readPlanFile can refuse a file with. */
export const PLAN_FILE_REASONS = [
  /** The text is longer than maxBytes. */
  'too-large',
  /** Not JSON at all (or empty). */
  'not-json',
  /** JSON that ends too early (cut-off download). */
  'truncated',
  /** JSON, but not a GeoJSON FeatureCollection. */
  'not-a-feature-collection',
  /** A FeatureCollection without the `territory_planner` member: plain GeoJSON. */
  'not-a-plan-file',
  /** `territory_planner.format` is not PLAN_FILE_FORMAT (e.g. a backup). */
  'wrong-format',
  /** `version` newer than this app reads, or not a whole number ≥ 1. */
  'unsupported-version',
  /** More features than maxFeatures. */
  'too-many-features',
  /** A feature that is not a territory (not a Feature, no usable id). */
  'invalid-territory',
  /** A territory outline that validateTerritoryGeometry refuses. */
  'invalid-geometry',
  /** Two territories or two regions with the same id. */
  'duplicate-id',
  /** A `territory_planner` member whose parts are not what the format says. */
  'invalid-plan-data',
] as const;
export type PlanFileReason = (typeof PLAN_FILE_REASONS)[number];

/** `properties` of each feature (exactly these keys). */
export interface PlanFileFeatureProperties {
  id: string;
  name: string;
  color: string;
  region: string | null;
  territory_manager: string | null;
  target_revenue: number | null;
  locked: boolean;
  notes: string | null;
}

export interface PlanFileRegion {
  id: string;
  name: string;
  color: string;
  manager: string | null;
  manager_id: string | null;
}

export interface PlanFileTerritory {
  id: string;
  rank: number;
  region_id: string | null;
  manager_id: string | null;
  units: { level: BaseUnitLevel; ids: string[] } | null;
}

export interface PlanFilePin {
  store_id: string;
  external_id: string | null;
  territory_id: string;
}

/** The `territory_planner` foreign member. */
export interface PlanFileMember {
  format: typeof PLAN_FILE_FORMAT;
  version: number;
  app: { name: string; version: string | null };
  plan: {
    name: string;
    overlap_mode: 'take' | 'yield' | 'allow' | null;
    created_at: string | null;
    exported_at: string | null;
    /** How Auto-balance made this plan (Plan.balance as the app keeps it); absent otherwise. */
    auto_balance?: PlanBalanceRecord;
  };
  regions: PlanFileRegion[];
  territories: PlanFileTerritory[];
  pins: PlanFilePin[];
}
