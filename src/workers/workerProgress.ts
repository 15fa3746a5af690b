/**
 * The worker's side of progress reporting, shared by every worker that runs long jobs
 * (import, auto-balance): reports go to the page at most every `step` (a Comlink callback
 * is one message per call), and `release` closes the callback's message port once the call
 * is over. A page that went away never stops the work.
 */
import { releaseProxy } from 'comlink';

export type ProgressCallback = ((fraction: number) => unknown) | undefined;

export interface ThrottledProgress {
  /** Reports a fraction 0…1 (clamped); dropped when within `step` of the last one sent, except 0 first and 1 last. */
  report(fraction: number): void;
  /** Frees the Comlink proxy behind the callback (call in `finally`). */
  release(): void;
}

export function throttleProgress(cb: ProgressCallback, step = 0.01): ThrottledProgress {
  let last = -1;
  return {
    report(f: number) {
      if (!cb) return;
      const v = Math.min(1, Math.max(0, Number.isFinite(f) ? f : 0));
      if (v - last < step && !(v === 1 && last < 1) && !(v === 0 && last < 0)) return;
      last = v;
      try {
        void Promise.resolve(cb(v)).catch(() => undefined);
      } catch {
        // the page went away; the work itself goes on
      }
    },
    release() {
      // A Comlink remote answers [releaseProxy] with a function; a plain callback does not.
      const release = cb ? (cb as unknown as { [releaseProxy]?: unknown })[releaseProxy] : undefined;
      if (typeof release === 'function') {
        try {
          void Promise.resolve(release()).catch(() => undefined);
        } catch {
          // already released
        }
      }
    },
  };
}
