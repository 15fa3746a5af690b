/**
 * The map style is data that maplibre only checks at run time in the browser; a bad
 * expression there means a blank map. Validate it against the style spec here.
 */
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { baseStyle, LAYERS, SOURCES } from '../../src/map/style';

const TILES = 'tp-stores://1/0/{z}/{x}/{y}';

describe('map style', () => {
  it('is a valid maplibre style', () => {
    const errors = validateStyleMin(baseStyle(TILES)).map((e) => e.message);
    expect(errors).toEqual([]);
  });

  it('is fully offline: no glyphs or sprite server, fonts are bundled same-origin files', () => {
    const style = baseStyle(TILES);
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    const faces = Object.values((style as unknown as { 'font-faces': Record<string, string> })['font-faces']);
    expect(faces.length).toBeGreaterThan(0);
    for (const url of faces) expect(new URL(url).origin).toBe(new URL(document.baseURI).origin);
    // every source is inline GeoJSON, except the stores: vector tiles built on the page (storeTileProtocol.ts)
    for (const [id, src] of Object.entries(style.sources)) {
      if (id === SOURCES.stores) expect(src).toMatchObject({ type: 'vector', tiles: [TILES] });
      else expect(src.type).toBe('geojson');
    }
  });

  it('has the layers and sources the map module drives', () => {
    const style = baseStyle(TILES);
    const ids = style.layers.map((l) => l.id);
    for (const id of Object.values(LAYERS)) expect(ids).toContain(id);
    for (const id of Object.values(SOURCES)) expect(Object.keys(style.sources)).toContain(id);
  });
});
