/**
 * Auto-balance (issue 13), `npm run bench -- balance`. Three scenarios, each beside a
 * simple baseline run in the same process on the same units and weights:
 *
 * (a) the sample market (10k stores) on US counties, k = 20, balance on stores, from
 *     scratch at ±2 % and ±1 %, three seeds. Baseline: k-means (Lloyd, 25 rounds) on the
 *     store coordinates, then each county to the cluster most of its stores are in (a
 *     county without stores to the cluster whose centre is nearest).
 * (b) the demo plan (10 territories of whole states) rebalanced on counties to ±5 %:
 *     stores moved against the least any plan must move. Baseline: greedy, the heaviest
 *     territory gives its lightest border county to its lightest neighbour, no
 *     contiguity check, no paths.
 * (c) 100k generated stores on H3 cells of resolution 4 over the contiguous US (≈ 8.6k
 *     units), k = 20, from scratch at ±2 %. Baseline: k-means as in (a).
 *
 * Columns: max |deviation|, territories within tolerance, all contiguous (or how many are
 * not), mean Polsby–Popper (graph figure; for (a) also the merged-outline figure from
 * computeCompactness), stores moved, time (single thread, this process). Setup (loading
 * units, the graph, locating stores) is timed separately.
 */
import { readFileSync } from 'node:fs';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { assignPoints } from '../../src/domain/assignment';
import {
  balanceTerritories,
  buildUnitGraph,
  summarizePlan,
  unitsCompactness,
  unitWeights,
  type BalanceResult,
  type PlanSummary,
  type UnitGraph,
} from '../../src/domain/balance';
import { buildUnitIndex, hexUnits, loadUsUnits, unitOwners, type BaseUnit } from '../../src/domain/baseUnits';
import { parseDemoPlan, parseSampleMarket } from '../../src/domain/sampleData';
import type { Store, TerritoryId } from '../../src/domain/types';
import { generateMarket, REFERENCE_DATE } from '../../data/marketGenerator';
import { loadUsPlaces } from '../../data/generate';
import { fmtInt, fmtMs, mulberry32, printTable, requireDataFile } from './benchUtils';

export const name = 'auto-balance: counties k=20 from scratch, demo plan rebalance, 100k stores on H3 res 4';

interface Layer {
  units: BaseUnit[];
  graph: UnitGraph;
  storeUnit: Int32Array;
  setupMs: { units: number; graph: number; locate: number };
}

function layer(units: BaseUnit[], unitsMs: number, stores: readonly Store[]): Layer {
  let t0 = performance.now();
  const graph = buildUnitGraph(units);
  const graphMs = performance.now() - t0;
  t0 = performance.now();
  const index = buildUnitIndex(units);
  const storeUnit = assignPoints(index.index, Float64Array.from(stores, (s) => s.lng), Float64Array.from(stores, (s) => s.lat));
  return { units, graph, storeUnit, setupMs: { units: unitsMs, graph: graphMs, locate: performance.now() - t0 } };
}

