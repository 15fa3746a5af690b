/**
 * The one module that owns the maplibre map and the terra-draw instance (ARCHITECTURE
 * rule 2). The app talks to it with intent-level calls (setTerritories, startDrawing…)
 * and hears back plain domain events (territoryDrawn, territoryReshaped…). It never
 * imports the store or the db.
 */
import { LngLatBounds, Map as MlMap, Popup, setWorkerUrl, type GeoJSONSource, type MapMouseEvent, type VectorTileSource } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Feature, FeatureCollection, LineString, Polygon } from 'geojson';
import {
  TerraDraw,
  TerraDrawCircleMode,
  TerraDrawFreehandMode,
  TerraDrawLineStringMode,
  TerraDrawPolygonMode,
  TerraDrawRectangleMode,
  TerraDrawSelectMode,
  type GeoJSONStoreFeatures,
  type TerraDrawMouseEvent,
} from 'terra-draw';
import { buildSnapIndex, snapPosition, type SnapIndex } from '../domain/editing';
import { circlePolygon } from '../domain/geometry/circlePolygon';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { labelPoint } from '../domain/geometry/labelPoint';
import { storeAt, type Market } from '../domain/market';
import type { Store, Territory, TerritoryGeometry, TerritoryId } from '../domain/types';
import { loadBasemap } from './basemap';
import { baseStyle, LARGE_MARKET, LAYERS, SOURCES } from './style';
import { createStoreTileSource, type StoreTileSource } from './storeTileProtocol';
import { POINTS_MIN_ZOOM, StoreTiles } from './storeTiles';

setWorkerUrl(workerUrl);

/** The shapes a territory can be drawn as. */
export type DrawMode = 'polygon' | 'rectangle' | 'circle' | 'freehand';
const DRAW_MODES: readonly string[] = ['polygon', 'rectangle', 'circle', 'freehand'];

export interface MapEvents {
  ready(): void;
  /** While a circle is dragged: its radius, so the UI can show it in km or miles. */
  drawingRadius?(meters: number): void;
  territoryDrawn(geometry: TerritoryGeometry): void;
  /**
   * Paint mode: the points under a click or a Shift-drag brush stroke. `done` is false while
   * the stroke is in progress (for a preview) and true when the mouse is released.
   */
  paint?(points: [number, number][], opts: { remove: boolean; brushMeters: number | null; done: boolean }): void;
  /** A lasso dragged in paint mode (closed polygon): the units inside it are painted. */
  lassoDrawn?(polygon: Polygon): void;
  /** The view moved (pan/zoom ended), e.g. to refresh hexagon units. */
  viewChanged?(): void;
  /** A line drawn for the Split tool. */
  lineDrawn?(line: LineString): void;
  territoryReshaped(id: TerritoryId, geometry: TerritoryGeometry): void;
  territoryClicked(id: TerritoryId | null): void;
  drawingCancelled(): void;
  /** While a vertex is dragged: the outline as it is now, for live stats. */
  territoryDraft?(id: TerritoryId, geometry: TerritoryGeometry): void;
}

/** What the map shows about each territory besides its geometry. */
export interface TerritoryView {
  territory: Territory;
  managerName: string | null;
  /** Fill/outline color to draw with (the territory's, or its region's). */
  color?: string;
  /** A KPI shown under the name, already formatted (e.g. "$12.3M"). */
  kpi?: string | null;
  /** A class color of "Color by" a KPI: filled denser, so the classes read as in the legend. */
  classed?: boolean;
}

/** The contiguous US, the default view. */
const US_BOUNDS: [[number, number], [number, number]] = [[-125, 24.3], [-66.9, 49.5]];

