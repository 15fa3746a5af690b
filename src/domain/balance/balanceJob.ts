/**
 * One auto-balance run as the app makes it (issue 13): from a plan, a market and the
 * dialog's choices to the optimizer's input, and from its result back to territories.
 * Pure; the balance worker runs `runBalanceJob` (so the page stays usable), the page makes
 * the job (`balanceSlots`, `storeWeights`) and the new plan (`balancedBundle`).
 *
 * ## Slots
 * The optimizer numbers territories 0 … k − 1. Slot t of the new plan is an existing
 * territory of the plan (so it keeps its id, name, color, manager and region, and compare
 * matches it with its old self) or a new one. Rebalance: every territory of the plan, in
 * rank order. From scratch: the locked territories first (they are kept as they are), then
 * the plan's other territories, then new ones, up to k; territories beyond k are dropped.
 *
 * ## Which territory holds a unit today
 * A territory built from units of the level being balanced holds exactly those units (its
 * `units.ids`); any other territory holds the units whose interior point it contains
 * (`unitOwners`, the assignment rules: lowest rank wins overlaps).
 */
import { assignPoints } from '../assignment';
import { buildUnitIndex, unitAt, unitOwners, type BaseUnit } from '../baseUnits';
import { interiorPoint } from '../baseUnits/interiorPoint';
import { unionOfUnits } from '../editing/unionOfUnits';
import type { BaseUnitLevel, Person, PlanBundle, PlanId, Territory, TerritoryGeometry, TerritoryId, TerritoryUnits } from '../types';
import { balanceTerritories, type BalanceMode, type BalanceResult } from './balanceTerritories';
import type { Market } from '../market';
import { storeWeights, sumByUnit, type BalanceMeasureSpec } from './measures';
import { buildUnitGraph, type UnitGraph } from './unitGraph';

/** The dialog's choices, as kept with the balanced plan (`Plan.balance`). */
export interface BalanceSettings {
  level: BaseUnitLevel;
  /** H3 resolution when `level` is hexagons. */
  hexResolution?: number;
  k: number;
  spec: BalanceMeasureSpec;
  /** ±share of the ideal, e.g. 0.05. */
  tolerance: number;
  mode: BalanceMode;
  /** Shape against balance, 0–1. */
  compactness: number;
  /** Units without a territory today are given one. */
  fill: boolean;
  /** From scratch: start each existing territory from its centre (the interior point of its outline). */
  seedFromCentres: boolean;
  /**
   * From scratch: start each existing territory from its territory manager's home ZIP (the
   * ZIP in the person's home base); a territory whose manager has none starts from its
   * centre when `seedFromCentres` is on, else anywhere.
   */
  seedFromHomes?: boolean;
  /** The optimizer's PRNG seed: the same inputs and seed give the same plan. */
  seed: number;
}

/** A territory of the current plan as the job needs it. */
export interface SlotTerritory {
  id: string;
  name: string;
  geometry: TerritoryGeometry;
  rank: number;
  locked: boolean;
  units?: TerritoryUnits | undefined;
  /** Its territory manager (seeds from homes). */
  managerId?: string | null | undefined;
}

/**
 * The optimizer's territories: slot t is `slots[t]` (an existing territory) or null (a new
 * one). `others` are the plan's territories that get no slot (from scratch with a smaller
 * k): their units take part but they are not kept.
 */
export interface BalanceSlots {
  slots: (SlotTerritory | null)[];
  others: SlotTerritory[];
}

/** Assigns slots as the module comment says. Throws RangeError when k < the locked territories (rebalance: k is the plan's count). */
export function balanceSlots(territories: readonly SlotTerritory[], mode: BalanceMode, k: number): BalanceSlots {
  const byRank = [...territories].sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (mode === 'rebalance') return { slots: byRank, others: [] };
  const locked = byRank.filter((t) => t.locked);
  if (k < locked.length) throw new RangeError(`${locked.length} territories are locked: build at least ${locked.length}.`);
  const ordered = [...locked, ...byRank.filter((t) => !t.locked)];
  const slots: (SlotTerritory | null)[] = ordered.slice(0, k);
  while (slots.length < k) slots.push(null);
  return { slots, others: ordered.slice(k) };
}

