/**
 * The last line of "never lose work": changes that were not yet on disk when the page
 * closed. IndexedDB is asynchronous, and a transaction started in `pagehide` dies with the
 * page when it needs more than one round trip, so a reload right after an edit could lose
 * it. On `pagehide` the writing tab therefore also writes its unsaved batches to
 * localStorage, which is synchronous; the next start replays them into IndexedDB before
 * the workspace loads, and any successful save clears the journal.
 *
 * A batch is replayed only when it is newer than what the plan has on disk (its `savedAt`
 * is later than the plan's `updatedAt`): a batch whose write did finish, or a plan another
 * tab changed since, is left as it is. Best effort by design: a journal over the size
 * limit is written without its undo history, and without anything if still too large.
 */
import type { PlanChanges } from './planRepository';
import { savePlanChanges } from './planRepository';
import type { PlannerDb } from './schema';

export const JOURNAL_KEY = 'territory-planner/unsaved-changes';
/** localStorage holds about 5 MB per origin (UTF-16): stay well below. */
export const MAX_JOURNAL_CHARS = 2_000_000;

export type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The page's localStorage, or null where it is unavailable (blocked, private mode). */
export function browserJournalStorage(): JournalStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Writes the batches (oldest first) synchronously; false when nothing could be written. */
export function writeJournal(storage: JournalStorage, batches: readonly PlanChanges[]): boolean {
  if (batches.length === 0) return clearJournal(storage);
  let text = JSON.stringify(batches);
  if (text.length > MAX_JOURNAL_CHARS) {
    text = JSON.stringify(batches.map(({ history: _h, ...rest }) => rest));
    if (text.length > MAX_JOURNAL_CHARS) return false;
  }
  try {
    storage.setItem(JOURNAL_KEY, text);
    return true;
  } catch {
    return false;
  }
}

export function clearJournal(storage: JournalStorage): boolean {
  try {
    storage.removeItem(JOURNAL_KEY);
    return true;
  } catch {
    return false;
  }
}

function isBatch(v: unknown): v is PlanChanges {
  if (typeof v !== 'object' || v === null) return false;
  const b = v as Record<string, unknown>;
  return (
    typeof b['planId'] === 'string' &&
    typeof b['savedAt'] === 'number' &&
    ['territoryUpserts', 'territoryDeletes', 'regionUpserts', 'regionDeletes'].every((k) => Array.isArray(b[k]))
  );
}

export interface ReplayResult {
  /** Batches written to IndexedDB. */
  applied: number;
  /** Batches left out: already on disk, older than the plan, plan gone, or unreadable. */
  skipped: number;
}

/** Replays a journal left by a page that closed with unsaved changes, then removes it. */
export async function replayJournal(db: PlannerDb, storage: JournalStorage): Promise<ReplayResult> {
  let text: string | null;
  try {
    text = storage.getItem(JOURNAL_KEY);
  } catch {
    return { applied: 0, skipped: 0 };
  }
  if (!text) return { applied: 0, skipped: 0 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    clearJournal(storage);
    return { applied: 0, skipped: 1 };
  }
  const batches = Array.isArray(parsed) ? parsed : [];
  let applied = 0;
  let skipped = 0;
  for (const batch of batches) {
    if (!isBatch(batch)) {
      skipped++;
      continue;
    }
    const current = await db.plans.get(batch.planId);
    if (!current || current.updatedAt >= batch.savedAt) {
      skipped++;
      continue;
    }
    await savePlanChanges(db, batch);
    applied++;
  }
  clearJournal(storage);
  return { applied, skipped };
}