/** k-means on store coordinates (seeded k-means++ start), then units by majority. */
function kMeansPlan(stores: readonly Store[], storeUnit: Int32Array, graph: UnitGraph, k: number, seed: number): Int32Array {
  const random = mulberry32(seed);
  const m = stores.length;
  const xs = Float64Array.from(stores, (s) => s.lng * Math.cos((s.lat * Math.PI) / 180));
  const ys = Float64Array.from(stores, (s) => s.lat);
  const cx = new Float64Array(k);
  const cy = new Float64Array(k);
  const first = Math.floor(random() * m);
  cx[0] = xs[first]!;
  cy[0] = ys[first]!;
  const d2 = new Float64Array(m).fill(Infinity);
  for (let c = 1; c < k; c++) {
    let sum = 0;
    for (let i = 0; i < m; i++) {
      d2[i] = Math.min(d2[i]!, (xs[i]! - cx[c - 1]!) ** 2 + (ys[i]! - cy[c - 1]!) ** 2);
      sum += d2[i]!;
    }
    let r = random() * sum;
    let pick = 0;
    for (; pick < m - 1 && r > d2[pick]!; pick++) r -= d2[pick]!;
    cx[c] = xs[pick]!;
    cy[c] = ys[pick]!;
  }
  const label = new Int32Array(m);
  const nearest = (x: number, y: number) => {
    let best = 0;
    let bd = Infinity;
    for (let c = 0; c < k; c++) {
      const d = (x - cx[c]!) ** 2 + (y - cy[c]!) ** 2;
      if (d < bd) [bd, best] = [d, c];
    }
    return best;
  };
  for (let round = 0; round < 25; round++) {
    const sx = new Float64Array(k);
    const sy = new Float64Array(k);
    const sn = new Float64Array(k);
    for (let i = 0; i < m; i++) {
      const c = nearest(xs[i]!, ys[i]!);
      label[i] = c;
      sx[c] = sx[c]! + xs[i]!;
      sy[c] = sy[c]! + ys[i]!;
      sn[c]!++;
    }
    for (let c = 0; c < k; c++) if (sn[c]! > 0) [cx[c], cy[c]] = [sx[c]! / sn[c]!, sy[c]! / sn[c]!];
  }
  const n = graph.ids.length;
  const votes = new Map<number, Int32Array>();
  for (let i = 0; i < m; i++) {
    const u = storeUnit[i]!;
    if (u < 0) continue;
    let v = votes.get(u);
    if (!v) votes.set(u, (v = new Int32Array(k)));
    v[label[i]!]!++;
  }
  const out = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    const v = votes.get(u);
    if (v) {
      let best = 0;
      for (let c = 1; c < k; c++) if (v[c]! > v[best]!) best = c;
      out[u] = best;
    } else {
      const lat = graph.centroidLat[u]!;
      out[u] = nearest(graph.centroidLng[u]! * Math.cos((lat * Math.PI) / 180), lat);
    }
  }
  return out;
}

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;

function row(label: string, s: PlanSummary, k: number, ms: number, extra: string[] = []): string[] {
  return [
    label,
    pct(s.maxDeviation),
    `${s.withinTolerance}/${k}`,
    s.allContiguous ? 'yes' : `no (${s.nonContiguous})`,
    s.meanCompactness.toFixed(1),
    ...extra,
    fmtMs(ms),
  ];
}

/** Wall time of `fn`, ms; the CPU time of the process is printed beside it where it matters (other jobs share this machine). */
function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

function cpuTimed<T>(fn: () => T): [T, number, number] {
  const c0 = process.cpuUsage();
  const [value, ms] = timed(fn);
  const c = process.cpuUsage(c0);
  return [value, ms, (c.user + c.system) / 1000];
}

function countiesLayer(stores: readonly Store[]): Layer {
  const path = requireDataFile('us-atlas/counties-10m.json', 'run `npm install` (us-atlas is a devDependency)', { package: true });
  const topology = JSON.parse(readFileSync(path, 'utf8')) as Topology<{ counties: GeometryCollection }>;
  const [loaded, ms] = timed(() => loadUsUnits(topology, 'counties'));
  if (!loaded.ok) throw new Error(loaded.message);
  return layer(loaded.value, ms, stores);
}

function meanMergedCompactness(units: readonly BaseUnit[], assignment: Int32Array, k: number): number {
  let sum = 0;
  let count = 0;
  for (let t = 0; t < k; t++) {
    const mine = units.filter((_, u) => assignment[u] === t);
    if (mine.length === 0) continue;
    sum += unitsCompactness(mine);
    count++;
  }
  return count ? sum / count : 0;
}

