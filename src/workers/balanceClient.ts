/**
 * The page's side of the balance worker, on the generic worker session (workerSession.ts):
 * `balance` runs a job with progress, `cancel` terminates the worker (the running call
 * rejects with BalanceCancelledError), a crashed worker fails the call at once.
 */
import type { BalanceJob, BalanceJobResult, UnitGraph } from '../domain/balance';
import type { BalanceWorkerApi } from './balance.worker';
import { createWorkerSession, progressProxy, WorkerCancelledError, WorkerCrashedError, type WorkerLike } from './workerSession';

export class BalanceCancelledError extends WorkerCancelledError {
  override name = 'BalanceCancelledError';
  constructor() {
    super('Balancing was cancelled.');
  }
}

export interface BalanceClient {
  balance(job: BalanceJob, onProgress?: (fraction: number) => void): Promise<BalanceJobResult>;
  unitGraph(level: 'states' | 'counties'): Promise<UnitGraph>;
  /** Builds a layer's graph and index in the worker ahead of a run. */
  prepare(level: 'states' | 'counties'): Promise<void>;
  cancel(): void;
  dispose(): void;
  readonly busy: boolean;
}

function defaultWorker(): WorkerLike {
  return new Worker(new URL('./balance.worker.ts', import.meta.url), { type: 'module', name: 'balance' });
}

export function createBalanceClient(opts: { createWorker?: () => WorkerLike } = {}): BalanceClient {
  const session = createWorkerSession<BalanceWorkerApi>({
    createWorker: opts.createWorker ?? defaultWorker,
    cancelled: () => new BalanceCancelledError(),
    crashed: (detail) => new WorkerCrashedError(`Balancing stopped unexpectedly${detail}. Try fewer units (a coarser layer).`),
  });
  return {
    balance: (job, onProgress) => session.call((r) => r.balance(job, progressProxy(onProgress))),
    unitGraph: (level) => session.call((r) => r.unitGraph(level)),
    prepare: (level) => session.call((r) => r.prepare(level)),
    cancel: () => session.cancel(),
    dispose: () => session.dispose(),
    get busy() {
      return session.busy;
    },
  };
}