/** What the page sends to the worker. Typed arrays are per store, in market order. */
export interface BalanceJob {
  settings: BalanceSettings;
  slots: BalanceSlots;
  lng: Float64Array;
  lat: Float64Array;
  /** The balanced value of each store (`storeWeights(market, settings.spec)`). */
  weight: Float64Array;
  /** Per slot, its territory manager's home ZIP (seeds from homes), or null. */
  homeZips?: (string | null)[];
}

/** The job for a market and a plan's territories (what the page sends the balance worker). */
export function balanceJobFor(market: Market, territories: readonly SlotTerritory[], settings: BalanceSettings, people: readonly Person[] = []): BalanceJob {
  const slots = balanceSlots(territories, settings.mode, settings.k);
  const job: BalanceJob = { settings, slots, lng: market.lng, lat: market.lat, weight: storeWeights(market, settings.spec) };
  if (settings.mode === 'scratch' && settings.seedFromHomes) {
    const homeOf = new Map(people.map((p) => [p.id as string, homeZip(p.homeBase)]));
    job.homeZips = slots.slots.map((t) => (t?.managerId ? (homeOf.get(t.managerId) ?? null) : null));
  }
  return job;
}

/** The ZIP in a home base ("Denver, CO 80202", "80202-1234", "80202"): the last 5-digit group, or null. */
export function homeZip(homeBase: string | null | undefined): string | null {
  if (!homeBase) return null;
  const all = [...homeBase.matchAll(/(?<![0-9])([0-9]{5})(?:-[0-9]{4})?(?![0-9])/g)];
  return all.length > 0 ? all[all.length - 1]![1]! : null;
}

export interface BalancedTerritory {
  /** Unit ids of the territory (empty: it got none). */
  unitIds: string[];
  /** The merged outline; null when it has no units or the union failed. */
  geometry: TerritoryGeometry | null;
}

export interface BalanceJobResult {
  result: BalanceResult;
  territories: BalancedTerritory[];
  unitCount: number;
  islandLinks: number;
  /** Stores outside every unit (they count nowhere in the balance). */
  storesOutsideUnits: number;
  /** Per slot, where its territory was grown from (from scratch with seeds), or null. */
  seededFrom: ('home' | 'centre' | null)[];
  timings: { graphMs: number; balanceMs: number; outlinesMs: number };
}

export interface BalanceHooks {
  onProgress?: (fraction: number) => void;
  shouldStop?: () => boolean;
  /** A graph built earlier for the same units (the worker caches it per layer). */
  graph?: UnitGraph;
  /** A point index built earlier for the same units (buildUnitIndex; cached with the graph). */
  index?: ReturnType<typeof buildUnitIndex>;
  /** ZIP → [lng, lat] for seeds from homes (the worker loads the bundled table). */
  zipLookup?: (zip: string) => readonly [number, number] | null;
}

/**
 * Runs one job on `units` (the layer of `job.settings.level`): graph, store → unit, the
 * weights, who holds what today, the optimizer, and each territory's units and outline.
 * Progress: 0–5 % setup, 5–90 % the optimizer, 90–100 % the outlines.
 */
