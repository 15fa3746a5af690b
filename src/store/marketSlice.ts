import type { StateCreator } from 'zustand';
import type { AppState, MarketSlice, PersistencePort } from './types';

export const createMarketSlice = (persistence: PersistencePort): StateCreator<AppState, [], [], MarketSlice> => (set, get) => ({
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
  async importStores(rows, opts) {
    if (!persistence.commitImport) {
      throw new Error('browser storage is unavailable in this session, and an import must be saved before it is used. Reload the page or leave private browsing, then import again.');
    }
    const { summary, stores, people } = await persistence.commitImport(rows, opts);
    get().setMarket(stores, people);
    return summary;
  },
});
