/**
 * The composition root: the one place that knows every layer. It opens IndexedDB (or, when
 * the browser will not let us, an in-memory database with the same code paths), loads the
 * saved workspace or seeds the bundled sample market, builds the store with a persistence
 * port on top of src/db, and wires the autosave, the two-tab rule, schema upgrades in other
 * tabs and persistent storage. ui/ never imports db/: it only sees the store.
 */
import { PlanSaver, describeStorageError } from '../db/autosave';
import { readAllPlans, replaceEverything } from '../db/backupRepository';
import { commitImport, deletePerson, restorePerson, savePerson } from '../db/marketRepository';
import {
  createPlan,
  deletePlan,
  listPlans,
  loadPlan,
  loadWorkspace,
  readMeta,
  savePlanChanges,
  seedWorkspace,
  setActivePlan,
  writeMeta,
  type LoadedPlan,
  type LoadedWorkspace,
} from '../db/planRepository';
import { createPlannerDb, type PlannerDb } from '../db/schema';
import { browserJournalStorage, clearJournal, replayJournal, writeJournal } from '../db/unsavedJournal';
import { readStorageInfo, requestPersistentStorage } from '../db/storageQuota';
import { createTabCoordinator, type TabCoordinator } from '../db/tabCoordinator';
import type { PlanId } from '../domain/types';
import { createAppStore, type AppStore } from '../store/appStore';
import type { OpenedPlan, PersistencePort } from '../store/types';
import { buildSampleWorkspace, type JsonLoader } from './sampleWorkspace';
import { createUnitGraphService } from '../ui/map/unitGraphService';

export { buildSampleWorkspace, type JsonLoader } from './sampleWorkspace';

export interface BootOptions {
  /** The database to use; null = IndexedDB is unavailable (tests of the fallback). */
  db?: PlannerDb | null;
  now?: () => number;
  load?: JsonLoader;
  tabs?: TabCoordinator;
  /** The benchmark's baseline: recompute everything after every edit (see store/derivedSlice.ts). */
  fullRecompute?: boolean;
}

export interface Booted {
  store: AppStore;
  /** Writes pending changes now (also wired to pagehide / visibilitychange). */
  flush(): Promise<boolean>;
  /** "Use here": this tab becomes the one that writes (see db/tabCoordinator.ts). */
  takeOver(): Promise<void>;
}

const READ_ONLY_REASON = 'Territory Planner is open in another tab, which saves the changes. This tab shows them as they are saved; choose “Use here” to edit in this tab instead.';
const STALE_REASON = 'a newer version of Territory Planner was opened in another tab and upgraded the saved data. Reload this tab to keep working.';

const asOpened = (p: LoadedPlan): OpenedPlan => ({ bundle: p.bundle, history: p.history as unknown as OpenedPlan['history'], problems: p.problems });

/** An IndexedDB that lives in this tab's memory, for browsers that refuse a real one. */
async function openMemoryDb(): Promise<PlannerDb> {
  const { indexedDB, IDBKeyRange } = await import('fake-indexeddb');
  const db = createPlannerDb(`territory-planner-memory-${Date.now()}`, { indexedDB, IDBKeyRange });
  await db.open();
  return db;
}

