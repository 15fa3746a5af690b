/**
 * "Import territories" off the main thread: reading a territory file (unzipping, parsing
 * KML/Shapefile, repairing every outline) and resolving the overlaps between the features
 * can take seconds on a big boundary file, so both run here and the page stays responsive.
 * The api is plain functions (tests call `territoryFileApi` directly in node); the page
 * wraps the worker with Comlink (ui/plans/territoryFileService.ts).
 */
import { expose } from 'comlink';
import {
  findOverlaps,
  readTerritoryFile,
  territoriesFromFile,
  type TerritoriesFromFileOptions,
  type TerritoriesFromFileResult,
  type TerritoryFileContents,
  type TerritoryFileReason,
  type TerritoryOverlap,
} from '../domain/territoryFiles';
import type { Result, TerritoryId } from '../domain/types';

export interface ReadTerritoriesOutcome {
  contents: TerritoryFileContents;
  /** Overlaps between the accepted features (by feature index). */
  overlaps: TerritoryOverlap[];
}

export type BuildTerritoriesOptions = Omit<TerritoriesFromFileOptions, 'newId'> & { ids: TerritoryId[] };

export const territoryFileApi = {
  async read(bytes: Uint8Array, fileName: string): Promise<Result<ReadTerritoriesOutcome, TerritoryFileReason>> {
    const res = await readTerritoryFile(bytes, fileName);
    if (!res.ok) return res;
    const accepted = res.value.features.flatMap((f) => (f.geometry ? [{ index: f.index, geometry: f.geometry }] : []));
    return { ok: true, value: { contents: res.value, overlaps: findOverlaps(accepted) } };
  },
  build(outcome: ReadTerritoriesOutcome, opts: BuildTerritoriesOptions): TerritoriesFromFileResult {
    const { ids, ...rest } = opts;
    return territoriesFromFile(outcome.contents.features, outcome.overlaps, { ...rest, newId: (i) => ids[i]! });
  },
};

export type TerritoryFileApi = typeof territoryFileApi;

if (typeof WorkerGlobalScope !== 'undefined' && typeof self !== 'undefined' && self instanceof WorkerGlobalScope) {
  expose(territoryFileApi);
}
