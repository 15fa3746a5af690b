/**
 * The page's side of any worker that runs long jobs (ARCHITECTURE rule 8): the import and
 * the auto-balance both use it. A session holds one worker, started on the first call;
 * calls go through a Comlink proxy, progress callbacks cross as Comlink proxies
 * (`progressProxy`), and:
 *
 * - **Cancel = terminate.** A busy worker cannot read a "stop" message, terminating it
 *   cannot fail: `cancel()` ends the worker at once, every running call rejects with the
 *   session's cancelled error, and the next call starts a fresh worker, so nothing of a
 *   cancelled job survives.
 * - **Fail fast.** A worker that crashes (error event: out of memory, a load error) or
 *   whose message cannot be read (`messageerror`) ends the session: running calls reject at
 *   once with the session's crash error instead of waiting forever.
 * - Errors thrown by the worker's own functions reach the caller as errors (Comlink) and
 *   leave the worker running (its state, e.g. a parsed file, stays).
 *
 * The worker side is a plain api object exposed with Comlink; its progress reports go
 * through `throttleProgress` (workerProgress.ts).
 */
import { proxy, wrap, type Remote } from 'comlink';

/** What a session needs of a Worker (a fake over a MessageChannel in tests). */
export type WorkerLike = Pick<Worker, 'postMessage' | 'addEventListener' | 'removeEventListener' | 'terminate'>;

/** Thrown into calls that were running when their session was cancelled or disposed. */
export class WorkerCancelledError extends Error {
  override name = 'WorkerCancelledError';
  constructor(message = 'The work was cancelled.') {
    super(message);
  }
}

/** Thrown into running calls when the worker itself failed (crash, out of memory, load error). */
export class WorkerCrashedError extends Error {
  override name = 'WorkerCrashedError';
}

/** True for a cancellation of any session (also across realms, by name). */
export function isWorkerCancelled(err: unknown): boolean {
  return err instanceof WorkerCancelledError || (err instanceof Error && /CancelledError$/.test(err.name));
}

export interface WorkerSessionOptions {
  createWorker: () => WorkerLike;
  /** The error running calls reject with on cancel() and dispose(). */
  cancelled?: () => Error;
  /** The error running calls reject with when the worker crashes; `detail` is " (message)" or "". */
  crashed?: (detail: string) => Error;
}

export interface WorkerSession<Api> {
  /** Runs `fn` against the worker (started if needed); rejects at once on cancel or crash. */
  call<T>(fn: (remote: Remote<Api>) => Promise<T>): Promise<T>;
  /** Terminates the worker now; running calls reject with the cancelled error. */
  cancel(): void;
  /** Frees the worker (same as cancel; say which you mean). */
  dispose(): void;
  /** True while a call is running (for a Cancel button). */
  readonly busy: boolean;
}

/** A progress callback as it must cross to a worker (a Comlink proxy), or undefined. */
export function progressProxy(cb: ((fraction: number) => void) | undefined): ((fraction: number) => void) | undefined {
  return cb ? proxy(cb) : undefined;
}

interface Live<Api> {
  remote: Remote<Api>;
  /** Rejects when the session ends (cancel, dispose, worker error); raced with every call. */
  ended: Promise<never>;
  end(reason: Error): void;
}

export function createWorkerSession<Api>(options: WorkerSessionOptions): WorkerSession<Api> {
  const cancelled = options.cancelled ?? (() => new WorkerCancelledError());
  const crashed = options.crashed ?? ((detail: string) => new WorkerCrashedError(`The worker stopped unexpectedly${detail}.`));
  let live: Live<Api> | null = null;
  let running = 0;

  function open(): Live<Api> {
    if (live) return live;
    const worker = options.createWorker();
    let reject!: (err: Error) => void;
    const ended = new Promise<never>((_, r) => (reject = r));
    ended.catch(() => undefined); // only raced; never unhandled
    const onError = (ev: Event) => {
      ev.preventDefault?.();
      const message = (ev as Partial<ErrorEvent>).message;
      close(crashed(typeof message === 'string' && message !== '' ? ` (${message})` : ''));
    };
    worker.addEventListener('error', onError);
    worker.addEventListener('messageerror', onError);
    const s: Live<Api> = {
      remote: wrap<Api>(worker),
      ended,
      end(reason) {
        worker.removeEventListener('error', onError);
        worker.removeEventListener('messageerror', onError);
        worker.terminate();
        reject(reason);
      },
    };
    live = s;
    return s;
  }

  function close(reason: Error): void {
    const s = live;
    live = null;
    s?.end(reason);
  }

  return {
    async call<T>(fn: (remote: Remote<Api>) => Promise<T>): Promise<T> {
      const s = open();
      running++;
      try {
        return await Promise.race([fn(s.remote), s.ended]);
      } finally {
        running--;
      }
    },
    cancel() {
      close(cancelled());
    },
    dispose() {
      close(cancelled());
    },
    get busy() {
      return running > 0;
    },
  };
}
