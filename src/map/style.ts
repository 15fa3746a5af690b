/**
 * Map style and layer specs. Everything is local: no `glyphs` or `sprite` URLs; labels are
 * drawn from the Noto Sans files bundled with the app through the style's `font-faces`.
 */
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import notoBold from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2?url';
import notoRegular from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import { CLASSED_FILL_OPACITY } from '../domain/report/classify';
import { STATUS_COLORS } from './statusColors';
import { POINTS_MIN_ZOOM, STORE_TILE_LAYERS } from './storeTiles';

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
  /** Vector tiles built on the page from the market's columns (storeTiles.ts, served by storeTileProtocol.ts). */
  stores: 'stores',
  highlight: 'store-highlight',
  moved: 'stores-moved',
  baseUnits: 'base-units',
  lasso: 'lasso',
} as const;

export const LAYERS = {
  territoryFill: 'territory-fill',
  territoryLine: 'territory-line',
  /** Single stores, in status colors. */
  stores: 'stores',
  /** A large market below POINTS_MIN_ZOOM: a bubble per grid cell with its store count. */
  cells: 'store-cells',
  cellCounts: 'store-cell-counts',
  moved: 'stores-moved',
  baseUnitLine: 'base-unit-line',
} as const;

/**
 * Above this many stores shown, the tiles aggregate stores into cells below
 * POINTS_MIN_ZOOM (9): at country zoom 100k dots are one blot and a tile of them is
 * megabytes, while a bubble per cell with its count stays legible. Up to it (the sample
 * market has 10k) every zoom shows single stores.
 */
export const LARGE_MARKET = 50_000;
/** Tiles are built up to this zoom and overzoomed beyond (single stores are exact to a few metres there). */
export const STORE_TILES_MAX_ZOOM = 14;

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

/** The style; `storeTiles` is the stores' tile URL template (see storeTileProtocol.ts). */
export function baseStyle(storeTiles: string): StyleSpecification {
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
        // Class colors of "Color by" a KPI are filled denser (CLASSED_FILL_OPACITY) so they match the legend.
        'fill-opacity': ['case',
          ['boolean', ['get', 'classed'], false], ['case', ['boolean', ['get', 'selected'], false], 0.8, CLASSED_FILL_OPACITY],
          ['boolean', ['get', 'selected'], false], 0.42, 0.24],
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
    { id: LAYERS.stores, type: 'circle', source: SOURCES.stores, 'source-layer': STORE_TILE_LAYERS.stores, paint: storePaint() },
    {
      id: LAYERS.cells,
      type: 'circle',
      source: SOURCES.stores,
      'source-layer': STORE_TILE_LAYERS.cells,
      // tiles from this zoom hold no cells; without it, a parent tile kept while its children
      // load would show its bubbles over the single stores
      maxzoom: POINTS_MIN_ZOOM,
      paint: {
        // share of customers in the cell: from the prospect color (none) to the customer color (all)
        'circle-color': [
          'interpolate', ['linear'], ['/', ['get', 'customers'], ['get', 'count']],
          0, STATUS_COLORS.prospect, 0.5, '#7f9a3c', 1, STATUS_COLORS.customer,
        ],
        // cells are 64 px apart on a 512 px tile: the biggest bubble must not hide its neighbours
        'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'count']], 1, 5, 30, 13, 300, 24],
        'circle-opacity': 0.78,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.2,
      },
    },
    {
      id: LAYERS.cellCounts,
      type: 'symbol',
      source: SOURCES.stores,
      'source-layer': STORE_TILE_LAYERS.cells,
      maxzoom: POINTS_MIN_ZOOM,
      filter: ['>=', ['get', 'count'], 10],
      layout: { 'text-field': ['get', 'label'], 'text-font': [FONT_BOLD], 'text-size': 10, 'text-allow-overlap': true },
      paint: { 'text-color': '#ffffff', 'text-halo-color': 'rgba(0,0,0,0.35)', 'text-halo-width': 1 },
    },
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
      [SOURCES.stores]: { type: 'vector', tiles: [storeTiles], minzoom: 0, maxzoom: STORE_TILES_MAX_ZOOM },
      [SOURCES.highlight]: empty,
      [SOURCES.moved]: empty,
      [SOURCES.baseUnits]: empty,
      [SOURCES.lasso]: empty,
    },
    layers,
  } as StyleSpecification;
}