export function runBalanceJob(units: readonly BaseUnit[], job: BalanceJob, hooks: BalanceHooks = {}): BalanceJobResult {
  const { settings, slots } = job;
  const progress = (f: number) => hooks.onProgress?.(f);
  const t0 = performance.now();
  const graph = hooks.graph ?? buildUnitGraph(units);
  const index = hooks.index ?? buildUnitIndex(units);
  const storeUnit = assignPoints(index.index, job.lng, job.lat);
  let outside = 0;
  for (let i = 0; i < storeUnit.length; i++) if (storeUnit[i]! < 0) outside++;
  const n = units.length;
  const weights = sumByUnit(job.weight, storeUnit, n);
  const counts = sumByUnit(new Float64Array(storeUnit.length).fill(1), storeUnit, n);
  const k = slots.slots.length;
  const initial = new Int32Array(n).fill(-1);
  const firstFree = slots.slots.findIndex((t) => !t?.locked);
  const all: { t: SlotTerritory; slot: number }[] = [
    ...slots.slots.flatMap((t, s) => (t ? [{ t, slot: s }] : [])),
    // From scratch, territories without a slot only say which units take part.
    ...slots.others.map((t) => ({ t, slot: Math.max(0, firstFree) })),
  ];
  const drawn: { t: SlotTerritory; slot: number }[] = [];
  for (const entry of all) {
    if (entry.t.units?.level === settings.level) {
      for (const id of entry.t.units.ids) {
        const u = index.byId.get(id);
        if (u !== undefined && initial[u] === -1) initial[u] = entry.slot;
      }
    } else drawn.push(entry);
  }
  if (drawn.length > 0) {
    const owners = unitOwners(index, drawn.map((e) => ({ id: e.t.id as TerritoryId, geometry: e.t.geometry, rank: e.t.rank })));
    for (let u = 0; u < n; u++) if (initial[u] === -1 && owners[u]! >= 0) initial[u] = drawn[owners[u]!]!.slot;
  }
  const lockedTerritories = slots.slots.flatMap((t, s) => (t?.locked ? [s] : []));
  let seeds: (number | null)[] | undefined;
  const seededFrom: ('home' | 'centre' | null)[] = slots.slots.map(() => null);
  const fromHomes = settings.mode === 'scratch' && settings.seedFromHomes === true && !!job.homeZips && !!hooks.zipLookup;
  if (settings.mode === 'scratch' && (settings.seedFromCentres || fromHomes)) {
    const unitOf = (x: number, y: number) => {
      const unit = unitAt(index, x, y);
      return unit ? (index.byId.get(unit.id) ?? null) : null;
    };
    seeds = slots.slots.map((t, s) => {
      if (!t || t.locked) return null;
      const zip = fromHomes ? (job.homeZips![s] ?? null) : null;
      const home = zip ? hooks.zipLookup!(zip) : null;
      const atHome = home ? unitOf(home[0], home[1]) : null;
      if (atHome !== null) {
        seededFrom[s] = 'home';
        return atHome;
      }
      if (!settings.seedFromCentres) return null;
      const [x, y] = interiorPoint(t.geometry);
      const atCentre = unitOf(x, y);
      if (atCentre !== null) seededFrom[s] = 'centre';
      return atCentre;
    });
  }
  const graphMs = performance.now() - t0;
  progress(0.05);
  const t1 = performance.now();
  const result = balanceTerritories({
    graph,
    k,
    weights,
    storeCounts: counts,
    tolerance: settings.tolerance,
    mode: settings.mode,
    initial,
    lockedTerritories,
    ...(seeds ? { seeds } : {}),
    compactness: settings.compactness,
    fill: settings.fill,
    seed: settings.seed,
    territoryNames: slots.slots.map((t, s) => t?.name ?? `Territory ${s + 1}`),
    unitNames: units.map((u) => u.name),
    onProgress: (f) => progress(0.05 + 0.85 * f),
    ...(hooks.shouldStop ? { shouldStop: hooks.shouldStop } : {}),
  });
  const balanceMs = performance.now() - t1;
  const t2 = performance.now();
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let u = 0; u < n; u++) {
    const t = result.assignment[u]!;
    if (t >= 0 && t < k) members[t]!.push(u);
  }
  const territories: BalancedTerritory[] = members.map((list, t) => {
    if (list.length === 0) return { unitIds: [], geometry: null };
    const merged = unionOfUnits(list.map((u) => units[u]!));
    progress(0.9 + (0.1 * (t + 1)) / k);
    return { unitIds: list.map((u) => units[u]!.id), geometry: merged.ok ? merged.value : null };
  });
  return {
    result,
    territories,
    unitCount: n,
    islandLinks: graph.links.length,
    storesOutsideUnits: outside,
    seededFrom,
    timings: { graphMs, balanceMs, outlinesMs: performance.now() - t2 },
  };
}

