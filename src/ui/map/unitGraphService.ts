/**
 * The unit graphs of states and counties for the live contiguity column (issue 13), built
 * in the balance worker (≈ 0.7 s for the counties: loading them and matching their borders)
 * so the page never waits: `get` answers with what is built, `request` starts a build and
 * calls back when it lands. One worker, kept while the tab lives (it also caches the units).
 */
import { indexGraph, type IndexedGraph } from '../../domain/balance';
import type { UnitGraphSource } from '../../store/derivedSlice';
import { createBalanceClient, type BalanceClient } from '../../workers/balanceClient';

export function createUnitGraphService(client: () => BalanceClient = () => createBalanceClient()): UnitGraphSource {
  const graphs = new Map<string, IndexedGraph>();
  let worker: BalanceClient | null = null;
  return {
    get: (level) => graphs.get(level) ?? null,
    request(level, ready) {
      worker ??= client();
      worker
        .unitGraph(level)
        .then((g) => {
          graphs.set(level, indexGraph(g));
          ready();
        })
        .catch((err: unknown) => console.warn(`Territory Planner: the ${level} graph could not be built`, err));
    },
  };
}
