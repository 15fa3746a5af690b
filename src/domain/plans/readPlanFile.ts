import type { StoreSource } from '../market';
import { normalisePlanBalance } from '../balance/balanceJob';
import { validateTerritoryGeometry } from '../geometry';
import type {
  Person,
  Plan,
  PlanBundle,
  PlanId,
  Region,
  RegionId,
  Result,
  Territory,
  TerritoryId,
  WorkspaceId,
} from '../types';
import { capText, describeValue, isJsonObject, parseJsonText } from './jsonText';
import { nameKey } from './nameKey';
import {
  PLAN_FILE_FORMAT,
  PLAN_FILE_LIMITS,
  PLAN_FILE_MEMBER,
  PLAN_FILE_VERSION,
  type PlanFileReason,
} from './planFileFormat';
import {
  DEFAULT_REGION_COLOR,
  planFileFail as fail,
  readColor,
  readId,
  readName,
  readPins,
  readRegions,
  readTerritoryExtras,
} from './planFileParts';
import { createPersonResolver } from './resolvePeople';

export interface ReadPlanFileContext {
  /** The workspace's people: managers in the file are matched to them (resolvePeople.ts). */
  people: readonly Person[];
  /** The workspace's market: pins are matched to these stores. */
  stores: StoreSource;
  /** Id of the plan to create (fresh). */
  newPlanId: PlanId;
  workspaceId: WorkspaceId;
  /** Epoch ms: the new plan's createdAt/updatedAt. */
  now: number;
  /** Longest text accepted, checked before parsing; default PLAN_FILE_LIMITS.maxBytes. */
  maxBytes?: number;
  /** Most features accepted, checked before any per-feature work; default 10,000. */
  maxFeatures?: number;
  /** Id of the k-th new person; default `P-TM-<newPlanId>-<k>`. */
  newPersonId?: (k: number) => string;
}

export interface ReadPlanFileValue {
  /** The plan as a NEW plan of this workspace (territory and region ids kept). */
  bundle: PlanBundle;
  /** Managers the workspace did not have, to be saved with the plan. */
  newPeople: Person[];
  /** What was adjusted or skipped, in the user's words (empty when the file was read as is). */
  notes: string[];
}

/** Used when a territory's color is not #rrggbb. */
export const DEFAULT_TERRITORY_COLOR = '#1f77b4';

/**
 * Opens a plan file (format in planFileFormat.ts) as a new plan of this workspace: the
 * same territories (ids, ranks, exact outlines, colors, locks, notes, targets, base
 * units), regions (ids kept), overlap mode and pins, with managers matched to this
 * workspace's people or added (`newPeople`) so no owner is lost.
 *
 * All or nothing: any invalid outline, duplicate id or broken structure refuses the whole
 * file with a reason and a message naming the feature (`row` = its 0-based index) — a plan
 * with a territory silently missing would mis-assign stores. What can be dropped without
 * changing the plan's meaning (a pin to a store not in this market, unreadable base
 * units, a name beyond 200 characters) is adjusted and listed in `notes`.
 *
 * Hostile input: the size is checked before parsing, the feature count before any
 * per-feature work; only known keys are read into new objects (a `__proto__` key in the
 * file cannot reach any prototype).
 */
