/**
 * Serves the store tiles (storeTiles.ts) to maplibre through a custom protocol:
 * `tp-stores://<map>/<version>/{z}/{x}/{y}`. maplibre's worker asks the page for each tile
 * (the protocol is registered on the page's thread), the page builds it from the columns in
 * a few milliseconds and hands the bytes over; nothing per store crosses to the worker.
 *
 * `<map>` tells several maps apart (one handler serves them all); `<version>` changes when
 * the stores change, so the source's new URL makes maplibre reload its tiles (old tiles stay
 * drawn until the new ones arrive) and no tile of an older market is taken from a cache.
 */
import { addProtocol } from 'maplibre-gl';
import type { StoreTiles } from './storeTiles';

const PROTOCOL = 'tp-stores';
const sources = new Map<string, StoreTiles | null>();
let registered = false;
let nextId = 1;

export interface StoreTileSource {
  /** The tile URL template of a version (put it in the style's vector source). */
  url(version: number): string;
  /** The tiles to serve from now on (null: none). */
  set(tiles: StoreTiles | null): void;
  /** Stops serving this map's tiles. */
  dispose(): void;
}

/** A tile source for one map: registers the protocol the first time. */
export function createStoreTileSource(): StoreTileSource {
  if (!registered) {
    registered = true;
    addProtocol(PROTOCOL, (params) => {
      // tp-stores://<map>/<version>/<z>/<x>/<y>
      const parts = params.url.slice(PROTOCOL.length + 3).split('/');
      const tiles = sources.get(parts[0] ?? '');
      const [z, x, y] = parts.slice(2).map(Number) as [number, number, number];
      const bytes = tiles ? tiles.tile(z, x, y) : new Uint8Array(0);
      return Promise.resolve({ data: bytes.buffer as ArrayBuffer });
    });
  }
  const id = String(nextId++);
  sources.set(id, null);
  return {
    url: (version) => `${PROTOCOL}://${id}/${version}/{z}/{x}/{y}`,
    set: (tiles) => void sources.set(id, tiles),
    dispose: () => void sources.delete(id),
  };
}
