/**
 * Domain types shared by every layer. Pure data: no classes, no methods, so that values
 * survive structuredClone (IndexedDB, workers) unchanged. Names follow PRODUCT.md.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { PlanBalanceRecord } from './balance/balanceJob';

/** Nominal typing: a StoreId cannot be passed where a TerritoryId is expected. */
export type Brand<T, B extends string> = T & { readonly __brand: B };

export type StoreId = Brand<string, 'StoreId'>;
export type TerritoryId = Brand<string, 'TerritoryId'>;
export type PlanId = Brand<string, 'PlanId'>;
export type PersonId = Brand<string, 'PersonId'>;
export type WorkspaceId = Brand<string, 'WorkspaceId'>;
export type RegionId = Brand<string, 'RegionId'>;

export const STORE_STATUSES = ['customer', 'prospect', 'lost'] as const;
export type StoreStatus = (typeof STORE_STATUSES)[number];

export const CHANNELS = ['independent-pet', 'vet-clinic', 'groomer', 'farm-feed', 'grocery'] as const;
export type Channel = (typeof CHANNELS)[number];

export type GeocodePrecision = 'exact' | 'zip-centroid';

/** One retail location (a.k.a. account / outlet). Money is in US dollars, per year. */
export interface Store {
  id: StoreId;
  externalId: string | null;
  name: string;
  address: string;
  city: string;
  state: string;
  zip: string;
  lat: number;
  lng: number;
  geocodePrecision: GeocodePrecision;
  status: StoreStatus;
  channel: Channel;
  /** Trailing-12-month revenue. */
  revenue: number;
  priorRevenue: number;
  /** Estimated annual wallet. */
  potential: number;
  /** ISO date (YYYY-MM-DD) the store became a customer, null for prospects that never bought. */
  customerSince: string | null;
  /** 1–5, null when never surveyed. */
  satisfaction: number | null;
  /** ISO date of the next contract renewal, null when none. */
  renewalDate: string | null;
  keyAccount: boolean;
  accountManagerId: PersonId | null;
}

export type TerritoryGeometry = Polygon | MultiPolygon;

/** The base-unit layers a territory can be painted from (issue 4, "Base units" control). */
export const BASE_UNIT_LEVELS = ['states', 'counties', 'hexagons'] as const;
export type BaseUnitLevel = (typeof BASE_UNIT_LEVELS)[number];

/**
 * The base units a territory is made of, kept while its outline is exactly their union
 * (painted unit by unit). Any hand edit of the outline drops it: from then on the outline
 * alone is the truth. Ids: state or county FIPS codes, or H3 cell indexes.
 */
export interface TerritoryUnits {
  level: BaseUnitLevel;
  ids: string[];
}

/** A named polygon or multipolygon of one plan. */
export interface Territory {
  id: TerritoryId;
  planId: PlanId;
  name: string;
  /** CSS hex color, e.g. "#1f77b4". */
  color: string;
  geometry: TerritoryGeometry;
  /** The territory manager (a Person with role territory-manager), or null. */
  managerId: PersonId | null;
  regionId: RegionId | null;
  locked: boolean;
  /** Free-text notes (optional; older records have none). */
  notes?: string;
  /** Revenue target for the territory, US dollars per year; null/absent when not set. */
  targetRevenue?: number | null;
  /**
   * Position in the plan. Lower rank wins where territories overlap (see
   * domain/assignment): the assignment rule is "first in the plan's list wins".
   */
  rank: number;
  /** The base units the territory was painted from; absent for hand-drawn outlines. */
  units?: TerritoryUnits;
}

/**
 * A per-store exception to the assignment rule: the store belongs to this territory
 * wherever it lies (a key account kept by its rep after a realignment). A pin to a
 * territory that no longer exists is ignored.
 */
export interface StorePin {
  storeId: StoreId;
  territoryId: TerritoryId;
}

/** One set of territories over the market's stores (a scenario). */
export interface Plan {
  id: PlanId;
  workspaceId: WorkspaceId;
  name: string;
  /** Epoch ms. */
  createdAt: number;
  updatedAt: number;
  /**
   * Who gives way when an outline drawn or edited in this plan overlaps other territories:
   * 'take' (default) clips the neighbours, 'yield' clips the new outline, 'allow' keeps the
   * overlap (then the first territory in the plan wins the stores in it).
   */
  overlapMode?: 'take' | 'yield' | 'allow';
  /** Stores pinned to a territory regardless of location (per-store exceptions). */
  pins?: StorePin[];
  /**
   * Set on a plan made by Auto-balance: the choices and the PRNG seed it was made with and
   * the plan it started from, so the same run can be made again (issue 13).
   */
  balance?: PlanBalanceRecord;
}

/**
 * Everything one plan consists of, as stored, copied, compared and written to a plan
 * file: the plan record (settings, pins), its territories and its regions. The market
 * (stores, people) is shared by all plans of a workspace and is not part of it.
 */
export interface PlanBundle {
  plan: Plan;
  territories: Territory[];
  regions: Region[];
}

/** A group of territories of one plan; stats roll up by region. */
export interface Region {
  id: RegionId;
  planId: PlanId;
  name: string;
  /** CSS hex color used when the map is colored by region. */
  color: string;
  /** The regional manager (any person), or null. */
  managerId: PersonId | null;
}

export type PersonRole = 'territory-manager' | 'account-manager';

export interface Person {
  id: PersonId;
  workspaceId: WorkspaceId;
  name: string;
  role: PersonRole;
  email: string | null;
  /** Where the person is based (city or address), free text; optional. */
  homeBase?: string | null;
}

export interface Workspace {
  id: WorkspaceId;
  name: string;
  activePlanId: PlanId;
  createdAt: number;
}

/** Ring of [lng, lat] positions, first === last. */
export type Ring = Position[];

/** Result type used by every validator and importer (ARCHITECTURE rule 7). */
export type Result<T, R extends string = string> =
  | { ok: true; value: T }
  | { ok: false; reason: R; message: string; row?: number };
