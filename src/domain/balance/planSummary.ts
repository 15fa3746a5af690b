/**
 * How good a unit → territory plan is (issue 13's summary and live figures): per territory
 * total, deviation from the ideal, within tolerance or not, contiguous parts, Polsby–Popper,
 * stores moved in and out against a starting plan; for the plan: max deviation, how many
 * territories are within tolerance, contiguity, mean compactness, stores moved and the
 * least any plan must move; and, for every territory out of tolerance or in pieces, a reason
 * naming it. Pure; the optimizer returns one of these, and the live stats can too.
 */
import { computeBalance } from '../stats/balance';
import { territoryCompactness, territoryParts } from './evaluate';
import type { UnitGraph } from './unitGraph';

export const BALANCE_REASONS = [
  'unit-too-heavy',
  'too-few-units',
  'locked',
  'locks-shift-ideal',
  'not-contiguous',
  'out-of-tolerance',
] as const;
/**
 * Why a territory misses the tolerance or falls apart:
 * - `unit-too-heavy`: it holds a unit that alone weighs more than the ideal plus tolerance;
 * - `too-few-units`: it has no units (fewer units than territories where it could be);
 * - `locked`: it is locked and out of tolerance as it stands;
 * - `locks-shift-ideal`: the locked territories hold so much (or so little) that the others,
 *   evened out, still miss the ideal by more than the tolerance;
 * - `not-contiguous`: its units form several pieces (cut off by locks or unassigned units);
 * - `out-of-tolerance`: none of the above; the search found no move that fixes it.
 */
export type BalanceReason = (typeof BALANCE_REASONS)[number];

export interface TerritoryReason {
  territory: number;
  reason: BalanceReason;
  message: string;
}

export interface TerritoryOutcome {
  /** Sum of the balanced weight over the territory's units. */
  total: number;
  /** (total − ideal) / ideal; 0.02 = 2 % above. */
  deviation: number;
  withinTolerance: boolean;
  units: number;
  /** Connected pieces on the unit graph: 1 = contiguous, 0 = no units. */
  parts: number;
  /** Polsby–Popper, 0–100 (from the graph; equals computeCompactness of the merged units). */
  compactness: number;
  /** Stores gained from / lost to other territories against the starting plan. */
  storesIn: number;
  storesOut: number;
  locked: boolean;
}

export interface PlanSummary {
  /** Territory of each unit, −1 = none. */
  assignment: Int32Array;
  territories: TerritoryOutcome[];
  /** Total of the balanced weight over assigned units / k (PRODUCT.md "Balance"). */
  ideal: number;
  tolerance: number;
  maxDeviation: number;
  withinTolerance: number;
  allContiguous: boolean;
  nonContiguous: number;
  /** Mean Polsby–Popper (0–100) over territories with units. */
  meanCompactness: number;
  /** Stores in units whose territory differs from the starting plan's (units it assigned). */
  storesMoved: number;
  /** The least a plan within tolerance must move from the starting plan (see {@link movedLowerBound}); 0 without one. */
  storesMovedLowerBound: number;
  /** Units of the plan left without a territory. */
  unassignedUnits: number;
  reasons: TerritoryReason[];
}

/** Inputs of {@link summarizePlan}. */
export interface SummaryInput {
  graph: UnitGraph;
  assignment: ArrayLike<number>;
  k: number;
  weights: ArrayLike<number>;
  tolerance: number;
  /** Stores per unit (for stores moved); default: `weights`. */
  storeCounts?: ArrayLike<number>;
  /** The starting plan, to count stores moved; none = nothing moved. */
  initial?: ArrayLike<number>;
  lockedTerritories?: readonly number[];
  territoryNames?: readonly string[];
  unitNames?: readonly string[];
}

/**
 * The least weight any plan within tolerance must move away from the starting totals:
 * every territory above its upper bound (1 + tolerance) × ideal must shed the excess, and
 * every territory below (1 − tolerance) × ideal must receive the shortfall, each unit of
 * weight counted once (a move out of one territory is a move into another), so the bound
 * is the larger of the two sums. In stores when the weights are store counts. The issue's
 * bound is `aboveUpper`; `bound` is never smaller.
 */
