/** Filtering and sorting the market for tables and the map. Pure functions. */
export { EMPTY_STORE_FILTER, filterStores, isEmptyFilter, type StoreFilter } from './filterStores';
export { sortStoreIndices, type StoreSortKey } from './sortStores';
