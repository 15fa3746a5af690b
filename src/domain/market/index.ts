/** The market in columns (see market.ts): build, read, slice and join without one object per store. */
export {
  CodeBuilder, EMPTY_MARKET, codeColumnOf, idLowerBound, textColumnOf, MarketBuilder, codeAt, codeMask, concatMarkets, indexOfStore, marketFromStores, marketStores, mergeById, nullableTextAt,
  isStoreList, pickStores, storesOfManager, withAccountManagers, withAccountManagersAt, sliceMarket, storeAt, storeIdAt, storeIds, textAt, toMarket,
  type CodeColumn, type Codes, type Market, type StoreSource, type TextColumn,
} from './market';
export { TextKeyIndex, keyColumn, textKeyAt } from './textKeys';
