import type { StateCreator } from 'zustand';
import type { PlanId, Region, RegionId } from '../domain/types';
import type { AppState, PersistencePort, RegionSlice } from './types';

export const REGION_PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/**
 * Regions group the plan's territories. Creating, renaming and recoloring a region is saved
 * at once; which territories are in a region is a territory field, changed through the plan
 * (undoable). Deleting a region takes its territories out of it.
 */
export const createRegionSlice =
  (persistence: PersistencePort): StateCreator<AppState, [], [], RegionSlice> =>
  (set, get) => {
    const fail = (what: string) => (err: unknown) => get().notify('error', `Could not save ${what}: ${err instanceof Error ? err.message : String(err)}`);
    return {
      regions: [],
      colorBy: 'territory',
      setRegions(regions) {
        set({ regions });
      },
      addRegion(name) {
        const clean = name.trim();
        const plan = get().plan;
        if (!clean || !plan) return null;
        const used = new Set(get().regions.map((r) => r.color));
        const region: Region = {
          id: `R-${crypto.randomUUID().slice(0, 8)}` as RegionId,
          planId: plan.id as PlanId,
          name: clean,
          color: REGION_PALETTE.find((c) => !used.has(c)) ?? REGION_PALETTE[get().regions.length % REGION_PALETTE.length]!,
          managerId: null,
        };
        set({ regions: [...get().regions, region] });
        persistence.saveRegion?.(region).catch(fail(region.name));
        return region;
      },
      updateRegion(id, patch) {
        const current = get().regions.find((r) => r.id === id);
        if (!current) return;
        const next: Region = { ...current, ...patch, name: patch.name?.trim() || current.name };
        set({ regions: get().regions.map((r) => (r.id === id ? next : r)) });
        persistence.saveRegion?.(next).catch(fail(next.name));
      },
      deleteRegion(id) {
        const region = get().regions.find((r) => r.id === id);
        if (!region) return;
        set({
          regions: get().regions.filter((r) => r.id !== id),
          territories: get().territories.map((t) => (t.regionId === id ? { ...t, regionId: null } : t)),
        });
        persistence.deleteRegion?.(id).catch(fail(`the removal of ${region.name}`));
      },
      setColorBy(colorBy) {
        set({ colorBy });
      },
    };
  };
