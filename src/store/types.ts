import type { ChoroplethKpi, ClassMethod } from '../domain/report';
import type { Market } from '../domain/market';
import type { LineString } from 'geojson';
import type { UnitShape } from '../domain/baseUnits';
import type { BackupContent } from '../domain/backup';
import type { ImportCommitSummary, ImportedRows } from '../domain/import';
import type { PlanComparison } from '../domain/plans';
import type { BalanceMeasureSpec, TerritoryShape } from '../domain/balance';
import type { StoreFilter } from '../domain/query';
import type { EngineStep, TerritoryStats } from '../domain/stats';
import type {
  BaseUnitLevel, Person, PersonId, Plan, PlanBundle, PlanId, Region, RegionId, Store, StoreId, StorePin, Territory, TerritoryGeometry, TerritoryId, Workspace,
} from '../domain/types';

/** A unit painted into a territory: its shape, and (to keep unit membership) which unit it is. */
export type PaintUnit = UnitShape & { id?: string; level?: BaseUnitLevel };

/** The settings a plan record carries besides its id and dates. */
export interface PlanSettings {
  name: string;
  overlapMode: OverlapMode;
  pins: StorePin[];
}

/**
 * A person deleted (or, inverted, restored) by a plan change: who, who takes over what they
 * owned, and the stores whose account manager changed.
 */
export interface PeopleChange {
  before: Person[];
  after: Person[];
  /** Who takes over the territories of a deleted person in the plan's other plans. */
  reassignTo: PersonId | null;
  accounts: { storeId: StoreId; before: PersonId | null; after: PersonId | null }[];
}

/**
 * One committed change to a plan: the touched territories before and after (a territory in
 * `before` only was deleted, in `after` only was created), and optionally the touched
 * regions (same convention), the plan's settings and a person's deletion. The inverse swaps
 * before and after, which is what undo applies (ARCHITECTURE rule 4): every edit of a plan,
 * down to deleting a region or a person, is one of these.
 */
export interface PlanChange {
  label: string;
  before: Territory[];
  after: Territory[];
  regions?: { before: Region[]; after: Region[] };
  settings?: { before: PlanSettings; after: PlanSettings };
  people?: PeopleChange;
}

/** What a committed change touched, for the autosave. */
export interface DirtyParts {
  territories?: Iterable<TerritoryId>;
  regions?: Iterable<RegionId>;
  plan?: boolean;
}

/** Undo and redo stacks of a plan, as loaded and saved. */
export interface PlanHistoryStacks {
  undo: PlanChange[];
  redo: PlanChange[];
}

/** A plan as opened: its bundle, its history, and what of it could not be loaded. */
export interface OpenedPlan {
  bundle: PlanBundle;
  history: PlanHistoryStacks;
  problems: string[];
}

/** How imported rows are saved (see commitImport in db/marketRepository.ts). */
export interface ImportStoresOptions {
  /** The file is the whole market: stores not in it are deleted. */
  replace: boolean;
  /** A blank account manager keeps the store's current one (the file has no such column). */
  keepAccountManagers?: boolean | undefined;
  /** The fraction of the stores written so far (0…1). */
  onProgress?: ((fraction: number) => void) | undefined;
}

/**
 * Where the store's data goes and comes from; injected when the store is bound (the
 * composition root in src/boot builds it on IndexedDB). Every method but markDirty is
 * optional so that tests can bind a store without any storage.
 */
