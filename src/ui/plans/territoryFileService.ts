/**
 * The page's side of the territory-file worker (see workers/territoryFile.worker.ts). One
 * worker per import dialog; closing the dialog terminates it, so a cancelled read of a big
 * file stops at once. Only types are imported from the worker module: its code (xmldom,
 * shpjs, proj4, the clipper) stays out of the main bundle and loads with the worker.
 */
import { wrap, type Remote } from 'comlink';
import type { TerritoriesFromFileResult, TerritoryFileReason } from '../../domain/territoryFiles';
import type { Result } from '../../domain/types';
import type { BuildTerritoriesOptions, ReadTerritoriesOutcome, TerritoryFileApi } from '../../workers/territoryFile.worker';

export type { BuildTerritoriesOptions, ReadTerritoriesOutcome } from '../../workers/territoryFile.worker';

export interface TerritoryFileService {
  read(file: File): Promise<Result<ReadTerritoriesOutcome, TerritoryFileReason>>;
  build(outcome: ReadTerritoriesOutcome, opts: BuildTerritoriesOptions): Promise<TerritoriesFromFileResult>;
  dispose(): void;
}

/** Wraps anything with the worker's api (the worker proxy, or the api itself in tests). */
export function territoryFileServiceFrom(api: Pick<TerritoryFileApi, 'read' | 'build'> | Remote<TerritoryFileApi>, dispose = () => {}): TerritoryFileService {
  return {
    async read(file) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      return api.read(bytes, file.name);
    },
    build: async (outcome, opts) => api.build(outcome, opts),
    dispose,
  };
}

export function createWorkerTerritoryFileService(): TerritoryFileService {
  const worker = new Worker(new URL('../../workers/territoryFile.worker.ts', import.meta.url), { type: 'module', name: 'territory-file' });
  return territoryFileServiceFrom(wrap<TerritoryFileApi>(worker), () => worker.terminate());
}
