import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  SAMPLE_DATA_REASONS,
  isIsoDate,
  isUsStateCode,
  parseDemoPlan,
  parseSampleMarket,
} from '../../src/domain/sampleData';

const readJson = (rel: string): Record<string, unknown> =>
  JSON.parse(readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8')) as Record<string, unknown>;

const marketJson = readJson('../../data/sample-market.json');
const planJson = readJson('../../data/demo-plan.json');

type Rec = Record<string, unknown>;
const clone = <T>(x: T): T => structuredClone(x);

/** A small valid market built from the first stores of the committed file. */
function smallMarket(): Rec & { stores: Rec[]; people: Rec[] } {
  const m = clone(marketJson) as Rec & { stores: Rec[]; people: Rec[] };
  m.stores = m.stores.slice(0, 20);
  return m;
}
function smallPlan(): Rec & { territories: Rec[]; people: Rec[] } {
  return clone(planJson) as Rec & { territories: Rec[]; people: Rec[] };
}

describe('parseSampleMarket', () => {
  it('accepts the committed sample market', () => {
    const r = parseSampleMarket(marketJson);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.stores.length).toBeGreaterThan(9000);
    expect(r.value.people.length).toBeGreaterThan(0);
    const s = r.value.stores[0]!;
    expect(typeof s.id).toBe('string');
    expect(typeof s.lat).toBe('number');
  });

  it.each([
    ['not-an-object', null],
    ['not-an-object', [1, 2]],
    ['not-an-object', 'text'],
    ['wrong-format', { format: 'something-else', version: 1, people: [], stores: [] }],
    ['unsupported-version', { format: 'territory-planner/sample-market', version: 2, people: [], stores: [] }],
    ['missing-list', { format: 'territory-planner/sample-market', version: 1, people: [] }],
    ['missing-list', { format: 'territory-planner/sample-market', version: 1, stores: [] }],
  ])('rejects a bad header with %s', (reason, json) => {
    const r = parseSampleMarket(json);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe(reason);
      expect(SAMPLE_DATA_REASONS).toContain(r.reason);
      expect(r.message.length).toBeGreaterThan(10);
    }
  });

  it('is not fooled by a file that happens to have an "ok" key', () => {
    const r = parseSampleMarket({ ok: true, value: {}, format: 'x' });
    expect(r.ok).toBe(false);
  });

  const storeCases: [string, (s: Rec) => void, RegExp][] = [
    ['a bad status', (s) => (s.status = 'maybe'), /status/],
    ['a bad channel', (s) => (s.channel = 'zoo'), /channel/],
    ['a latitude out of range', (s) => (s.lat = 95), /latitude/],
    ['a string longitude', (s) => (s.lng = '-100'), /longitude/],
    ['an unknown state', (s) => (s.state = 'XX'), /state/],
    ['negative revenue', (s) => (s.revenue = -5), /revenue/],
    ['NaN potential', (s) => (s.potential = Number.NaN), /potential/],
    ['an impossible date', (s) => (s.customerSince = '2026-02-30'), /customerSince/],
    ['a non-ISO renewal date', (s) => (s.renewalDate = '11/01/2026'), /renewalDate/],
    ['satisfaction 6', (s) => (s.satisfaction = 6), /satisfaction/],
    ['satisfaction 3.5', (s) => (s.satisfaction = 3.5), /satisfaction/],
    ['a non-boolean key account flag', (s) => (s.keyAccount = 'yes'), /keyAccount/],
    ['a missing name', (s) => delete s.name, /name/],
    ['a bad geocode precision', (s) => (s.geocodePrecision = 'rooftop'), /geocodePrecision/],
  ];
  it.each(storeCases)('rejects a store with %s, naming the row and the store', (_label, mutate, field) => {
    const m = smallMarket();
    mutate(m.stores[7]!);
    const r = parseSampleMarket(m);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('invalid-store');
      expect(r.row).toBe(7);
      expect(r.message).toMatch(field);
      expect(r.message).toContain(String(m.stores[7]!.id));
    }
  });

  it('rejects a store that is not an object', () => {
    const m = smallMarket();
    m.stores[3] = 42 as unknown as Rec;
    const r = parseSampleMarket(m);
    expect(r).toMatchObject({ ok: false, reason: 'invalid-store', row: 3 });
  });

  it('rejects duplicate store ids', () => {
    const m = smallMarket();
    m.stores[5]!.id = m.stores[2]!.id;
    const r = parseSampleMarket(m);
    expect(r).toMatchObject({ ok: false, reason: 'duplicate-id', row: 5 });
  });

  it('rejects an account manager that is not among the people', () => {
    const m = smallMarket();
    m.stores[4]!.accountManagerId = 'P-AM-99';
    const r = parseSampleMarket(m);
    expect(r).toMatchObject({ ok: false, reason: 'unknown-person', row: 4 });
    if (!r.ok) expect(r.message).toContain('P-AM-99');
  });

  it('rejects a bad person', () => {
    const m = smallMarket();
    m.people[1]!.role = 'boss';
    expect(parseSampleMarket(m)).toMatchObject({ ok: false, reason: 'invalid-person', row: 1 });
    const m2 = smallMarket();
    m2.people.push(clone(m2.people[0]!));
    expect(parseSampleMarket(m2)).toMatchObject({ ok: false, reason: 'duplicate-id' });
  });
});