export interface PersistencePort {
  /** A committed change touched these; they are saved shortly (debounced). */
  markDirty(parts: DirtyParts): void;
  /** Writes what is queued now; resolves true when the open plan is on disk. */
  flush?(): Promise<boolean>;
  /** Loads a plan and makes it the one the autosave writes and that reopens after a reload. */
  openPlan?(id: PlanId): Promise<OpenedPlan | null>;
  /** Reads a plan without opening it (compare, delete-and-keep). */
  readPlan?(id: PlanId): Promise<OpenedPlan | null>;
  /** Writes a new plan all or nothing (new, duplicated, opened from a file, restored). */
  createPlan?(bundle: PlanBundle, history?: PlanHistoryStacks): Promise<void>;
  /** Deletes a plan for good (the store keeps it for the session to restore). */
  deletePlan?(id: PlanId): Promise<void>;
  /** People are saved at once (not debounced); a rejection is shown to the user. */
  savePerson?(person: Person): Promise<void>;
  /** A person deleted (or restored by undo), with their accounts, in every plan on disk. */
  savePeopleChange?(change: PeopleChange): Promise<void>;
  /** Every plan as stored (records, territories, regions, history) and the workspace settings, for a backup. */
  readAllPlans?(): Promise<{ plans: { bundle: PlanBundle; history: PlanHistoryStacks }[]; settings: Record<string, unknown> }>;
  /** Replaces everything stored with a backup, all or nothing, and opens its active plan. */
  replaceEverything?(content: BackupContent): Promise<void>;
  /** "Use here": this tab becomes the one that saves (another tab had that role). */
  takeOver?(): Promise<void>;
  /** Remembers when the last backup was downloaded (shown in the storage panel). */
  markBackedUp?(at: number): Promise<void>;
  /**
   * Writes imported rows all or nothing and returns the market as now stored. Absent when
   * browser storage is unavailable (imports need it: they can be large).
   */
  commitImport?(rows: ImportedRows, opts: ImportStoresOptions): Promise<{ summary: ImportCommitSummary; market: Market; people: Person[] }>;
}

/** Whether this tab may change the data (see src/db/tabCoordinator.ts). */
export type Access =
  | { kind: 'write' }
  /** Another tab edits; this one shows its saved changes and offers "Use here". */
  | { kind: 'read-only'; reason: string }
  /** A newer version of the app upgraded the database in another tab: reload. */
  | { kind: 'stale'; reason: string };

/** Truthful save status of the open plan. */
export type SaveState =
  | { kind: 'saved'; savedAt: number }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'error'; message: string }
  | { kind: 'memory-only'; message: string };

/** A plan deleted in this session, kept so that it can be restored until the tab closes. */
export interface DeletedPlan {
  bundle: PlanBundle;
  history: PlanHistoryStacks;
  deletedAt: number;
}

export interface PlansSlice {
  /** Every plan of the workspace (records only), oldest first. */
  plans: Plan[];
  /** Set while another plan is being opened (the UI shows progress, edits wait). */
  planLoading: { name: string } | null;
  deletedPlans: DeletedPlan[];
  access: Access;
  setAccess(access: Access): void;
  setPlans(plans: Plan[]): void;
  /** The open plan as one bundle (what duplicate, compare and the plan file read). */
  currentBundle(): PlanBundle | null;
  /** Saves the open plan, then opens another; false (with a notice) when it could not. */
  switchPlan(id: PlanId): Promise<boolean>;
  /** A new, empty plan over the same market; it opens. */
  newPlan(name: string): Promise<boolean>;
  /** A deep copy of the open plan (its own undo history starts empty); it opens. */
  duplicatePlan(name: string): Promise<boolean>;
  /**
   * Adds a ready-made plan (opened from a file, imported, balanced…) and opens it;
   * `people` are created first (territory managers a plan file names that this market lacks).
   */
  addPlan(bundle: PlanBundle, note?: string, people?: Person[]): Promise<boolean>;
  /**
   * Adds a plan made by Auto-balance, opens it and compares it with the plan it started
   * from (A = that plan, B = the balanced one), keeping `report` for the compare view.
   */
  addBalancedPlan(bundle: PlanBundle, report: BalanceReport): Promise<boolean>;
  /** Renames the open plan (undoable). */
  renamePlan(name: string): void;
  /** Deletes a plan; it can be restored from `deletedPlans` until the tab closes. */
  deletePlan(id: PlanId): Promise<boolean>;
  restoreDeletedPlan(id: PlanId): Promise<boolean>;
  /** A plan's content: the open one from memory, any other from storage (compare). */
  readPlan(id: PlanId): Promise<OpenedPlan | null>;
  /** Pins a store to a territory of the open plan, or unpins it (null). Undoable. */
  pinStore(storeId: StoreId, territoryId: TerritoryId | null): void;
}

