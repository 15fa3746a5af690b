import { create } from 'zustand';
import { createCompareSlice } from './compareSlice';
import { createDerivedSlice, type DerivedOptions } from './derivedSlice';
import { createMarketSlice } from './marketSlice';
import { createPeopleSlice } from './peopleSlice';
import { createRegionSlice } from './regionSlice';
import { createPlanSlice } from './planSlice';
import { createPlansSlice } from './plansSlice';
import type { AppState, PersistencePort } from './types';
import { createStorageSlice } from './storageSlice';
import { createUiSlice } from './uiSlice';

/**
 * Binds the slices into one store. `persistence` receives every committed change and
 * serves the plans that are not open; `now` is the clock of new plans (tests fix it).
 */
export function createAppStore(persistence: PersistencePort, now: () => number = Date.now, opts: DerivedOptions = {}) {
  return create<AppState>()((...a) => ({
    ...createMarketSlice(persistence)(...a),
    ...createPlanSlice(persistence)(...a),
    ...createPlansSlice(persistence, now)(...a),
    ...createDerivedSlice(opts)(...a),
    ...createUiSlice(...a),
    ...createPeopleSlice(persistence)(...a),
    ...createRegionSlice(...a),
    ...createStorageSlice(persistence, now)(...a),
    ...createCompareSlice(...a),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;
