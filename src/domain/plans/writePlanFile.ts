import type { Feature, FeatureCollection } from 'geojson';
import { rewindRfc7946 } from '../geometry';
import { indexOfStore, nullableTextAt, toMarket, type StoreSource } from '../market';
import type { Person, PlanBundle, TerritoryGeometry } from '../types';
import {
  PLAN_FILE_FORMAT,
  PLAN_FILE_VERSION,
  type PlanFileFeatureProperties,
  type PlanFileMember,
  type PlanFilePin,
} from './planFileFormat';

export interface WritePlanFileContext {
  /** The workspace's people: managers are written by name (and by id). */
  people: readonly Person[];
  /** The market: pins also carry the store's external (CRM) id, matched on another computer. */
  stores: StoreSource;
  /** The app's version, recorded in the file for support questions. */
  appVersion?: string;
  /** Epoch ms of the export (`exported_at`); default: now. */
  now?: number;
}

/** A plan file as an object: RFC 7946 FeatureCollection + the `territory_planner` member. */
export type PlanFileDocument = FeatureCollection<TerritoryGeometry, PlanFileFeatureProperties> & {
  territory_planner: PlanFileMember;
};

/** ISO 8601 of an epoch-ms time, null when the time is not a valid date. */
function isoTime(ms: number): string | null {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : null;
}

/**
 * A plan as a plan file (the format is documented in planFileFormat.ts): what a territory
 * manager sends to a colleague, or keeps beside a backup, so that the plan can be opened
 * again elsewhere — the same territories, outlines, regions, painted units, pins and
 * settings — and so that a GIS tool shows the territories as they are.
 *
 * Features are in rank order (ties keep the bundle's order); geometry is rewound to the
 * RFC 7946 right-hand rule with full stored precision (winding does not change which
 * stores a territory gets: assignment is even–odd). Returns a JSON-serialisable object;
 * the caller does `JSON.stringify` and names the file with planFileName.
 */
export function writePlanFile(bundle: PlanBundle, ctx: WritePlanFileContext): PlanFileDocument {
  const personName = new Map<string, string>();
  for (const p of ctx.people) if (!personName.has(p.id)) personName.set(p.id, p.name);
  const regionName = new Map<string, string>();
  for (const r of bundle.regions) if (!regionName.has(r.id)) regionName.set(r.id, r.name);
  const market = toMarket(ctx.stores);
  const externalId = (id: string): string | null => {
    const i = indexOfStore(market, id);
    return i < 0 ? null : nullableTextAt(market.externalId, i);
  };

  const ordered = bundle.territories
    .map((t, i) => ({ t, i }))
    .sort((x, y) => rankKey(x.t.rank) - rankKey(y.t.rank) || x.i - y.i)
    .map((x) => x.t);

  const features: Feature<TerritoryGeometry, PlanFileFeatureProperties>[] = ordered.map((t) => ({
    type: 'Feature',
    id: t.id,
    geometry: rewindRfc7946(t.geometry),
    properties: {
      id: t.id,
      name: t.name,
      color: t.color,
      region: t.regionId === null ? null : (regionName.get(t.regionId) ?? null),
      territory_manager: t.managerId === null ? null : (personName.get(t.managerId) ?? null),
      target_revenue: typeof t.targetRevenue === 'number' && Number.isFinite(t.targetRevenue) ? t.targetRevenue : null,
      locked: t.locked === true,
      notes: typeof t.notes === 'string' ? t.notes : null,
    },
  }));

  const pins: PlanFilePin[] = (bundle.plan.pins ?? []).map((p) => ({
    store_id: p.storeId,
    external_id: externalId(p.storeId),
    territory_id: p.territoryId,
  }));

  const member: PlanFileMember = {
    format: PLAN_FILE_FORMAT,
    version: PLAN_FILE_VERSION,
    app: { name: 'Territory Planner', version: ctx.appVersion ?? null },
    plan: {
      name: bundle.plan.name,
      overlap_mode: bundle.plan.overlapMode ?? null,
      created_at: isoTime(bundle.plan.createdAt),
      exported_at: isoTime(ctx.now ?? Date.now()),
      ...(bundle.plan.balance ? { auto_balance: bundle.plan.balance } : {}),
    },
    regions: bundle.regions.map((r) => ({
      id: r.id,
      name: r.name,
      color: r.color,
      manager: r.managerId === null ? null : (personName.get(r.managerId) ?? null),
      manager_id: r.managerId,
    })),
    territories: ordered.map((t) => ({
      id: t.id,
      rank: t.rank,
      region_id: t.regionId,
      manager_id: t.managerId,
      units: t.units ? { level: t.units.level, ids: t.units.ids.slice() } : null,
    })),
    pins,
  };
  return { type: 'FeatureCollection', features, territory_planner: member };
}

function rankKey(rank: number): number {
  return Number.isFinite(rank) ? rank : Number.MAX_SAFE_INTEGER;
}
