/**
 * Pure helpers of the one change path (ARCHITECTURE rule 4): applying a PlanChange to the
 * plan's lists, inverting it for undo, and listing what it touched for the autosave.
 */
import { withAccountManagers, type Market } from '../domain/market';
import type { Person, PersonId, Plan, Region, RegionId, Territory, TerritoryId } from '../domain/types';
import type { PeopleChange, PlanChange, PlanSettings } from './types';

/** Applies a change to a rank-sorted territory list, returning a new sorted list. */
export function applyToTerritories(territories: readonly Territory[], change: PlanChange): Territory[] {
  const touched = new Set<TerritoryId>([...change.before.map((t) => t.id), ...change.after.map((t) => t.id)]);
  if (touched.size === 0) return territories as Territory[];
  const next = territories.filter((t) => !touched.has(t.id));
  next.push(...change.after);
  next.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return next;
}

/** Applies a change's regions (if any) to the region list, kept sorted by name. */
export function applyToRegions(regions: readonly Region[], change: PlanChange): Region[] {
  if (!change.regions) return regions as Region[];
  const touched = new Set<RegionId>([...change.regions.before.map((r) => r.id), ...change.regions.after.map((r) => r.id)]);
  const next = regions.filter((r) => !touched.has(r.id));
  next.push(...change.regions.after);
  return next.sort((a, b) => a.name.localeCompare(b.name));
}

/** Applies a person's deletion (or its undo) to the people and to their accounts. */
export function applyToMarket(people: readonly Person[], market: Market, change: PeopleChange): { people: Person[]; market: Market } {
  const touched = new Set<PersonId>([...change.before.map((p) => p.id), ...change.after.map((p) => p.id)]);
  const nextPeople = [...people.filter((p) => !touched.has(p.id)), ...change.after];
  if (change.accounts.length === 0) return { people: nextPeople, market };
  const managerOf = new Map(change.accounts.map((a) => [a.storeId as string, a.after]));
  return { people: nextPeople, market: withAccountManagers(market, managerOf) };
}

export function invertChange(change: PlanChange): PlanChange {
  const inverse: PlanChange = { label: change.label, before: change.after, after: change.before };
  if (change.regions) inverse.regions = { before: change.regions.after, after: change.regions.before };
  if (change.settings) inverse.settings = { before: change.settings.after, after: change.settings.before };
  if (change.people) {
    inverse.people = {
      before: change.people.after,
      after: change.people.before,
      reassignTo: change.people.reassignTo,
      accounts: change.people.accounts.map((a) => ({ storeId: a.storeId, before: a.after, after: a.before })),
    };
  }
  return inverse;
}

export function touchedTerritoryIds(change: PlanChange): TerritoryId[] {
  return [...new Set([...change.before.map((t) => t.id), ...change.after.map((t) => t.id)])];
}

export function touchedRegionIds(change: PlanChange): RegionId[] {
  if (!change.regions) return [];
  return [...new Set([...change.regions.before.map((r) => r.id), ...change.regions.after.map((r) => r.id)])];
}

/** The settings part of a plan record, as a change records it. */
export function planSettings(plan: Plan): PlanSettings {
  return { name: plan.name, overlapMode: plan.overlapMode ?? 'take', pins: plan.pins ?? [] };
}

/**
 * Clears references a territory cannot keep: a manager who is no longer a person of the
 * workspace, a region the plan no longer has. They come from history recorded before a
 * deletion made in another plan (people are shared by all plans); the UI would otherwise
 * show a name that no longer exists.
 */
export function withValidRefs(t: Territory, people: ReadonlySet<string>, regions: ReadonlySet<string>): Territory {
  const managerOk = t.managerId === null || people.has(t.managerId);
  const regionOk = t.regionId === null || regions.has(t.regionId);
  if (managerOk && regionOk) return t;
  return { ...t, managerId: managerOk ? t.managerId : null, regionId: regionOk ? t.regionId : null };
}
