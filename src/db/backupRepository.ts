/**
 * Everything in this browser's planner database, read for a backup and written back by a
 * restore. A restore replaces the whole content in ONE transaction: if any record cannot be
 * written (storage full, a bug), the browser keeps exactly what it had.
 */
import type { BackupContent, BackupPlan } from '../domain/backup';
import { listPlans, loadPlan, type PlanHistory } from './planRepository';
import { marketFromRecords, writeMarket } from './marketChunks';
import type { HistoryEntry, PlannerDb } from './schema';

/** Meta keys that describe this browser, not the user's work: never part of a backup. */
const LOCAL_META = new Set(['seededAt', 'lastBackupAt', 'persistAskedAt']);

/**
 * Every plan of the first workspace as stored (bundle + undo history) and the workspace's
 * settings: what a backup needs besides what the app holds in memory (market, people).
 */
export async function readAllPlans(db: PlannerDb): Promise<{ plans: BackupPlan[]; settings: Record<string, unknown> }> {
  return db.transaction('r', [db.workspaces, db.plans, db.planTerritories, db.planRegions, db.history, db.meta], async () => {
    const workspace = await db.workspaces.toCollection().first();
    const plans: BackupPlan[] = [];
    if (workspace) {
      for (const p of await listPlans(db, workspace.id)) {
        const one = await loadPlan(db, p.id);
        if (one) plans.push({ bundle: one.bundle, history: one.history });
      }
    }
    const settings: Record<string, unknown> = Object.create(null);
    for (const m of await db.meta.toArray()) if (!LOCAL_META.has(m.key)) settings[m.key] = m.value;
    return { plans, settings };
  });
}

/** Replaces the database content with a (validated) backup, all or nothing. */
export async function replaceEverything(db: PlannerDb, content: BackupContent, now: number): Promise<void> {
  // A backup file keeps stores as a table of rows: they become columns here, at the boundary.
  const market = marketFromRecords(content.stores);
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
    const ws = content.workspace;
    await db.workspaces.put(ws);
    for (const { bundle, history } of content.plans) {
      await db.plans.add({ ...bundle.plan, workspaceId: ws.id });
      if (bundle.territories.length > 0) await db.planTerritories.bulkAdd(bundle.territories.map((t) => ({ ...t, planId: bundle.plan.id })));
      if (bundle.regions.length > 0) await db.planRegions.bulkAdd(bundle.regions.map((r) => ({ ...r, planId: bundle.plan.id })));
      if (history && (history.undo.length > 0 || history.redo.length > 0)) {
        await db.history.put({ planId: bundle.plan.id, ...(history as PlanHistory & { undo: HistoryEntry[]; redo: HistoryEntry[] }) });
      }
    }
    await writeMarket(db, ws.id, market);
    await db.people.bulkAdd(content.people.map((p) => ({ ...p, workspaceId: ws.id })));
    for (const [key, value] of Object.entries(content.settings)) await db.meta.put({ key, value });
    await db.meta.put({ key: 'seededAt', value: now });
  });
}
