/**
 * Debounced autosave of the open plan. The store tells the saver what a committed change
 * touched (territories, regions, the plan record); the saver writes the current version of
 * each after a short quiet period, and at once when the page is hidden or closed or another
 * plan is about to open. A failed write keeps the changes queued and says so: the app never
 * shows "saved" for data that is not on disk.
 */
import type { Plan, PlanId, Region, RegionId, Territory, TerritoryId } from '../domain/types';
import type { PlanChanges, PlanHistory } from './planRepository';

export type SaverState =
  | { kind: 'saved'; savedAt: number }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'error'; message: string };

/** What one committed change touched. */
export interface DirtyParts {
  territories?: Iterable<TerritoryId>;
  regions?: Iterable<RegionId>;
  /** The plan record itself (name, overlap rule, pins). */
  plan?: boolean;
}

/** The open plan as the saver reads it at flush time. */
export interface SaverSource {
  planId(): PlanId | null;
  territory(id: TerritoryId): Territory | undefined;
  region(id: RegionId): Region | undefined;
  plan(): Plan | null;
  history(): PlanHistory;
}

export interface PlanSaverOptions {
  source: SaverSource;
  /** Writes one batch; rejects on failure. */
  write: (changes: PlanChanges) => Promise<void>;
  onState: (state: SaverState) => void;
  delayMs?: number;
  now?: () => number;
}

export class PlanSaver {
  private territories = new Set<TerritoryId>();
  private regions = new Set<RegionId>();
  private planDirty = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  /** The batch being written, until its write settles (for `unsaved`). */
  private inFlightBatch: PlanChanges | null = null;
  private stopped = false;
  private readonly delayMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: PlanSaverOptions) {
    this.delayMs = opts.delayMs ?? 400;
    this.now = opts.now ?? Date.now;
  }

  /** Records what a change touched (created, edited or deleted). */
  markDirty(parts: DirtyParts): void {
    for (const id of parts.territories ?? []) this.territories.add(id);
    for (const id of parts.regions ?? []) this.regions.add(id);
    if (parts.plan) this.planDirty = true;
    if (!this.isDirty() || this.stopped) return;
    this.opts.onState({ kind: 'pending' });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Changes queued and not yet handed to a write. */
  hasQueued(): boolean {
    return this.isDirty();
  }

  hasPending(): boolean {
    return this.isDirty() || this.inFlight !== null;
  }

  private isDirty(): boolean {
    return this.territories.size > 0 || this.regions.size > 0 || this.planDirty;
  }

  /**
   * Writes everything queued now and resolves true when it is all on disk. Safe to call
   * repeatedly (pagehide, visibilitychange, before a plan switch): a flush already running
   * is awaited, then whatever was queued meanwhile is written.
   */
  async flush(): Promise<boolean> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.inFlight) await this.inFlight.catch(() => undefined);
    if (this.stopped) return !this.isDirty();
    if (!this.isDirty()) return true;
    const changes = this.batch();
    if (!changes) return false;
    const territoryIds = [...this.territories];
    const regionIds = [...this.regions];
    const planDirty = this.planDirty;
    this.territories.clear();
    this.regions.clear();
    this.planDirty = false;
    this.opts.onState({ kind: 'saving' });
    this.inFlight = this.opts.write(changes);
    this.inFlightBatch = changes;
    try {
      await this.inFlight;
      this.inFlight = null;
      this.inFlightBatch = null;
      if (!this.isDirty()) this.opts.onState({ kind: 'saved', savedAt: changes.savedAt });
      else this.opts.onState({ kind: 'pending' });
      return !this.isDirty();
    } catch (err) {
      this.inFlight = null;
      this.inFlightBatch = null;
      // Keep the batch queued so that the next change or flush retries it.
      for (const id of territoryIds) this.territories.add(id);
      for (const id of regionIds) this.regions.add(id);
      if (planDirty) this.planDirty = true;
      this.opts.onState({ kind: 'error', message: describeStorageError(err) });
      return false;
    }
  }

  /** The queued changes as one batch, read from the source now; null when nothing is queued. */
  private batch(): PlanChanges | null {
    const src = this.opts.source;
    const planId = src.planId();
    if (!planId || !this.isDirty()) return null;
    const changes: PlanChanges = { planId, territoryUpserts: [], territoryDeletes: [], regionUpserts: [], regionDeletes: [], savedAt: this.now(), history: src.history() };
    for (const id of this.territories) {
      const t = src.territory(id);
      if (t) changes.territoryUpserts.push(t);
      else changes.territoryDeletes.push(id);
    }
    for (const id of this.regions) {
      const r = src.region(id);
      if (r) changes.regionUpserts.push(r);
      else changes.regionDeletes.push(id);
    }
    const plan = src.plan();
    if (this.planDirty && plan) changes.plan = plan;
    return changes;
  }

  /**
   * Everything not yet known to be on disk, oldest first: the batch being written (its
   * write may never finish if the page is closing) and the queued changes. Synchronous, for
   * the unload journal (see db/unsavedJournal.ts).
   */
  unsaved(): PlanChanges[] {
    if (this.stopped) return [];
    const queued = this.batch();
    return [...(this.inFlightBatch ? [this.inFlightBatch] : []), ...(queued ? [queued] : [])];
  }

  /** Forgets queued changes without writing them (the plan they belong to is gone). */
  discard(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.territories.clear();
    this.regions.clear();
    this.planDirty = false;
  }

  /**
   * Stops writing for good (this tab lost the right to write: another tab took over, or a
   * newer version of the app upgraded the database). Queued changes stay queued, so
   * `hasPending` still tells the truth.
   */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  dispose(): void {
    this.stop();
  }
}

/** Turns IndexedDB/Dexie errors into a sentence a user can act on. */
export function describeStorageError(err: unknown): string {
  const name = err && typeof err === 'object' && 'name' in err ? String((err as { name: unknown }).name) : '';
  const inner = err && typeof err === 'object' && 'inner' in err ? (err as { inner?: { name?: string } }).inner : undefined;
  const n = inner?.name ?? name;
  if (n === 'QuotaExceededError') return 'the browser refused to save because its storage is full. Your work is kept in this tab: download a backup, then free some space.';
  if (n === 'InvalidStateError' || n === 'DatabaseClosedError') return 'the browser storage was closed (private mode or another tab?). Changes are kept in this tab only: download a backup.';
  const msg = err instanceof Error ? err.message : String(err);
  return `saving failed: ${msg}. Changes are kept in this tab and will be retried.`;
}
