import type { PlanBundle, PlanId } from '../types';

export interface DuplicatePlanOptions {
  /** Id of the new plan (fresh; the caller makes it). */
  newPlanId: PlanId;
  /** Display name of the copy, e.g. "Plan 2026 (copy)". */
  name: string;
  /** Epoch ms: the copy's createdAt and updatedAt. */
  now: number;
}

/**
 * A copy of a plan to try an alternative on ("what if we split the North?") without
 * touching the original. The copy is DEEP (structuredClone semantics): no array or object
 * is shared with the original, so editing a vertex of the copy can never move the
 * original's outline, and a frozen original is fine.
 *
 * What changes: the plan id (on the plan, every territory's and every region's `planId`),
 * the plan name, createdAt/updatedAt. Everything else is kept as is — territory and
 * region ids, ranks, units, pins, overlap mode, locks, managers, notes, targets — because
 * comparing the copy with its original matches territories by id first (see
 * matchTerritories): a territory that was not edited is "the same territory" in both.
 *
 * Note for storage: ids are only unique within a plan, so whatever stores territories and
 * regions of several plans side by side must key them by (planId, id).
 */
export function duplicatePlan(bundle: PlanBundle, opts: DuplicatePlanOptions): PlanBundle {
  const copy = structuredClone(bundle) as PlanBundle;
  copy.plan.id = opts.newPlanId;
  copy.plan.name = opts.name;
  copy.plan.createdAt = opts.now;
  copy.plan.updatedAt = opts.now;
  for (const t of copy.territories) t.planId = opts.newPlanId;
  for (const r of copy.regions) r.planId = opts.newPlanId;
  return copy;
}
