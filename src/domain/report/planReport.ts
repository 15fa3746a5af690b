/**
 * The plan report: every figure the app shows or hands over about a plan, computed once.
 *
 * The statistics table, the region roll-up, the plan's balance, the header's live
 * evaluation, the map labels, the selected territory's KPIs and the KPI table export all
 * read this one object (through `selectPlanReport` in store/selectors.ts), so no two views
 * can disagree on a number. It adds no KPI of its own: the per-territory sums come from the
 * plan engine's stats (domain/stats), the roll-up from `rollUpByRegion`, the revenue balance
 * from `computeBalance`, the deviations on the balance measure and the contiguity from
 * domain/balance's live evaluation. What it adds is the join: names, regions, managers and
 * shapes beside the figures, in one row per territory, region, Unassigned and Total.
 */
import { evaluatePlan, measureTotals, totalsFromStats, type BalanceMeasureSpec, type TerritoryShape } from '../balance';
import type { StoreSource } from '../market';
import { computeBalance, rollUpByRegion, type Balance, type TerritoryStats, type TerritoryStatsRow } from '../stats';
import type { Person, Region, RegionId, Territory, TerritoryId } from '../types';

/** The names of the rows that are not a territory or a region (the table shows them as is). */
export const REPORT_ROW_NAMES = { noRegion: 'No region', unassigned: 'Unassigned', total: 'Total' } as const;

/** What a row sums: one territory, one region's territories, the stores outside every territory, or all stores. */
export type ReportRowKind = 'territory' | 'region' | 'unassigned' | 'total';

/** One row of the report: the KPIs of PRODUCT.md with the names a person reads beside them. */
export interface PlanReportRow {
  kind: ReportRowKind;
  /** Stable key for lists: the territory id, the region id ('none' for territories without a region), 'unassigned' or 'total'. */
  key: string;
  /** The territory (territory rows only). */
  territoryId: TerritoryId | null;
  /** The territory's region, or the region of a region row; null for none (a territory whose region was deleted has none). */
  regionId: RegionId | null;
  /** The territory's or region's name, or `REPORT_ROW_NAMES` for the other rows. */
  name: string;
  /** The region's name for territory and region rows ('' when none, 'No region' for that group). */
  region: string;
  color: string | null;
  /** The territory's or region's manager by name ('' when none). */
  manager: string;
  /** Counts, money and ratios exactly as domain/stats computes them (see TerritoryStatsRow). */
  stats: TerritoryStatsRow;
  /**
   * Territory rows: (total − ideal) / ideal on the balance measure (Auto-balance's, stores by
   * default), null when the ideal is 0. Null on the other rows.
   */
  deviation: number | null;
  /**
   * Territory rows: the territory's total on the balance measure (in the measure's units;
   * for a mix of two measures, its share of the mix), what `deviation` compares with
   * `balance.ideal`. Null on the other rows.
   */
  measureValue: number | null;
  /** Territory rows: contiguity and compactness (null until known, and on the other rows). */
  shape: TerritoryShape | null;
  /** Territory rows: revenue / target revenue when the territory has a positive target; otherwise null. */
  ofTarget: number | null;
  /** Territory rows: the revenue target when it is positive (what `ofTarget` divides by); otherwise null. */
  targetRevenue: number | null;
}

/** A territory's row (`kind: 'territory'`, `territoryId` set). */
export interface TerritoryReportRow extends PlanReportRow {
  kind: 'territory';
  territoryId: TerritoryId;
}

/** A region's roll-up row and the territories under it, in plan order. */
export interface RegionReportRow extends PlanReportRow {
  kind: 'region';
  territoryIds: readonly TerritoryId[];
}

/** The plan's balance: on revenue (PRODUCT.md Balance) and on the measure chosen for balancing. */
export interface PlanReportBalance {
  /** Revenue over the territories (the "Plan balance" panel): total, ideal, max deviation, CV, index. */
  revenue: Balance;
  /** The balance measure and its tolerance (±share of the ideal), as set by Auto-balance. */
  measure: BalanceMeasureSpec;
  tolerance: number;
  /** Total of the measure / number of territories. */
  ideal: number;
  /** Largest |deviation| on the measure. */
  maxDeviation: number;
  /** Territories whose |deviation| exceeds the tolerance. */
  outOfTolerance: number;
  /** 100 × max(0, 1 − mean |deviation|) on the measure (PRODUCT.md balance index). */
  balanceIndex: number;
  /** Territories in more than one piece, in plan order. */
  nonContiguous: readonly TerritoryId[];
}

export interface PlanReport {
  /** One row per territory that has stats, in plan order. */
  territories: readonly TerritoryReportRow[];
  /** The same rows by territory id. */
  byId: ReadonlyMap<TerritoryId, TerritoryReportRow>;
  /** One row per region in the plan's order (empty regions too), then 'No region' when territories have none. */
  regions: readonly RegionReportRow[];
  unassigned: PlanReportRow;
  total: PlanReportRow;
  balance: PlanReportBalance;
}

/** The measure and tolerance the live evaluation judges the plan on (the app keeps them as `liveMeasure`). */
export interface ReportBalanceSettings {
  spec: BalanceMeasureSpec;
  tolerance: number;
}

