import { create } from 'zustand';
import { createDerivedSlice } from './derivedSlice';
import { createMarketSlice } from './marketSlice';
import { createPeopleSlice } from './peopleSlice';
import { createRegionSlice } from './regionSlice';
import { createPlanSlice } from './planSlice';
import type { AppState, PersistencePort } from './types';
import { createUiSlice } from './uiSlice';

/** Binds the slices into one store. `persistence` receives every committed change. */
export function createAppStore(persistence: PersistencePort) {
  return create<AppState>()((...a) => ({
    ...createMarketSlice(persistence)(...a),
    ...createPlanSlice(persistence)(...a),
    ...createDerivedSlice(...a),
    ...createUiSlice(persistence)(...a),
    ...createPeopleSlice(persistence)(...a),
    ...createRegionSlice(persistence)(...a),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;
