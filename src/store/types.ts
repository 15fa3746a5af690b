import type { SaveState } from '../db/autosave';
import type { ImportCommitSummary, ImportedStoreLike } from '../db/marketRepository';
import type { LineString } from 'geojson';
import type { UnitShape } from '../domain/baseUnits';
import type { StoreFilter } from '../domain/query';
import type { TerritoryStats } from '../domain/stats';
import type { Person, PersonId, Plan, Region, RegionId, Store, StoreId, Territory, TerritoryGeometry, TerritoryId, Workspace } from '../domain/types';

/**
 * One committed change to a plan: the touched territories before and after. A territory in
 * `before` only was deleted, in `after` only was created. The inverse swaps the two, which
 * is what undo applies (ARCHITECTURE rule 4).
 */
export interface PlanChange {
  label: string;
  before: Territory[];
  after: Territory[];
}

/** Where committed changes go to be saved; injected when the store is bound. */
/** How imported rows are saved (see commitImport in db/marketRepository.ts). */
export interface ImportStoresOptions {
  /** The file is the whole market: stores not in it are deleted. */
  replace: boolean;
  /** A blank account manager keeps the store's current one (the file has no such column). */
  keepAccountManagers?: boolean | undefined;
  /** The fraction of the stores written so far (0…1). */
  onProgress?: ((fraction: number) => void) | undefined;
}

export interface PersistencePort {
  markDirty(ids: Iterable<TerritoryId>): void;
  /** People are saved at once (not debounced); a rejection is shown to the user. */
  savePerson?(person: Person): Promise<void>;
  savePlan?(plan: Plan): Promise<void>;
  saveRegion?(region: Region): Promise<void>;
  /** Deletes a region; its territories leave it (in the database too). */
  deleteRegion?(id: RegionId): Promise<void>;
  /** Deletes a person and reassigns (or clears) what they own, in every plan. */
  deletePerson?(id: PersonId, reassignTo: PersonId | null): Promise<void>;
  /**
   * Writes imported rows all or nothing and returns the market as now stored. Absent when
   * browser storage is unavailable (imports need it: they can be large).
   */
  commitImport?(rows: readonly ImportedStoreLike[], opts: ImportStoresOptions): Promise<{ summary: ImportCommitSummary; stores: Store[]; people: Person[] }>;
}

export interface RegionSlice {
  regions: Region[];
  /** How the map colors territories. */
  colorBy: 'territory' | 'region';
  setRegions(regions: Region[]): void;
  addRegion(name: string): Region | null;
  updateRegion(id: RegionId, patch: Partial<Pick<Region, 'name' | 'color' | 'managerId'>>): void;
  deleteRegion(id: RegionId): void;
  setColorBy(by: 'territory' | 'region'): void;
}

export interface PeopleSlice {
  addPerson(input: { name: string; role: Person['role']; email?: string | null; homeBase?: string | null }): Person | null;
  updatePerson(id: PersonId, patch: Partial<Pick<Person, 'name' | 'email' | 'homeBase'>>): void;
  /** Removes a person; their territories/accounts go to `reassignTo` or to nobody. */
  deletePerson(id: PersonId, reassignTo: PersonId | null): void;
}

export interface MarketSlice {
  stores: Store[];
  /** Longitudes/latitudes of `stores`, same order, kept for the assignment engine. */
  storeLngs: Float64Array;
  storeLats: Float64Array;
  people: Person[];
  setMarket(stores: Store[], people: Person[]): void;
  /** Commits validated import rows (all or nothing) and loads the resulting market. */
  importStores(rows: readonly ImportedStoreLike[], opts: ImportStoresOptions): Promise<ImportCommitSummary>;
}

export interface PlanSlice {
  workspace: Workspace | null;
  plan: Plan | null;
  /** Sorted by rank: the first one wins where two overlap. */
  territories: Territory[];
  selectedTerritoryId: TerritoryId | null;
  undoStack: PlanChange[];
  redoStack: PlanChange[];
  loadPlan(workspace: Workspace, plan: Plan, territories: Territory[], history?: { undo: PlanChange[]; redo: PlanChange[] }): void;
  /** The one way to change a plan: applies, records for undo, queues a save. */
  applyChange(change: PlanChange): void;
  undo(): void;
  redo(): void;
  selectTerritory(id: TerritoryId | null): void;
  /** Adds a territory; where it overlaps others, `overlap` says who gives way (default 'take'). */
  createTerritory(name: string, geometry: TerritoryGeometry, overlap?: OverlapMode): Territory | null;
  renameTerritory(id: TerritoryId, name: string): void;
  reshapeTerritory(id: TerritoryId, geometry: TerritoryGeometry, overlap?: OverlapMode): void;
  /** Cuts a territory along a drawn line: it keeps one side, a new territory gets the other. */
  splitTerritory(id: TerritoryId, line: LineString): void;
  /** Merges territories into the first one given (its name, manager, color are kept). */
  mergeTerritories(ids: readonly TerritoryId[]): void;
  /**
   * Adds base units to a territory (the union of its outline and the units; where they
   * overlap other territories they take the area, locked ones excepted) or removes them.
   */
  paintUnits(id: TerritoryId, units: readonly UnitShape[], remove: boolean, noun: [string, string]): void;
  /** Extra territories selected with Ctrl/Shift-click, for Merge. */
  multiSelection: TerritoryId[];
  toggleMultiSelection(id: TerritoryId): void;
  deleteTerritory(id: TerritoryId): void;
  setTerritoryManager(id: TerritoryId, managerId: Territory['managerId']): void;
  setTerritoryColor(id: TerritoryId, color: string): void;
  /** A locked territory cannot be reshaped, deleted, painted into or clipped. */
  setTerritoryLocked(id: TerritoryId, locked: boolean): void;
  setTerritoryRegion(id: TerritoryId, regionId: RegionId | null): void;
  /** Notes and target revenue: one undoable step per committed field. */
  setTerritoryDetails(id: TerritoryId, patch: { notes?: string; targetRevenue?: number | null }): void;
}

