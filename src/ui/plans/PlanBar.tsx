import { useState } from 'react';
import type { PlanId } from '../../domain/types';
import { selectAccess, selectDeletedPlans, selectPlan, selectPlanLoading, selectPlans } from '../../store/selectors';
import { ConfirmDialog, FileButton, PromptDialog } from '../common/Dialog';
import { useAppStore, useAppStoreApi } from '../common/storeContext';
import { AutoBalanceDialog } from '../balance/AutoBalanceDialog';
import type { BalanceClient } from '../../workers/balanceClient';
import { exportKml, exportPlanFile, readPlanFileInto } from './planFiles';

type Asking = 'new' | 'duplicate' | 'rename' | 'delete' | 'balance' | null;

/**
 * The plans of the workspace: which one is open (the "Plan" control switches), and what can
 * be done with plans — new, duplicate, rename, delete (restorable this session), compare,
 * plan files in and out, territories from other tools.
 */
export function PlanBar({ onImportTerritories, balanceClient }: { onImportTerritories: (f: File) => void; balanceClient?: () => BalanceClient }) {
  const api = useAppStoreApi();
  const plan = useAppStore(selectPlan);
  const plans = useAppStore(selectPlans);
  const loading = useAppStore(selectPlanLoading);
  const deleted = useAppStore(selectDeletedPlans);
  const access = useAppStore(selectAccess);
  const [asking, setAsking] = useState<Asking>(null);
  const readOnly = access.kind !== 'write';
  const busy = loading !== null;
  const close = () => setAsking(null);

  return (
    <div className="plan-bar" role="toolbar" aria-label="Plans">
      <label className="plan-select">
        Plan
        <select
          aria-label="Plan"
          value={plan?.id ?? ''}
          disabled={busy}
          onChange={(e) => void api.getState().switchPlan(e.target.value as PlanId)}
        >
          {plans.map((p) => (
            <option key={p.id} value={p.id}>{p.name}</option>
          ))}
        </select>
      </label>
      {loading && (
        <span className="plan-loading" role="status">
          Opening {loading.name}… <progress aria-label={`Opening ${loading.name}`} />
        </span>
      )}
      <span className="button-row">
        <button type="button" disabled={busy || readOnly} onClick={() => setAsking('new')}>New plan</button>
        <button type="button" disabled={busy || readOnly} onClick={() => setAsking('duplicate')}>Duplicate plan</button>
        <button type="button" disabled={busy || readOnly} onClick={() => setAsking('rename')}>Rename plan</button>
        <button
          type="button"
          disabled={busy || readOnly || plans.length <= 1}
          title={plans.length <= 1 ? 'A workspace keeps at least one plan' : undefined}
          onClick={() => setAsking('delete')}
        >
          Delete plan
        </button>
        {deleted.length > 0 && (
          <select
            aria-label="Restore a deleted plan"
            value=""
            disabled={busy || readOnly}
            onChange={(e) => e.target.value && void api.getState().restoreDeletedPlan(e.target.value as PlanId)}
          >
            <option value="">Restore a deleted plan…</option>
            {deleted.map((d) => (
              <option key={d.bundle.plan.id} value={d.bundle.plan.id}>{d.bundle.plan.name}</option>
            ))}
          </select>
        )}
      </span>
      <span className="button-row">
        <button type="button" disabled={busy} onClick={() => void api.getState().openCompare()} title="Compare two plans: what moves from whom to whom">
          Compare
        </button>
        <button type="button" disabled={busy || readOnly || !plan} onClick={() => setAsking('balance')} title="Build or rebalance territories of equal size from states, counties or hexagons, as a new plan">
          Auto-balance…
        </button>
      </span>
      <span className="button-row">
        <button type="button" disabled={!plan} onClick={() => exportPlanFile(api.getState())} title="One GeoJSON file with the whole plan, readable by any GIS and by Territory Planner">
          Export plan file
        </button>
        <FileButton
          label="Open plan file"
          accept=".geojson,.json,application/geo+json"
          title="Open a .plan.geojson file exported from Territory Planner as a new plan"
          disabled={busy || readOnly}
          onFile={(f) => void readPlanFileInto(api.getState(), f)}
        />
        <FileButton
          label="Import territories"
          accept=".geojson,.json,.kml,.kmz,.zip,application/geo+json,application/vnd.google-earth.kml+xml"
          title="Territories from QGIS, ArcGIS, Google Earth / My Maps (GeoJSON, KML, zipped Shapefile) as a new plan"
          disabled={busy || readOnly}
          onFile={onImportTerritories}
        />
        <button type="button" disabled={!plan} onClick={() => exportKml(api.getState())} title="The territories as KML for Google Earth and My Maps">
          Export KML
        </button>
      </span>

      {asking === 'new' && (
        <PromptDialog
          title="New plan"
          label="Plan name"
          initial="New plan"
          confirm="Create plan"
          note="An empty plan over the same stores. The current plan stays as it is."
          onClose={close}
          onConfirm={(name) => {
            close();
            void api.getState().newPlan(name);
          }}
        />
      )}
      {asking === 'duplicate' && plan && (
        <PromptDialog
          title="Duplicate plan"
          label="Name of the copy"
          initial={`${plan.name} (copy)`}
          confirm="Duplicate plan"
          note="A copy with the same territories, regions, owners, locks, pins and settings. Edit it freely: the original does not change."
          onClose={close}
          onConfirm={(name) => {
            close();
            void api.getState().duplicatePlan(name);
          }}
        />
      )}
      {asking === 'balance' && plan && <AutoBalanceDialog onClose={close} {...(balanceClient ? { client: balanceClient } : {})} />}
      {asking === 'rename' && plan && (
        <PromptDialog
          title="Rename plan"
          label="Plan name"
          initial={plan.name}
          confirm="Rename plan"
          onClose={close}
          onConfirm={(name) => {
            close();
            api.getState().renamePlan(name);
          }}
        />
      )}
      {asking === 'delete' && plan && (
        <ConfirmDialog
          title="Delete plan"
          confirm={`Delete ${plan.name}`}
          danger
          onClose={close}
          onConfirm={() => {
            close();
            void api.getState().deletePlan(plan.id);
          }}
        >
          <p>
            Delete the plan <strong>{plan.name}</strong> with its {api.getState().territories.length} territories? The stores and the other plans
            stay. Until you close this tab you can restore it from the plan bar.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