export interface RegionSlice {
  regions: Region[];
  /** How the map colors territories: their own color, their region's, or classed by a KPI. */
  colorBy: ColorBy;
  addRegion(name: string): Region | null;
  updateRegion(id: RegionId, patch: Partial<Pick<Region, 'name' | 'color' | 'managerId'>>): void;
  deleteRegion(id: RegionId): void;
  setColorBy(by: ColorBy): void;
}

export interface PeopleSlice {
  addPerson(input: { name: string; role: Person['role']; email?: string | null; homeBase?: string | null }): Person | null;
  updatePerson(id: PersonId, patch: Partial<Pick<Person, 'name' | 'email' | 'homeBase'>>): void;
  /** Removes a person; their territories/accounts go to `reassignTo` or to nobody. */
  deletePerson(id: PersonId, reassignTo: PersonId | null): void;
}

export interface MarketSlice {
  /**
   * The stores, in columns (domain/market): `market.lng`/`market.lat` feed the assignment
   * engine, `storeAt(market, i)` builds the one store a row or a popup shows. Kept in id order.
   */
  market: Market;
  people: Person[];
  /** A market as objects (a backup, a test) is turned into columns here. */
  /**
   * Replaces the market and people. `recompute: false` leaves the derived state to the next
   * step (the opening of a plan right after, which recomputes anyway: one full computation
   * of a million stores instead of two).
   */
  setMarket(market: Market | readonly Store[], people: Person[], opts?: { recompute?: boolean }): void;
  /** Commits validated import rows (all or nothing) and loads the resulting market. */
  importStores(rows: ImportedRows, opts: ImportStoresOptions): Promise<ImportCommitSummary>;
}

export interface PlanSlice {
  workspace: Workspace | null;
  plan: Plan | null;
  /** Sorted by rank: the first one wins where two overlap. */
  territories: Territory[];
  selectedTerritoryId: TerritoryId | null;
  undoStack: PlanChange[];
  redoStack: PlanChange[];
  /** Shows a plan: swaps territories, regions, history and derived stats in one step. */
  loadPlan(workspace: Workspace, bundle: PlanBundle, history?: PlanHistoryStacks): void;
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
  paintUnits(id: TerritoryId, units: readonly PaintUnit[], remove: boolean, noun: [string, string]): void;
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
  /** assignment[i] = index into `territories` of store i's territory, or -1. */
  assignment: Int32Array;
  stats: TerritoryStats | null;
  /** Indices of the stores that pass the stores filter (table and map show these). */
  visibleStores: Int32Array;
  /** Bumped each time assignment/stats are recomputed, for cheap subscriptions. */
  derivedVersion: number;
  /** True while `stats` shows an outline being dragged, not the committed plan. */
  previewing: boolean;
  /**
   * Contiguity and compactness per territory, in `territories` order (null: not computed),
   * recomputed only for territories whose outline or units changed (issue 13).
   */
  shapes: readonly (TerritoryShape | null)[];
  /** How the plan engine made the current stats (full or incremental), for the curious and the tests. */
  lastEngineStep: EngineStep | null;
  recompute(): void;
  /** Stats as if territory `id` had `geometry`, without committing anything. */
  previewOutline(id: TerritoryId, geometry: TerritoryGeometry): void;
}

/** Where an edited shape overlaps neighbours: take their area, yield to them, or keep the overlap. */
export type OverlapMode = 'take' | 'yield' | 'allow';

/** The measure and tolerance of the live evaluation. */
export interface LiveMeasure {
  spec: BalanceMeasureSpec;
  /** ±share of the ideal, e.g. 0.05. */
  tolerance: number;
}

/** What the last Auto-balance run made, shown in the compare view beside its plan. */
export interface BalanceReport {
  planId: PlanId;
  fromPlanId: PlanId;
  fromPlanName: string;
  summary: BalanceSummaryFigures;
  /** Why territories miss the tolerance or are in pieces (one sentence each). */
  reasons: string[];
  /** Wall time in the worker, ms (graph + optimizer + outlines). */
  workerMs: number;
  /** The worker's time by step, ms: setup (units, store → unit, weights), optimizer, outlines. */
  workerSteps?: { setupMs: number; optimizerMs: number; outlinesMs: number };
  /** From the click on "Start balancing" to the new plan being made (before it is saved), ms. */
  totalMs: number;
}

