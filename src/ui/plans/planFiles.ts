/**
 * Plan files in and out, from the plan bar: the plan file (GeoJSON + the app's foreign
 * member), KML for Google Earth, and opening a plan file as a new plan. The formats are in
 * src/domain (plans/, export/); this glue reads the state and offers the download.
 */
import { territoriesToKml } from '../../domain/export';
import { planFileName, readPlanFile, writePlanFile } from '../../domain/plans';
import type { Territory } from '../../domain/types';
import { newPlanId, uniquePlanName } from '../../store/plansSlice';
import { selectPlanReport } from '../../store/selectors';
import type { AppState } from '../../store/types';
import { downloadText } from '../common/download';
import { readTextFile } from '../common/readTextFile';
import { formatCount, formatMoney, formatPercent } from '../common/format';

/** Plan files larger than this are refused before they are read (a plan is a few MB). */
export const MAX_PLAN_FILE_BYTES = 100 * 1024 * 1024;

export function exportPlanFile(st: AppState): void {
  const bundle = st.currentBundle();
  if (!bundle) return;
  const doc = writePlanFile(bundle, { people: st.people, stores: st.market, appVersion: __APP_VERSION__ });
  downloadText(planFileName(bundle.plan.name), JSON.stringify(doc), 'application/geo+json');
}

/** The KPIs each KML placemark describes (what a director asks first). */
function kpisOf(st: AppState): (t: Territory) => { label: string; value: string }[] {
  const report = selectPlanReport(st);
  const names = new Map(st.people.map((p) => [p.id, p.name]));
  return (t) => {
    const r = report?.byId.get(t.id)?.stats;
    const out = [{ label: 'Territory manager', value: (t.managerId && names.get(t.managerId)) || '—' }];
    if (r) {
      out.push(
        { label: 'Stores', value: formatCount(r.stores) },
        { label: 'Customers', value: formatCount(r.customers) },
        { label: 'Penetration', value: formatPercent(r.penetration) },
        { label: 'Revenue', value: formatMoney(r.revenue) },
        { label: 'Potential', value: formatMoney(r.potential) },
        { label: 'Whitespace', value: formatMoney(r.whitespace) },
      );
    }
    return out;
  };
}

export function exportKml(st: AppState): void {
  const plan = st.plan;
  if (!plan) return;
  const kml = territoriesToKml(st.territories, { planName: plan.name, describe: kpisOf(st) });
  downloadText(planFileName(plan.name).replace(/\.plan\.geojson$/, '.kml'), kml, 'application/vnd.google-earth.kml+xml');
}

/**
 * Reads a plan file and adds it as a new plan (the open plan is untouched). A file that is
 * plain GeoJSON, not a plan file, is pointed to "Import territories".
 */
export async function readPlanFileInto(st: AppState, file: File): Promise<boolean> {
  const ws = st.workspace;
  if (!ws) return false;
  const text = await readTextFile(st, file, MAX_PLAN_FILE_BYTES, 'a plan file');
  if (text === null) return false;
  const res = readPlanFile(text, { people: st.people, stores: st.market, newPlanId: newPlanId(), workspaceId: ws.id, now: Date.now() });
  if (!res.ok) {
    const hint = res.reason === 'not-a-plan-file' ? ' To bring its polygons in as territories, use “Import territories”.' : '';
    st.notify('error', `${file.name} was not opened: ${res.message}${hint} Nothing was changed.`);
    return false;
  }
  const { bundle, newPeople, notes } = res.value;
  bundle.plan.name = uniquePlanName(bundle.plan.name, st.plans);
  const note = [`Opened ${file.name} as the plan ${bundle.plan.name}: ${bundle.territories.length} territories.`, ...notes].join(' ');
  return st.addPlan(bundle, note, newPeople);
}
