import { useMemo, useRef } from 'react';
import { evaluatePlan, measureTotals, totalsFromStats, type PlanEvaluation, type TerritoryShape } from '../../domain/balance';
import type { TerritoryId } from '../../domain/types';
import { selectAssignment, selectLiveMeasure, selectMarket, selectShapes, selectStats, selectTerritories } from '../../store/selectors';
import { MEASURE_LABELS } from '../balance/AutoBalanceDialog';
import { useAppStore, useAppStoreApi } from '../common/storeContext';

/** A territory's live figures for the statistics table. */
export interface LiveFigures {
  deviation: number | null;
  shape: TerritoryShape | null;
}

export interface LiveEvaluation {
  plan: PlanEvaluation;
  byId: ReadonlyMap<TerritoryId, LiveFigures>;
  measureLabel: string;
}

/**
 * The live evaluation of the open plan (issue 13): deviations on the chosen measure from
 * the plan engine's per-territory sums (one pass over the assignment for workload and
 * mixes), and the shapes the derived slice keeps per territory. Follows every edit and
 * every preview (a dragged vertex, a paint stroke in progress).
 */
export function usePlanEvaluation(): LiveEvaluation | null {
  const stats = useAppStore(selectStats);
  const territories = useAppStore(selectTerritories);
  const shapes = useAppStore(selectShapes);
  const live = useAppStore(selectLiveMeasure);
  const market = useAppStore(selectMarket);
  const assignment = useAppStore(selectAssignment);
  return useMemo(() => {
    if (!stats) return null;
    const rowOf = new Map(stats.rows.map((r) => [r.territoryId, r]));
    const rows = territories.map((t) => rowOf.get(t.id)).filter((r) => r !== undefined);
    const fromStats = rows.length === territories.length ? totalsFromStats(rows, live.spec) : null;
    const totals = fromStats ?? measureTotals(market, assignment, territories.length, live.spec);
    const plan = evaluatePlan(totals, territories.map((_, i) => shapes[i] ?? null), live.tolerance);
    const byId = new Map<TerritoryId, LiveFigures>(territories.map((t, i) => [t.id, { deviation: plan.deviations[i] ?? null, shape: shapes[i] ?? null }]));
    const s = live.spec;
    const measureLabel = s.secondary && s.secondary.weight > 0 ? `${MEASURE_LABELS[s.measure]} + ${MEASURE_LABELS[s.secondary.measure]}` : MEASURE_LABELS[s.measure];
    return { plan, byId, measureLabel };
  }, [stats, territories, shapes, live, market, assignment]);
}

/**
 * The plan header's live figures: max deviation on the chosen measure, how many
 * territories are not in one piece, and "Find non-contiguous", which selects and zooms to
 * the next such territory each time it is pressed.
 */
export function PlanHealth({ evaluation }: { evaluation: LiveEvaluation | null }) {
  const api = useAppStoreApi();
  const next = useRef(0);
  if (!evaluation) return null;
  const { plan, measureLabel } = evaluation;
  const pieces = plan.nonContiguous.length;
  return (
    <span className="plan-health" aria-label="Plan evaluation" role="group">
      <span data-testid="max-deviation">Max deviation ±{(plan.maxDeviation * 100).toFixed(1)} % ({measureLabel.toLowerCase()})</span>
      <span className={pieces > 0 ? 'warn' : undefined} data-testid="non-contiguous">{pieces === 0 ? 'all contiguous' : `${pieces} non-contiguous`}</span>
      <button
        type="button"
        className="link"
        disabled={pieces === 0}
        onClick={() => {
          const st = api.getState();
          const list = plan.nonContiguous;
          const t = st.territories[list[next.current % list.length]!];
          next.current = (next.current + 1) % Math.max(1, list.length);
          if (!t) return;
          st.selectTerritory(t.id);
          st.requestZoom(t.id);
        }}
      >
        Find non-contiguous
      </button>
    </span>
  );
}
