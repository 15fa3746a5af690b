import { useEffect, useMemo, useRef, useState } from 'react';
import { featureName } from '../../domain/territoryFiles/featureName';
import type { OverlapResolution, TerritoriesFromFileResult } from '../../domain/territoryFiles';
import type { Plan, PlanBundle, TerritoryId } from '../../domain/types';
import { TERRITORY_PALETTE } from '../../store/planSlice';
import { newPlanId, uniquePlanName } from '../../store/plansSlice';
import { selectOverlapMode } from '../../store/selectors';
import { Dialog } from '../common/Dialog';
import { formatCount } from '../common/format';
import { useAppStore, useAppStoreApi } from '../common/storeContext';
import { createWorkerTerritoryFileService, type ReadTerritoriesOutcome, type TerritoryFileService } from './territoryFileService';

type Step =
  | { kind: 'reading' }
  | { kind: 'failed'; message: string }
  | { kind: 'review'; outcome: ReadTerritoriesOutcome }
  | { kind: 'building'; outcome: ReadTerritoriesOutcome };

const FORMAT_NAMES = { geojson: 'GeoJSON', kml: 'KML', kmz: 'KMZ', shapefile: 'Shapefile' } as const;
const LIST_LIMIT = 50;
const NO_FIELD = '\u0000feature-number';

const OVERLAP_CHOICES: { value: OverlapResolution; label: string }[] = [
  { value: 'take', label: 'Later territories in the file take the overlapping area' },
  { value: 'yield', label: 'Later territories give way to earlier ones' },
  { value: 'allow', label: 'Keep the overlaps (the earlier territory gets the stores)' },
];

function baseName(fileName: string): string {
  return fileName.replace(/\.(geojson|json|kml|kmz|zip)$/i, '').replace(/[_-]+/g, ' ').trim() || 'Imported territories';
}

/**
 * "Import territories": a GeoJSON, KML/KMZ or zipped Shapefile from another tool becomes a
 * new plan. Reads in a worker, then shows what it found before anything is saved: how many
 * outlines were taken (and repaired), which were refused and why, the field that names the
 * territories, the overlaps and how to resolve them. The open plan is never touched.
 */
