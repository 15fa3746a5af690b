import type { StateCreator } from 'zustand';
import type { Region, RegionId } from '../domain/types';
import type { AppState, RegionSlice } from './types';

export const REGION_PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/**
 * Regions group the plan's territories. A region belongs to its plan: creating, renaming,
 * recoloring and deleting one are plan changes like any other (undoable, saved with the
 * plan). Deleting a region takes its territories out of it in the same change, so undo
 * brings back the region and its membership together.
 */
export const createRegionSlice: StateCreator<AppState, [], [], RegionSlice> = (set, get) => ({
  regions: [],
  colorBy: 'territory',
  addRegion(name) {
    const clean = name.trim();
    const { plan, regions } = get();
    if (!clean || !plan) return null;
    const used = new Set(regions.map((r) => r.color));
    const region: Region = {
      id: `R-${crypto.randomUUID().slice(0, 8)}` as RegionId,
      planId: plan.id,
      name: clean,
      color: REGION_PALETTE.find((c) => !used.has(c)) ?? REGION_PALETTE[regions.length % REGION_PALETTE.length]!,
      managerId: null,
    };
    get().applyChange({ label: `Added region ${region.name}`, before: [], after: [], regions: { before: [], after: [region] } });
    return get().regions.some((r) => r.id === region.id) ? region : null;
  },
  updateRegion(id, patch) {
    const current = get().regions.find((r) => r.id === id);
    if (!current) return;
    const next: Region = { ...current, ...patch, name: patch.name?.trim() || current.name };
    if (next.name === current.name && next.color === current.color && next.managerId === current.managerId) return;
    const label =
      next.name !== current.name
        ? `Renamed region ${current.name} to ${next.name}`
        : next.color !== current.color
          ? `Recolored region ${current.name}`
          : `Set the regional manager of ${current.name}`;
    get().applyChange({ label, before: [], after: [], regions: { before: [current], after: [next] } });
  },
  deleteRegion(id) {
    const region = get().regions.find((r) => r.id === id);
    if (!region) return;
    const members = get().territories.filter((t) => t.regionId === id);
    get().applyChange({
      label: `Deleted region ${region.name}`,
      before: members,
      after: members.map((t) => ({ ...t, regionId: null })),
      regions: { before: [region], after: [] },
    });
  },
  setColorBy(colorBy) {
    set({ colorBy });
  },
});
