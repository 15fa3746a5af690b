import { describe, expect, it } from 'vitest';
import { baseStore, squareTerritory } from '../fixtures/market';
import type { Polygon, Position } from 'geojson';
import {
  ASSIGNMENTS_CSV_HEADER,
  assignmentsToCsv,
  csvNumberCell,
  csvTextCell,
  territoriesToGeoJson,
  toCsv,
} from '../../src/domain/export';
import type {
  Person,
  PersonId,
  PlanId,
  Store,
  StoreId,
  Territory,
  TerritoryId,
  WorkspaceId,
} from '../../src/domain/types';

/** Minimal RFC 4180 parser (quoted fields, doubled quotes, CR/LF inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function store(id: string, name: string, lat: number, lng: number, status: Store['status'] = 'customer'): Store {
  return baseStore({ id: id as StoreId, name, lat, lng, status, channel: 'groomer' });
}

const cwSquare: Position[] = [[-97.6, 32.6], [-97.6, 32.8], [-97.4, 32.8], [-97.4, 32.6], [-97.6, 32.6]];
const ccwHole: Position[] = [[-97.55, 32.65], [-97.45, 32.65], [-97.45, 32.75], [-97.55, 32.75], [-97.55, 32.65]];

function territory(id: string, name: string, geometry: Territory['geometry'], managerId: string | null = null, rank = 0): Territory {
  return {
    id: id as TerritoryId,
    planId: 'p1' as PlanId,
    name,
    color: '#1f77b4',
    geometry,
    managerId: managerId as PersonId | null,
    regionId: null,
    locked: false,
    rank,
  };
}

function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i] as [number, number];
    const [x2, y2] = ring[i + 1] as [number, number];
    s += x1 * y2 - x2 * y1;
  }
  return s / 2;
}

describe('csv cells', () => {
  it('neutralises every formula prefix in text cells with a leading quote', () => {
    expect(csvTextCell('=1+1')).toBe("'=1+1");
    expect(csvTextCell('+1')).toBe("'+1");
    expect(csvTextCell('-1')).toBe("'-1");
    expect(csvTextCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvTextCell('\tx')).toBe("'\tx");
    // CR / LF also need RFC 4180 quotes after neutralising
    expect(csvTextCell('\rx')).toBe(`"'\rx"`);
    expect(csvTextCell('\nx')).toBe(`"'\nx"`);
    // only the FIRST character matters; plain text is untouched
    expect(csvTextCell('a=b')).toBe('a=b');
    expect(csvTextCell('')).toBe('');
  });

  it('quotes fields with commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvTextCell('Paws, "Claws" & Co')).toBe('"Paws, ""Claws"" & Co"');
    expect(csvTextCell('two\nlines')).toBe('"two\nlines"');
    expect(csvTextCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it('writes numbers plainly and non-finite numbers as empty cells', () => {
    expect(csvNumberCell(-97.5)).toBe('-97.5');
    expect(csvNumberCell(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvNumberCell(Number.NaN)).toBe('');
    expect(csvNumberCell(Number.NEGATIVE_INFINITY)).toBe('');
  });

  it('builds a document with toCsv: header, typed cells, LF endings', () => {
    expect(toCsv(['a', 'b', 'c'], [['-x', -1, null], ['y', 2.5, undefined]])).toBe("a,b,c\n'-x,-1,\ny,2.5,\n");
  });

  it('keeps every line when output is built in chunks (10,000 rows > one 4,096-line chunk)', () => {
    function* rows(): Generator<[number, string]> {
      for (let i = 0; i < 10_000; i++) yield [i, `r${i}`];
    }
    const text = toCsv(['n', 'label'], rows());
    const lines = text.split('\n');
    // 1 header + 10,000 rows + '' after the final LF
    expect(lines).toHaveLength(10_002);
    expect(lines[4096]).toBe('4095,r4095');
    expect(lines[4097]).toBe('4096,r4096');
    expect(lines[10_000]).toBe('9999,r9999');
    expect(lines[10_001]).toBe('');
  });
});

describe('assignmentsToCsv', () => {
  const territories = [
    territory('t-1', 'North, "Upper" Texas', { type: 'Polygon', coordinates: [cwSquare] }),
    territory('=t2', '@South', { type: 'Polygon', coordinates: [cwSquare] }),
  ];
  const formulaNames = ['=1+1', '+1', '-1', '@SUM(A1)', '\tTab', '\rCR', '\nLF'];
  const stores = [
    store('s1', 'Paws, "Claws" & Co', 32.75, -97.5),
    store('s2', 'Unassigned Feed', 33, -96.25, 'prospect'),
    ...formulaNames.map((name, i) => store(`s${i + 3}`, name, 30, -90, 'lost')),
  ];
  const assignment = Int32Array.from([0, -1, 1, 1, 1, 1, 1, 1, 1]);
  const csv = assignmentsToCsv(stores, assignment, territories);
  const lines = csv.split('\n');

  it('starts with the exact header and ends with one LF', () => {
    expect(lines[0]).toBe('store_id,name,lat,lng,status,territory_id,territory_name');
    expect(ASSIGNMENTS_CSV_HEADER.join(',')).toBe(lines[0]);
    expect(csv.endsWith('\n')).toBe(true);
    expect(csv.endsWith('\n\n')).toBe(false);
    expect(csv).not.toContain('\r\n');
  });

  it('quotes names with commas and quotes and keeps numbers plain', () => {
    expect(lines[1]).toBe('s1,"Paws, ""Claws"" & Co",32.75,-97.5,customer,t-1,"North, ""Upper"" Texas"');
  });

  it('leaves the territory fields empty for an unassigned store', () => {
    expect(lines[2]).toBe('s2,Unassigned Feed,33,-96.25,prospect,,');
  });

  it('round-trips through an RFC 4180 parser with formula prefixes neutralised', () => {
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(1 + stores.length);
    expect(rows[0]).toEqual([...ASSIGNMENTS_CSV_HEADER]);
    expect(rows[1]).toEqual(['s1', 'Paws, "Claws" & Co', '32.75', '-97.5', 'customer', 't-1', 'North, "Upper" Texas']);
    expect(rows[2]).toEqual(['s2', 'Unassigned Feed', '33', '-96.25', 'prospect', '', '']);
    formulaNames.forEach((name, i) => {
      // text cells (name, territory id, territory name) get a leading '; lat/lng do not
      expect(rows[i + 3]).toEqual([`s${i + 3}`, `'${name}`, '30', '-90', 'lost', "'=t2", "'@South"]);
    });
  });

  it('treats out-of-range indices and a short assignment array as unassigned', () => {
    const out = assignmentsToCsv(stores.slice(0, 3), Int32Array.from([5]), territories);
    const rows = parseCsv(out);
    expect(rows.slice(1).map((r) => [r[5], r[6]])).toEqual([['', ''], ['', ''], ['', '']]);
  });

  it('writes only the header for no stores', () => {
    expect(assignmentsToCsv([], new Int32Array(0), territories)).toBe(
      'store_id,name,lat,lng,status,territory_id,territory_name\n',
    );
  });
});

describe('territoriesToGeoJson', () => {
  const people: Person[] = [
    { id: 'm1' as PersonId, workspaceId: 'w' as WorkspaceId, name: 'Dana Ortiz', role: 'territory-manager', email: null },
  ];
  const poly: Polygon = { type: 'Polygon', coordinates: [cwSquare, ccwHole] };
  const territories = [
    territory('t1', 'Dallas–Fort Worth', poly, 'm1', 0),
    territory('t2', 'Panhandle', { type: 'MultiPolygon', coordinates: [[cwSquare]] }, 'unknown-person', 1),
    territory('t3', 'Open', { type: 'Polygon', coordinates: [cwSquare] }, null, 2),
  ];
  const fc = territoriesToGeoJson(territories, people);

  it('is a FeatureCollection with ids at the top level and in properties, no crs', () => {
    expect(fc.type).toBe('FeatureCollection');
    expect(fc).not.toHaveProperty('crs');
    expect(fc.features.map((f) => f.id)).toEqual(['t1', 't2', 't3']);
    expect(fc.features.map((f) => f.type)).toEqual(['Feature', 'Feature', 'Feature']);
    expect(fc.features[0]!.properties).toEqual({
      id: 't1',
      name: 'Dallas–Fort Worth',
      color: '#1f77b4',
      manager: 'Dana Ortiz',
      rank: 0,
    });
    expect(fc.features[1]!.properties.manager).toBeNull(); // unknown person
    expect(fc.features[2]!.properties.manager).toBeNull(); // no manager
    expect(territoriesToGeoJson(territories).features[0]!.properties.manager).toBeNull(); // no people
    // survives JSON and has no crs member anywhere
    expect(JSON.stringify(fc)).not.toContain('"crs"');
  });

  it('rewinds to the right-hand rule: outer CCW (area > 0), holes CW (area < 0), lng first', () => {
    const g = fc.features[0]!.geometry as Polygon;
    expect(signedArea(g.coordinates[0]!)).toBeGreaterThan(0);
    expect(signedArea(g.coordinates[1]!)).toBeLessThan(0);
    expect(g.coordinates[0]![0]).toEqual([-97.6, 32.6]); // [lng, lat]
    const m = fc.features[1]!.geometry;
    expect(m.type).toBe('MultiPolygon');
    if (m.type === 'MultiPolygon') expect(signedArea(m.coordinates[0]![0]!)).toBeGreaterThan(0);
    // input untouched: still clockwise
    expect(signedArea(territories[0]!.geometry.coordinates[0] as Position[])).toBeLessThan(0);
  });
});

describe('csvChunks: the streamed export is the same file', () => {
  it('joins to exactly joinCsvLines, at chunk boundaries and for no lines', async () => {
    const { csvChunks, joinCsvLines } = await import('../../src/domain/export');
    for (const count of [0, 1, 2, 3, 4, 5, 9]) {
      const lines = Array.from({ length: count }, (_, i) => `line ${i},"x"`);
      const chunks = [...csvChunks(lines, 3)];
      expect(chunks.join('')).toBe(count === 0 ? '' : joinCsvLines(lines));
      expect(chunks).toHaveLength(Math.ceil(count / 3));
      for (const c of chunks) expect(c.endsWith('\n')).toBe(true);
    }
  });

  it('the assignments and stores exports stream the same text they return', async () => {
    const { assignmentsCsvLines, assignmentsToCsv, csvChunks, storesCsvLines, storesToCsv } = await import('../../src/domain/export');
    const stores = [baseStore({ id: 'a' as StoreId, name: '=cmd', lng: 1, lat: 1 }), baseStore({ id: 'b' as StoreId, name: 'Ünïcode, "quoted"', lng: 2, lat: 2 })];
    const territories = [squareTerritory('t1', 0, 0, 1.5, 0)];
    const assignment = Int32Array.from([0, -1]);
    expect([...csvChunks(assignmentsCsvLines(stores, assignment, territories), 1)].join('')).toBe(assignmentsToCsv(stores, assignment, territories));
    expect([...csvChunks(storesCsvLines(stores, new Map()), 2)].join('')).toBe(storesToCsv(stores, new Map()));
  });
});
