/** The market in columns (see market.ts): build, read, slice and join without one object per store. */
export {
  EMPTY_MARKET, MarketBuilder, codeAt, codeMask, concatMarkets, indexOfStore, marketFromStores, marketStores, nullableTextAt,
  pickStores, sliceMarket, storeAt, storeIds, textAt,
  type CodeColumn, type Codes, type Market, type TextColumn,
} from './market';
