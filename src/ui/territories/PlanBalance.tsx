import { computeBalance } from '../../domain/stats';
import { selectPlanReport } from '../../store/selectors';
import { formatMoneyShort } from '../common/format';
import { useAppStore } from '../common/storeContext';

/** The side panel's "Plan balance": revenue over the territories (PRODUCT.md Balance), from the plan report. */
export function PlanBalance() {
  const report = useAppStore(selectPlanReport);
  const count = report?.territories.length ?? 0;
  // before the first stats: the balance of no territories (0 revenue, index 100)
  const { total, ideal, balanceIndex, maxAbsDeviation, coefficientOfVariation } = report?.balance.revenue ?? computeBalance([]);
  return (
    <section className="panel summary" aria-label="Plan summary">
      <h2>Plan balance</h2>
      <p>
        {count} territories · revenue {formatMoneyShort(total)} · ideal {formatMoneyShort(ideal)} per territory
      </p>
      <p>
        Balance index <strong>{balanceIndex.toFixed(0)}</strong>/100 · max deviation ±{(maxAbsDeviation * 100).toFixed(0)}% · CV{' '}
        {(coefficientOfVariation * 100).toFixed(0)}%
      </p>
    </section>
  );
}
