import { copyWithoutUnsafeKeys, describeValue, isJsonObject, parseJsonText } from '../plans';
import type { Result } from '../types';
import {
  BACKUP_FORMAT,
  BACKUP_LIMITS,
  BACKUP_VERSION,
  type BackupContent,
  type BackupPlan,
  type BackupReason,
  type BackupSummary,
} from './backupFormat';
import { backupFail as fail, readBackupPlan, readPeople, readWorkspace } from './readBackupRecords';
import { decodeStores } from './storeTable';

export interface ReadBackupOptions {
  /** Longest text accepted, checked before parsing; default BACKUP_LIMITS.maxBytes. */
  maxBytes?: number;
  /** Most stores accepted, checked before any store is read; default 2,000,000. */
  maxStores?: number;
}

export type ReadBackupValue = BackupContent & { summary: BackupSummary };

/**
 * Reads a backup file (format in backupFormat.ts) for a restore. All or nothing: the
 * first problem refuses the whole file with a reason code and a message that names the
 * record (`row` = its 0-based index in its list); on success every store, person, plan,
 * territory outline and reference has been checked, and `summary` says what the file holds
 * for the "restore this backup?" screen.
 *
 * Checks: size before parsing; not JSON / cut short; not a backup (a plan file is named
 * as such); a version newer than this app reads; every store usable (see storeTable.ts);
 * people, plans, territories and regions complete, every outline valid; every plan and
 * person in the backup's workspace, every territory and region in its plan; unique ids
 * (stores, people, plans; territories and regions within a plan); the active plan among
 * the plans. References that the app tolerates when dangling (a territory's manager or
 * region, a store's account manager, a pin's store) are kept as they are: the app wrote
 * them, and refusing them would make a backup unrestorable.
 *
 * Free-form parts (settings, undo history) are copied without `__proto__`/`constructor`/
 * `prototype` keys; everything else is read field by field into new objects.
 */
export function readBackup(text: string, opts: ReadBackupOptions = {}): Result<ReadBackupValue, BackupReason> {
  const parsed = parseJsonText(text, opts.maxBytes ?? BACKUP_LIMITS.maxBytes, 'backup');
  if (!parsed.ok) return parsed;
  const doc = parsed.value;
  if (!isJsonObject(doc) || doc.format !== BACKUP_FORMAT) {
    const planFile = isJsonObject(doc) && doc.type === 'FeatureCollection';
    return fail(
      'not-a-backup',
      planFile
        ? 'This is a GeoJSON or plan file, not a backup. Open it with "Open plan" or "Import territories".'
        : 'This is not a Territory Planner backup.',
    );
  }
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('unsupported-version', `This backup has an unreadable format version (${describeValue(version)}); this version of Territory Planner reads version ${BACKUP_VERSION}.`);
  }
  if (version > BACKUP_VERSION) {
    return fail(
      'unsupported-version',
      `This backup was written by a newer version of Territory Planner (format version ${version}); ` +
        `this version reads version ${BACKUP_VERSION}. Update the app to restore it.`,
    );
  }
  const createdAt = typeof doc.created_at === 'string' ? Date.parse(doc.created_at) : doc.created_at;
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt)) {
    return fail('not-a-backup', 'The backup has no valid creation time ("created_at").');
  }

  const workspace = readWorkspace(doc.workspace);
  if (!workspace.ok) return workspace;
  const ws = workspace.value;
  const people = readPeople(doc.people, ws.id);
  if (!people.ok) return people;

  const maxStores = opts.maxStores ?? BACKUP_LIMITS.maxStores;
  if (Array.isArray(doc.stores) && doc.stores.length > maxStores) {
    return fail('too-many-stores', `This backup has ${doc.stores.length.toLocaleString('en-US')} stores; the limit is ${maxStores.toLocaleString('en-US')}.`);
  }
  const stores = decodeStores(doc.store_fields, doc.stores);
  if (!stores.ok) return stores;

  if (!Array.isArray(doc.plans)) return fail('invalid-plan', 'The backup has no "plans" list.');
  const plans: BackupPlan[] = [];
  const planIds = new Set<string>();
  for (let i = 0; i < doc.plans.length; i++) {
    const plan = readBackupPlan(doc.plans[i], i, ws.id, BACKUP_LIMITS.historyDepth);
    if (!plan.ok) return plan;
    const id = plan.value.bundle.plan.id;
    if (planIds.has(id)) return fail('duplicate-id', `Plan ${i + 1} of the backup has the id of an earlier plan.`, i);
    planIds.add(id);
    plans.push(plan.value);
  }
  if (plans.length > 0 && !planIds.has(ws.activePlanId)) {
    return fail('wrong-reference', 'The backup’s workspace opens a plan that is not in the backup.');
  }

  let settings: Record<string, unknown> = {};
  if (doc.settings !== undefined && doc.settings !== null) {
    const copy = isJsonObject(doc.settings) ? copyWithoutUnsafeKeys(doc.settings) : null;
    if (!copy) return fail('invalid-settings', 'The backup’s settings are not readable.');
    settings = copy.value as Record<string, unknown>;
  }

  const summary: BackupSummary = {
    createdAt,
    workspaceName: ws.name,
    stores: stores.value.length,
    people: people.value.length,
    plans: plans.map((p) => ({ name: p.bundle.plan.name, territories: p.bundle.territories.length })),
  };
  return {
    ok: true,
    value: { workspace: ws, stores: stores.value, people: people.value, plans, settings, createdAt, summary },
  };
}
