import { useEffect, useRef, useState } from 'react';
import { BALANCE_MEASURES, DEFAULT_WORKLOAD, type BalanceMeasure, type BalanceSettings, type WorkloadSettings } from '../../domain/balance';
import { CHANNELS, type Channel } from '../../domain/types';
import { selectPlan, selectTerritories } from '../../store/selectors';
import { Dialog } from '../common/Dialog';
import { useAppStore, useAppStoreApi } from '../common/storeContext';
import { createBalanceClient, type BalanceClient } from '../../workers/balanceClient';
import { isWorkerCancelled } from '../../workers/workerSession';
import { runAutoBalance } from './autoBalanceService';

/** The words the dialog shows for each measure (a contract: tests and users rely on them). */
export const MEASURE_LABELS: Record<BalanceMeasure, string> = {
  stores: 'Stores',
  customers: 'Customers',
  revenue: 'Revenue',
  potential: 'Potential',
  workload: 'Workload',
};

const CHANNEL_LABELS: Record<Channel, string> = {
  'independent-pet': 'Independent pet',
  'vet-clinic': 'Vet clinic',
  groomer: 'Groomer',
  'farm-feed': 'Farm & feed',
  grocery: 'Grocery',
};

const LEVELS = [
  { value: 'states', label: 'States' },
  { value: 'counties', label: 'Counties' },
  { value: 'hexagons', label: 'Hexagons' },
] as const;

/** The choices checked before a run; a message per problem, none = ready. */
export function validateBalanceForm(f: { k: number; tolerance: number; hexResolution: number; level: string; mode: string; territories: number; locked: number; secondWeight: number; hasSecond: boolean }): string[] {
  const errors: string[] = [];
  if (f.mode === 'rebalance' && f.territories === 0) errors.push('The current plan has no territories to rebalance: build from scratch instead.');
  if (!Number.isInteger(f.k) || f.k < 1 || f.k > 500) errors.push('Number of territories must be a whole number from 1 to 500.');
  else if (f.k < f.locked) errors.push(`${f.locked} territories are locked: build at least ${f.locked}.`);
  if (!(f.tolerance > 0 && f.tolerance <= 50)) errors.push('Tolerance must be more than 0 % and at most 50 %.');
  if (f.level === 'hexagons' && !(Number.isInteger(f.hexResolution) && f.hexResolution >= 2 && f.hexResolution <= 7)) errors.push('H3 resolution must be a whole number from 2 to 7.');
  if (f.hasSecond && !(f.secondWeight > 0 && f.secondWeight < 100)) errors.push('The second measure’s weight must be between 0 and 100 %.');
  return errors;
}

/**
 * Auto-balance (issue 13): the user picks the base units, the number of territories, the
 * measure(s), the tolerance, rebalance or build from scratch, shape against balance and
 * whether unassigned units are filled; the run happens in the balance worker with a
 * progress bar and Cancel, and the result opens as a new plan in the compare view.
 */
