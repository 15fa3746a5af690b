import { useRef } from 'react';
import type { BalanceMeasureSpec } from '../../domain/balance';
import { selectPlanReport } from '../../store/selectors';
import { MEASURE_LABELS } from '../balance/AutoBalanceDialog';
import { useAppStore, useAppStoreApi } from '../common/storeContext';

/** The balance measure as the header names it: "Stores", or "Revenue + Stores" for a mix. */
export function measureLabel(s: BalanceMeasureSpec): string {
  return s.secondary && s.secondary.weight > 0 ? `${MEASURE_LABELS[s.measure]} + ${MEASURE_LABELS[s.secondary.measure]}` : MEASURE_LABELS[s.measure];
}

/**
 * The plan header's live figures (issue 13), from the plan report: max deviation on the
 * chosen measure, how many territories are not in one piece, and "Find non-contiguous",
 * which selects and zooms to the next such territory each time it is pressed. Follows
 * every edit and every preview (a dragged vertex, a paint stroke in progress).
 */
export function PlanHealth() {
  const api = useAppStoreApi();
  const report = useAppStore(selectPlanReport);
  const next = useRef(0);
  if (!report) return null;
  const { maxDeviation, nonContiguous, measure } = report.balance;
  const pieces = nonContiguous.length;
  return (
    <span className="plan-health" aria-label="Plan evaluation" role="group">
      <span data-testid="max-deviation">Max deviation ±{(maxDeviation * 100).toFixed(1)} % ({measureLabel(measure).toLowerCase()})</span>
      <span className={pieces > 0 ? 'warn' : undefined} data-testid="non-contiguous">{pieces === 0 ? 'all contiguous' : `${pieces} non-contiguous`}</span>
      <button
        type="button"
        className="link"
        disabled={pieces === 0}
        onClick={() => {
          const st = api.getState();
          const id = nonContiguous[next.current % pieces];
          next.current = (next.current + 1) % Math.max(1, pieces);
          if (!id || !st.territories.some((t) => t.id === id)) return;
          st.selectTerritory(id);
          st.requestZoom(id);
        }}
      >
        Find non-contiguous
      </button>
    </span>
  );
}
