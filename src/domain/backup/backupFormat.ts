/**
 * # The backup file (`territory-planner-backup`), format version 1
 *
 * Everything of one workspace in one JSON file, so that a user can move to another
 * browser or computer, or recover after clearing site data, without losing any work: the
 * workspace, its people, its market (stores), every plan (plan record, territories,
 * regions, undo history) and the app settings.
 *
 * ```jsonc
 * {
 *   "format": "territory-planner-backup", "version": 1,
 *   "created_at": "2026-12-03T17:30:00.000Z",          // ISO 8601
 *   "app": { "name": "Territory Planner", "version": "1.2.0" | null },
 *   "workspace": { "id", "name", "activePlanId", "createdAt" },   // as stored
 *   "people": [ { "id", "workspaceId", "name", "role", "email", "homeBase"? } ],
 *   "store_fields": ["id", "externalId", "name", …],      // STORE_FIELDS, the columns
 *   "stores": [ ["S-1", null, "Paws & Co", …], … ],       // one array per store
 *   "plans": [ { "plan": { … }, "territories": [ … ], "regions": [ … ],
 *                "history": { "undo": [ … ], "redo": [ … ] } | null } ],
 *   "settings": { … }                                    // free-form app settings
 * }
 * ```
 *
 * Records are written with the app's own field names (types.ts), exactly as stored, so a
 * restore gives back the same values. Stores are a table (a header of field names, then
 * one array per store) rather than one object per store: half the size (≈ 200 bytes a
 * store, 20 MB for 100k) and faster to parse, and the header lets a later version add a
 * column.
 * Numbers are JSON numbers (doubles round-trip exactly); a non-finite money value (a
 * broken import) is written as 0, which is how the stats already count it.
 *
 * Reading (readBackup) is all or nothing: any invalid store, person, plan, territory
 * outline or reference refuses the whole file with a reason and a message naming the
 * record; a half-restored workspace would look complete and be wrong.
 */
import type { PlanBundle, Person, Store, Workspace } from '../types';

export const BACKUP_FORMAT = 'territory-planner-backup';
export const BACKUP_VERSION = 1;

/** The store columns of a version-1 backup, in the order written. */
export const STORE_FIELDS = [
  'id',
  'externalId',
  'name',
  'address',
  'city',
  'state',
  'zip',
  'lat',
  'lng',
  'geocodePrecision',
  'status',
  'channel',
  'revenue',
  'priorRevenue',
  'potential',
  'customerSince',
  'satisfaction',
  'renewalDate',
  'keyAccount',
  'accountManagerId',
] as const satisfies readonly (keyof Store)[];

/** Limits of readBackup (defaults; both can be passed). */
export const BACKUP_LIMITS = {
  /** Text length checked before parsing (≈ 500 MB, near the longest string a browser holds). */
  maxBytes: 500_000_000,
  /** Stores accepted (PRODUCT.md: up to 1M stores, with room). */
  maxStores: 2_000_000,
  /** Undo/redo entries are free-form: nesting deeper than this is refused. */
  historyDepth: 64,
} as const;

/** Every reason readBackup can refuse a file with. */
export const BACKUP_REASONS = [
  'too-large',
  'not-json',
  'truncated',
  /** JSON, but not a Territory Planner backup (e.g. a plan file or another app's file). */
  'not-a-backup',
  /** `version` newer than this app reads, or not a whole number ≥ 1. */
  'unsupported-version',
  'too-many-stores',
  'invalid-workspace',
  'invalid-person',
  'invalid-store',
  'invalid-plan',
  'invalid-territory',
  /** A territory outline that validateTerritoryGeometry refuses. */
  'invalid-geometry',
  'invalid-settings',
  /** A plan, territory, region or person that belongs to another workspace or plan. */
  'wrong-reference',
  'duplicate-id',
] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

/** One plan in a backup: the bundle and, when kept, its undo/redo stacks (opaque here). */
export interface BackupPlan {
  bundle: PlanBundle;
  history?: { undo: unknown[]; redo: unknown[] };
}

/** Everything a backup holds. */
export interface BackupContent {
  workspace: Workspace;
  stores: Store[];
  people: Person[];
  plans: BackupPlan[];
  settings: Record<string, unknown>;
  /** Epoch ms when the backup was made. */
  createdAt: number;
}

/** What the file holds, for the "restore this backup?" screen. */
export interface BackupSummary {
  createdAt: number;
  workspaceName: string;
  stores: number;
  people: number;
  plans: { name: string; territories: number }[];
}