export function AutoBalanceDialog({ onClose, client: makeClient = createBalanceClient }: { onClose: () => void; client?: () => BalanceClient }) {
  const api = useAppStoreApi();
  const plan = useAppStore(selectPlan);
  const territories = useAppStore(selectTerritories);
  const locked = territories.filter((t) => t.locked).length;
  const [level, setLevel] = useState<BalanceSettings['level']>('counties');
  const [hexResolution, setHexResolution] = useState('5');
  const [mode, setMode] = useState<BalanceSettings['mode']>('scratch');
  const [keepCount, setKeepCount] = useState(false);
  const [kText, setKText] = useState(String(territories.length > 0 ? territories.length : 10));
  const [measure, setMeasure] = useState<BalanceMeasure>('stores');
  const [second, setSecond] = useState<BalanceMeasure | 'none'>('none');
  const [secondWeight, setSecondWeight] = useState('30');
  const [workload, setWorkload] = useState<WorkloadSettings>(DEFAULT_WORKLOAD);
  const [tolerance, setTolerance] = useState('5');
  const [compactness, setCompactness] = useState('50');
  const [fill, setFill] = useState(true);
  const [seedFromCentres, setSeedFromCentres] = useState(false);
  const [seedFromHomes, setSeedFromHomes] = useState(false);
  const [seed, setSeed] = useState('1');
  const [errors, setErrors] = useState<string[]>([]);
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState(0);
  const client = useRef<BalanceClient | null>(null);
  useEffect(() => () => client.current?.dispose(), []);
  /** One worker for the dialog's life: it loads the chosen layer while the user fills in the form. */
  const worker = (): BalanceClient => (client.current ??= makeClient());
  useEffect(() => {
    if (level === 'hexagons') return;
    worker()
      .prepare(level)
      .catch(() => undefined); // a failure shows when the run asks for the same layer
  }, [level]); // eslint-disable-line react-hooks/exhaustive-deps

  const fixedK = mode === 'rebalance' || keepCount;
  const k = fixedK ? territories.length : Number(kText);
  const usesWorkload = measure === 'workload' || second === 'workload';

  const start = async () => {
    const problems = validateBalanceForm({
      k, tolerance: Number(tolerance), hexResolution: Number(hexResolution), level, mode, territories: territories.length, locked,
      secondWeight: Number(secondWeight), hasSecond: second !== 'none',
    });
    setErrors(problems);
    if (problems.length > 0) return;
    const settings: BalanceSettings = {
      level,
      ...(level === 'hexagons' ? { hexResolution: Number(hexResolution) } : {}),
      k,
      spec: {
        measure,
        ...(second !== 'none' ? { secondary: { measure: second, weight: Number(secondWeight) / 100 } } : {}),
        ...(usesWorkload ? { workload } : {}),
      },
      tolerance: Number(tolerance) / 100,
      mode,
      compactness: Math.max(0, Math.min(100, Number(compactness) || 0)) / 100,
      fill,
      seedFromCentres: mode === 'scratch' && seedFromCentres,
      ...(mode === 'scratch' && seedFromHomes ? { seedFromHomes: true } : {}),
      seed: Number.isFinite(Number(seed)) ? Math.trunc(Number(seed)) : 1,
    };
    const c = worker();
    setRunning(true);
    setProgress(0);
    try {
      const run = await runAutoBalance(() => api.getState(), c, settings, setProgress);
      if (run.ok) onClose();
    } catch (err) {
      if (!isWorkerCancelled(err)) setErrors([err instanceof Error ? err.message : String(err)]);
    } finally {
      setRunning(false);
    }
  };

  const cancel = () => {
    client.current?.cancel();
    setRunning(false);
  };

  const setChannel = (ch: Channel, key: 'visitsPerYear' | 'minutesPerVisit', v: string) =>
    setWorkload((w) => ({ ...w, channels: { ...w.channels, [ch]: { ...w.channels[ch], [key]: Math.max(0, Number(v) || 0) } } }));

  return (
    <Dialog title="Auto-balance" onClose={running ? cancel : onClose} wide>
      <form
        className="auto-balance"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!running) void start();
        }}
      >
        <fieldset disabled={running}>
          <div className="form-grid">
            <label>
              Build from
              <select aria-label="Build from" value={level} onChange={(e) => setLevel(e.target.value as BalanceSettings['level'])}>
                {LEVELS.map((l) => <option key={l.value} value={l.value}>{l.label}</option>)}
              </select>
            </label>
            {level === 'hexagons' && (
              <label>
                H3 resolution
                <input type="number" min={2} max={7} step={1} value={hexResolution} onChange={(e) => setHexResolution(e.target.value)} />
              </label>
            )}
          </div>
          <div role="radiogroup" aria-label="Start from" className="radio-row">
            <label>
              <input type="radio" name="balance-mode" checked={mode === 'rebalance'} disabled={territories.length === 0} onChange={() => setMode('rebalance')} /> Rebalance current plan
            </label>
            <label>
              <input type="radio" name="balance-mode" checked={mode === 'scratch'} onChange={() => setMode('scratch')} /> Build from scratch
            </label>
          </div>
          <p className="muted small">
            {mode === 'rebalance'
              ? 'Moves units along today’s borders, as few stores as possible, keeping every territory.'
              : 'Builds new territories from the units; each takes the name, color and manager of the current territory it overlaps most (or whose centre or manager’s home it grew from).'}{' '}
            Locked territories ({locked}) and their units are never changed.
          </p>
          <div className="form-grid">
            <label>
              Number of territories
              <input type="number" min={1} max={500} step={1} value={fixedK ? String(territories.length) : kText} disabled={fixedK} onChange={(e) => setKText(e.target.value)} />
            </label>
            {mode === 'scratch' && territories.length > 0 && (
              <label className="check">
                <input type="checkbox" checked={keepCount} onChange={(e) => setKeepCount(e.target.checked)} /> Keep the current plan’s territories ({territories.length})
              </label>
            )}
            <label>
              Balance on
              <select aria-label="Balance on" value={measure} onChange={(e) => setMeasure(e.target.value as BalanceMeasure)}>
                {BALANCE_MEASURES.map((m) => <option key={m} value={m}>{MEASURE_LABELS[m]}</option>)}
              </select>
            </label>
            <label>
              Second measure
              <select aria-label="Second measure" value={second} onChange={(e) => setSecond(e.target.value as BalanceMeasure | 'none')}>
                <option value="none">None</option>
                {BALANCE_MEASURES.filter((m) => m !== measure).map((m) => <option key={m} value={m}>{MEASURE_LABELS[m]}</option>)}
              </select>
            </label>
            {second !== 'none' && (
              <label>
                Second measure weight (%)
                <input type="number" min={1} max={99} step={1} value={secondWeight} onChange={(e) => setSecondWeight(e.target.value)} />
              </label>
            )}
            <label>
              Tolerance
              <span className="input-unit">
                <input type="number" min={0.5} max={50} step={0.5} value={tolerance} onChange={(e) => setTolerance(e.target.value)} aria-label="Tolerance" aria-describedby="tolerance-unit" />
                <span id="tolerance-unit">± %</span>
              </span>
            </label>
            <label>
              Compactness
              <input type="range" min={0} max={100} step={5} value={compactness} onChange={(e) => setCompactness(e.target.value)} aria-valuetext={`${compactness} % shape, ${100 - Number(compactness)} % balance`} />
            </label>
            <label>
              Seed
              <input type="number" step={1} value={seed} onChange={(e) => setSeed(e.target.value)} title="The same inputs and seed give the same plan" />
            </label>
          </div>
          <label className="check">
            <input type="checkbox" checked={fill} onChange={(e) => setFill(e.target.checked)} /> Fill unassigned units
          </label>
          {mode === 'scratch' && territories.length > 0 && (
            <>
              <label className="check">
                <input type="checkbox" checked={seedFromHomes} onChange={(e) => setSeedFromHomes(e.target.checked)} /> Grow each territory from its manager&apos;s home ZIP
              </label>
              <label className="check">
                <input type="checkbox" checked={seedFromCentres} onChange={(e) => setSeedFromCentres(e.target.checked)} /> Grow each territory from its current centre
              </label>
            </>
          )}
          {usesWorkload && (
            <table className="workload-table" aria-label="Workload per channel">
              <thead>
                <tr><th scope="col">Channel</th><th scope="col">Visits a year</th><th scope="col">Minutes a visit</th></tr>
              </thead>
              <tbody>
                {CHANNELS.map((ch) => (
                  <tr key={ch}>
                    <th scope="row">{CHANNEL_LABELS[ch]}</th>
                    <td><input type="number" min={0} aria-label={`Visits a year, ${CHANNEL_LABELS[ch]}`} value={workload.channels[ch].visitsPerYear} onChange={(e) => setChannel(ch, 'visitsPerYear', e.target.value)} /></td>
                    <td><input type="number" min={0} aria-label={`Minutes a visit, ${CHANNEL_LABELS[ch]}`} value={workload.channels[ch].minutesPerVisit} onChange={(e) => setChannel(ch, 'minutesPerVisit', e.target.value)} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </fieldset>
        {errors.length > 0 && (
          <ul role="alert" className="form-errors">
            {errors.map((e) => <li key={e}>{e}</li>)}
          </ul>
        )}
        {running && (
          <p role="status" className="balance-progress">
            Balancing {plan?.name}… <progress aria-label="Balancing progress" max={1} value={progress} /> {Math.round(progress * 100)} %
          </p>
        )}
        <div className="dialog-actions">
          {running ? (
            <button type="button" onClick={cancel}>Cancel</button>
          ) : (
            <>
              <button type="button" onClick={onClose}>Close</button>
              <button type="submit" className="primary">Start balancing</button>
            </>
          )}
        </div>
      </form>
    </Dialog>
  );
}

export default AutoBalanceDialog;
