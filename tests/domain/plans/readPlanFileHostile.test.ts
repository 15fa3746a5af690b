import { describe, expect, it } from 'vitest';
import { PLAN_FILE_REASONS, readPlanFile, writePlanFile, type ReadPlanFileContext } from '../../../src/domain/plans';
import type { PlanId } from '../../../src/domain/types';
import { PEOPLE, randomStores, sampleBundle, WS } from './helpers';

const stores = randomStores(50);
const ctx: ReadPlanFileContext = { people: PEOPLE, stores, newPlanId: 'plan-new' as PlanId, workspaceId: WS, now: 1 };
const doc = () => writePlanFile(sampleBundle(), { people: PEOPLE, stores });

function refusal(text: string, c: ReadPlanFileContext = ctx) {
  const r = readPlanFile(text, c);
  if (r.ok) throw new Error('expected a refusal');
  expect(PLAN_FILE_REASONS).toContain(r.reason);
  return r;
}

describe('readPlanFile refuses hostile or wrong input with a reason', () => {
  it('not JSON, empty, or truncated', () => {
    expect(refusal('hello').reason).toBe('not-json');
    expect(refusal('').reason).toBe('not-json');
    expect(refusal('   ').message).toMatch(/empty/);
    const full = JSON.stringify(doc());
    for (const cut of [full.length - 1, full.length - 10, Math.floor(full.length / 2), 5]) {
      const r = refusal(full.slice(0, cut));
      expect(r.reason).toBe('truncated');
      expect(r.message).toMatch(/cut short/);
    }
    expect(refusal('{"type": "FeatureCollection", "features": [] x}').reason).toBe('not-json');
  });

  it('text larger than maxBytes is refused before parsing', () => {
    const r = refusal('{'.repeat(2000), { ...ctx, maxBytes: 1000 });
    expect(r.reason).toBe('too-large');
    expect(r.message).toMatch(/2 kB.*limit is 1 kB/);
  });

  it('JSON that is not a FeatureCollection; a backup is named as such', () => {
    expect(refusal('[1,2]').reason).toBe('not-a-feature-collection');
    expect(refusal('{"type":"Feature"}').reason).toBe('not-a-feature-collection');
    expect(refusal('{"type":"FeatureCollection"}').reason).toBe('not-a-feature-collection');
    expect(refusal('{"format":"territory-planner-backup","version":1}').message).toMatch(/backup/);
  });

  it('plain GeoJSON without the territory_planner member is not a plan file', () => {
    const plain = { ...doc() } as Record<string, unknown>;
    delete plain.territory_planner;
    const r = refusal(JSON.stringify(plain));
    expect(r.reason).toBe('not-a-plan-file');
    expect(r.message).toMatch(/Import territories/);
  });

  it('a wrong format, or a version that is newer or not a whole number', () => {
    const d = doc() as unknown as { territory_planner: Record<string, unknown> };
    d.territory_planner.format = 'something-else';
    expect(refusal(JSON.stringify(d)).reason).toBe('wrong-format');
    const newer = doc() as unknown as { territory_planner: Record<string, unknown> };
    newer.territory_planner.version = 3;
    const r = refusal(JSON.stringify(newer));
    expect(r.reason).toBe('unsupported-version');
    expect(r.message).toBe(
      'This plan file was written by a newer version of Territory Planner (format version 3); this version reads version 1. Update the app to open it.',
    );
    for (const v of [1.5, '1', null, 0, -1]) {
      const bad = doc() as unknown as { territory_planner: Record<string, unknown> };
      bad.territory_planner.version = v;
      expect(refusal(JSON.stringify(bad)).reason).toBe('unsupported-version');
    }
    const notObject = doc() as unknown as Record<string, unknown>;
    notObject.territory_planner = 'yes';
    expect(refusal(JSON.stringify(notObject)).reason).toBe('invalid-plan-data');
  });

  it('too many features is refused before any feature is read (default limit 10,000)', () => {
    const d = doc();
    const junk = Array.from({ length: 10_001 }, () => ({ type: 'Feature', geometry: null, properties: {} }));
    const big = { ...d, features: junk };
    const r = refusal(JSON.stringify(big));
    expect(r.reason).toBe('too-many-features');
    expect(r.message).toMatch(/10,001.*10,000/);
    expect(refusal(JSON.stringify(d), { ...ctx, maxFeatures: 2 }).reason).toBe('too-many-features');
  });

  it('an invalid outline refuses the whole file, naming the feature and the territory', () => {
    const d = doc();
    // A bow-tie: the outline crosses itself.
    d.features[1]!.geometry = { type: 'Polygon', coordinates: [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]] };
    const r = refusal(JSON.stringify(d));
    expect(r.reason).toBe('invalid-geometry');
    expect(r.row).toBe(1);
    expect(r.message).toMatch(/^Feature 2 \(territory “South Plains”\) has an invalid outline: .*crosses itself/);
    expect('value' in r).toBe(false);
  });

  it('NaN-like or out-of-range coordinates are refused', () => {
    const d1 = doc();
    const text1 = JSON.stringify(d1).replace('-100.123456789012', 'null');
    expect(refusal(text1).reason).toBe('invalid-geometry');
    const d2 = doc();
    const text2 = JSON.stringify(d2).replace('[-97,39.5]', '[-197,39.5]');
    const r = refusal(text2);
    expect(r.reason).toBe('invalid-geometry');
    expect(r.message).toMatch(/Feature 3 .*East ★ Ozarks.*longitude -197/);
    expect(refusal(JSON.stringify(d2).replace('[-97,39.5]', '[-97,1e999]')).reason).toBe('invalid-geometry');
  });

  it('duplicate territory ids, duplicate region ids, and features without ids', () => {
    const d = doc();
    d.features[2]!.properties.id = 'T-north';
    d.features[2]!.id = 'T-north';
    const r = refusal(JSON.stringify(d));
    expect(r.reason).toBe('duplicate-id');
    expect(r.row).toBe(2);
    const d2 = doc();
    d2.territory_planner.regions[1]!.id = 'R-plains';
    expect(refusal(JSON.stringify(d2)).reason).toBe('duplicate-id');
    const d3 = doc() as unknown as { features: { id?: unknown; properties: Record<string, unknown> }[] };
    delete d3.features[0]!.id;
    d3.features[0]!.properties.id = '';
    expect(refusal(JSON.stringify(d3)).reason).toBe('invalid-territory');
    const d4 = doc() as unknown as { features: unknown[] };
    d4.features[0] = 'not a feature';
    expect(refusal(JSON.stringify(d4)).reason).toBe('invalid-territory');
  });

  it('__proto__ and constructor keys anywhere never pollute Object.prototype', () => {
    const t = JSON.stringify(doc());
    const hostile = t
      .replace('"type":"FeatureCollection"', '"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"type":"FeatureCollection"')
      .replace('"properties":{', '"properties":{"__proto__":{"polluted":3},"constructor":{"polluted":4},')
      .replace('"format":"territory-planner-plan"', '"__proto__":{"polluted":5},"format":"territory-planner-plan"')
      .replace('"units":null', '"units":{"__proto__":{"polluted":6}}')
      .replace('"regions":[{', '"regions":[{"__proto__":{"polluted":7},');
    const r = readPlanFile(hostile, ctx);
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    if (r.ok) {
      const t0 = r.value.bundle.territories[0]!;
      expect(Object.getPrototypeOf(t0)).toBe(Object.prototype);
      expect(Object.keys(t0).sort()).toEqual(['color', 'geometry', 'id', 'locked', 'managerId', 'name', 'notes', 'planId', 'rank', 'regionId', 'targetRevenue']);
      expect((r.value.bundle.regions[0] as unknown as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('region and territory lists of the wrong shape are refused', () => {
    const d = doc() as unknown as { territory_planner: Record<string, unknown> };
    d.territory_planner.regions = { a: 1 };
    expect(refusal(JSON.stringify(d)).reason).toBe('invalid-plan-data');
    const d2 = doc() as unknown as { territory_planner: Record<string, unknown> };
    d2.territory_planner.territories = [{ rank: 1 }];
    expect(refusal(JSON.stringify(d2)).reason).toBe('invalid-plan-data');
  });

  it('a file with a byte-order mark reads', () => {
    expect(readPlanFile(`\uFEFF${JSON.stringify(doc())}`, ctx).ok).toBe(true);
  });
});
