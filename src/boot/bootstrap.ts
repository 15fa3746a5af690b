/**
 * Starts the app's data: opens IndexedDB, loads the saved workspace or seeds the bundled
 * sample market on first run, binds the store to the autosaver. When IndexedDB cannot be
 * used the app still starts, in memory, and says so.
 */
import { Autosaver, describeStorageError } from '../db/autosave';
import { commitImport, deletePerson, loadMarket, savePerson } from '../db/marketRepository';
import { deleteRegion, loadWorkspace, savePlan, saveRegion, saveTerritoryChanges, seedWorkspace, type LoadedWorkspace, type SeedInput } from '../db/planRepository';
import { createPlannerDb, type PlannerDb } from '../db/schema';
import { parseDemoPlan, parseSampleMarket } from '../domain/sampleData';
import type { PlanId, Territory, WorkspaceId } from '../domain/types';
import { createAppStore, type AppStore } from '../store/appStore';
import demoPlanUrl from '../../data/demo-plan.json?url';
import sampleMarketUrl from '../../data/sample-market.json?url';

const WORKSPACE_ID = 'ws-default' as WorkspaceId;
const PLAN_ID = 'plan-demo' as PlanId;

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
  const territories: Territory[] = demo.value.territories.map((t) => ({ ...t, planId: PLAN_ID }));
  const people = [...market.value.people, ...demo.value.people].map((p) => ({ ...p, workspaceId: WORKSPACE_ID }));
  return {
    workspace: { id: WORKSPACE_ID, name: 'Sample market', activePlanId: PLAN_ID, createdAt: now },
    plan: { id: PLAN_ID, workspaceId: WORKSPACE_ID, name: typeof planName === 'string' ? planName : 'Demo plan', createdAt: now, updatedAt: now },
    territories,
    stores: market.value.stores,
    people,
  };
}

export interface Booted {
  store: AppStore;
  /** Writes pending changes now (also wired to pagehide / visibilitychange). */
  flush(): Promise<void>;
}

export async function bootstrap(opts: { db?: PlannerDb | null; now?: () => number; load?: JsonLoader } = {}): Promise<Booted> {
  const now = opts.now ?? Date.now;
  let saver: Autosaver | null = null;
  let database: PlannerDb | null = null;
  const store = createAppStore({
    markDirty: (ids) => saver?.markDirty(ids),
    async savePerson(person) {
      if (!database) return;
      const r = await savePerson(database, person);
      if (!r.ok) throw new Error(r.message);
    },
    async deletePerson(id, reassignTo) {
      if (!database) return;
      const r = await deletePerson(database, id, { reassignTo });
      if (!r.ok) throw new Error(r.message);
    },
    async savePlan(plan) {
      if (database) await savePlan(database, plan);
    },
    async saveRegion(region) {
      if (database) await saveRegion(database, region);
    },
    async deleteRegion(id) {
      if (database) await deleteRegion(database, id);
    },
    async commitImport(rows, opts) {
      const ws = store.getState().workspace;
      if (!database || !ws) {
        throw new Error('browser storage is unavailable in this session, and an import must be saved before it is used. Reload the page or leave private browsing, then import again.');
      }
      const summary = await commitImport(database, ws.id, rows, {
        now: now(),
        mode: opts.replace ? 'replace' : 'merge',
        keepAccountManagerWhenBlank: opts.keepAccountManagers === true,
        onProgress: opts.onProgress,
      });
      const market = await loadMarket(database, ws.id);
      return { summary, stores: market.stores, people: market.people };
    },
  });
  const notify = (kind: 'error' | 'info', text: string) => store.getState().notify(kind, text);

  let db: PlannerDb | null = null;
  let data: SeedInput | null = null;
  let storageProblem: string | null = null;
  try {
    db = opts.db === undefined ? createPlannerDb() : opts.db;
    if (!db) throw new Error('IndexedDB is not available in this browser');
    await db.open();
    const loaded = await loadWorkspace(db);
    if (loaded) {
      data = loaded;
      for (const p of loaded.problems) notify('error', p);
    } else {
      data = await buildSampleWorkspace(now(), opts.load);
      await seedWorkspace(db, data);
      notify('info', `Loaded the sample market: ${data.stores.length.toLocaleString('en-US')} stores and ${data.territories.length} demo territories.`);
    }
  } catch (err) {
    storageProblem = describeStorageError(err);
    db = null;
  }
  if (!data) data = await buildSampleWorkspace(now(), opts.load);

  store.getState().setMarket(data.stores, data.people);
  store.getState().loadPlan(data.workspace, data.plan, data.territories, 'history' in data ? (data as LoadedWorkspace).history : undefined);
  if ('regions' in data) store.getState().setRegions((data as LoadedWorkspace).regions);

  if (db) {
    database = db;
    const dbRef = db;
    saver = new Autosaver({
      planId: data.plan.id,
      getTerritory: (id) => store.getState().territories.find((t) => t.id === id),
      write: (changes) => saveTerritoryChanges(dbRef, changes),
      onState: (s) => store.getState().setSaveState(s),
      getHistory: () => ({ undo: store.getState().undoStack, redo: store.getState().redoStack }),
      now,
    });
    store.getState().setSaveState({ kind: 'saved', savedAt: data.plan.updatedAt });
  } else {
    store.getState().setSaveState({
      kind: 'memory-only',
      message: `browser storage is unavailable (${storageProblem ?? 'unknown reason'}). Your work lives in this tab only: export it before closing.`,
    });
  }

  const flush = async () => {
    await saver?.flush();
  };
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', () => void flush());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void flush();
    });
    window.addEventListener('beforeunload', (e) => {
      if (saver?.hasPending()) {
        void flush();
        e.preventDefault();
      }
    });
  }
  return { store, flush };
}
