import { describe, expect, it } from 'vitest';
import { BACKUP_REASONS, readBackup, writeBackup, type ReadBackupOptions } from '../../../src/domain/backup';
import { writePlanFile } from '../../../src/domain/plans';
import { sampleBundle } from '../plans/helpers';
import { sampleContent } from './helpers';

type Doc = Record<string, any>;

const good = writeBackup(sampleContent(40));
const doc = (): Doc => JSON.parse(good) as Doc;

function refusal(text: string, opts?: ReadBackupOptions) {
  const r = readBackup(text, opts);
  if (r.ok) throw new Error('expected a refusal');
  expect(BACKUP_REASONS).toContain(r.reason);
  expect('value' in r).toBe(false); // all or nothing
  return r;
}
const edited = (edit: (d: Doc) => void) => {
  const d = doc();
  edit(d);
  return refusal(JSON.stringify(d));
};

describe('readBackup refuses hostile or wrong input', () => {
  it('not JSON, truncated, too large', () => {
    expect(refusal('PK\u0003\u0004zip').reason).toBe('not-json');
    expect(refusal(good.slice(0, good.length - 3)).reason).toBe('truncated');
    expect(refusal(good.slice(0, 1000)).reason).toBe('truncated');
    const r = refusal(good, { maxBytes: 1000 });
    expect(r.reason).toBe('too-large');
  });

  it('not a backup: other JSON, a plan file (named as such)', () => {
    expect(refusal('{"a":1}').reason).toBe('not-a-backup');
    const plan = refusal(JSON.stringify(writePlanFile(sampleBundle(), { people: [], stores: [] })));
    expect(plan.reason).toBe('not-a-backup');
    expect(plan.message).toMatch(/plan file/);
    expect(edited((d) => delete d.created_at).reason).toBe('not-a-backup');
  });

  it('a newer or unreadable version', () => {
    const r = edited((d) => (d.version = 2));
    expect(r.reason).toBe('unsupported-version');
    expect(r.message).toMatch(/newer version of Territory Planner \(format version 2\); this version reads version 1\. Update the app/);
    expect(edited((d) => (d.version = '1')).reason).toBe('unsupported-version');
    expect(edited((d) => (d.version = 1.5)).reason).toBe('unsupported-version');
  });

  it('an unusable store refuses the whole backup, naming the store', () => {
    const lat = edited((d) => (d.stores[7][7] = 91));
    expect(lat).toMatchObject({ reason: 'invalid-store', row: 7 });
    expect(lat.message).toMatch(/^Store 8 \("S-00007"\) .*latitude 91/);
    expect(edited((d) => (d.stores[3][8] = null)).reason).toBe('invalid-store'); // NaN longitude written as null
    expect(edited((d) => (d.stores[2][10] = 'vip')).message).toMatch(/unknown status "vip"/);
    expect(edited((d) => (d.stores[2][11] = 'zoo')).message).toMatch(/unknown channel "zoo"/);
    expect(edited((d) => (d.stores[2][12] = '100')).reason).toBe('invalid-store');
    expect(edited((d) => (d.stores[2][16] = 9)).reason).toBe('invalid-store');
    expect(edited((d) => (d.stores[2][18] = 'yes')).reason).toBe('invalid-store');
    expect(edited((d) => (d.stores[2] = { id: 'x' })).reason).toBe('invalid-store');
    expect(edited((d) => (d.stores[2][0] = '')).reason).toBe('invalid-store');
    expect(edited((d) => (d.store_fields = d.store_fields.filter((f: string) => f !== 'status'))).message).toMatch(/no "status" column/);
    expect(edited((d) => (d.stores[5][0] = d.stores[4][0]))).toMatchObject({ reason: 'duplicate-id', row: 5 });
  });

  it('reads columns by name, whatever their order', () => {
    const d = doc();
    d.store_fields.reverse();
    for (const row of d.stores) row.reverse();
    const r = readBackup(JSON.stringify(d));
    expect(r.ok && r.value.stores).toEqual(sampleContent(40).stores);
  });

  it('too many stores is refused before any store is read', () => {
    expect(refusal(good, { maxStores: 10 }).reason).toBe('too-many-stores');
  });

  it('invalid territory outlines, references to other workspaces or plans, duplicate ids', () => {
    const geo = edited((d) => (d.plans[1].territories[2].geometry = { type: 'Polygon', coordinates: [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]] }));
    expect(geo).toMatchObject({ reason: 'invalid-geometry', row: 2 });
    expect(geo.message).toMatch(/^Territory “East ★ Ozarks” of Plan “FY27 — option B” has an invalid outline/);
    expect(edited((d) => (d.plans[0].plan.workspaceId = 'ws-other')).reason).toBe('wrong-reference');
    expect(edited((d) => (d.plans[0].territories[0].planId = 'plan-B')).reason).toBe('wrong-reference');
    expect(edited((d) => (d.plans[0].regions[0].planId = 'plan-B')).reason).toBe('wrong-reference');
    expect(edited((d) => (d.people[1].workspaceId = 'ws-other')).reason).toBe('wrong-reference');
    expect(edited((d) => (d.workspace.activePlanId = 'plan-gone')).reason).toBe('wrong-reference');
    const samePlanId = edited((d) => {
      d.plans[1].plan.id = d.plans[0].plan.id;
      for (const t of [...d.plans[1].territories, ...d.plans[1].regions]) t.planId = d.plans[0].plan.id;
    });
    expect(samePlanId).toMatchObject({ reason: 'duplicate-id', row: 1 });
    expect(edited((d) => (d.plans[0].territories[1].id = 'T-north')).reason).toBe('duplicate-id');
    expect(edited((d) => (d.plans[0].regions[1].id = 'R-plains')).reason).toBe('duplicate-id');
    expect(edited((d) => (d.people[1].id = d.people[0].id)).reason).toBe('duplicate-id');
  });

  it('incomplete records', () => {
    expect(edited((d) => delete d.workspace).reason).toBe('invalid-workspace');
    expect(edited((d) => (d.people[0].role = 'boss')).reason).toBe('invalid-person');
    expect(edited((d) => (d.plans[0].plan.overlapMode = 'sometimes')).reason).toBe('invalid-plan');
    expect(edited((d) => (d.plans[0].plan.pins = [{ storeId: 1 }])).reason).toBe('invalid-plan');
    expect(edited((d) => (d.plans[0].territories[0].locked = 'yes')).reason).toBe('invalid-territory');
    expect(edited((d) => (d.plans[0].territories[1].units = { level: 'planets', ids: [] })).reason).toBe('invalid-territory');
    expect(edited((d) => (d.plans[0].history = { undo: 'x' })).reason).toBe('invalid-plan');
    expect(edited((d) => (d.settings = [1, 2])).reason).toBe('invalid-settings');
    expect(edited((d) => delete d.plans).reason).toBe('invalid-plan');
  });

  it('__proto__ / constructor keys anywhere never pollute, and are dropped from settings and history', () => {
    const d = doc();
    const text = JSON.stringify(d)
      .replace('"format":', '"__proto__":{"polluted":1},"format":')
      .replace('"settings":{', '"settings":{"__proto__":{"polluted":2},"constructor":{"prototype":{"polluted":3}},')
      .replace('"undo":[{', '"undo":[{"__proto__":{"polluted":4},')
      .replace('"people":[{', '"people":[{"__proto__":{"polluted":5},')
      .replace('"workspace":{', '"workspace":{"__proto__":{"polluted":6},');
    const r = readBackup(text);
    if (!r.ok) throw new Error(r.message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(r.value.settings)).toEqual(['theme', 'map', 'recent', 'flag', 'none']);
    expect(Object.getPrototypeOf(r.value.settings)).toBe(Object.prototype);
    expect(Object.keys(r.value.plans[0]!.history!.undo[0] as object)).toEqual(['label', 'before', 'after', 'extra']);
    expect(Object.keys(r.value.workspace)).toEqual(['id', 'name', 'activePlanId', 'createdAt']);
  });

  it('an absurdly deep undo history is refused instead of overflowing the stack', () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const text = good.replace('"redo":[]', `"redo":[${deep}]`);
    expect(refusal(text).reason).toBe('invalid-plan');
  });
});