export class MapController {
  readonly map: MlMap;
  private draw: TerraDraw | null = null;
  private editing: TerritoryId | null = null;
  /** The vertex editor's feature ids of the edited territory's parts, in part order. */
  private editParts: string[] = [];
  private territories: TerritoryView[] = [];
  private selectedId: TerritoryId | null = null;
  private market: Market | null = null;
  private visible: Int32Array = new Int32Array(0);
  private storeTiles: StoreTiles | null = null;
  private readonly tileSource: StoreTileSource = createStoreTileSource();
  private tileVersion = 0;
  private highlighted: ArrayLike<number> = [];
  private moved: readonly { index: number; color: string }[] | null = null;
  private typedCircleRadius: number | null = null;
  private snapIndex: SnapIndex<TerritoryId> | null = null;
  /** Snapping tolerance in screen pixels (converted to metres at the current zoom). */
  private static readonly SNAP_PX = 10;
  private paintBrushPx: number | null = null;
  private lassoMode = false;
  private lassoPoints: [number, number][] | null = null;
  private stroke: { points: [number, number][]; remove: boolean; brushMeters: number } | null = null;
  private ready = false;
  private popup: Popup | null = null;

  constructor(container: HTMLElement, private readonly events: MapEvents) {
    this.map = new MlMap({
      container,
      style: baseStyle(this.tileSource.url(0)),
      bounds: US_BOUNDS,
      fitBoundsOptions: { padding: 20 },
      attributionControl: { compact: true, customAttribution: 'US Census (us-atlas) · GeoNames' },
      dragRotate: false,
      pitchWithRotate: false,
      maxPitch: 0,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.on('load', () => this.onLoad());
  }

  private onLoad(): void {
    const base = loadBasemap();
    this.source(SOURCES.nation).setData(base.nation);
    this.source(SOURCES.stateBorders).setData(base.stateBorders);
    this.source(SOURCES.countyBorders).setData(base.countyBorders);
    this.source(SOURCES.stateLabels).setData(base.stateLabels);

    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map: this.map }),
      modes: [
        new TerraDrawPolygonMode({
          snapping: { toCustom: (e) => this.snap(e) },
          styles: { fillColor: '#2563eb', fillOpacity: 0.2, outlineColor: '#1d4ed8', outlineWidth: 2, closingPointColor: '#1d4ed8', closingPointWidth: 6, closingPointOutlineColor: '#ffffff', closingPointOutlineWidth: 2 },
        }),
        new TerraDrawLineStringMode({ styles: { lineStringColor: '#b42318', lineStringWidth: 3, closingPointColor: '#b42318', closingPointWidth: 6 } }),
        new TerraDrawRectangleMode({ styles: { fillColor: '#2563eb', fillOpacity: 0.2, outlineColor: '#1d4ed8', outlineWidth: 2 } }),
        new TerraDrawCircleMode({ segments: 64, styles: { fillColor: '#2563eb', fillOpacity: 0.2, outlineColor: '#1d4ed8', outlineWidth: 2 } }),
        new TerraDrawFreehandMode({ styles: { fillColor: '#2563eb', fillOpacity: 0.2, outlineColor: '#1d4ed8', outlineWidth: 2, closingPointColor: '#1d4ed8', closingPointWidth: 6 } }),
        new TerraDrawSelectMode({
          flags: {
            polygon: {
              feature: { draggable: true, coordinates: { midpoints: true, draggable: true, deletable: true, snappable: { toCustom: (e: TerraDrawMouseEvent) => this.snap(e) } } },
            },
          },
          styles: { selectedPolygonColor: '#2563eb', selectedPolygonFillOpacity: 0.2, selectedPolygonOutlineColor: '#1d4ed8', selectedPolygonOutlineWidth: 2, selectionPointColor: '#1d4ed8', selectionPointWidth: 5, midPointColor: '#93c5fd', midPointWidth: 4 },
        }),
      ],
    });
    this.draw.start();
    this.draw.setMode('static');
    this.draw.on('finish', (id, context) => this.onDrawFinish(id, context));
    this.draw.on('change', (ids, type) => {
      // (a drag also updates the editor's vertex and midpoint markers: those change nothing)
      if (this.editing && type === 'update' && this.events.territoryDraft && ids.some((id) => this.editParts.includes(String(id)))) {
        const g = this.editedGeometry();
        if (g) this.events.territoryDraft(this.editing, g);
      }
      if (this.draw?.getMode() === 'circle' && this.events.drawingRadius) {
        for (const id of ids) {
          const km = this.draw.getSnapshotFeature(id)?.properties['radiusKilometers'];
          if (typeof km === 'number') this.events.drawingRadius(km * 1000);
        }
      }
    });
    this.map.on('click', (e) => this.onClick(e));
    this.map.on('mousedown', (e) => this.onPaintDown(e));
    this.map.on('mousemove', (e) => this.onPaintMove(e));
    this.map.on('mouseup', () => this.onPaintUp());
    this.map.on('moveend', () => this.events.viewChanged?.());
    for (const layer of [LAYERS.stores, LAYERS.cells]) {
      this.map.on('mouseenter', layer, () => this.setCursor('pointer'));
      this.map.on('mouseleave', layer, () => this.setCursor(''));
    }
    this.map.getContainer().addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.cancelDrawing();
    });
    this.ready = true;
    this.renderTerritories();
    this.renderStores();
    this.renderHighlight();
    this.renderMoved();
    this.map.once('idle', () => {
      this.map.getContainer().dataset['mapReady'] = 'true';
      this.events.ready();
    });
  }

  private setCursor(c: string): void {
    if (this.draw?.getMode() === 'static') this.map.getCanvas().style.cursor = c;
  }

  private source(id: string): GeoJSONSource {
    return this.map.getSource(id) as GeoJSONSource;
  }

  /**
   * Snaps a drawn or dragged vertex to the nearest territory vertex (preferred) or edge
   * within SNAP_PX pixels, so neighbours share borders without gaps or slivers. The
   * territory being edited is not a snap target for itself.
   */
  private snap(e: TerraDrawMouseEvent): [number, number] | undefined {
    // built on the first snap after the outlines changed, not on every edit
    this.snapIndex ??= this.territories.length > 0 ? buildSnapIndex(this.territories.map((v) => ({ id: v.territory.id, geometry: v.territory.geometry }))) : null;
    if (!this.snapIndex) return undefined;
    const a = this.map.unproject([e.containerX, e.containerY]);
    const b = this.map.unproject([e.containerX + MapController.SNAP_PX, e.containerY]);
    const r = snapPosition(this.snapIndex, [e.lng, e.lat], a.distanceTo(b), this.editing ? { exclude: [this.editing] } : {});
    return r.kind ? r.position : undefined;
  }

  /** Replaces the territories shown (polygons, outlines, labels). */
  setTerritories(views: TerritoryView[], selectedId: TerritoryId | null): void {
    if (views.length !== this.territories.length || views.some((v, i) => v.territory.geometry !== this.territories[i]?.territory.geometry)) {
      this.snapIndex = null; // rebuilt when a drawing next snaps
    }
    this.territories = views;
    this.selectedId = selectedId;
    if (this.ready) this.renderTerritories();
  }

  private renderTerritories(): void {
    // Lower rank is drawn last (on top), matching the assignment rule "lower rank wins".
    const visible = this.territories.filter((v) => v.territory.id !== this.editing);
    const ordered = [...visible].sort((a, b) => b.territory.rank - a.territory.rank);
    const polygons: FeatureCollection = {
      type: 'FeatureCollection',
      features: ordered.map(({ territory: t, color, classed }) => ({
        type: 'Feature',
        id: t.id,
        properties: { id: t.id, name: t.name, color: color ?? t.color, selected: t.id === this.selectedId, classed: classed === true },
        geometry: t.geometry,
      })),
    };
    const labels: FeatureCollection = {
      type: 'FeatureCollection',
      features: visible.map(({ territory: t, managerName, kpi }) => ({
        type: 'Feature',
        properties: { id: t.id, name: t.name, manager: [managerName, kpi, t.locked ? 'locked' : null].filter(Boolean).join(' · ') },
        geometry: { type: 'Point', coordinates: labelPoint(t.geometry) },
      })),
    };
    this.source(SOURCES.territories).setData(polygons);
    this.source(SOURCES.territoryLabels).setData(labels);
  }

  /**
   * Shows the market's stores whose indexes are in `visible` (those that pass the stores
   * filter; all of them is `visible.length === market.length`). The stores reach the map as
   * vector tiles built from the columns (storeTiles.ts): single stores in status colors, and
   * for a market of more than LARGE_MARKET shown stores, cells with counts below
   * POINTS_MIN_ZOOM. A new market builds the spatial index (about 0.2 s for a million
   * stores); a new visible set reuses it.
   */
  setStores(market: Market, visible: Int32Array): void {
    this.market = market;
    this.visible = visible;
    if (this.ready) this.renderStores();
  }

  private renderStores(): void {
    const market = this.market;
    if (!market) return;
    if (this.storeTiles?.columns === market) this.storeTiles.setVisible(this.visible);
    else this.storeTiles = new StoreTiles(market, this.visible); // reuses the index while the coordinates are the same
    const large = this.storeTiles.shown > LARGE_MARKET;
    this.storeTiles.pointsMinZoom = large ? POINTS_MIN_ZOOM : 0;
    this.tileSource.set(this.storeTiles);
    (this.map.getSource(SOURCES.stores) as VectorTileSource).setTiles([this.tileSource.url(++this.tileVersion)]);
    const el = this.map.getContainer();
    el.dataset['storeRendering'] = large ? 'cells' : 'points';
    el.dataset['storePushes'] = String(Number(el.dataset['storePushes'] ?? '0') + 1);
  }

  /** Shows (or, with null, hides) the base-unit outlines the user paints with. */
  setBaseUnits(features: FeatureCollection | null): void {
    if (!this.ready) return;
    this.source(SOURCES.baseUnits).setData(features ?? { type: 'FeatureCollection', features: [] });
  }

  /** Paint mode: a click paints one unit, Alt-click removes, Shift-drag paints with a brush. */
  setPaintMode(brushRadiusPx: number | null): void {
    this.paintBrushPx = brushRadiusPx;
    if (this.ready) this.map.getCanvas().style.cursor = brushRadiusPx !== null ? 'cell' : '';
  }

  /** Bounding box [w, s, e, n] and zoom of the current view (for hexagon units). */
  view(): { bbox: [number, number, number, number]; zoom: number } {
    const b = this.map.getBounds();
    return { bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: this.map.getZoom() };
  }

  private brushMeters(e: MapMouseEvent): number {
    const px = this.paintBrushPx ?? 20;
    const a = this.map.unproject([e.point.x, e.point.y]);
    const b = this.map.unproject([e.point.x + px, e.point.y]);
    return a.distanceTo(b);
  }

  /** Lasso mode: press, drag a loop around units, release; the map does not pan meanwhile. */
  setLassoMode(on: boolean): void {
    this.lassoMode = on;
    this.lassoPoints = null;
    if (!this.ready) return;
    if (on) this.map.dragPan.disable();
    else this.map.dragPan.enable();
    this.map.getCanvas().style.cursor = on ? 'crosshair' : this.paintBrushPx !== null ? 'cell' : '';
    this.source(SOURCES.lasso).setData({ type: 'FeatureCollection', features: [] });
  }

  private renderLasso(): void {
    const pts = this.lassoPoints ?? [];
    this.source(SOURCES.lasso).setData({
      type: 'FeatureCollection',
      features: pts.length > 1 ? [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: pts } }] : [],
    });
  }

  private onPaintDown(e: MapMouseEvent): void {
    if (this.lassoMode) {
      e.preventDefault();
      this.lassoPoints = [[e.lngLat.lng, e.lngLat.lat]];
      return;
    }
    if (this.paintBrushPx === null || !e.originalEvent.shiftKey || this.draw?.getMode() !== 'static') return;
    e.preventDefault();
    this.map.dragPan.disable();
    this.stroke = { points: [[e.lngLat.lng, e.lngLat.lat]], remove: e.originalEvent.altKey, brushMeters: this.brushMeters(e) };
    this.events.paint?.(this.stroke.points, { remove: this.stroke.remove, brushMeters: this.stroke.brushMeters, done: false });
  }

  private onPaintMove(e: MapMouseEvent): void {
    if (this.lassoPoints) {
      this.lassoPoints.push([e.lngLat.lng, e.lngLat.lat]);
      this.renderLasso();
      return;
    }
    if (!this.stroke) return;
    this.stroke.points.push([e.lngLat.lng, e.lngLat.lat]);
    this.events.paint?.(this.stroke.points, { remove: this.stroke.remove, brushMeters: this.stroke.brushMeters, done: false });
  }

  private onPaintUp(): void {
    if (this.lassoPoints) {
      const pts = this.lassoPoints;
      this.lassoPoints = null;
      this.suppressClick = true;
      this.source(SOURCES.lasso).setData({ type: 'FeatureCollection', features: [] });
      if (pts.length >= 3) this.events.lassoDrawn?.({ type: 'Polygon', coordinates: [[...pts, pts[0]!]] });
      return;
    }
    if (!this.stroke) return;
    const s = this.stroke;
    this.stroke = null;
    this.map.dragPan.enable();
    this.suppressClick = true;
    this.events.paint?.(s.points, { remove: s.remove, brushMeters: s.brushMeters, done: true });
  }

  /**
   * Compare view: shows only the moved stores, each in its plan-B territory's color, and
   * dims all other stores; null goes back to the normal store layer.
   */
  setMovedStores(moved: readonly { index: number; color: string }[] | null): void {
    this.moved = moved;
    if (this.ready) this.renderMoved();
  }

  private renderMoved(): void {
    const m = this.market;
    const list = m ? (this.moved ?? []) : [];
    this.source(SOURCES.moved).setData({
      type: 'FeatureCollection',
      features: list.map(({ index, color }) => ({ type: 'Feature', properties: { i: index, color }, geometry: { type: 'Point', coordinates: [m!.lng[index]!, m!.lat[index]!] } })),
    });
    for (const layer of [LAYERS.stores, LAYERS.cells]) this.map.setPaintProperty(layer, 'circle-opacity', this.moved ? 0.18 : layer === LAYERS.cells ? 0.78 : 0.85);
    this.map.getContainer().dataset['movedStores'] = String(list.length);
  }

  /** Rings the given stores, by index in the market (e.g. an account manager's portfolio); [] clears. */
  setHighlightedStores(indexes: ArrayLike<number>): void {
    this.highlighted = indexes;
    if (this.ready) this.renderHighlight();
  }

  private renderHighlight(): void {
    const m = this.market;
    const features: Feature[] = [];
    if (m) {
      for (let k = 0; k < this.highlighted.length; k++) {
        const i = this.highlighted[k]!;
        if (i >= 0 && i < m.length) features.push({ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [m.lng[i]!, m.lat[i]!] } });
      }
    }
    this.source(SOURCES.highlight).setData({ type: 'FeatureCollection', features });
  }

  /** Flies to a store (by index in the market) and opens its details. */
  focusStore(index: number): void {
    const m = this.market;
    if (!this.ready || !m || index < 0 || index >= m.length) return;
    const store = storeAt(m, index);
    this.map.flyTo({ center: [store.lng, store.lat], zoom: Math.max(this.map.getZoom(), 10), duration: 700 });
    this.showStorePopup(store);
  }

  private suppressClick = false;

  private onClick(e: MapMouseEvent): void {
    if (!this.draw) return;
    if (this.suppressClick) {
      this.suppressClick = false; // the click that ends a brush stroke
      return;
    }
    if (this.paintBrushPx !== null && this.draw.getMode() === 'static') {
      this.events.paint?.([[e.lngLat.lng, e.lngLat.lat]], { remove: e.originalEvent.altKey, brushMeters: null, done: true });
      return;
    }
    if (this.typedCircleRadius !== null) {
      // "Circle with a typed radius": the click places the centre.
      const radius = this.typedCircleRadius;
      this.typedCircleRadius = null;
      this.map.getCanvas().style.cursor = '';
      this.events.territoryDrawn(circlePolygon([e.lngLat.lng, e.lngLat.lat], radius));
      return;
    }
    if (this.draw.getMode() !== 'static') return;
    const cell = this.map.queryRenderedFeatures(e.point, { layers: [LAYERS.cells] })[0];
    if (cell && cell.geometry.type === 'Point') {
      // a cell of a large market: zoom in on it, two levels at a time, at most to single stores
      const center = cell.geometry.coordinates as [number, number];
      this.map.easeTo({ center, zoom: Math.min(Math.floor(this.map.getZoom()) + 2, POINTS_MIN_ZOOM) });
      return;
    }
    const storeHit = this.map.queryRenderedFeatures(e.point, { layers: [LAYERS.stores] })[0];
    if (storeHit && this.market) {
      const i = Number(storeHit.properties['i']);
      if (i >= 0 && i < this.market.length) this.showStorePopup(storeAt(this.market, i));
      return;
    }
    const hit = this.map.queryRenderedFeatures(e.point, { layers: [LAYERS.territoryFill] });
    // The last rendered is the lowest rank, i.e. the one that owns the point.
    const id = hit[0]?.properties['id'];
    this.events.territoryClicked(typeof id === 'string' ? (id as TerritoryId) : null);
  }

  private showStorePopup(store: Store): void {
    // Imported text is rendered as text, never as HTML (ARCHITECTURE rule 12).
    const el = document.createElement('div');
    el.className = 'store-popup';
    const title = document.createElement('strong');
    title.textContent = store.name;
    const lines = [
      `${store.address}, ${store.city}, ${store.state} ${store.zip}`,
      `${store.status} · ${store.channel}${store.keyAccount ? ' · key account' : ''}`,
      `Revenue $${Math.round(store.revenue).toLocaleString('en-US')} of $${Math.round(store.potential).toLocaleString('en-US')} potential`,
      `Location: ${store.geocodePrecision === 'exact' ? 'exact' : 'ZIP centroid'}`,
    ];
    el.append(title);
    for (const l of lines) {
      const p = document.createElement('div');
      p.textContent = l;
      el.append(p);
    }
    this.popup?.remove();
    this.popup = new Popup({ closeButton: true, maxWidth: '280px' }).setLngLat([store.lng, store.lat]).setDOMContent(el).addTo(this.map);
  }

  /**
   * Starts drawing a territory. Polygon: click points, click the first (or Enter) to close.
   * Rectangle: click two corners. Circle: click the centre, move, click; or, with
   * `radiusMeters`, one click places a circle of that radius. Freehand: click, move, click.
   */
  startDrawing(mode: DrawMode = 'polygon', opts: { radiusMeters?: number } = {}): void {
    if (!this.draw) return;
    this.stopEditing();
    this.popup?.remove();
    this.draw.clear();
    if (mode === 'circle' && opts.radiusMeters && opts.radiusMeters > 0) {
      this.draw.setMode('static');
      this.typedCircleRadius = opts.radiusMeters;
      this.map.getCanvas().style.cursor = 'crosshair';
    } else {
      this.typedCircleRadius = null;
      this.draw.setMode(mode);
    }
    this.map.getCanvas().focus();
  }

  /** Starts drawing a line (Split tool): click points, click the last point again or press Enter to finish. */
  startLine(): void {
    if (!this.draw) return;
    this.stopEditing();
    this.popup?.remove();
    this.draw.clear();
    this.draw.setMode('linestring');
    this.map.getCanvas().focus();
  }

  cancelDrawing(): void {
    if (!this.draw) return;
    const wasDrawing = DRAW_MODES.includes(this.draw.getMode()) || this.draw.getMode() === 'linestring' || this.typedCircleRadius !== null;
    this.typedCircleRadius = null;
    if (wasDrawing) {
      this.draw.clear();
      this.draw.setMode('static');
      this.map.getCanvas().style.cursor = '';
      this.events.drawingCancelled();
    }
  }

  /** Loads a territory into the vertex editor. Each polygon part is edited on its own. */
  editTerritory(territory: Territory): boolean {
    if (!this.draw) return false;
    this.stopEditing();
    const parts: Polygon[] = territory.geometry.type === 'Polygon'
      ? [territory.geometry]
      : territory.geometry.coordinates.map((c) => ({ type: 'Polygon', coordinates: c }));
    const features = parts.map((g, part) => ({
      id: crypto.randomUUID(),
      type: 'Feature' as const,
      geometry: g,
      properties: { mode: 'polygon', territoryId: territory.id, part },
    }));
    this.draw.setMode('select');
    const results = this.draw.addFeatures(features as GeoJSONStoreFeatures[]);
    if (results.some((r) => !r.valid)) {
      this.draw.clear();
      this.draw.setMode('static');
      return false;
    }
    this.editing = territory.id;
    this.editParts = features.map((f) => f.id);
    if (features.length === 1) this.draw.selectFeature(features[0]!.id);
    this.renderTerritories();
    return true;
  }

  stopEditing(): void {
    if (!this.draw || !this.editing) return;
    this.editing = null;
    this.editParts = [];
    this.draw.clear();
    this.draw.setMode('static');
    this.renderTerritories();
  }

  private editedGeometry(): TerritoryGeometry | null {
    if (!this.draw) return null;
    // The parts one by one: a snapshot of the whole editor would copy every vertex marker
    // too (two per vertex), on every pointer move of a drag.
    const parts: Polygon['coordinates'][] = [];
    for (const id of this.editParts) {
      const f = this.draw.getSnapshotFeature(id);
      if (f?.geometry.type === 'Polygon') parts.push((f.geometry as Polygon).coordinates);
    }
    if (parts.length === 0) return null;
    return parts.length === 1 ? { type: 'Polygon', coordinates: parts[0]! } : { type: 'MultiPolygon', coordinates: parts };
  }

  private onDrawFinish(id: string | number, context: { mode: string; action: string }): void {
    if (!this.draw) return;
    if (context.mode === 'linestring' && context.action === 'draw') {
      const f = this.draw.getSnapshotFeature(id) as Feature<LineString> | undefined;
      this.draw.clear();
      this.draw.setMode('static');
      if (f) this.events.lineDrawn?.(f.geometry);
      return;
    }
    if (DRAW_MODES.includes(context.mode) && context.action === 'draw') {
      const f = this.draw.getSnapshotFeature(id) as Feature<Polygon> | undefined;
      this.draw.clear();
      this.draw.setMode('static');
      if (f) this.events.territoryDrawn(f.geometry);
      return;
    }
    if (this.editing) {
      const g = this.editedGeometry();
      if (g) this.events.territoryReshaped(this.editing, g);
    }
  }

  /** Flies to a territory's extent. */
  zoomToTerritory(geometry: TerritoryGeometry): void {
    const b = new LngLatBounds();
    const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const p of polys) for (const [x, y] of p[0] ?? []) b.extend([x!, y!]);
    if (!b.isEmpty()) this.map.fitBounds(b, { padding: 48, duration: 600, maxZoom: 11 });
  }

  /** What the map draws now: cell bubbles (`clusters`) and single store dots (for the browser tests). */
  renderedStoreCounts(): { clusters: number; stores: number } {
    return {
      clusters: this.map.queryRenderedFeatures({ layers: [LAYERS.cells] }).length,
      stores: this.map.queryRenderedFeatures({ layers: [LAYERS.stores] }).length,
    };
  }

  /** The fill color of each territory drawn now, by name (for the browser tests). */
  renderedTerritoryColors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of this.map.queryRenderedFeatures({ layers: [LAYERS.territoryFill] })) {
      const p = f.properties as { name?: string; color?: string };
      if (p.name && p.color) out[p.name] = p.color;
    }
    return out;
  }

  /** Pixel position of a lng/lat in the map container (used by browser tests and tooltips). */
  project(lng: number, lat: number): { x: number; y: number } {
    return this.map.project([lng, lat]);
  }

  /** Moves the view at once (browser tests put the area they click into view). */
  jumpTo(lng: number, lat: number, zoom: number): void {
    this.map.jumpTo({ center: [lng, lat], zoom });
  }

  unproject(x: number, y: number): { lng: number; lat: number } {
    const p = this.map.unproject([x, y]);
    return { lng: p.lng, lat: p.lat };
  }

  destroy(): void {
    this.tileSource.dispose();
    this.draw?.stop();
    this.map.remove();
  }
}
