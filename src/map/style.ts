/**
 * Map style and layer specs. Everything is local: no `glyphs` or `sprite` URLs; labels are
 * drawn from the Noto Sans files bundled with the app through the style's `font-faces`.
 */
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import notoBold from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2?url';
import notoRegular from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import { STATUS_COLORS } from './statusColors';

export const FONT_REGULAR = 'Noto Sans Regular';
export const FONT_BOLD = 'Noto Sans Bold';


const abs = (u: string) => new URL(u, document.baseURI).href;

export const SOURCES = {
  nation: 'nation',
  stateBorders: 'state-borders',
  countyBorders: 'county-borders',
  stateLabels: 'state-labels',
  territories: 'territories',
  territoryLabels: 'territory-labels',
  stores: 'stores',
  /** The same stores for a large market, clustered by maplibre's worker (see LARGE_MARKET). */
  storeClusters: 'store-clusters',
  highlight: 'store-highlight',
  moved: 'stores-moved',
  baseUnits: 'base-units',
  lasso: 'lasso',
} as const;

export const LAYERS = {
  territoryFill: 'territory-fill',
  territoryLine: 'territory-line',
  stores: 'stores',
  /** Large market: cluster bubbles at low zoom, and single stores from the clustered source. */
  clusters: 'store-clusters',
  clusterCounts: 'store-cluster-counts',
  storesLarge: 'stores-large',
  moved: 'stores-moved',
  baseUnitLine: 'base-unit-line',
} as const;

/**
 * Above this many stores shown, they are drawn clustered: a GeoJSON layer of every store is
 * slow to draw and to read at country zoom (100k dots are one blot), while maplibre's
 * clustering (supercluster, in its worker) gives bubbles with counts and falls back to the
 * single stores from zoom CLUSTER_MAX_ZOOM + 1 on. The sample market (10k) stays as dots.
 */
export const LARGE_MARKET = 50_000;
export const CLUSTER_MAX_ZOOM = 8;

/** Store dot paint, shared by the plain and the large-market layer. */
function storePaint(): NonNullable<Extract<LayerSpecification, { type: 'circle' }>['paint']> {
  return {
    // Stores placed at a ZIP centroid are drawn hollow: their position is approximate.
    'circle-color': [
      'case',
      ['==', ['get', 'precision'], 'zip-centroid'],
      '#ffffff',
      ['match', ['get', 'status'], 'customer', STATUS_COLORS.customer, 'prospect', STATUS_COLORS.prospect, STATUS_COLORS.lost],
    ],
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 3, 1.6, 6, 3, 10, 6],
    'circle-stroke-color': [
      'case',
      ['==', ['get', 'precision'], 'zip-centroid'],
      ['match', ['get', 'status'], 'customer', STATUS_COLORS.customer, 'prospect', STATUS_COLORS.prospect, STATUS_COLORS.lost],
      '#ffffff',
    ],
    'circle-stroke-width': [
      'interpolate', ['linear'], ['zoom'],
      3, ['case', ['==', ['get', 'precision'], 'zip-centroid'], 1, 0],
      6, ['case', ['==', ['get', 'precision'], 'zip-centroid'], 1.2, 0.6],
    ],
    'circle-opacity': 0.85,
  };
}