export default function ImportTerritoriesDialog({ file, onClose, service: given }: { file: File; onClose: () => void; service?: TerritoryFileService }) {
  const api = useAppStoreApi();
  const planOverlap = useAppStore(selectOverlapMode);
  const service = useRef<TerritoryFileService | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'reading' });
  const [field, setField] = useState<string>(NO_FIELD);
  const [planName, setPlanName] = useState(() => uniquePlanName(baseName(file.name), api.getState().plans));
  const [overlap, setOverlap] = useState<OverlapResolution>(planOverlap);

  useEffect(() => {
    const svc = given ?? createWorkerTerritoryFileService();
    service.current = svc;
    let live = true;
    svc
      .read(file)
      .then((res) => {
        if (!live) return;
        if (!res.ok) return setStep({ kind: 'failed', message: res.message.includes(file.name) ? res.message : `${file.name}: ${res.message}` });
        setField(res.value.contents.suggestedNameField ?? NO_FIELD);
        setStep({ kind: 'review', outcome: res.value });
      })
      .catch((err: unknown) => live && setStep({ kind: 'failed', message: `“${file.name}” could not be read (${err instanceof Error ? err.message : String(err)}).` }));
    return () => {
      live = false;
      svc.dispose();
    };
  }, [file, given]);

  const outcome = step.kind === 'review' || step.kind === 'building' ? step.outcome : null;
  const nameField = field === NO_FIELD ? null : field;
  const accepted = useMemo(() => outcome?.contents.features.filter((f) => f.geometry) ?? [], [outcome]);
  const refused = useMemo(() => outcome?.contents.features.filter((f) => !f.geometry) ?? [], [outcome]);
  const nameOf = useMemo(() => {
    const byIndex = new Map(outcome?.contents.features.map((f) => [f.index, f]) ?? []);
    return (index: number) => {
      const f = byIndex.get(index);
      return f ? featureName(f.properties, nameField, index) : `Territory ${index}`;
    };
  }, [outcome, nameField]);

  const commit = async () => {
    if (!outcome || !service.current) return;
    const st = api.getState();
    if (!st.workspace) return;
    setStep({ kind: 'building', outcome });
    let built: TerritoriesFromFileResult;
    const plan: Plan = {
      id: newPlanId(),
      workspaceId: st.workspace.id,
      name: uniquePlanName(planName, st.plans),
      createdAt: Date.now(),
      updatedAt: Date.now(),
      overlapMode: overlap,
    };
    try {
      const ids = accepted.map(() => `T-${crypto.randomUUID().slice(0, 8)}` as TerritoryId);
      built = await service.current.build(outcome, { planId: plan.id, nameField, overlap, palette: TERRITORY_PALETTE, ids });
    } catch (err) {
      setStep({ kind: 'failed', message: `The territories could not be prepared (${err instanceof Error ? err.message : String(err)}). Nothing was changed.` });
      return;
    }
    const bundle: PlanBundle = { plan, territories: built.territories, regions: [] };
    const dropped = built.dropped.length > 0 ? [`Left out: ${built.dropped.map((d) => `${d.name} (${d.reason})`).join('; ')}.`] : [];
    const skippedRefused = refused.length > 0 ? [`${formatCount(refused.length)} outline${refused.length === 1 ? ' was' : 's were'} refused (see the import dialog for why).`] : [];
    const note = [`Imported ${formatCount(built.territories.length)} territories from ${file.name} as the plan ${plan.name}.`, ...built.notes, ...dropped, ...skippedRefused].join(' ');
    if (await api.getState().addPlan(bundle, note)) onClose();
    else setStep({ kind: 'review', outcome });
  };

  const c = outcome?.contents;
  const skipped = c ? c.skipped.points + c.skipped.lines + c.skipped.empty : 0;
  const repaired = accepted.filter((f) => f.note).length;

  return (
    <Dialog title={`Import territories from ${file.name}`} onClose={onClose} wide>
      {step.kind === 'reading' && (
        <div className="dialog-body" role="status">
          <p>Reading and checking {file.name}…</p>
          <progress aria-label={`Reading ${file.name}`} />
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>Cancel</button>
          </div>
        </div>
      )}
      {step.kind === 'failed' && (
        <div className="dialog-body">
          <p role="alert" className="error-text">{/Nothing was changed\.$/.test(step.message) ? step.message : `${step.message} Nothing was changed.`}</p>
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={onClose}>Close</button>
          </div>
        </div>
      )}
      {c && outcome && (
        <form
          className="dialog-body import-territories"
          onSubmit={(e) => {
            e.preventDefault();
            void commit();
          }}
        >
          <p className="import-summary" aria-label="What the file holds">
            {FORMAT_NAMES[c.format]} · <strong>{formatCount(accepted.length)}</strong> outline{accepted.length === 1 ? '' : 's'} to import
            {repaired > 0 && <> ({formatCount(repaired)} repaired)</>}
            {refused.length > 0 && <> · <strong>{formatCount(refused.length)}</strong> refused</>}
            {skipped > 0 && (
              <> · {formatCount(skipped)} not polygons, skipped ({c.skipped.points} points, {c.skipped.lines} lines, {c.skipped.empty} empty)</>
            )}
            {c.crs.kind === 'reprojected' && <> · converted from {c.crs.name} to longitude/latitude</>}
          </p>
          {c.notices.length > 0 && (
            <ul className="muted small">
              {c.notices.map((n) => <li key={n}>{n}</li>)}
            </ul>
          )}
          <div className="form-grid">
            <label>
              Name territories by
              <select aria-label="Name field" value={field} onChange={(e) => setField(e.target.value)}>
                {c.fields.map((f) => <option key={f} value={f}>{f}</option>)}
                <option value={NO_FIELD}>(feature number)</option>
              </select>
            </label>
            <label>
              Plan name
              <input value={planName} maxLength={120} required onChange={(e) => setPlanName(e.target.value)} />
            </label>
          </div>
          {accepted.length > 0 && (
            <p className="muted small" aria-label="Names preview">
              Names: {accepted.slice(0, 6).map((f) => nameOf(f.index)).join(', ')}
              {accepted.length > 6 && `, … (${formatCount(accepted.length - 6)} more)`}
            </p>
          )}
          {outcome.overlaps.length > 0 && (
            <fieldset className="overlap-choice">
              <legend>
                {formatCount(outcome.overlaps.length)} overlap{outcome.overlaps.length === 1 ? '' : 's'} between the territories in the file
              </legend>
              <ul className="small">
                {outcome.overlaps.slice(0, 8).map((o) => (
                  <li key={`${o.a}-${o.b}`}>
                    {nameOf(o.a)} and {nameOf(o.b)}: {o.areaKm2 < 10 ? o.areaKm2.toFixed(2) : formatCount(Math.round(o.areaKm2))} km²
                  </li>
                ))}
                {outcome.overlaps.length > 8 && <li>… and {formatCount(outcome.overlaps.length - 8)} more</li>}
              </ul>
              {OVERLAP_CHOICES.map((o) => (
                <label key={o.value} className="radio">
                  <input type="radio" name="overlap" value={o.value} checked={overlap === o.value} onChange={() => setOverlap(o.value)} /> {o.label}
                </label>
              ))}
            </fieldset>
          )}
          {refused.length > 0 && (
            <div className="refused">
              <table className="data-table compact" aria-label="Refused outlines">
                <caption>Refused outlines (not imported)</caption>
                <thead>
                  <tr><th scope="col">Feature</th><th scope="col">Name</th><th scope="col">Why</th></tr>
                </thead>
                <tbody>
                  {refused.slice(0, LIST_LIMIT).map((f) => (
                    <tr key={f.index}>
                      <td className="num">{f.index}</td>
                      <td>{nameOf(f.index)}</td>
                      <td>{f.problem?.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {refused.length > LIST_LIMIT && <p className="muted small">… and {formatCount(refused.length - LIST_LIMIT)} more.</p>}
            </div>
          )}
          {accepted.length === 0 && <p role="alert" className="error-text">The file has no outline that can become a territory. Nothing was changed.</p>}
          <div className="dialog-actions">
            {step.kind === 'building' && (
              <span role="status">
                Preparing territories… <progress aria-label="Preparing territories" />
              </span>
            )}
            <button type="button" onClick={onClose}>Cancel</button>
            <button type="submit" className="primary" disabled={accepted.length === 0 || step.kind === 'building' || !planName.trim()}>
              Import {formatCount(accepted.length)} territor{accepted.length === 1 ? 'y' : 'ies'} as a new plan
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
