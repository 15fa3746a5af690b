import type { StateCreator } from 'zustand';
import type { AppState, MarketSlice, PersistencePort } from './types';
import { EMPTY_MARKET, toMarket } from '../domain/market';

export const createMarketSlice = (persistence: PersistencePort): StateCreator<AppState, [], [], MarketSlice> => (set, get) => ({
  market: EMPTY_MARKET,
  people: [],
  setMarket(market, people, opts) {
    set({ market: toMarket(market), people });
    if (opts?.recompute !== false) get().recompute();
  },
  async importStores(rows, opts) {
    if (!persistence.commitImport) {
      throw new Error('browser storage is unavailable in this session, and an import must be saved before it is used. Reload the page or leave private browsing, then import again.');
    }
    const { summary, market, people } = await persistence.commitImport(rows, opts);
    get().setMarket(market, people);
    return summary;
  },
});