const PALETTE = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
  '#bcbd22', '#17becf', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173', '#3182bd',
];

/** What the balanced plan keeps of its run (`Plan.balance`): the settings and where it came from. */
export interface PlanBalanceRecord extends BalanceSettings {
  fromPlanId: PlanId;
  /** Epoch ms of the run. */
  at: number;
}

export interface BalancedBundleOptions {
  newPlanId: PlanId;
  name: string;
  now: number;
  /** Fresh territory ids for new slots. */
  newTerritoryId: (slot: number) => TerritoryId;
}

/**
 * The balanced plan: a copy of `bundle` (regions, pins, settings kept) whose territories
 * are the slots, each made of its balanced units (`units: { level, ids }` and their merged
 * outline). Locked territories are copied as they are. A territory left without units, or
 * whose outline could not be merged, is left out (the summary names it). The run's
 * settings and seed are kept in `plan.balance`.
 */
export function balancedBundle(bundle: PlanBundle, job: BalanceJob, out: BalanceJobResult, opts: BalancedBundleOptions): PlanBundle {
  const copy = structuredClone(bundle) as PlanBundle;
  const { settings } = job;
  const planId = opts.newPlanId;
  const byId = new Map(copy.territories.map((t) => [t.id as string, t]));
  const used = new Set<string>();
  const territories: Territory[] = [];
  job.slots.slots.forEach((slot, s) => {
    const existing = slot ? byId.get(slot.id) : undefined;
    if (existing?.locked) {
      territories.push({ ...existing, planId, rank: s });
      used.add(existing.color);
      return;
    }
    const got = out.territories[s];
    if (!got || !got.geometry || got.unitIds.length === 0) return;
    const units: TerritoryUnits = { level: settings.level, ids: got.unitIds };
    if (existing) {
      territories.push({ ...existing, planId, rank: s, geometry: got.geometry, units });
      used.add(existing.color);
    } else {
      const color = PALETTE.find((c) => !used.has(c)) ?? PALETTE[s % PALETTE.length]!;
      used.add(color);
      territories.push({
        id: opts.newTerritoryId(s),
        planId,
        name: `Territory ${s + 1}`,
        color,
        geometry: got.geometry,
        managerId: null,
        regionId: null,
        locked: false,
        rank: s,
        units,
      });
    }
  });
  const balance: PlanBalanceRecord = { ...settings, fromPlanId: bundle.plan.id, at: opts.now };
  return {
    plan: { ...copy.plan, id: planId, name: opts.name, createdAt: opts.now, updatedAt: opts.now, balance },
    territories,
    regions: copy.regions.map((r) => ({ ...r, planId })),
  };
}

/**
 * A stored `Plan.balance` as the app can use it, or null (a record of another version, or
 * damaged): it is informative only, so an unusable one is dropped, never repaired.
 */
export function normalisePlanBalance(x: unknown): PlanBalanceRecord | null {
  if (!x || typeof x !== 'object') return null;
  const r = x as Partial<PlanBalanceRecord>;
  const levels: readonly unknown[] = ['states', 'counties', 'hexagons'];
  if (!levels.includes(r.level) || !Number.isInteger(r.k) || !Number.isFinite(r.seed) || !Number.isFinite(r.tolerance)) return null;
  if (r.mode !== 'scratch' && r.mode !== 'rebalance') return null;
  if (!r.spec || typeof r.spec !== 'object' || typeof r.spec.measure !== 'string' || typeof r.fromPlanId !== 'string') return null;
  return structuredClone(r) as PlanBalanceRecord;
}
