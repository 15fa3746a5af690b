/**
 * The optimizer's seeded PRNG (internal): the same seed gives the same plan on every
 * machine, which the issue asks for ("a seed is kept with the plan"). Math.random is never
 * used in src/domain/balance.
 */

/** A PRNG returning floats in [0, 1): mulberry32, 32 bits of state, good enough for search. */
export function createRandom(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A sub-seed for run `i` of a search seeded with `seed` (so restarts differ but repeat). */
export function subSeed(seed: number, i: number): number {
  let h = (seed ^ Math.imul(i + 1, 0x9e3779b1)) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Fisher–Yates shuffle of `items` in place with `random`; returns `items`. */
export function shuffle<T extends { [i: number]: number; length: number }>(items: T, random: () => number): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
  return items;
}
