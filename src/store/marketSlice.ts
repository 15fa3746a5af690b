import type { StateCreator } from 'zustand';
import type { AppState, MarketSlice } from './types';

export const createMarketSlice: StateCreator<AppState, [], [], MarketSlice> = (set, get) => ({
  stores: [],
  storeLngs: new Float64Array(0),
  storeLats: new Float64Array(0),
  people: [],
  setMarket(stores, people) {
    const storeLngs = new Float64Array(stores.length);
    const storeLats = new Float64Array(stores.length);
    stores.forEach((s, i) => {
      storeLngs[i] = s.lng;
      storeLats[i] = s.lat;
    });
    set({ stores, people, storeLngs, storeLats });
    get().recompute();
  },
});