describe('parseDemoPlan', () => {
  it('accepts the committed demo plan', () => {
    const r = parseDemoPlan(planJson);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.territories).toHaveLength(10);
    expect(r.value.name).toBe('Demo plan — 10 regions');
    expect(r.value.people.every((p) => p.role === 'territory-manager')).toBe(true);
    expect(r.value.territories.every((t) => !('planId' in t))).toBe(true);
  });

  it('rejects the market file given as a plan, and vice versa', () => {
    expect(parseDemoPlan(marketJson)).toMatchObject({ ok: false, reason: 'wrong-format' });
    expect(parseSampleMarket(planJson)).toMatchObject({ ok: false, reason: 'wrong-format' });
  });

  const territoryCases: [string, (t: Rec) => void, RegExp][] = [
    ['a Point geometry', (t) => (t.geometry = { type: 'Point', coordinates: [0, 0] }), /Point/],
    ['no geometry', (t) => delete t.geometry, /geometry/],
    [
      'an unclosed ring',
      (t) => (t.geometry = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }),
      /not closed/,
    ],
    ['a ring too short', (t) => (t.geometry = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 0]]] }), /fewer than 4/],
    [
      'a position out of range',
      (t) => (t.geometry = { type: 'Polygon', coordinates: [[[0, 0], [200, 0], [1, 1], [0, 0]]] }),
      /position/,
    ],
    ['an empty MultiPolygon', (t) => (t.geometry = { type: 'MultiPolygon', coordinates: [] }), /empty/],
    ['a bad color', (t) => (t.color = 'blue'), /color/],
    ['a negative rank', (t) => (t.rank = -1), /rank/],
    ['a non-boolean lock', (t) => (t.locked = 0), /locked/],
    ['no name', (t) => (t.name = ''), /name/],
  ];
  it.each(territoryCases)('rejects a territory with %s', (_label, mutate, pattern) => {
    const p = smallPlan();
    mutate(p.territories[2]!);
    const r = parseDemoPlan(p);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('invalid-territory');
      expect(r.row).toBe(2);
      expect(r.message).toMatch(pattern);
    }
  });

  it('rejects duplicate territory ids and unknown managers', () => {
    const p = smallPlan();
    p.territories[3]!.id = p.territories[0]!.id;
    expect(parseDemoPlan(p)).toMatchObject({ ok: false, reason: 'duplicate-id', row: 3 });
    const q = smallPlan();
    q.territories[1]!.managerId = 'P-TM-77';
    expect(parseDemoPlan(q)).toMatchObject({ ok: false, reason: 'unknown-person', row: 1 });
  });

  it('rejects a missing territories list and an unknown version', () => {
    const p: Rec = smallPlan();
    delete p.territories;
    expect(parseDemoPlan(p)).toMatchObject({ ok: false, reason: 'missing-list' });
    const q = smallPlan();
    q.version = '1';
    expect(parseDemoPlan(q)).toMatchObject({ ok: false, reason: 'unsupported-version' });
  });
});

describe('helpers', () => {
  it('recognises state codes and ISO dates', () => {
    expect(isUsStateCode('TX')).toBe(true);
    expect(isUsStateCode('DC')).toBe(true);
    expect(isUsStateCode('PR')).toBe(false);
    expect(isUsStateCode('tx')).toBe(false);
    expect(isIsoDate('2026-11-01')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
  });
});