function scenarioA(stores: readonly Store[], counties: Layer): void {
  const { graph, storeUnit, units } = counties;
  const n = graph.ids.length;
  const weights = unitWeights(stores, storeUnit, n, 'stores');
  const k = 20;
  console.log(
    `\n(a) sample market ${fmtInt(stores.length)} stores on ${fmtInt(n)} counties (${graph.links.length} island links); k = ${k}, stores, from scratch` +
      `\n    setup: counties ${fmtMs(counties.setupMs.units)} ms, graph ${fmtMs(counties.setupMs.graph)} ms, locate stores ${fmtMs(counties.setupMs.locate)} ms`,
  );
  const rows: string[][] = [['run', 'max dev', 'within', 'contiguous', 'mean PP', 'PP merged', 'runs', 'cpu ms', 'time ms']];
  for (const tolerance of [0.02, 0.01]) {
    for (const seed of [1, 2, 3]) {
      const [r, ms, cpu] = cpuTimed(() => balanceTerritories({ graph, k, weights, tolerance, mode: 'scratch', seed }));
      rows.push(row(`auto-balance ±${tolerance * 100} % seed ${seed}`, r, k, ms, [meanMergedCompactness(units, r.assignment, k).toFixed(1), String(r.runs), fmtMs(cpu)]));
      if (r.reasons.length) console.log(`    ${r.reasons.map((x) => x.message).join('\n    ')}`);
    }
    for (const seed of [1, 2, 3]) {
      const [plan, ms] = timed(() => kMeansPlan(stores, storeUnit, graph, k, seed));
      const s = summarizePlan({ graph, assignment: plan, k, weights, tolerance });
      rows.push(row(`baseline k-means ±${tolerance * 100} % seed ${seed}`, s, k, ms, [meanMergedCompactness(units, s.assignment, k).toFixed(1), '1', '']));
    }
  }
  printTable(rows);
}

function scenarioB(stores: readonly Store[], counties: Layer): void {
  const { graph, storeUnit, units } = counties;
  const n = graph.ids.length;
  const demo = parseDemoPlan(JSON.parse(readFileSync(requireDataFile('data/demo-plan.json', 'run `npm run generate:market`'), 'utf8')));
  if (!demo.ok) throw new Error(demo.message);
  const territories = demo.value.territories;
  const k = territories.length;
  const index = buildUnitIndex(units);
  const initial = unitOwners(index, territories.map((t) => ({ id: t.id as TerritoryId, geometry: t.geometry, rank: t.rank })));
  const weights = unitWeights(stores, storeUnit, n, 'stores');
  const tolerance = 0.05;
  const before = summarizePlan({ graph, assignment: initial, k, weights, tolerance });
  console.log(
    `\n(b) demo plan (${k} territories of whole states) rebalanced on counties to ±5 %; stores: ${fmtInt(stores.length)}, ` +
      `in the plan's counties ${fmtInt(before.territories.reduce((a, t) => a + t.total, 0))}; before: max dev ${pct(before.maxDeviation)}, within ${before.withinTolerance}/${k}, ` +
      `non-contiguous on counties ${before.nonContiguous} (a light piece cut off from its territory joins the neighbour around it first; a rebalance never splits a territory)`,
  );
  const rows: string[][] = [['run', 'max dev', 'within', 'contiguous', 'mean PP', 'stores moved', 'lower bound', 'moved / bound', 'time ms']];
  const [r, ms] = timed(() => balanceTerritories({ graph, k, weights, tolerance, mode: 'rebalance', initial, seed: 1 })); // fill on, as the dialog has it
  const ratio = (s: PlanSummary) => (s.storesMovedLowerBound > 0 ? `${(s.storesMoved / s.storesMovedLowerBound).toFixed(2)}×` : '—');
  rows.push(row('auto-balance rebalance', r, k, ms, [fmtInt(r.storesMoved), fmtInt(Math.round(r.storesMovedLowerBound)), ratio(r)]));
  if (r.reasons.length) console.log(`    ${r.reasons.map((x) => x.message).join('\n    ')}`);
  const [plan, msG] = timed(() => greedyRebalance(graph, initial, weights, k, tolerance));
  const g = summarizePlan({ graph, assignment: plan, k, weights, tolerance, initial });
  rows.push(row('baseline greedy border moves', g, k, msG, [fmtInt(g.storesMoved), fmtInt(Math.round(g.storesMovedLowerBound)), ratio(g)]));
  printTable(rows);
  const issueBound = r.territories.length ? boundAboveUpper(before, tolerance) : 0;
  console.log(`    lower bound as the issue states it (stores above the upper bounds, the plan as drawn): ${fmtInt(Math.round(issueBound))}; moved / that bound: ${(r.storesMoved / issueBound).toFixed(2)}×`);
}

function boundAboveUpper(s: PlanSummary, tolerance: number): number {
  return s.territories.reduce((a, t) => a + Math.max(0, t.total - (1 + tolerance) * s.ideal), 0);
}