export async function bootstrap(opts: BootOptions = {}): Promise<Booted> {
  const now = opts.now ?? Date.now;
  let db: PlannerDb;
  let memoryReason: string | null = null;
  try {
    const real = opts.db === undefined ? createPlannerDb() : opts.db;
    if (!real) throw new Error('IndexedDB is not available in this browser');
    await real.open();
    db = real;
  } catch (err) {
    memoryReason = describeStorageError(err);
    db = await openMemoryDb();
  }

  const tabs = memoryReason ? createTabCoordinator({}) : (opts.tabs ?? createTabCoordinator());
  let writer = await tabs.start();

  // Changes a closing page could not finish writing (see db/unsavedJournal.ts).
  const journal = memoryReason ? null : browserJournalStorage();
  let replayed = 0;
  if (journal && writer) {
    replayed = (await replayJournal(db, journal).catch(() => ({ applied: 0, skipped: 0 }))).applied;
  }

  let loaded = await loadWorkspace(db);
  let seeded = false;
  if (!loaded && !writer) loaded = await waitForSeed(db);
  if (!loaded) {
    const data = await buildSampleWorkspace(now(), opts.load);
    try {
      await seedWorkspace(db, data);
    } catch (err) {
      // First run on a full or broken storage: work in memory from the start.
      memoryReason = describeStorageError(err);
      db = await openMemoryDb();
      await seedWorkspace(db, data);
    }
    loaded = (await loadWorkspace(db))!;
    seeded = true;
  }
  const database = db;

  let saver: PlanSaver | null = null;
  const announce = (scope: 'plan' | 'plans' | 'market' | 'all', planId: PlanId | null = null) => tabs.announce(scope, planId);

  const port: PersistencePort = {
    markDirty: (parts) => saver?.markDirty(parts),
    flush: async () => (saver ? saver.flush() : true),
    readPlan: async (id) => {
      const p = await loadPlan(database, id);
      return p ? asOpened(p) : null;
    },
    openPlan: async (id) => {
      const p = await loadPlan(database, id);
      if (!p) return null;
      if (tabs.isWriter) await setActivePlan(database, p.bundle.plan.workspaceId, id).catch(() => undefined);
      return asOpened(p);
    },
    createPlan: async (bundle, history) => {
      await createPlan(database, bundle, history as never);
      announce('plans', bundle.plan.id);
    },
    deletePlan: async (id) => {
      await deletePlan(database, id);
      announce('plans', id);
    },
    savePerson: async (person) => {
      const r = await savePerson(database, person);
      if (!r.ok) throw new Error(r.message);
      announce('market');
    },
    savePeopleChange: async (change) => {
      for (const p of change.before.filter((x) => !change.after.some((y) => y.id === x.id))) {
        const r = await deletePerson(database, p.id, { reassignTo: change.reassignTo });
        if (!r.ok && r.reason !== 'not-found') throw new Error(r.message);
      }
      for (const p of change.after.filter((x) => !change.before.some((y) => y.id === x.id))) {
        await restorePerson(database, p, change.accounts.map((a) => ({ storeId: a.storeId, managerId: a.after })));
      }
      announce('market');
    },
    readAllPlans: async () => {
      const { plans, settings } = await readAllPlans(database);
      return { plans: plans.map((p) => ({ bundle: p.bundle, history: (p.history ?? { undo: [], redo: [] }) as OpenedPlan['history'] })), settings };
    },
    replaceEverything: async (content) => {
      saver?.discard();
      await replaceEverything(database, content, now());
      announce('all');
    },
    takeOver: () => takeOver(),
    markBackedUp: async (at) => {
      await writeMeta(database, 'lastBackupAt', at);
    },
    async commitImport(rows, importOpts) {
      const ws = store.getState().workspace;
      if (!ws) throw new Error('no workspace is loaded');
      const committed = await commitImport(database, ws.id, rows, {
        now: now(),
        mode: importOpts.replace ? 'replace' : 'merge',
        keepAccountManagerWhenBlank: importOpts.keepAccountManagers === true,
        onProgress: importOpts.onProgress,
      });
      announce('market');
      for (const p of committed.problems) store.getState().notify('error', p);
      return { summary: committed.summary, market: committed.market, people: committed.people };
    },
  };
  const store = createAppStore(port, now, { fullRecompute: opts.fullRecompute === true, ...(typeof Worker !== 'undefined' ? { unitGraphs: createUnitGraphService() } : {}) });
  const notify = (kind: 'error' | 'info', text: string) => store.getState().notify(kind, text);

  const saverOpts: ConstructorParameters<typeof PlanSaver>[0] = {
    source: {
      planId: () => store.getState().plan?.id ?? null,
      territory: (id) => store.getState().territories.find((t) => t.id === id),
      region: (id) => store.getState().regions.find((r) => r.id === id),
      plan: () => store.getState().plan,
      history: () => ({ undo: store.getState().undoStack, redo: store.getState().redoStack }) as never,
    },
    write: async (changes) => {
      await savePlanChanges(database, changes);
      if (journal && !saver?.hasQueued()) clearJournal(journal);
      announce('plan', changes.planId);
    },
    // In memory the save status keeps saying so: "saved" would be a lie about the disk.
    onState: (s) => {
      if (!memoryReason) store.getState().setSaveState(s);
    },
    now,
  };
  saver = new PlanSaver(saverOpts);

  const show = (data: LoadedWorkspace) => {
    const st = store.getState();
    st.setPlans(data.plans);
    st.setMarket(data.market, data.people, { recompute: false }); // loadPlan computes, once
    st.loadPlan(data.workspace, data.active.bundle, asOpened(data.active).history);
  };
  show(loaded);
  for (const p of [...loaded.problems, ...loaded.active.problems]) notify('error', p);
  if (replayed > 0) notify('info', 'Changes that were still being saved when the page closed have been saved.');
  if (seeded) notify('info', `Loaded the sample market: ${loaded.market.length.toLocaleString('en-US')} stores and ${loaded.active.bundle.territories.length} demo territories.`);

  if (memoryReason) {
    store.getState().setStorage({ kind: 'memory' });
    store.getState().setSaveState({ kind: 'memory-only', message: `browser storage is unavailable (${memoryReason}). Your work lives in this tab only: download a backup before closing it.` });
  } else {
    store.getState().setSaveState({ kind: 'saved', savedAt: loaded.active.bundle.plan.updatedAt });
  }

  // --- one writer among tabs -----------------------------------------------------------
  const becomeReader = () => {
    writer = false;
    saver?.stop();
    if (store.getState().access.kind !== 'stale') store.getState().setAccess({ kind: 'read-only', reason: READ_ONLY_REASON });
  };
  /** Shows what the writer saved: the plan on screen, the plan list, the market. */
  const reload = async (scope: 'plan' | 'plans' | 'market' | 'all') => {
    const st = store.getState();
    if (scope === 'market' || scope === 'all') {
      const fresh = await loadWorkspace(database);
      if (fresh) {
        st.setPlans(fresh.plans);
        st.setMarket(fresh.market, fresh.people);
      }
    } else if (st.workspace) {
      st.setPlans(await listPlans(database, st.workspace.id));
    }
    const viewing = store.getState().plan?.id;
    const plans = store.getState().plans;
    const id = plans.some((p) => p.id === viewing) ? viewing! : plans[0]?.id;
    const p = id ? await loadPlan(database, id) : null;
    if (p && store.getState().workspace) store.getState().loadPlan(store.getState().workspace!, p.bundle, asOpened(p).history);
  };
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  let pendingScope: 'plan' | 'plans' | 'market' | 'all' | null = null;
  tabs.onRemoteSave((msg) => {
    const rank = { plan: 0, plans: 1, market: 2, all: 3 } as const;
    pendingScope = pendingScope && rank[pendingScope] >= rank[msg.scope] ? pendingScope : msg.scope;
    if (reloadTimer) clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => {
      const scope = pendingScope!;
      pendingScope = null;
      void reload(scope).catch((err: unknown) => notify('error', `Could not show the other tab's changes: ${err instanceof Error ? err.message : String(err)}`));
    }, 150);
  });
  tabs.onTakeOverRequested(async () => {
    await saver?.flush();
  });
  tabs.onLost(() => becomeReader());
  if (!writer) becomeReader();

  async function takeOver(): Promise<void> {
    await tabs.takeOver();
    if (!tabs.isWriter) return;
    writer = true;
    const fresh = await loadWorkspace(database);
    if (fresh) show(fresh);
    saver = new PlanSaver(saverOpts);
    store.getState().setAccess({ kind: 'write' });
    store.getState().setSaveState({ kind: 'saved', savedAt: store.getState().plan?.updatedAt ?? now() });
    store.getState().notify('info', 'This tab now saves your changes; the other tab shows them.');
  }

  // --- a newer version in another tab ----------------------------------------------------
  database.on('versionchange', () => {
    saver?.stop();
    store.getState().setAccess({ kind: 'stale', reason: STALE_REASON });
    // Dexie closes the connection after this handler, so the other tab can upgrade.
  });

  // --- persistent storage and the storage panel -------------------------------------------
  const refreshStorage = async () => {
    const info = await readStorageInfo();
    const last = await readMeta(database, 'lastBackupAt').catch(() => undefined);
    store.getState().setStorage({ ...info, lastBackupAt: typeof last === 'number' ? last : null });
  };
  const askPersistence = async () => {
    if (memoryReason || !tabs.isWriter || store.getState().storage.persisted === true) return;
    await requestPersistentStorage();
    await refreshStorage();
  };
  void refreshStorage().then(() => {
    // A workspace that already holds the user's own work asks at once; a fresh sample waits.
    if (!seeded && hasOwnWork(loaded!)) void askPersistence();
  });
  let asked = !seeded && hasOwnWork(loaded);
  store.subscribe((s, prev) => {
    if (asked) return;
    const own = (s.undoStack !== prev.undoStack && s.undoStack.length > 0) || s.plans.length > prev.plans.length || (s.market !== prev.market && prev.market.length > 0);
    if (own) {
      asked = true;
      void askPersistence();
    }
  });

  const flush = async () => (saver ? saver.flush() : true);
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', () => {
      // Synchronously first: the asynchronous save below may not outlive the page.
      if (journal && saver && tabs.isWriter && saver.hasPending()) writeJournal(journal, saver.unsaved());
      void flush();
    });
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void flush();
      else void refreshStorage().catch(() => undefined);
    });
    window.addEventListener('beforeunload', (e) => {
      if (saver?.hasPending() && tabs.isWriter) {
        void flush();
        e.preventDefault();
      }
    });
  }
  return { store, flush, takeOver };
}

/** True when the stored workspace holds more than the untouched sample (edits, plans). */
function hasOwnWork(w: LoadedWorkspace): boolean {
  return w.plans.length > 1 || w.active.history.undo.length > 0 || w.plans.some((p) => p.updatedAt > p.createdAt);
}

/** A second tab opened during the first tab's first run waits for its seed. */
async function waitForSeed(db: PlannerDb): Promise<LoadedWorkspace | null> {
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const w = await loadWorkspace(db);
    if (w) return w;
  }
  return null;
}
