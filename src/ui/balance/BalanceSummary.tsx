import type { BalanceReport } from '../../store/types';
import { formatCount } from '../common/format';

const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)} %`;

/**
 * What an Auto-balance run achieved (issue 13): max deviation from the ideal, territories
 * within tolerance, contiguity, mean compactness, stores moved beside the least any plan
 * must move, the time it took, and — where the tolerance was not met or a territory is in
 * pieces — which territory and why.
 */
export function BalanceSummary({ report, storesChanging }: { report: BalanceReport; storesChanging?: number | undefined }) {
  const s = report.summary;
  return (
    <section className="balance-summary" aria-label="Auto-balance summary">
      <h3>Auto-balance: {s.mode === 'rebalance' ? 'rebalanced' : 'built from scratch'}{s.status === 'cancelled' ? ' (stopped early: best plan so far)' : ''}</h3>
      <dl className="figures">
        <div><dt>Max deviation from ideal</dt><dd>{pct(s.maxDeviation)}</dd></div>
        <div><dt>Within ±{pct(s.tolerance, s.tolerance * 100 < 1 ? 1 : 0)}</dt><dd>{s.withinTolerance} of {s.k}</dd></div>
        <div><dt>Contiguous</dt><dd>{s.allContiguous ? 'all territories' : `${s.nonContiguous} in pieces`}</dd></div>
        <div><dt>Mean compactness</dt><dd>{s.meanCompactness.toFixed(0)}/100</dd></div>
        <div>
          <dt>Stores moved</dt>
          <dd>
            {s.mode === 'rebalance' ? (
              <>
                {formatCount(Math.round(s.storesMoved))} (at least {formatCount(Math.round(s.storesMovedLowerBound))} must move)
              </>
            ) : storesChanging !== undefined ? (
              `${formatCount(storesChanging)} (a new plan)`
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div><dt>Time</dt><dd data-testid="balance-time" title={report.workerSteps ? `In the worker: setup ${sec(report.workerSteps.setupMs)}, optimizer ${sec(report.workerSteps.optimizerMs)}, outlines ${sec(report.workerSteps.outlinesMs)}` : undefined}>{sec(report.totalMs)} (worker {sec(report.workerMs)})</dd></div>
      </dl>
      {report.reasons.length > 0 && (
        <>
          <p>Where the tolerance could not be met or a territory is in pieces:</p>
          <ul className="balance-reasons">
            {report.reasons.map((r) => <li key={r}>{r}</li>)}
          </ul>
        </>
      )}
    </section>
  );
}

const sec = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