/** The plan-level figures of an Auto-balance result. */
export interface BalanceSummaryFigures {
  k: number;
  maxDeviation: number;
  withinTolerance: number;
  tolerance: number;
  allContiguous: boolean;
  nonContiguous: number;
  meanCompactness: number;
  storesMoved: number;
  storesMovedLowerBound: number;
  mode: 'scratch' | 'rebalance';
  status: 'done' | 'cancelled';
}

/** "Color by" on the map. */
export type ColorBy = 'territory' | 'region' | ChoroplethKpi;

export type LabelKpi = 'none' | 'stores' | 'revenue' | 'penetration' | 'balance';

export type DrawMode = 'polygon' | 'rectangle' | 'circle' | 'freehand';

export type BottomTab = 'territories' | 'stores' | 'portfolio' | 'compare';

export type AppMode = 'loading' | 'browse' | 'drawing' | 'naming' | 'editing' | 'splitting' | 'lasso';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
  /** One action the notice offers (e.g. "Restore" after deleting a plan). */
  action?: NoticeAction | undefined;
}

export interface NoticeAction {
  label: string;
  run(): void;
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
  /**
   * What the live Deviation column and the plan header measure (issue 13): a measure (or a
   * mix) and the tolerance a territory is judged within. Auto-balance sets it to its choice.
   */
  liveMeasure: LiveMeasure;
  setLiveMeasure(m: LiveMeasure): void;
  /** The KPI shown in each territory's map label. */
  labelKpi: LabelKpi;
  setLabelKpi(k: LabelKpi): void;
  /** How a KPI "Color by" cuts the territories into classes, and how many (3–9). */
  classMethod: ClassMethod;
  setClassMethod(m: ClassMethod): void;
  classCount: number;
  setClassCount(n: number): void;
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
  /** Closes the store details panel. */
  clearStoreFocus(): void;
  setMode(mode: AppMode): void;
  setSaveState(state: SaveState): void;
  notify(kind: Notice['kind'], text: string, action?: NoticeAction): void;
  dismissNotice(id: number): void;
  setDraftGeometry(g: TerritoryGeometry | null): void;
  requestZoom(id: TerritoryId): void;
}

/** One side of a comparison: a plan, its territories (rank order) and its assignment. */
export interface CompareSide {
  plan: Plan;
  territories: Territory[];
  assignment: Int32Array;
}

export interface CompareSlice {
  /** The plans being compared: A is "before", B "after". */
  compare: { aId: PlanId; bId: PlanId } | null;
  comparison: { a: CompareSide; b: CompareSide; result: PlanComparison; ms: number } | null;
  compareLoading: boolean;
  /** The last Auto-balance result (its plan and the summary), shown in the compare view while that plan is compared. */
  balanceReport: BalanceReport | null;
  /** Opens the compare view (the open plan as B, against the last changed other plan). */
  openCompare(): Promise<void>;
  setComparePlans(aId: PlanId, bId: PlanId): Promise<void>;
  /** Follows an edit of the open plan when it is one of the two. */
  refreshCompare(): void;
  closeCompare(): void;
}

/** Where this browser keeps the work, and how safe it is there. */
export interface StorageStatus {
  /** 'indexeddb': on disk; 'memory': IndexedDB is unusable here, the work lives in this tab. */
  kind: 'indexeddb' | 'memory';
  /** Whether the browser granted persistent storage (null: unknown / not asked). */
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
  lastBackupAt: number | null;
}

export interface StorageSlice {
  storage: StorageStatus;
  setStorage(patch: Partial<StorageStatus>): void;
  /** A backup of everything (market, people, every plan, settings) as file name + text. */
  backUpEverything(): Promise<{ fileName: string; text: string } | null>;
  /** Replaces everything with a read backup, all or nothing, and shows it. */
  restoreBackup(content: BackupContent): Promise<boolean>;
  /** "Use here" on a read-only tab: this tab takes over saving. */
  useHere(): Promise<void>;
}

export type AppState = MarketSlice & PlanSlice & PlansSlice & DerivedSlice & UiSlice & PeopleSlice & RegionSlice & StorageSlice & CompareSlice;
