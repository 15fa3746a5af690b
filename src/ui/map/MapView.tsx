import { indexOfStore, storesOfManager } from '../../domain/market';
import { useEffect, useRef } from 'react';
import { METERS_PER_MILE, validateTerritoryGeometry } from '../../domain/geometry';
import type { TerritoryGeometry, TerritoryId } from '../../domain/types';
import type { TerritoryStatsRow } from '../../domain/stats';
import { buildTerritoryIndex, locatePoint } from '../../domain/assignment';
import { interiorPoint, unitAt, unitsInCircle, type BaseUnit } from '../../domain/baseUnits';
import { unionOfUnits } from '../../domain/editing';
import { MapController } from '../../map/mapController';
import { loadUnitSet, type UnitSet } from './baseUnitsService';
import { selectChoropleth, selectPlanReport } from '../../store/selectors';
import { isChoroplethKpi, NO_DATA_COLOR } from '../../domain/report';
import { formatLabelKpi } from './labelKpi';
import { useAppStoreApi } from '../common/storeContext';

declare global {
  interface Window {
    /** Read-only hooks for browser tests: pixel ↔ lng/lat of the live map. */
    __territoryPlanner?: {
      project(lng: number, lat: number): { x: number; y: number };
      unproject(x: number, y: number): { lng: number; lat: number };
      jumpTo(lng: number, lat: number, zoom: number): void;
      renderedStoreCounts(): { clusters: number; stores: number };
      renderedTerritoryColors(): Record<string, string>;
    };
  }
}

/**
 * Connects the map module to the store: store changes become map calls, map events become
 * store actions. The only component that knows the MapController; component tests replace
 * this module because jsdom has no WebGL.
 */