export interface PlanReportInput {
  territories: readonly Territory[];
  regions: readonly Region[];
  people: readonly Person[];
  /** The plan engine's stats for these territories (rows by territory id, Unassigned, Totals). */
  stats: TerritoryStats;
  /** Shape per territory, same order as `territories` (null = not known yet). */
  shapes: readonly (TerritoryShape | null)[];
  balance: ReportBalanceSettings;
  /**
   * The stores and `assignment[i]` (index into `territories`, −1 none): read only when the
   * stats rows do not hold the balance measure (workload, a mix of two measures).
   */
  stores: StoreSource;
  assignment: ArrayLike<number>;
}

/**
 * Builds the report of one plan. Pure and cheap (a pass over the territories and regions;
 * one pass over the stores only for a workload or mixed balance measure), so the app
 * rebuilds it whenever the stats change, preview frames included.
 *
 * Decisions, kept from the views that computed these figures before:
 * - A territory without a stats row (none in a consistent state) has no row.
 * - Deviations on the balance measure cover every territory of the plan; they come from the
 *   stats rows when those hold the measure (stores, customers, revenue, potential), else
 *   from the stores and the assignment.
 * - A territory whose region no longer exists has no region, and rolls up under 'No region'.
 */
export function buildPlanReport(input: PlanReportInput): PlanReport {
  const { territories, regions, people, stats, shapes, balance } = input;
  const names = new Map(people.map((p) => [p.id, p.name]));
  const managerOf = (id: Person['id'] | null) => (id && names.get(id)) || '';
  const regionById = new Map(regions.map((r) => [r.id, r]));

  const rowOf = new Map(stats.rows.map((r) => [r.territoryId, r]));
  const measured = measureTotalsOf(input, rowOf);
  const evaluation = evaluatePlan(measured, territories.map((_, i) => shapes[i] ?? null), balance.tolerance);

  const rows: TerritoryReportRow[] = [];
  territories.forEach((t, i) => {
    const s = rowOf.get(t.id);
    if (!s) return;
    const region = t.regionId ? regionById.get(t.regionId) : undefined;
    const target = t.targetRevenue != null && t.targetRevenue > 0 ? t.targetRevenue : null;
    rows.push({
      kind: 'territory',
      key: t.id,
      territoryId: t.id,
      regionId: region?.id ?? null,
      name: t.name,
      region: region?.name ?? '',
      color: t.color,
      manager: managerOf(t.managerId),
      stats: s,
      deviation: evaluation.deviations[i] ?? null,
      measureValue: measured[i] ?? 0,
      shape: shapes[i] ?? null,
      ofTarget: target !== null ? s.revenue / target : null,
      targetRevenue: target,
    });
  });

  const regionRows = rollUpByRegion(stats.rows, territories, regions).map((g): RegionReportRow => {
    const r = g.regionId ? regionById.get(g.regionId) : undefined;
    const name = r?.name ?? REPORT_ROW_NAMES.noRegion;
    return {
      ...aggregateRow('region', g.regionId ?? 'none', name, g.stats),
      regionId: g.regionId,
      region: name,
      color: r?.color ?? null,
      manager: managerOf(r?.managerId ?? null),
      territoryIds: g.territoryIds,
    };
  });

  const revenue = computeBalance(rows.map((r) => r.stats.revenue));
  return {
    territories: rows,
    byId: new Map(rows.map((r) => [r.territoryId, r])),
    regions: regionRows,
    unassigned: aggregateRow('unassigned', 'unassigned', REPORT_ROW_NAMES.unassigned, stats.unassigned),
    total: aggregateRow('total', 'total', REPORT_ROW_NAMES.total, stats.totals),
    balance: {
      revenue,
      measure: balance.spec,
      tolerance: balance.tolerance,
      ideal: evaluation.ideal,
      maxDeviation: evaluation.maxDeviation,
      outOfTolerance: evaluation.outOfTolerance,
      balanceIndex: computeBalance(measured).balanceIndex,
      nonContiguous: evaluation.nonContiguous.map((i) => territories[i]!.id),
    },
  };
}

/** The balance measure's total per territory (plan order): from the stats rows when they hold it, else one pass over the stores. */
function measureTotalsOf(input: PlanReportInput, rowOf: ReadonlyMap<TerritoryId | null, TerritoryStatsRow>): Float64Array {
  const { territories, balance } = input;
  const rows = territories.map((t) => rowOf.get(t.id)).filter((r) => r !== undefined);
  const fromStats = rows.length === territories.length ? totalsFromStats(rows, balance.spec) : null;
  return fromStats ?? measureTotals(input.stores, input.assignment, territories.length, balance.spec);
}

function aggregateRow<K extends Exclude<ReportRowKind, 'territory'>>(kind: K, key: string, name: string, stats: TerritoryStatsRow): PlanReportRow & { kind: K } {
  return { kind, key, territoryId: null, regionId: null, name, region: '', color: null, manager: '', stats, deviation: null, measureValue: null, shape: null, ofTarget: null, targetRevenue: null };
}
