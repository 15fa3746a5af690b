/**
 * Two tabs of the app on one browser profile share one IndexedDB. Each tab keeps its own
 * undo history and autosave queue, so two tabs writing the same plan would overwrite each
 * other's edits without a word. Rule: ONE tab writes. The first tab holds a Web Lock; any
 * other tab opens read-only, shows what the writer saves (it reloads on the writer's
 * "saved" broadcast), and offers "Use here", which asks the writer to save, step down and
 * hand the lock over — so no edit is lost in the hand-over.
 *
 * Web Locks are released by the browser when a tab closes or crashes, so a dead writer never
 * blocks the others. Without Web Locks or BroadcastChannel (old browsers, tests) every tab
 * is a writer, as before.
 */

const LOCK_NAME = 'territory-planner/writer';
const CHANNEL_NAME = 'territory-planner';
/** How long "Use here" waits for the writer to save and step down before taking the lock. */
const HANDOVER_TIMEOUT_MS = 4000;

/** What a writer tells the other tabs. */
export type TabMessage =
  | { type: 'saved'; planId: string | null; scope: 'plan' | 'plans' | 'market' | 'all'; from: string }
  | { type: 'take-over'; from: string }
  | { type: 'released'; from: string };

export interface TabCoordinatorDeps {
  locks?: LockManager | undefined;
  createChannel?: ((name: string) => BroadcastChannel) | undefined;
}

export interface TabCoordinator {
  /** Tries to become the writer; false when another tab is writing. */
  start(): Promise<boolean>;
  readonly isWriter: boolean;
  /** "Use here": asks the writer to step down, then takes the lock (and steals it if the writer does not answer). */
  takeOver(): Promise<void>;
  /**
   * Called on the writer when another tab asks to take over: the writer saves what it has
   * (the promise), stops writing, then the lock is handed over.
   */
  onTakeOverRequested(handler: () => Promise<void>): void;
  /** Called when this tab lost the writer role (handed over, or the lock was stolen). */
  onLost(handler: () => void): void;
  /** The writer says what it saved; readers reload that. */
  announce(scope: Extract<TabMessage, { type: 'saved' }>['scope'], planId: string | null): void;
  onRemoteSave(handler: (msg: Extract<TabMessage, { type: 'saved' }>) => void): void;
  close(): void;
}

export function createTabCoordinator(deps: TabCoordinatorDeps = defaultDeps()): TabCoordinator {
  const me = Math.random().toString(36).slice(2);
  const locks = deps.locks;
  const channel = deps.createChannel?.(CHANNEL_NAME) ?? null;
  let writer = false;
  let release: (() => void) | null = null;
  let takeOverHandler: () => Promise<void> = async () => {};
  let lostHandler: () => void = () => {};
  let remoteSaveHandler: (msg: Extract<TabMessage, { type: 'saved' }>) => void = () => {};
  let releasedWaiter: (() => void) | null = null;

  const post = (msg: TabMessage) => channel?.postMessage(msg);

  /** Requests the lock; resolves true once held (false when `ifAvailable` finds it taken). */
  const acquire = (options: LockOptions): Promise<boolean> =>
    new Promise<boolean>((resolve) => {
      if (!locks) return resolve(true);
      locks
        .request(LOCK_NAME, options, (lock) => {
          if (!lock) {
            resolve(false);
            return undefined;
          }
          writer = true;
          resolve(true);
          return new Promise<void>((r) => (release = r));
        })
        .catch(() => {
          // The lock was stolen by a tab that used "Use here" without an answer from us.
          if (writer) {
            writer = false;
            release = null;
            lostHandler();
          }
          resolve(false);
        });
    });

  channel?.addEventListener('message', (ev: MessageEvent<TabMessage>) => {
    const msg = ev.data;
    if (!msg || msg.from === me) return;
    if (msg.type === 'saved' && !writer) remoteSaveHandler(msg);
    if (msg.type === 'released') releasedWaiter?.();
    if (msg.type === 'take-over' && writer) {
      void (async () => {
        try {
          await takeOverHandler();
        } finally {
          writer = false;
          release?.();
          release = null;
          lostHandler();
          post({ type: 'released', from: me });
        }
      })();
    }
  });

  return {
    async start() {
      if (!locks || !channel) {
        writer = true;
        return true;
      }
      return acquire({ ifAvailable: true });
    },
    get isWriter() {
      return writer;
    },
    async takeOver() {
      if (writer) return;
      const released = new Promise<void>((r) => {
        releasedWaiter = r;
        setTimeout(r, HANDOVER_TIMEOUT_MS);
      });
      post({ type: 'take-over', from: me });
      await released;
      releasedWaiter = null;
      const waiting = new AbortController();
      const timer = setTimeout(() => waiting.abort(), HANDOVER_TIMEOUT_MS);
      const got = await acquire({ signal: waiting.signal });
      clearTimeout(timer);
      // The writer did not hand over in time (frozen or throttled): take the lock anyway.
      if (!got && !writer) await acquire({ steal: true });
    },
    onTakeOverRequested(handler) {
      takeOverHandler = handler;
    },
    onLost(handler) {
      lostHandler = handler;
    },
    announce(scope, planId) {
      if (writer) post({ type: 'saved', scope, planId, from: me });
    },
    onRemoteSave(handler) {
      remoteSaveHandler = handler;
    },
    close() {
      release?.();
      channel?.close();
    },
  };
}

function defaultDeps(): TabCoordinatorDeps {
  const nav = typeof navigator !== 'undefined' ? navigator : undefined;
  return {
    locks: nav && 'locks' in nav ? nav.locks : undefined,
    createChannel: typeof BroadcastChannel !== 'undefined' ? (name) => new BroadcastChannel(name) : undefined,
  };
}
