import type { TerritoryId } from '../types';

/** The figures compared between two plans, per territory (money in US dollars). */
export interface CompareFigures {
  /** All stores, whatever their status. */
  stores: number;
  customers: number;
  /** Sum of trailing-12-month revenue (a non-finite revenue counts as 0, as in the stats). */
  revenue: number;
  /** Sum of potential (non-finite counts as 0). */
  potential: number;
}

/**
 * One line of the compare table: a territory present in both plans ('matched'), only in
 * B ('added') or only in A ('removed').
 */
export interface TerritoryComparisonRow {
  /** Unique among the rows and never equal to UNASSIGNED_KEY; stable while ids stay. */
  key: string;
  status: 'matched' | 'added' | 'removed';
  /** How a matched pair was found (see matchTerritories); null for added/removed. */
  matchedBy: 'id' | 'name' | null;
  idA: TerritoryId | null;
  idB: TerritoryId | null;
  nameA: string | null;
  nameB: string | null;
  /** Figures in plan A; null when the territory is not in A ('added'). */
  a: CompareFigures | null;
  /** Figures in plan B; null when the territory is not in B ('removed'). */
  b: CompareFigures | null;
  /** b − a, a missing side counting as zeros. */
  diff: CompareFigures;
}

/** The Unassigned line and the Totals line: both plans have them. */
export interface ComparisonTotalsRow {
  a: CompareFigures;
  b: CompareFigures;
  diff: CompareFigures;
}

/** The key of "no territory" in moves and rows. */
export const UNASSIGNED_KEY = 'unassigned';

/**
 * One end of a move: a territory (the row it belongs to; `from` ends carry plan A's id and
 * name, `to` ends plan B's) or "unassigned" (outside every territory).
 */
export type MoveEnd =
  | { kind: 'territory'; key: string; id: TerritoryId; name: string }
  | { kind: 'unassigned'; key: typeof UNASSIGNED_KEY; id: null; name: null };

/** Stores that belong to `from` in plan A and to `to` in plan B. */
export interface StoreMove {
  from: MoveEnd;
  to: MoveEnd;
  stores: number;
  customers: number;
  revenue: number;
  potential: number;
}

/** Totals of everything that changes hands between the two plans. */
export interface ComparisonSummary {
  storesMoved: number;
  customersMoved: number;
  revenueMoved: number;
  potentialMoved: number;
}

/** Plan A (before) against plan B (after), see comparePlans. */
export interface PlanComparison {
  /** Matched pairs (in A's order), then removed (A's order), then added (B's order). */
  territories: TerritoryComparisonRow[];
  unassigned: ComparisonTotalsRow;
  totals: ComparisonTotalsRow;
  /** Largest first: stores desc, then revenue desc, then from/to names. */
  moves: StoreMove[];
  /** Indices into `stores` of the stores that change hands, ascending. */
  moved: Int32Array;
  /** Parallel to `moved`: the store's territory index in plan A's list, −1 = unassigned. */
  movedFrom: Int32Array;
  /** Parallel to `moved`: the store's territory index in plan B's list, −1 = unassigned. */
  movedTo: Int32Array;
  summary: ComparisonSummary;
}