export function movedLowerBound(totals: ArrayLike<number>, ideal: number, tolerance: number): { aboveUpper: number; belowLower: number; bound: number } {
  let aboveUpper = 0;
  let belowLower = 0;
  for (let t = 0; t < totals.length; t++) {
    aboveUpper += Math.max(0, totals[t]! - (1 + tolerance) * ideal);
    belowLower += Math.max(0, (1 - tolerance) * ideal - totals[t]!);
  }
  return { aboveUpper, belowLower, bound: Math.max(aboveUpper, belowLower) };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** Summarises a plan; see {@link PlanSummary}. */
export function summarizePlan(input: SummaryInput): PlanSummary {
  const { graph, k, weights, tolerance } = input;
  const n = graph.ids.length;
  const assignment = Int32Array.from({ length: n }, (_, u) => {
    const t = input.assignment[u] ?? -1;
    return t >= 0 && t < k ? t : -1;
  });
  const stores = input.storeCounts ?? weights;
  const locked = new Uint8Array(k);
  for (const t of input.lockedTerritories ?? []) if (t >= 0 && t < k) locked[t] = 1;
  const totals = new Float64Array(k);
  const unitCount = new Int32Array(k);
  const storesIn = new Float64Array(k);
  const storesOut = new Float64Array(k);
  let storesMoved = 0;
  let unassignedUnits = 0;
  for (let u = 0; u < n; u++) {
    const t = assignment[u]!;
    const from = input.initial ? (input.initial[u] ?? -1) : t;
    if (t >= 0) {
      totals[t] = totals[t]! + (weights[u] ?? 0);
      unitCount[t]!++;
    } else unassignedUnits++;
    if (from >= 0 && from < k && from !== t) {
      const s = stores[u] ?? 0;
      storesMoved += s;
      storesOut[from] = storesOut[from]! + s;
      if (t >= 0) storesIn[t] = storesIn[t]! + s;
    }
  }
  const balance = computeBalance(totals);
  const ideal = balance.ideal;
  const parts = territoryParts(graph, assignment, k);
  const compactness = territoryCompactness(graph, assignment, k);
  const within = (d: number) => Math.abs(d) <= tolerance + 1e-12;
  const territories: TerritoryOutcome[] = [];
  for (let t = 0; t < k; t++) {
    const deviation = balance.deviations[t] ?? 0;
    territories.push({
      total: totals[t]!,
      deviation,
      withinTolerance: within(deviation),
      units: unitCount[t]!,
      parts: parts[t]!,
      compactness: compactness[t]!,
      storesIn: storesIn[t]!,
      storesOut: storesOut[t]!,
      locked: locked[t] === 1,
    });
  }
  let bound = 0;
  if (input.initial) {
    const start = new Float64Array(k);
    let startTotal = 0;
    for (let u = 0; u < n; u++) {
      const t = input.initial[u] ?? -1;
      if (t >= 0 && t < k) {
        start[t] = start[t]! + (weights[u] ?? 0);
        startTotal += weights[u] ?? 0;
      }
    }
    // With units filled in, the ideal moves and shortfalls may be filled without moving
    // anything: only the excess above the final ideal's bound is certain to move.
    const b = movedLowerBound(start, ideal, tolerance);
    bound = Math.abs(startTotal - balance.total) > 1e-9 ? b.aboveUpper : b.bound;
  }
  const withUnits = territories.filter((x) => x.units > 0);
  return {
    assignment,
    territories,
    ideal,
    tolerance,
    maxDeviation: balance.maxAbsDeviation,
    withinTolerance: territories.filter((x) => x.withinTolerance).length,
    allContiguous: territories.every((x) => x.parts <= 1),
    nonContiguous: territories.filter((x) => x.parts > 1).length,
    meanCompactness: withUnits.length ? withUnits.reduce((a, x) => a + x.compactness, 0) / withUnits.length : 0,
    storesMoved,
    storesMovedLowerBound: bound,
    unassignedUnits,
    reasons: explain(input, assignment, territories, ideal, locked),
  };
}

function explain(
  input: SummaryInput,
  assignment: Int32Array,
  territories: readonly TerritoryOutcome[],
  ideal: number,
  locked: Uint8Array,
): TerritoryReason[] {
  const { k, weights, tolerance } = input;
  const name = (t: number) => input.territoryNames?.[t] ?? `Territory ${t + 1}`;
  const unitName = (u: number) => input.unitNames?.[u] ?? input.graph.ids[u] ?? `unit ${u}`;
  const upper = (1 + tolerance) * ideal;
  const reasons: TerritoryReason[] = [];
  // What the unlocked territories would weigh if evened out.
  let lockedTotal = 0;
  let lockedCount = 0;
  territories.forEach((x, t) => {
    if (locked[t]) {
      lockedTotal += x.total;
      lockedCount++;
    }
  });
  const freeCount = k - lockedCount;
  const freeMean = freeCount > 0 ? (ideal * k - lockedTotal) / freeCount : ideal;
  const shift = ideal !== 0 ? (freeMean - ideal) / Math.abs(ideal) : 0;
  const heaviest = new Int32Array(k).fill(-1);
  for (let u = 0; u < assignment.length; u++) {
    const t = assignment[u]!;
    if (t >= 0 && (heaviest[t]! < 0 || weights[u]! > weights[heaviest[t]!]!)) heaviest[t] = u;
  }
  territories.forEach((x, t) => {
    if (x.parts > 1) {
      reasons.push({ territory: t, reason: 'not-contiguous', message: `${name(t)} is in ${x.parts} pieces: locked territories or units without a territory cut it apart.` });
    }
    if (x.withinTolerance) return;
    const dev = `${x.deviation > 0 ? '+' : ''}${pct(x.deviation)}`;
    if (x.units === 0) {
      reasons.push({ territory: t, reason: 'too-few-units', message: `${name(t)} has no units: there are too few units where it could be (${dev} from the ideal).` });
    } else if (locked[t]) {
      reasons.push({ territory: t, reason: 'locked', message: `${name(t)} is locked and ${dev} from the ideal; it was left as it is.` });
    } else if (heaviest[t]! >= 0 && weights[heaviest[t]!]! > upper && x.deviation > 0) {
      const u = heaviest[t]!;
      reasons.push({
        territory: t,
        reason: 'unit-too-heavy',
        message: `${name(t)} holds ${unitName(u)}, which alone is ${pct(weights[u]! / ideal)} of a territory's share (more than the ideal + ${pct(tolerance)}).`,
      });
    } else if (Math.abs(shift) > tolerance && Math.sign(x.deviation) === Math.sign(shift)) {
      reasons.push({
        territory: t,
        reason: 'locks-shift-ideal',
        message: `${name(t)} is ${dev} from the ideal: with the locked territories as they are, the others average ${shift > 0 ? '+' : ''}${pct(shift)}.`,
      });
    } else {
      reasons.push({ territory: t, reason: 'out-of-tolerance', message: `${name(t)} is ${dev} from the ideal: no move along its borders brought it within ±${pct(tolerance)} and kept territories whole.` });
    }
  });
  return reasons;
}