export default function MapView() {
  const container = useRef<HTMLDivElement>(null);
  const api = useAppStoreApi();

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const s = () => api.getState();
    let unitSet: UnitSet | null = null;
    let paintFrame = 0;
    let pendingPaint: { id: TerritoryId; units: BaseUnit[]; remove: boolean } | null = null;
    let committed: { version: number; rows: Map<string, TerritoryStatsRow> } | null = null;
    /** The territory's row as committed (not as previewed), for the paint delta. */
    const committedRow = (id: TerritoryId) => {
      const st = s();
      if (!st.previewing || !committed) committed = { version: st.derivedVersion, rows: new Map((st.stats?.rows ?? []).map((r) => [r.territoryId as string, r])) };
      return committed.rows.get(id);
    };
    const showUnits = () => {
      const level = s().baseUnitLevel;
      if (level === 'none') {
        unitSet = null;
        controller.setBaseUnits(null);
        controller.setPaintMode(null);
        return;
      }
      try {
        unitSet = loadUnitSet(level, controller.view());
        controller.setBaseUnits(unitSet.features);
        controller.setPaintMode(s().brushRadiusPx);
      } catch (err) {
        s().notify('error', `Could not show ${level}: ${err instanceof Error ? err.message : String(err)}`);
        s().setBaseUnitLevel('none');
      }
    };
    /**
     * The unit set for the chosen level. Loading is deferred after the level changes (so the
     * status paints first), but paint mode is on at once: a click that comes before the
     * deferred load loads the units now instead of being dropped.
     */
    const currentUnits = (): UnitSet | null => {
      const level = s().baseUnitLevel;
      if (level === 'none') return null;
      if (!unitSet || unitSet.level !== level) showUnits();
      return unitSet;
    };
    let draftFrame = 0;
    let pendingDraft: { id: TerritoryId; geometry: TerritoryGeometry } | null = null;
    const controller = new MapController(el, {
      ready() {
        s().setMode(s().mode === 'loading' ? 'browse' : s().mode);
      },
      territoryDrawn(geometry) {
        const checked = validateTerritoryGeometry(geometry);
        if (!checked.ok) {
          s().notify('error', `${checked.message} The outline was not saved.`);
          s().setMode('browse');
          return;
        }
        s().setDraftGeometry(checked.value);
        s().setMode('naming');
      },
      territoryReshaped(id, geometry) {
        s().reshapeTerritory(id, geometry, s().overlapMode);
        // Refused (invalid) or clipped (it yielded to a neighbour): show the outline as
        // committed in the editor.
        const after = s().territories.find((t) => t.id === id);
        if (after && after.geometry !== geometry) controller.editTerritory(after);
      },
      paint(points, opts) {
        const st = s();
        const id = st.selectedTerritoryId;
        const set = currentUnits();
        if (!set) return;
        if (!id) {
          if (opts.done) st.notify('error', 'Select the territory to paint into first: click its row in the Territory statistics table.');
          return;
        }
        const byId = new Map<string, BaseUnit>();
        for (const [lng, lat] of points) {
          if (opts.brushMeters) for (const u of unitsInCircle(set.index, [lng, lat], opts.brushMeters)) byId.set(u.id, u);
          else {
            const u = unitAt(set.index, lng, lat);
            if (u) byId.set(u.id, u);
          }
        }
        const units = [...byId.values()];
        if (opts.done) {
          st.setPaintDelta(null);
          st.paintUnits(id, units, opts.remove, set.noun);
          return;
        }
        // Preview while the brush moves: stats as if the stroke ended now (one per frame).
        pendingPaint = { id, units, remove: opts.remove };
        if (paintFrame === 0) {
          paintFrame = requestAnimationFrame(() => {
            paintFrame = 0;
            const p = pendingPaint;
            if (!p || p.remove) return;
            const t = s().territories.find((x) => x.id === p.id);
            if (!t) return;
            const joined = unionOfUnits(p.units, t.geometry);
            if (!joined.ok) return;
            const before = committedRow(p.id);
            s().previewOutline(p.id, joined.value);
            const after = s().stats?.rows.find((r) => r.territoryId === p.id);
            if (before && after) {
              s().setPaintDelta({ units: p.units.length, stores: after.stores - before.stores, customers: after.customers - before.customers, revenue: after.revenue - before.revenue });
            }
          });
        }
      },
      lassoDrawn(polygon) {
        const st = s();
        st.setMode('browse');
        const id = st.selectedTerritoryId;
        const set = currentUnits();
        if (!set || !id) return;
        // A unit is in the lasso when its interior point is.
        const lasso = buildTerritoryIndex([{ id: 'lasso' as TerritoryId, geometry: polygon, rank: 0 }]);
        const units = set.index.units.filter((u) => {
          const [x, y] = interiorPoint(u.geometry);
          return locatePoint(lasso, x, y) === 0;
        });
        if (units.length === 0) return void st.notify('info', 'The lasso caught no unit: draw around the units’ centres.');
        st.paintUnits(id, units, false, set.noun);
      },
      viewChanged() {
        if (s().baseUnitLevel === 'hexagons') showUnits();
      },
      lineDrawn(line) {
        const id = s().selectedTerritoryId;
        s().setMode('browse');
        if (id) s().splitTerritory(id, line);
      },
      drawingRadius(meters) {
        s().setLiveRadius(meters);
      },
      territoryDraft(id, geometry) {
        // Throttled to one computation per frame while the pointer moves.
        pendingDraft = { id, geometry };
        if (draftFrame === 0) {
          draftFrame = requestAnimationFrame(() => {
            draftFrame = 0;
            if (pendingDraft && s().mode === 'editing') s().previewOutline(pendingDraft.id, pendingDraft.geometry);
          });
        }
      },
      territoryClicked(id: TerritoryId | null) {
        s().selectTerritory(id);
      },
      drawingCancelled() {
        if (s().mode === 'drawing' || s().mode === 'splitting') s().setMode('browse');
      },
    });
    window.__territoryPlanner = {
      project: (lng, lat) => controller.project(lng, lat),
      unproject: (x, y) => controller.unproject(x, y),
      jumpTo: (lng, lat, zoom) => controller.jumpTo(lng, lat, zoom),
      renderedStoreCounts: () => controller.renderedStoreCounts(),
      renderedTerritoryColors: () => controller.renderedTerritoryColors(),
    };

    const pushTerritories = () => {
      const { territories, people, selectedTerritoryId, regions, colorBy, labelKpi } = s();
      const names = new Map(people.map((p) => [p.id, p.name]));
      const regionColor = new Map(regions.map((r) => [r.id, r.color]));
      const report = labelKpi === 'none' ? null : selectPlanReport(s());
      const choropleth = selectChoropleth(s());
      controller.setTerritories(
        territories.map((t) => ({
          territory: t,
          managerName: (t.managerId && names.get(t.managerId)) || null,
          color: choropleth
            ? choropleth.colors.get(t.id) ?? NO_DATA_COLOR
            : colorBy === 'region' ? (t.regionId && regionColor.get(t.regionId)) || '#9aa3ad' : t.color,
          kpi: formatLabelKpi(labelKpi, report?.byId.get(t.id)),
          classed: choropleth !== null,
        })),
        selectedTerritoryId,
      );
    };
    const pushStores = () => {
      const { market, visibleStores } = s();
      controller.setStores(market, visibleStores);
    };
    // A new market or filter reaches the map in a task of its own: a new market builds the
    // map's spatial index (about 0.2 s for a million stores), and in the same task as the
    // statistics that computed them it would make one long freeze instead of two shorter ones.
    let storesTimer: ReturnType<typeof setTimeout> | null = null;
    const queueStores = () => {
      storesTimer ??= setTimeout(() => {
        storesTimer = null;
        pushStores();
      }, 0);
    };
    const pushHighlight = () => {
      const { market, portfolioManagerId, bottomTab } = s();
      controller.setHighlightedStores(portfolioManagerId && bottomTab === 'portfolio' ? storesOfManager(market, portfolioManagerId) : []);
    };
    const pushMoved = () => {
      const { comparison, bottomTab } = s();
      if (bottomTab !== 'compare' || !comparison) return controller.setMovedStores(null);
      const { result, b } = comparison;
      const moved = Array.from(result.moved, (index, k) => {
        const to = result.movedTo[k]!;
        return { index, color: to < 0 ? '#8a939d' : b.territories[to]!.color };
      });
      controller.setMovedStores(moved);
    };
    pushTerritories();
    pushStores();
    pushHighlight();
    pushMoved();

    let lastMode = s().mode;
    const unsubscribe = api.subscribe((state, prev) => {
      if (
        state.territories !== prev.territories || state.people !== prev.people || state.selectedTerritoryId !== prev.selectedTerritoryId ||
        state.regions !== prev.regions || state.colorBy !== prev.colorBy || state.labelKpi !== prev.labelKpi ||
        state.classMethod !== prev.classMethod || state.classCount !== prev.classCount ||
        ((state.labelKpi !== 'none' || isChoroplethKpi(state.colorBy)) &&
          (state.stats !== prev.stats || state.liveMeasure !== prev.liveMeasure || state.shapes !== prev.shapes))
      ) pushTerritories();
      if (state.market !== prev.market || state.visibleStores !== prev.visibleStores) queueStores();
      if (state.market !== prev.market || state.portfolioManagerId !== prev.portfolioManagerId || state.bottomTab !== prev.bottomTab) pushHighlight();
      if (state.comparison !== prev.comparison || state.bottomTab !== prev.bottomTab) pushMoved();
      if (state.storeFocus && state.storeFocus !== prev.storeFocus) {
        const id = state.storeFocus.id;
        const at = indexOfStore(state.market, id);
        if (at >= 0) controller.focusStore(at);
      }
      if (state.baseUnitLevel !== prev.baseUnitLevel) {
        // Clicks paint (or stop painting) from now on, not from when the deferred load
        // below runs: a click in between must not select a territory instead.
        controller.setPaintMode(state.baseUnitLevel === 'none' ? null : state.brushRadiusPx);
      }
      if (state.baseUnitLevel !== prev.baseUnitLevel || (state.mode === 'browse' && prev.mode === 'loading')) {
        // Indexing counties takes about a second: let the status paint first.
        setTimeout(showUnits, 30);
      }
      if (state.brushRadiusPx !== prev.brushRadiusPx && state.baseUnitLevel !== 'none') controller.setPaintMode(state.brushRadiusPx);
      if (state.zoomRequest && state.zoomRequest !== prev.zoomRequest) {
        const t = state.territories.find((x) => x.id === state.zoomRequest!.id);
        if (t) controller.zoomToTerritory(t.geometry);
      }
      if (state.mode !== lastMode) {
        const from = lastMode;
        lastMode = state.mode;
        if ((from === 'drawing' && state.mode !== 'naming') || from === 'splitting') controller.cancelDrawing();
        if (state.mode === 'splitting') controller.startLine();
        if (from === 'lasso' || state.mode === 'lasso') controller.setLassoMode(state.mode === 'lasso');
        if (from === 'editing') {
          controller.stopEditing();
          if (s().previewing) s().recompute();
        }
        if (state.mode === 'drawing') {
          const r = state.circleRadius;
          const radiusMeters = r.value && r.value > 0 ? r.value * (r.unit === 'mi' ? METERS_PER_MILE : 1000) : undefined;
          controller.startDrawing(state.drawMode, radiusMeters ? { radiusMeters } : {});
        }
        if (state.mode === 'editing') {
          const t = state.territories.find((x) => x.id === state.selectedTerritoryId);
          if (!t || !controller.editTerritory(t)) {
            s().notify('error', 'This territory’s outline cannot be edited vertex by vertex.');
            s().setMode('browse');
          }
        }
      }
      // Leave the editor if the edited territory disappears (deleted, undone).
      if (state.mode === 'editing' && !state.territories.some((t) => t.id === state.selectedTerritoryId)) s().setMode('browse');
    });
    return () => {
      unsubscribe();
      if (storesTimer !== null) clearTimeout(storesTimer);
      delete window.__territoryPlanner;
      controller.destroy();
    };
  }, [api]);

  return <div ref={container} className="map" role="region" aria-label="Territory map" tabIndex={-1} data-testid="map" />;
}
