/**
 * The first-run workspace: the bundled sample market and demo plan (files in data/), so the
 * app is useful the moment it starts.
 */
import type { SeedInput } from '../db/planRepository';
import { parseDemoPlan, parseSampleMarket } from '../domain/sampleData';
import type { PlanId, Territory, WorkspaceId } from '../domain/types';
import demoPlanUrl from '../../data/demo-plan.json?url';
import sampleMarketUrl from '../../data/sample-market.json?url';

export const SAMPLE_WORKSPACE_ID = 'ws-default' as WorkspaceId;
export const DEMO_PLAN_ID = 'plan-demo' as PlanId;

/** Reads one of the bundled data files; tests replace it with a file read. */
export type JsonLoader = (file: 'sample-market' | 'demo-plan') => Promise<unknown>;

/** The bundled files are hashed same-origin assets (fetched once, then cached offline). */
const fetchBundled: JsonLoader = async (file) => {
  const url = file === 'sample-market' ? sampleMarketUrl : demoPlanUrl;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not read the bundled ${file} (${res.status})`);
  return res.json();
};

/** Builds the first-run workspace from the files shipped in data/. */
export async function buildSampleWorkspace(now: number, load: JsonLoader = fetchBundled): Promise<SeedInput> {
  const [marketJson, planJson] = await Promise.all([load('sample-market'), load('demo-plan')]);
  const market = parseSampleMarket(marketJson);
  if (!market.ok) throw new Error(`The bundled sample market is damaged: ${market.message}`);
  const demo = parseDemoPlan(planJson);
  if (!demo.ok) throw new Error(`The bundled demo plan is damaged: ${demo.message}`);
  const planName = (planJson as { name?: unknown }).name;
  const territories: Territory[] = demo.value.territories.map((t) => ({ ...t, planId: DEMO_PLAN_ID }));
  const people = [...market.value.people, ...demo.value.people].map((p) => ({ ...p, workspaceId: SAMPLE_WORKSPACE_ID }));
  return {
    workspace: { id: SAMPLE_WORKSPACE_ID, name: 'Sample market', activePlanId: DEMO_PLAN_ID, createdAt: now },
    plans: [
      {
        plan: { id: DEMO_PLAN_ID, workspaceId: SAMPLE_WORKSPACE_ID, name: typeof planName === 'string' ? planName : 'Demo plan', createdAt: now, updatedAt: now },
        territories,
        regions: [],
      },
    ],
    stores: market.value.stores,
    people,
  };
}