export interface DerivedSlice {
  /** assignment[i] = index into `territories` of stores[i]'s territory, or -1. */
  assignment: Int32Array;
  stats: TerritoryStats | null;
  /** Indices of the stores that pass the stores filter (table and map show these). */
  visibleStores: Int32Array;
  /** Bumped each time assignment/stats are recomputed, for cheap subscriptions. */
  derivedVersion: number;
  /** True while `stats` shows an outline being dragged, not the committed plan. */
  previewing: boolean;
  recompute(): void;
  /** Stats as if territory `id` had `geometry`, without committing anything. */
  previewOutline(id: TerritoryId, geometry: TerritoryGeometry): void;
}

/** Where an edited shape overlaps neighbours: take their area, yield to them, or keep the overlap. */
export type OverlapMode = 'take' | 'yield' | 'allow';

export type LabelKpi = 'none' | 'stores' | 'revenue' | 'penetration' | 'balance';

export type DrawMode = 'polygon' | 'rectangle' | 'circle' | 'freehand';

export type BottomTab = 'territories' | 'stores' | 'portfolio';

export type AppMode = 'loading' | 'browse' | 'drawing' | 'naming' | 'editing' | 'splitting' | 'lasso';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface UiSlice {
  mode: AppMode;
  saveState: SaveState;
  notices: Notice[];
  /** A drawn outline waiting for its name. */
  draftGeometry: TerritoryGeometry | null;
  /** Incremented to ask the map to fly to the selected territory. */
  zoomRequest: { id: TerritoryId; seq: number } | null;
  bottomTab: BottomTab;
  /** The base-unit layer shown on the map; when set, clicks paint units into the selected territory. */
  baseUnitLevel: 'none' | 'states' | 'counties' | 'hexagons';
  setBaseUnitLevel(level: UiSlice['baseUnitLevel']): void;
  /** While a paint stroke is in progress: how the selected territory would change. */
  paintDelta: { units: number; stores: number; customers: number; revenue: number } | null;
  setPaintDelta(d: UiSlice['paintDelta']): void;
  /** Brush radius for Shift-drag painting, in screen pixels. */
  brushRadiusPx: number;
  setBrushRadius(px: number): void;
  /** Who gives way when a drawn or edited outline overlaps other territories. */
  overlapMode: OverlapMode;
  setOverlapMode(m: OverlapMode): void;
  /** The KPI shown in each territory's map label. */
  labelKpi: LabelKpi;
  setLabelKpi(k: LabelKpi): void;
  /** Group the territory statistics by region. */
  groupByRegion: boolean;
  setGroupByRegion(on: boolean): void;
  /** The shape the next territory is drawn as. */
  drawMode: DrawMode;
  /** A typed circle radius (null = drag the radius) and the unit it is shown in. */
  circleRadius: { value: number | null; unit: 'km' | 'mi' };
  /** The radius of the circle being dragged, in meters, for the hint; null otherwise. */
  liveRadiusMeters: number | null;
  /** Starts drawing in the given mode (Escape or another call stops it). */
  startDrawing(mode: DrawMode): void;
  setCircleRadius(r: { value: number | null; unit: 'km' | 'mi' }): void;
  setLiveRadius(m: number | null): void;
  storeFilter: StoreFilter;
  /** The account manager whose portfolio is shown and highlighted on the map. */
  portfolioManagerId: PersonId | null;
  /** Incremented to ask the map to fly to a store and open its details. */
  storeFocus: { id: StoreId; seq: number } | null;
  setBottomTab(tab: BottomTab): void;
  setStoreFilter(patch: Partial<StoreFilter>): void;
  setPortfolioManager(id: PersonId | null): void;
  focusStore(id: StoreId): void;
  setMode(mode: AppMode): void;
  setSaveState(state: SaveState): void;
  notify(kind: Notice['kind'], text: string): void;
  dismissNotice(id: number): void;
  setDraftGeometry(g: TerritoryGeometry | null): void;
  requestZoom(id: TerritoryId): void;
}

export type AppState = MarketSlice & PlanSlice & DerivedSlice & UiSlice & PeopleSlice & RegionSlice;