export function readPlanFile(text: string, ctx: ReadPlanFileContext): Result<ReadPlanFileValue, PlanFileReason> {
  const parsed = parseJsonText(text, ctx.maxBytes ?? PLAN_FILE_LIMITS.maxBytes, 'plan file');
  if (!parsed.ok) return parsed;
  const doc = parsed.value;
  if (!isJsonObject(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    const backup = isJsonObject(doc) && doc.format === 'territory-planner-backup';
    return fail(
      'not-a-feature-collection',
      backup
        ? 'This is a Territory Planner backup, not a plan file. Restore it from the backup screen.'
        : 'This is not a plan file: it is JSON but not a GeoJSON FeatureCollection.',
    );
  }
  const member = doc[PLAN_FILE_MEMBER];
  if (member === undefined) {
    return fail(
      'not-a-plan-file',
      'This GeoJSON file has territories but no Territory Planner plan data (regions, settings, pins). ' +
        'Use "Import territories" to add its shapes to a plan.',
    );
  }
  if (!isJsonObject(member)) return fail('invalid-plan-data', `The plan file’s "${PLAN_FILE_MEMBER}" member is not an object.`);
  if (member.format !== PLAN_FILE_FORMAT) {
    return fail('wrong-format', `This file is not a plan file: its format is ${describeValue(member.format)}, expected "${PLAN_FILE_FORMAT}".`);
  }
  const version = member.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail(
      'unsupported-version',
      `This plan file has an unreadable format version (${describeValue(version)}); this version of Territory Planner reads version ${PLAN_FILE_VERSION}.`,
    );
  }
  if (version > PLAN_FILE_VERSION) {
    return fail(
      'unsupported-version',
      `This plan file was written by a newer version of Territory Planner (format version ${version}); ` +
        `this version reads version ${PLAN_FILE_VERSION}. Update the app to open it.`,
    );
  }
  const features: unknown[] = doc.features;
  const maxFeatures = ctx.maxFeatures ?? PLAN_FILE_LIMITS.maxFeatures;
  if (features.length > maxFeatures) {
    return fail(
      'too-many-features',
      `This plan file has ${features.length.toLocaleString('en-US')} territories; the limit is ${maxFeatures.toLocaleString('en-US')}.`,
    );
  }

  const notes: string[] = [];
  const people = createPersonResolver(
    ctx.people,
    ctx.workspaceId,
    ctx.newPersonId ?? ((k) => `P-TM-${ctx.newPlanId}-${k + 1}`),
    PLAN_FILE_LIMITS.nameLength,
  );
  const planInfo = isJsonObject(member.plan) ? member.plan : {};
  const regionsRead = readRegions(member.regions, ctx.newPlanId, people, notes);
  if (!regionsRead.ok) return regionsRead;
  const regions = regionsRead.value;
  const extrasRead = readTerritoryExtras(member.territories, notes);
  if (!extrasRead.ok) return extrasRead;
  const extras = extrasRead.value;

  const regionIds = new Set<string>(regions.map((r) => r.id));
  const regionByName = new Map<string, Region>();
  for (const r of regions) if (!regionByName.has(nameKey(r.name))) regionByName.set(nameKey(r.name), r);

  const territories: { t: Territory; order: number }[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < features.length; i++) {
    const f: unknown = features[i];
    const label = `Feature ${i + 1}`;
    if (!isJsonObject(f) || f.type !== 'Feature') return fail('invalid-territory', `${label} of the plan file is not a GeoJSON Feature.`, i);
    const props = isJsonObject(f.properties) ? f.properties : {};
    const id = readId(props.id) ?? readId(f.id);
    if (id === null) return fail('invalid-territory', `${label} of the plan file has no territory id.`, i);
    const name = readName(props.name, `Territory ${i + 1}`, notes, `territory ${i + 1}`);
    const geometry = validateTerritoryGeometry(f.geometry);
    if (!geometry.ok) {
      return fail('invalid-geometry', `${label} (territory “${capText(name, 60)}”) has an invalid outline: ${geometry.message}`, i);
    }
    if (seen.has(id)) return fail('duplicate-id', `${label} (“${capText(name, 60)}”) has the id ${describeValue(id)} of an earlier territory.`, i);
    seen.add(id);

    const extra = extras.get(id);
    let regionId: RegionId | null = null;
    if (extra?.regionId != null && regionIds.has(extra.regionId)) regionId = extra.regionId as RegionId;
    else if (typeof props.region === 'string' && props.region.trim() !== '') {
      regionId = regionNamed(props.region, regionByName, regions, ctx.newPlanId, notes);
    }
    const t: Territory = {
      id: id as TerritoryId,
      planId: ctx.newPlanId,
      name,
      color: readColor(props.color, DEFAULT_TERRITORY_COLOR),
      geometry: geometry.value,
      managerId: people.resolve(extra?.managerId, props.territory_manager),
      regionId,
      locked: props.locked === true,
      rank: extra?.rank ?? i,
    };
    if (typeof props.notes === 'string') {
      if (props.notes.length > PLAN_FILE_LIMITS.notesLength) notes.push(`The notes of “${capText(name, 60)}” were shortened to ${PLAN_FILE_LIMITS.notesLength.toLocaleString('en-US')} characters.`);
      t.notes = capText(props.notes, PLAN_FILE_LIMITS.notesLength);
    }
    if (typeof props.target_revenue === 'number' && Number.isFinite(props.target_revenue) && props.target_revenue >= 0) {
      t.targetRevenue = props.target_revenue;
    }
    if (extra?.units) t.units = extra.units;
    territories.push({ t, order: i });
  }
  territories.sort((x, y) => x.t.rank - y.t.rank || x.order - y.order);

  const pins = readPins(member.pins, ctx.stores, seen, notes);
  const plan: Plan = {
    id: ctx.newPlanId,
    workspaceId: ctx.workspaceId,
    name: readName(planInfo.name, 'Imported plan', notes, 'the plan'),
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  const mode = planInfo.overlap_mode;
  if (mode === 'take' || mode === 'yield' || mode === 'allow') plan.overlapMode = mode;
  if (pins.length > 0) plan.pins = pins;
  // informative only: an unusable record is dropped, as a stored one is
  const balance = normalisePlanBalance(planInfo.auto_balance);
  if (balance) plan.balance = balance;
  const newPeople = people.newPeople;
  if (newPeople.length > 0) {
    notes.push(`Added ${newPeople.length === 1 ? 'a territory manager' : `${newPeople.length} territory managers`} named in the file: ${listNames(newPeople)}.`);
  }
  return { ok: true, value: { bundle: { plan, territories: territories.map((x) => x.t), regions }, newPeople, notes } };
}

/** The region with this name; created (with a note) when the file names one it does not list. */
function regionNamed(
  rawName: string,
  byName: Map<string, Region>,
  regions: Region[],
  planId: PlanId,
  notes: string[],
): RegionId {
  const name = capText(rawName.trim(), PLAN_FILE_LIMITS.nameLength);
  const key = nameKey(name);
  const found = byName.get(key);
  if (found) return found.id;
  const taken = new Set<string>(regions.map((r) => r.id));
  let k = regions.length + 1;
  while (taken.has(`R-${planId}-${k}`)) k++;
  const region: Region = { id: `R-${planId}-${k}` as RegionId, planId, name, color: DEFAULT_REGION_COLOR, managerId: null };
  regions.push(region);
  byName.set(key, region);
  notes.push(`Added the region “${capText(name, 60)}” named by a territory of the file.`);
  return region.id;
}

function listNames(people: readonly Person[]): string {
  const names = people.slice(0, 5).map((p) => capText(p.name, 60));
  return people.length > 5 ? `${names.join(', ')} and ${people.length - 5} more` : names.join(', ');
}
