import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, readBackup, STORE_FIELDS, writeBackup, type BackupContent } from '../../../src/domain/backup';
import { carol, deepFreeze, PLAN_A, WS } from '../plans/helpers';
import { sampleContent } from './helpers';

describe('backup round trip', () => {
  it('write → read gives back exactly the same content, with a summary', () => {
    const content = deepFreeze(sampleContent());
    const text = writeBackup(content, { appVersion: '2.0.0' });
    const r = readBackup(text);
    if (!r.ok) throw new Error(`${r.reason}: ${r.message}`);
    const { summary, ...back } = r.value;
    expect(back).toEqual(content);
    // toEqual treats undefined and absent alike: check optional fields are absent, not undefined.
    expect('overlapMode' in back.plans[1]!.bundle.plan).toBe(false);
    expect('history' in back.plans[1]!).toBe(false);
    expect(back.plans[1]!.bundle.territories[0]!.targetRevenue).toBeNull();
    expect('homeBase' in back.people[0]!).toBe(false);
    expect(back.people[2]!.homeBase).toBe(carol.homeBase);
    expect(summary).toEqual({
      createdAt: content.createdAt,
      workspaceName: 'Prairie Pet Supply',
      stores: content.stores.length,
      people: 3,
      plans: [
        { name: 'FY27 realignment', territories: 3 },
        { name: 'FY27 — option B', territories: 3 },
      ],
    });
  });

  it('stores come back field for field (nulls, unicode, extreme and negative numbers)', () => {
    const content = sampleContent(100);
    const r = readBackup(writeBackup(content));
    if (!r.ok) throw new Error(r.message);
    expect(r.value.stores).toHaveLength(content.stores.length);
    for (let i = 0; i < content.stores.length; i++) {
      const a = content.stores[i]!;
      const b = r.value.stores[i]!;
      for (const f of STORE_FIELDS) expect(Object.is(b[f], a[f]), `${a.id}.${f}`).toBe(true);
      expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    }
  });

  it('writes the documented header and stores as a table', () => {
    const text = writeBackup(sampleContent(10), { appVersion: '2.0.0' });
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['format', 'version', 'created_at', 'app', 'workspace', 'people', 'store_fields', 'stores', 'plans', 'settings']);
    expect(doc.format).toBe(BACKUP_FORMAT);
    expect(doc.version).toBe(1);
    expect(doc.created_at).toBe('2023-11-29T05:09:27.890Z');
    expect(doc.app).toEqual({ name: 'Territory Planner', version: '2.0.0' });
    expect(doc.store_fields).toEqual([...STORE_FIELDS]);
    expect((doc.stores as unknown[][])[0]).toHaveLength(STORE_FIELDS.length);
    expect((doc.plans as { history: unknown }[])[1]!.history).toBeNull();
  });

  it('a non-finite money value (bad import) is written as 0, as the stats count it', () => {
    const content = sampleContent(3);
    content.stores[0] = { ...content.stores[0]!, revenue: NaN, potential: Infinity };
    const r = readBackup(writeBackup(content));
    if (!r.ok) throw new Error(r.message);
    expect(r.value.stores[0]!.revenue).toBe(0);
    expect(r.value.stores[0]!.potential).toBe(0);
  });

  it('keeps 100k stores compact (a table, not objects) and reads them back', () => {
    const content = sampleContent(100_000);
    const t0 = performance.now();
    const text = writeBackup(content);
    const r = readBackup(text);
    const ms = performance.now() - t0;
    if (!r.ok) throw new Error(r.message);
    expect(r.value.stores).toEqual(content.stores);
    const asObjects = JSON.stringify(content.stores).length;
    const asTable = JSON.stringify(JSON.parse(text).stores).length;
    expect(asTable / asObjects).toBeLessThan(0.7);
    expect(text.length / content.stores.length).toBeLessThan(260); // bytes per store, all included
    expect(ms).toBeLessThan(10_000);
  });

  it('an empty workspace (no stores, no plans) round-trips', () => {
    const content: BackupContent = { workspace: { id: WS, name: 'Empty', activePlanId: PLAN_A, createdAt: 1 }, stores: [], people: [], plans: [], settings: {}, createdAt: 2 };
    const r = readBackup(writeBackup(content));
    if (!r.ok) throw new Error(r.message);
    const { summary, ...back } = r.value;
    expect(back).toEqual(content);
    expect(summary).toEqual({ createdAt: 2, workspaceName: 'Empty', stores: 0, people: 0, plans: [] });
  });
});
