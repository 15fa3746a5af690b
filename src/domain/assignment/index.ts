/**
 * Assignment: which territory each store falls in (point in polygon over a spatial index).
 * The exact rules are documented at the top of assignStores.ts.
 */
export { assignPoints, assignStores, locatePoint, territoryIndexStats } from './assignStores';
export type { TerritoryIndexStats } from './assignStores';
export {
  buildTerritoryIndex,
  defaultTargetCells,
  MAX_GRID_CELLS,
  SUBDIVISION,
  subCellValue,
} from './buildTerritoryIndex';
export type { AssignableTerritory, TerritoryIndex, TerritoryIndexOptions } from './buildTerritoryIndex';
export { applyPins, storeFinder } from './applyPins';
export { assignPlan } from './assignPlan';
