/**
 * The last step of "Import territories": the accepted features of a territory file become
 * the territories of a new plan, named from the field the user picked, with the overlaps
 * between them resolved the way the user chose:
 *
 * - 'take'  — later features in the file take the overlap from earlier ones (as if each
 *             were drawn after the one before, with the plan's default setting);
 * - 'yield' — later features give way to earlier ones;
 * - 'allow' — overlaps are kept; the first territory in the file wins the stores in them.
 *
 * Only the pairs `findOverlaps` reported are clipped, so a boundary file without overlaps
 * (the common case) is taken as it is, whatever its size. A feature that loses all its
 * area is left out and said so; a pair the clipper cannot resolve keeps its overlap and is
 * said so. Pure: runs in the territory-file worker and in node.
 */
import { clipAgainstNeighbours } from '../editing/clipAgainstNeighbours';
import type { PlanId, Territory, TerritoryGeometry, TerritoryId } from '../types';
import type { TerritoryOverlap } from './findOverlaps';
import { featureName } from './featureName';
import type { TerritoryFileFeature } from './types';

export type OverlapResolution = 'take' | 'yield' | 'allow';

export interface TerritoriesFromFileOptions {
  planId: PlanId;
  /** The property that names each territory; null → "Territory <feature number>". */
  nameField: string | null;
  overlap: OverlapResolution;
  /** Colors handed out in file order, cycling. */
  palette: readonly string[];
  /** A fresh territory id for the i-th territory (0-based). */
  newId: (i: number) => TerritoryId;
}

export interface TerritoriesFromFileResult {
  /** In file order; rank = position. */
  territories: Territory[];
  /** What happened beyond taking the outlines as they were (one sentence each). */
  notes: string[];
  /** Features left out because the overlap resolution left nothing of them. */
  dropped: { index: number; name: string; reason: string }[];
}

export function territoriesFromFile(
  features: readonly TerritoryFileFeature[],
  overlaps: readonly TerritoryOverlap[],
  opts: TerritoriesFromFileOptions,
): TerritoriesFromFileResult {
  const accepted = features.filter((f): f is TerritoryFileFeature & { geometry: TerritoryGeometry } => f.geometry !== null);
  const geometry = new Map<number, TerritoryGeometry | null>(accepted.map((f) => [f.index, f.geometry]));
  const names = new Map(accepted.map((f) => [f.index, featureName(f.properties, opts.nameField, f.index)]));
  const notes: string[] = [];
  const dropped: TerritoriesFromFileResult['dropped'] = [];

  if (opts.overlap !== 'allow' && overlaps.length > 0) {
    // For each feature, the earlier features it overlaps (overlaps are ordered a < b).
    const earlier = new Map<number, number[]>();
    for (const o of overlaps) {
      const list = earlier.get(o.b) ?? [];
      list.push(o.a);
      earlier.set(o.b, list);
    }
    for (const f of accepted) {
      const before = (earlier.get(f.index) ?? []).filter((i) => geometry.get(i));
      const shape = geometry.get(f.index);
      if (!shape || before.length === 0) continue;
      const res = clipAgainstNeighbours(
        shape,
        before.map((i) => ({ id: i, geometry: geometry.get(i)!, locked: false })),
        opts.overlap,
      );
      if (!res.ok) {
        if (res.reason === 'empty-result') {
          geometry.set(f.index, null);
          dropped.push({ index: f.index, name: names.get(f.index)!, reason: 'it lies entirely inside territories earlier in the file' });
        } else {
          notes.push(`The overlap of ${names.get(f.index)} (feature ${f.index}) with earlier territories could not be resolved and is kept: ${res.message}`);
        }
        continue;
      }
      geometry.set(f.index, res.value.shape);
      for (const n of res.value.neighbours) {
        geometry.set(n.id, n.geometry);
        if (n.geometry === null) {
          dropped.push({ index: n.id, name: names.get(n.id)!, reason: `${names.get(f.index)} (feature ${f.index}) covers it entirely` });
        }
      }
    }
    const resolved = overlaps.length;
    notes.push(
      opts.overlap === 'take'
        ? `${resolved} overlap${resolved === 1 ? '' : 's'} resolved: later territories in the file took the overlapping area.`
        : `${resolved} overlap${resolved === 1 ? '' : 's'} resolved: later territories in the file gave way to earlier ones.`,
    );
  } else if (overlaps.length > 0) {
    notes.push(`${overlaps.length} overlap${overlaps.length === 1 ? ' is' : 's are'} kept; in each, the territory earlier in the file gets the stores.`);
  }

  const territories: Territory[] = [];
  for (const f of accepted) {
    const g = geometry.get(f.index);
    if (!g) continue;
    const i = territories.length;
    territories.push({
      id: opts.newId(i),
      planId: opts.planId,
      name: names.get(f.index)!,
      color: opts.palette[i % opts.palette.length] ?? '#1f77b4',
      geometry: g,
      managerId: null,
      regionId: null,
      locked: false,
      rank: i,
    });
  }
  dropped.sort((x, y) => x.index - y.index);
  return { territories, notes, dropped };
}