export function baseStyle(): StyleSpecification {
  const empty = { type: 'geojson' as const, data: { type: 'FeatureCollection' as const, features: [] } };
  const layers: LayerSpecification[] = [
    { id: 'background', type: 'background', paint: { 'background-color': '#dfe8f0' } },
    { id: 'nation-fill', type: 'fill', source: SOURCES.nation, paint: { 'fill-color': '#fbfaf7' } },
    {
      id: LAYERS.territoryFill,
      type: 'fill',
      source: SOURCES.territories,
      paint: {
        'fill-color': ['get', 'color'],
        'fill-opacity': ['case', ['boolean', ['get', 'selected'], false], 0.42, 0.24],
      },
    },
    {
      id: 'county-borders',
      type: 'line',
      source: SOURCES.countyBorders,
      minzoom: 4.5,
      paint: { 'line-color': '#b9b6ae', 'line-width': ['interpolate', ['linear'], ['zoom'], 4.5, 0.2, 9, 0.8], 'line-opacity': 0.7 },
    },
    { id: 'state-borders', type: 'line', source: SOURCES.stateBorders, paint: { 'line-color': '#8d96a0', 'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.6, 8, 1.6] } },
    { id: 'nation-line', type: 'line', source: SOURCES.nation, paint: { 'line-color': '#6d7782', 'line-width': 1 } },
    {
      id: LAYERS.territoryLine,
      type: 'line',
      source: SOURCES.territories,
      paint: {
        'line-color': ['get', 'color'],
        'line-width': ['case', ['boolean', ['get', 'selected'], false], 3.5, 1.6],
      },
    },
    {
      id: 'base-unit-line',
      type: 'line',
      source: SOURCES.baseUnits,
      paint: { 'line-color': '#334155', 'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.4, 8, 1.2], 'line-opacity': 0.7 },
    },
    {
      id: 'lasso-line',
      type: 'line',
      source: SOURCES.lasso,
      paint: { 'line-color': '#1d4ed8', 'line-width': 2, 'line-dasharray': [2, 1] },
    },
    {
      id: 'store-highlight',
      type: 'circle',
      source: SOURCES.highlight,
      paint: {
        'circle-color': 'rgba(0,0,0,0)',
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 3, 4.5, 6, 6.5, 10, 10],
        'circle-stroke-color': '#1d4ed8',
        'circle-stroke-width': 2,
      },
    },
    { id: LAYERS.stores, type: 'circle', source: SOURCES.stores, paint: storePaint() },
    {
      id: LAYERS.clusters,
      type: 'circle',
      source: SOURCES.storeClusters,
      filter: ['has', 'point_count'],
      paint: {
        // share of customers in the bubble: from the prospect color (none) to the customer color (all)
        'circle-color': [
          'interpolate', ['linear'], ['/', ['get', 'customers'], ['get', 'point_count']],
          0, STATUS_COLORS.prospect, 0.5, '#7f9a3c', 1, STATUS_COLORS.customer,
        ],
        'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'point_count']], 1, 9, 30, 18, 300, 34],
        'circle-opacity': 0.78,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.2,
      },
    },
    {
      id: LAYERS.clusterCounts,
      type: 'symbol',
      source: SOURCES.storeClusters,
      filter: ['has', 'point_count'],
      layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': [FONT_BOLD], 'text-size': 11, 'text-allow-overlap': true },
      paint: { 'text-color': '#ffffff', 'text-halo-color': 'rgba(0,0,0,0.35)', 'text-halo-width': 1 },
    },
    { id: LAYERS.storesLarge, type: 'circle', source: SOURCES.storeClusters, filter: ['!', ['has', 'point_count']], paint: storePaint() },
    {
      // Compare view: the stores that change territory, in the color of their territory in
      // plan B, drawn over the (dimmed) other stores.
      id: LAYERS.moved,
      type: 'circle',
      source: SOURCES.moved,
      paint: {
        'circle-color': ['get', 'color'],
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 3, 3, 6, 4.5, 10, 8],
        'circle-stroke-color': '#1d2630',
        'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 3, 0.6, 8, 1.2],
      },
    },
    {
      id: 'state-labels',
      type: 'symbol',
      source: SOURCES.stateLabels,
      minzoom: 3.6,
      layout: { 'text-field': ['get', 'name'], 'text-font': [FONT_REGULAR], 'text-size': 11, 'text-transform': 'uppercase', 'text-letter-spacing': 0.08 },
      paint: { 'text-color': '#7a838d', 'text-halo-color': '#fbfaf7', 'text-halo-width': 1.2 },
    },
    {
      id: 'territory-labels',
      type: 'symbol',
      source: SOURCES.territoryLabels,
      layout: {
        'text-field': ['format', ['get', 'name'], { 'font-scale': 1 }, '\n', {}, ['get', 'manager'], { 'font-scale': 0.8, 'text-font': ['literal', [FONT_REGULAR]] }],
        'text-font': [FONT_BOLD],
        'text-size': 13,
        'text-max-width': 10,
        'text-allow-overlap': false,
      },
      paint: { 'text-color': '#1d2630', 'text-halo-color': 'rgba(255,255,255,0.92)', 'text-halo-width': 1.6 },
    },
  ];
  return {
    version: 8,
    name: 'Territory Planner (offline)',
    'font-faces': {
      [FONT_REGULAR]: abs(notoRegular),
      [FONT_BOLD]: abs(notoBold),
    },
    sources: {
      [SOURCES.nation]: empty,
      [SOURCES.stateBorders]: empty,
      [SOURCES.countyBorders]: empty,
      [SOURCES.stateLabels]: empty,
      [SOURCES.territories]: { ...empty, promoteId: 'id' },
      [SOURCES.territoryLabels]: empty,
      [SOURCES.stores]: { ...empty, promoteId: 'id' },
      [SOURCES.storeClusters]: {
        ...empty,
        cluster: true,
        clusterMaxZoom: CLUSTER_MAX_ZOOM,
        clusterRadius: 45,
        clusterProperties: { customers: ['+', ['case', ['==', ['get', 'status'], 'customer'], 1, 0]] },
      },
      [SOURCES.highlight]: empty,
      [SOURCES.moved]: empty,
      [SOURCES.baseUnits]: empty,
      [SOURCES.lasso]: empty,
    },
    layers,
  } as StyleSpecification;
}
