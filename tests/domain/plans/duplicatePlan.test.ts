import type { Polygon, MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { duplicatePlan } from '../../../src/domain/plans';
import type { PlanId } from '../../../src/domain/types';
import { deepFreeze, PLAN_A, sampleBundle } from './helpers';

const NEW = 'plan-B' as PlanId;

describe('duplicatePlan', () => {
  it('stamps the new plan id on the plan, every territory and every region, and keeps everything else', () => {
    const original = deepFreeze(sampleBundle());
    const copy = duplicatePlan(original, { newPlanId: NEW, name: 'FY27 — option B', now: 42 });

    expect(copy.plan).toEqual({ ...original.plan, id: NEW, name: 'FY27 — option B', createdAt: 42, updatedAt: 42 });
    expect(copy.territories.map((t) => t.planId)).toEqual([NEW, NEW, NEW]);
    expect(copy.regions.map((r) => r.planId)).toEqual([NEW, NEW]);
    // Same territories apart from planId: ids, ranks, units, locks, managers, notes, targets.
    expect(copy.territories).toEqual(original.territories.map((t) => ({ ...t, planId: NEW })));
    expect(copy.regions).toEqual(original.regions.map((r) => ({ ...r, planId: NEW })));
    expect(copy.plan.pins).toEqual(original.plan.pins);
    expect(copy.plan.overlapMode).toBe('yield');
    // The original is untouched (it is frozen: any write would have thrown).
    expect(original.plan.id).toBe(PLAN_A);
  });

  it('shares no array or object with the original (mutating the copy never changes the original)', () => {
    const original = deepFreeze(sampleBundle());
    const before = JSON.stringify(original);
    const copy = duplicatePlan(original, { newPlanId: NEW, name: 'B', now: 1 });

    const seen = new Set<object>();
    const collect = (v: unknown): void => {
      if (v && typeof v === 'object') {
        seen.add(v);
        Object.values(v).forEach(collect);
      }
    };
    collect(original);
    const shared: string[] = [];
    const check = (v: unknown, path: string): void => {
      if (v && typeof v === 'object') {
        if (seen.has(v)) shared.push(path);
        for (const [k, x] of Object.entries(v)) check(x, `${path}.${k}`);
      }
    };
    check(copy, 'copy');
    expect(shared).toEqual([]);

    // Every nested array of the copy is writable and writing it leaves the original alone.
    const north = copy.territories[0]!.geometry as Polygon;
    north.coordinates[0]![1]![0] = 0;
    north.coordinates[1]!.pop();
    north.coordinates.push([[1, 1]]);
    (copy.territories[1]!.geometry as MultiPolygon).coordinates[1]![0]![0]![1] = -5;
    copy.territories[1]!.units!.ids.push('99999');
    copy.plan.pins!.push({ ...copy.plan.pins![0]! });
    copy.territories.pop();
    copy.regions[0]!.name = 'Renamed';
    expect(JSON.stringify(original)).toBe(before);
  });

  it('mutating the original afterwards never changes the copy', () => {
    const original = sampleBundle();
    const copy = duplicatePlan(original, { newPlanId: NEW, name: 'B', now: 1 });
    const before = JSON.stringify(copy);
    (original.territories[0]!.geometry as Polygon).coordinates[0]![0]![0] = 3;
    original.territories[1]!.units!.ids.length = 0;
    original.plan.pins!.length = 0;
    original.regions.length = 0;
    expect(JSON.stringify(copy)).toBe(before);
  });

  it('copies a plan without optional parts as it is', () => {
    const bare = deepFreeze({
      plan: { id: PLAN_A, workspaceId: sampleBundle().plan.workspaceId, name: 'Bare', createdAt: 1, updatedAt: 2 },
      territories: [],
      regions: [],
    });
    const copy = duplicatePlan(bare, { newPlanId: NEW, name: 'Bare 2', now: 9 });
    expect(copy).toEqual({ plan: { ...bare.plan, id: NEW, name: 'Bare 2', createdAt: 9, updatedAt: 9 }, territories: [], regions: [] });
    expect('pins' in copy.plan).toBe(false);
    expect('overlapMode' in copy.plan).toBe(false);
  });
});
