/**
 * Debounced autosave of territory changes. The store tells the saver which territories a
 * committed change touched; the saver writes the current version of each after a short
 * quiet period, and at once when the page is hidden or closed. A failed write keeps the
 * changes queued and says so: the app never shows "saved" for data that is not on disk.
 */
import type { PlanId, Territory, TerritoryId } from '../domain/types';
import type { TerritoryChanges } from './planRepository';

export type SaveState =
  | { kind: 'saved'; savedAt: number }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'error'; message: string }
  | { kind: 'memory-only'; message: string };

export interface AutosaverOptions {
  planId: PlanId;
  /** Reads the current territory by id at flush time (undefined = it was deleted). */
  getTerritory: (id: TerritoryId) => Territory | undefined;
  /** Writes one batch; rejects on failure. */
  write: (changes: TerritoryChanges) => Promise<void>;
  onState: (state: SaveState) => void;
  /** The plan's undo/redo stacks at flush time, saved with the changes they describe. */
  getHistory?: () => NonNullable<TerritoryChanges['history']>;
  delayMs?: number;
  now?: () => number;
}

export class Autosaver {
  private dirty = new Set<TerritoryId>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private readonly delayMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: AutosaverOptions) {
    this.delayMs = opts.delayMs ?? 400;
    this.now = opts.now ?? Date.now;
  }

  /** Records that these territories changed (created, edited or deleted). */
  markDirty(ids: Iterable<TerritoryId>): void {
    for (const id of ids) this.dirty.add(id);
    if (this.dirty.size === 0) return;
    this.opts.onState({ kind: 'pending' });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  hasPending(): boolean {
    return this.dirty.size > 0 || this.inFlight !== null;
  }

  /**
   * Writes everything queued now. Safe to call repeatedly (pagehide, visibilitychange):
   * a flush already running is awaited, then whatever was queued meanwhile is written.
   */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.inFlight) await this.inFlight.catch(() => undefined);
    if (this.dirty.size === 0) return;
    const ids = [...this.dirty];
    this.dirty.clear();
    const upserts: Territory[] = [];
    const deletes: TerritoryId[] = [];
    for (const id of ids) {
      const t = this.opts.getTerritory(id);
      if (t) upserts.push(t);
      else deletes.push(id);
    }
    const savedAt = this.now();
    this.opts.onState({ kind: 'saving' });
    const history = this.opts.getHistory?.();
    this.inFlight = this.opts.write({ planId: this.opts.planId, upserts, deletes, savedAt, ...(history ? { history } : {}) });
    try {
      await this.inFlight;
      this.inFlight = null;
      if (this.dirty.size === 0) this.opts.onState({ kind: 'saved', savedAt });
      else this.opts.onState({ kind: 'pending' });
    } catch (err) {
      this.inFlight = null;
      // Keep the batch queued so that the next change or flush retries it.
      for (const id of ids) this.dirty.add(id);
      this.opts.onState({ kind: 'error', message: describeStorageError(err) });
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** Turns IndexedDB/Dexie errors into a sentence a user can act on. */
export function describeStorageError(err: unknown): string {
  const name = err && typeof err === 'object' && 'name' in err ? String((err as { name: unknown }).name) : '';
  const inner = err && typeof err === 'object' && 'inner' in err ? (err as { inner?: { name?: string } }).inner : undefined;
  const n = inner?.name ?? name;
  if (n === 'QuotaExceededError') return 'The browser refused to save: storage is full. Free some space or export your plan.';
  if (n === 'InvalidStateError' || n === 'DatabaseClosedError') return 'The browser storage was closed (private mode or another tab?). Changes are kept in this tab only.';
  const msg = err instanceof Error ? err.message : String(err);
  return `Saving failed: ${msg}. Changes are kept in this tab and will be retried.`;
}
