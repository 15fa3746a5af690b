import type { StateCreator } from 'zustand';
import { validateTerritoryGeometry } from '../domain/geometry';
import type { Territory, TerritoryGeometry, TerritoryId } from '../domain/types';
import type { AppState, PersistencePort, PlanChange, PlanSlice } from './types';

/** Undo keeps at least this many steps (ARCHITECTURE rule 4 asks for 100+). */
export const UNDO_LIMIT = 200;

/** Colors for new territories: distinct, readable on the light base map. */
export const TERRITORY_PALETTE = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
  '#bcbd22', '#17becf', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173', '#3182bd',
];

/** Applies a change to a rank-sorted territory list, returning a new sorted list. */
export function applyToTerritories(territories: readonly Territory[], change: PlanChange): Territory[] {
  const touched = new Set<TerritoryId>([...change.before.map((t) => t.id), ...change.after.map((t) => t.id)]);
  const next = territories.filter((t) => !touched.has(t.id));
  next.push(...change.after);
  next.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return next;
}

export function invertChange(change: PlanChange): PlanChange {
  return { label: change.label, before: change.after, after: change.before };
}

function touchedIds(change: PlanChange): TerritoryId[] {
  return [...new Set([...change.before.map((t) => t.id), ...change.after.map((t) => t.id)])];
}

function newTerritoryId(existing: readonly Territory[]): TerritoryId {
  const taken = new Set(existing.map((t) => t.id));
  for (;;) {
    const id = `T-${crypto.randomUUID().slice(0, 8)}` as TerritoryId;
    if (!taken.has(id)) return id;
  }
}

export const createPlanSlice =
  (persistence: PersistencePort): StateCreator<AppState, [], [], PlanSlice> =>
  (set, get) => {
    /** Shared by applyChange, undo and redo: swap in the change, save, recompute. */
    const commit = (change: PlanChange, stacks: Pick<PlanSlice, 'undoStack' | 'redoStack'>) => {
      const territories = applyToTerritories(get().territories, change);
      const selected = get().selectedTerritoryId;
      set({
        territories,
        ...stacks,
        selectedTerritoryId: selected && territories.some((t) => t.id === selected) ? selected : null,
      });
      persistence.markDirty(touchedIds(change));
      get().recompute();
    };
    const find = (id: TerritoryId) => get().territories.find((t) => t.id === id);
    const edit = (id: TerritoryId, label: (t: Territory) => string, patch: (t: Territory) => Partial<Territory>) => {
      const t = find(id);
      if (!t) return;
      get().applyChange({ label: label(t), before: [t], after: [{ ...t, ...patch(t) }] });
    };

    return {
      workspace: null,
      plan: null,
      territories: [],
      selectedTerritoryId: null,
      undoStack: [],
      redoStack: [],
      loadPlan(workspace, plan, territories, history) {
        set({
          workspace,
          plan,
          territories: [...territories].sort((a, b) => a.rank - b.rank),
          selectedTerritoryId: null,
          undoStack: history?.undo.slice(-UNDO_LIMIT) ?? [],
          redoStack: history?.redo.slice(-UNDO_LIMIT) ?? [],
        });
        get().recompute();
      },
      applyChange(change) {
        const undoStack = [...get().undoStack, change].slice(-UNDO_LIMIT);
        commit(change, { undoStack, redoStack: [] });
      },
      undo() {
        const { undoStack, redoStack } = get();
        const last = undoStack[undoStack.length - 1];
        if (!last) return;
        commit(invertChange(last), { undoStack: undoStack.slice(0, -1), redoStack: [...redoStack, last] });
      },
      redo() {
        const { undoStack, redoStack } = get();
        const next = redoStack[redoStack.length - 1];
        if (!next) return;
        commit(next, { undoStack: [...undoStack, next], redoStack: redoStack.slice(0, -1) });
      },
      selectTerritory(id) {
        set({ selectedTerritoryId: id });
      },
      createTerritory(name, geometry) {
        const { plan, territories } = get();
        if (!plan) return null;
        const checked = validateTerritoryGeometry(geometry);
        if (!checked.ok) {
          get().notify('error', checked.message);
          return null;
        }
        const used = new Set(territories.map((t) => t.color));
        const color = TERRITORY_PALETTE.find((c) => !used.has(c)) ?? TERRITORY_PALETTE[territories.length % TERRITORY_PALETTE.length]!;
        // A new territory goes to the top of the plan: where it overlaps older territories it
        // wins their stores (lower rank wins, see domain/assignment), as the user expects
        // when outlining a new area over an existing plan.
        const rank = territories.length === 0 ? 0 : territories.reduce((m, t) => Math.min(m, t.rank), Infinity) - 1;
        const territory: Territory = {
          id: newTerritoryId(territories),
          planId: plan.id,
          name: name.trim() || `Territory ${territories.length + 1}`,
          color,
          geometry: checked.value,
          managerId: null,
          regionId: null,
          locked: false,
          rank,
        };
        get().applyChange({ label: `Drew ${territory.name}`, before: [], after: [territory] });
        set({ selectedTerritoryId: territory.id });
        return territory;
      },
      renameTerritory(id, name) {
        const clean = name.trim();
        if (!clean) return;
        const t = find(id);
        if (!t || t.name === clean) return;
        edit(id, (t) => `Renamed ${t.name} to ${clean}`, () => ({ name: clean }));
      },
      reshapeTerritory(id, geometry) {
        if (find(id)?.locked) {
          get().notify('error', `${find(id)!.name} is locked: unlock it to change its outline.`);
          return;
        }
        const checked = validateTerritoryGeometry(geometry);
        if (!checked.ok) {
          get().notify('error', `${checked.message} The previous shape was kept.`);
          return;
        }
        edit(id, (t) => `Reshaped ${t.name}`, () => ({ geometry: checked.value }));
      },
      deleteTerritory(id) {
        const t = find(id);
        if (!t) return;
        if (t.locked) {
          get().notify('error', `${t.name} is locked: unlock it before deleting it.`);
          return;
        }
        get().applyChange({ label: `Deleted ${t.name}`, before: [t], after: [] });
      },
      setTerritoryManager(id, managerId) {
        const name = get().people.find((p) => p.id === managerId)?.name ?? 'nobody';
        edit(id, (t) => `Assigned ${t.name} to ${name}`, () => ({ managerId }));
      },
      setTerritoryColor(id, color) {
        edit(id, (t) => `Recolored ${t.name}`, () => ({ color }));
      },
      setTerritoryRegion(id, regionId) {
        if (find(id)?.regionId === regionId) return;
        const name = get().regions.find((r) => r.id === regionId)?.name;
        edit(id, (t) => (name ? `Moved ${t.name} into ${name}` : `Took ${t.name} out of its region`), () => ({ regionId }));
      },
      setTerritoryDetails(id, patch) {
        const t = find(id);
        if (!t) return;
        const next: Partial<Territory> = {};
        if (patch.notes !== undefined && patch.notes !== (t.notes ?? '')) next.notes = patch.notes;
        if (patch.targetRevenue !== undefined && patch.targetRevenue !== (t.targetRevenue ?? null)) next.targetRevenue = patch.targetRevenue;
        if (Object.keys(next).length === 0) return;
        edit(id, (x) => ('targetRevenue' in next ? `Set the revenue target of ${x.name}` : `Edited the notes of ${x.name}`), () => next);
      },
      setTerritoryLocked(id, locked) {
        if (find(id)?.locked === locked) return;
        edit(id, (t) => `${locked ? 'Locked' : 'Unlocked'} ${t.name}`, () => ({ locked }));
      },
    };
  };
