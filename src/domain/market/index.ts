/** The market in columns (see market.ts): build, read, slice and join without one object per store. */
export {
  EMPTY_MARKET, MarketBuilder, codeAt, codeMask, concatMarkets, indexOfStore, marketFromStores, marketStores, nullableTextAt,
  isStoreList, pickStores, storesOfManager, withAccountManagers, sliceMarket, storeAt, storeIdAt, storeIds, textAt, toMarket,
  type CodeColumn, type Codes, type Market, type StoreSource, type TextColumn,
} from './market';
