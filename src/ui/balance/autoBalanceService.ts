/**
 * Runs one Auto-balance from the dialog's settings: makes the job from the open plan and
 * the market's columns (no store objects), runs it in the balance worker, turns the result
 * into the new plan "<plan> — balanced" and hands it to the app store, which saves it,
 * opens it and compares it with the plan it started from.
 */
import { balancedBundle, balanceJobFor, type BalanceJob, type BalanceJobResult, type BalanceSettings } from '../../domain/balance';
import type { PlanId, TerritoryId } from '../../domain/types';
import { newPlanId, uniquePlanName } from '../../store/plansSlice';
import type { AppState, BalanceReport } from '../../store/types';
import type { BalanceClient } from '../../workers/balanceClient';

export interface BalanceRun {
  ok: boolean;
  report: BalanceReport | null;
}

export async function runAutoBalance(
  getState: () => AppState,
  client: BalanceClient,
  settings: BalanceSettings,
  onProgress: (fraction: number) => void,
): Promise<BalanceRun> {
  const t0 = performance.now();
  const state = getState();
  const bundle = state.currentBundle();
  if (!bundle) return { ok: false, report: null };
  const job = balanceJobFor(state.market, state.territories, settings, state.people);
  const out = await client.balance(job, onProgress);
  const now = Date.now();
  const made = balancedBundle(bundle, job, out, {
    newPlanId: newPlanId(),
    name: uniquePlanName(`${bundle.plan.name} — balanced`, getState().plans),
    now,
    newTerritoryId: () => `T-${crypto.randomUUID().slice(0, 8)}` as TerritoryId,
  });
  const r = out.result;
  const report: BalanceReport = {
    planId: made.plan.id,
    fromPlanId: bundle.plan.id as PlanId,
    fromPlanName: bundle.plan.name,
    summary: {
      k: settings.k,
      maxDeviation: r.maxDeviation,
      withinTolerance: r.withinTolerance,
      tolerance: settings.tolerance,
      allContiguous: r.allContiguous,
      nonContiguous: r.nonContiguous,
      meanCompactness: r.meanCompactness,
      storesMoved: r.storesMoved,
      storesMovedLowerBound: r.storesMovedLowerBound,
      mode: settings.mode,
      status: r.status,
    },
    reasons: [...r.reasons.map((x) => x.message), ...homeSeedNotes(job, out)],
    workerMs: out.timings.graphMs + out.timings.balanceMs + out.timings.outlinesMs,
    workerSteps: { setupMs: out.timings.graphMs, optimizerMs: out.timings.balanceMs, outlinesMs: out.timings.outlinesMs },
    totalMs: performance.now() - t0,
  };
  getState().setLiveMeasure({ spec: settings.spec, tolerance: settings.tolerance });
  const ok = await getState().addBalancedPlan(made, report);
  return { ok, report };
}

/** With seeds from homes: the territories not grown from their manager's home ZIP, and from where instead. */
function homeSeedNotes(job: BalanceJob, out: BalanceJobResult): string[] {
  if (!job.settings.seedFromHomes || job.settings.mode !== 'scratch') return [];
  const notes: string[] = [];
  job.slots.slots.forEach((t, s) => {
    if (!t || t.locked || out.seededFrom[s] === 'home') return;
    const why = job.homeZips?.[s] ? `its manager's home ZIP ${job.homeZips[s]} is not in the ZIP table or outside the base units` : t.managerId ? "its manager's home base has no ZIP" : 'it has no territory manager';
    notes.push(`${t.name} was not grown from a home (${why}): ${out.seededFrom[s] === 'centre' ? 'it grew from its centre' : 'it grew from wherever the optimizer started it'}.`);
  });
  return notes;
}