/** Baseline: heaviest territory over the bound gives its lightest border unit to its lightest neighbour. */
function greedyRebalance(graph: UnitGraph, initial: Int32Array, weights: Float64Array, k: number, tolerance: number): Int32Array {
  const owner = Int32Array.from(initial);
  const totals = new Float64Array(k);
  let total = 0;
  for (let u = 0; u < owner.length; u++) if (owner[u]! >= 0) {
    totals[owner[u]!] = totals[owner[u]!]! + weights[u]!;
    total += weights[u]!;
  }
  const ideal = total / k;
  for (let step = 0; step < 20_000; step++) {
    let heavy = -1;
    for (let t = 0; t < k; t++) if (totals[t]! > (1 + tolerance) * ideal && (heavy < 0 || totals[t]! > totals[heavy]!)) heavy = t;
    if (heavy < 0) break;
    let best = -1;
    let bestTo = -1;
    for (let u = 0; u < owner.length; u++) {
      if (owner[u] !== heavy) continue;
      for (let e = graph.offsets[u]!; e < graph.offsets[u + 1]!; e++) {
        const t = owner[graph.neighbors[e]!]!;
        if (t < 0 || t === heavy) continue;
        if (best < 0 || totals[t]! < totals[bestTo]! || (t === bestTo && weights[u]! < weights[best]!)) [best, bestTo] = [u, t];
      }
    }
    if (best < 0) break;
    owner[best] = bestTo;
    totals[heavy] = totals[heavy]! - weights[best]!;
    totals[bestTo] = totals[bestTo]! + weights[best]!;
  }
  return owner;
}

function scenarioC(): void {
  const [market, genMs] = timed(() => generateMarket(loadUsPlaces(), { seed: 20261101, referenceDate: REFERENCE_DATE, storeCount: 100_000 }));
  const stores = market.stores;
  const [hex, hexMs] = timed(() => hexUnits([-125, 24, -66, 50], 4, { maxCells: 20_000 }));
  if (!hex.ok) throw new Error(hex.message);
  const l = layer(hex.value, hexMs, stores);
  const { graph, storeUnit } = l;
  const n = graph.ids.length;
  const weights = unitWeights(stores, storeUnit, n, 'stores');
  const located = weights.reduce((a, x) => a + x, 0);
  const k = 20;
  const tolerance = 0.02;
  console.log(
    `\n(c) ${fmtInt(stores.length)} generated stores (${fmtInt(located)} inside the cells) on ${fmtInt(n)} H3 cells (res 4, contiguous-US box); k = ${k}, stores, from scratch ±2 %` +
      `\n    setup: market ${fmtMs(genMs)} ms, cells ${fmtMs(l.setupMs.units)} ms, graph ${fmtMs(l.setupMs.graph)} ms, locate stores ${fmtMs(l.setupMs.locate)} ms`,
  );
  const rows: string[][] = [['run', 'max dev', 'within', 'contiguous', 'mean PP', 'runs', 'cpu ms', 'time ms']];
  let calls = 0;
  const [r, ms, cpu] = cpuTimed(() => balanceTerritories({ graph, k, weights, tolerance, mode: 'scratch', seed: 1, onProgress: () => calls++ }));
  rows.push(row('auto-balance', r, k, ms, [String(r.runs), fmtMs(cpu)]));
  if (r.reasons.length) console.log(`    ${r.reasons.map((x) => x.message).join('\n    ')}`);
  const [plan, msK] = timed(() => kMeansPlan(stores, storeUnit, graph, k, 1));
  rows.push(row('baseline k-means', summarizePlan({ graph, assignment: plan, k, weights, tolerance }), k, msK, ['1', '']));
  printTable(rows);
  console.log(`    progress callbacks: ${calls}`);
}

export function run(): void {
  const sample = parseSampleMarket(JSON.parse(readFileSync(requireDataFile('data/sample-market.json', 'run `npm run generate:market`'), 'utf8')));
  if (!sample.ok) throw new Error(sample.message);
  const stores = sample.value.stores;
  const counties = countiesLayer(stores);
  scenarioA(stores, counties);
  scenarioB(stores, counties);
  scenarioC();
}

export type { BalanceResult };
