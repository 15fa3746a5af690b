/**
 * The benchmark's CRM export, generated from a seeded PRNG (no file on disk): shared by
 * the node import bench and the browser one, so both measure the same text. See
 * import.bench.ts for what the file holds.
 */
import { mulberry32 } from '../fixtures/random';

export const SEED = 20261101;

export const HEADER = [
  'Account ID', 'Store Name', 'Address', 'City', 'State', 'Zip', 'Latitude', 'Longitude', 'Status', 'Channel', 'T12M Revenue',
  'Prior Year Revenue', 'Potential', 'Customer Since', 'CSAT', 'Renewal Date', 'Key Account', 'Account Manager',
];
const WORDS = ['Happy', 'Paws', 'Tails', 'Barn', 'Feed', 'Vet', 'Grooming', 'Pet', 'Supply', 'Country', 'Corner', 'Market', 'Hound', 'Kitty', 'Farm', 'Ranch', 'Clinic', 'Depot'];
const STREETS = ['Main St', 'Oak Ave', 'Elm St', 'Market Ct', 'County Rd 12', 'Highway 9', 'Maple Dr', 'Cedar Ln'];
const CITIES = ['Springfield', 'Austin', 'Boise', 'Dayton', 'Fresno', 'Macon', 'Tulsa', 'Reno', 'Albany', 'Omaha'];
const STATES = ['IL', 'TX', 'ID', 'OH', 'CA', 'GA', 'OK', 'NV', 'NY', 'NE'];
const STATUSES = ['Customer', 'customer', 'Prospect', 'Lead', 'Lost', 'Churned', 'Active'];
const CHANNELS = ['Independent Pet', 'Vet Clinic', 'Groomer', 'Farm & Feed', 'Grocery', 'Pet Store'];
const MANAGERS = ['Megan Holloway', 'Daniel Ortega', 'Priya Raman', 'Tyler Brooks', 'Hannah Lindqvist', 'Marcus Greene', 'Sofia Alvarez', ''];

export interface ZipTable {
  zip: number[];
  lng: number[];
  lat: number[];
  scale: number;
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

function isoDay(random: () => number, fromYear: number, years: number): string {
  const d = new Date(Date.UTC(fromYear, 0, 1) + Math.floor(random() * years * 365) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/**
 * A CRM export of `rows` stores (see the module comment), LF line endings, no BOM. Account
 * IDs ascend, as in an export sorted by ID; `ids: 'shuffled'` gives the same rows with the
 * same IDs in random order (the import's duplicate-ID check then needs its hash index).
 */
export function makeCsv(rows: number, table: ZipTable, seed = SEED, ids: 'ascending' | 'shuffled' = 'ascending'): string {
  const random = mulberry32(seed);
  const idOf = new Int32Array(rows).map((_, i) => i);
  if (ids === 'shuffled') {
    const shuffle = mulberry32(seed ^ 0x5eed);
    for (let i = rows - 1; i > 0; i--) {
      const j = Math.floor(shuffle() * (i + 1));
      [idOf[i], idOf[j]] = [idOf[j]!, idOf[i]!];
    }
  }
  const lines: string[] = [HEADER.join(',')];
  const chunks: string[] = [];
  for (let i = 0; i < rows; i++) {
    const k = Math.floor(random() * table.zip.length);
    const zip = String(table.zip[k]!).padStart(5, '0');
    let lat = (table.lat[k]! / table.scale + (random() - 0.5) * 0.05).toFixed(5);
    const lng = (table.lng[k]! / table.scale + (random() - 0.5) * 0.05).toFixed(5);
    let name = `${pick(random, WORDS)} ${pick(random, WORDS)} ${pick(random, WORDS)}`;
    const q = random();
    if (q < 0.03) name = `"${name}, Inc."`;
    else if (q < 0.05) name = `"${name} ""The Best"""`;
    const noCoords = random() < 0.1;
    let status = pick(random, STATUSES);
    let revenue = (random() * 250_000).toFixed(2);
    let since = random() < 0.7 ? isoDay(random, 2005, 20) : '';
    let zipCell = zip;
    const bad = random();
    if (bad < 0.002) lat = '123.45';
    else if (bad < 0.004) status = 'Pending';
    else if (bad < 0.006) revenue = '"12,5"';
    else if (bad < 0.008) since = '13/45/2020';
    else if (bad < 0.01 && noCoords) zipCell = '00000';
    const customer = status === 'Customer' || status === 'customer' || status === 'Active';
    const line = [
      `CRM-${100000 + idOf[i]!}`,
      name,
      `${1 + Math.floor(random() * 9999)} ${pick(random, STREETS)}`,
      pick(random, CITIES),
      pick(random, STATES),
      zipCell,
      noCoords ? '' : lat,
      noCoords ? '' : lng,
      status,
      pick(random, CHANNELS),
      customer ? revenue : '0',
      customer ? (random() * 250_000).toFixed(2) : '0',
      (random() * 500_000).toFixed(0),
      customer ? since : '',
      customer && random() < 0.6 ? (1 + random() * 4).toFixed(1) : '',
      customer && random() < 0.5 ? isoDay(random, 2026, 3) : '',
      random() < 0.1 ? 'Yes' : 'No',
      pick(random, MANAGERS),
    ].join(',');
    lines.push(line);
    if (lines.length === 4096) {
      chunks.push(lines.join('\n'));
      lines.length = 0;
    }
  }
  if (lines.length > 0) chunks.push(lines.join('\n'));
  return chunks.join('\n') + '\n';
}

