import type { StateCreator } from 'zustand';
import { clipAgainstNeighbours, mergeTerritories, splitTerritory, unionOfUnits } from '../domain/editing';
import { validateTerritoryGeometry } from '../domain/geometry';
import type { Territory, TerritoryGeometry, TerritoryId } from '../domain/types';
import type { AppState, OverlapMode, PersistencePort, PlanChange, PlanSlice } from './types';

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

    /**
     * Resolves overlaps of `shape` (the new outline of `selfId`, or of a new territory) with
     * the other territories: returns the final shape and the neighbours' changed versions
     * (deleted ones listed apart), or null after telling the user why nothing was done.
     */
    const resolveOverlaps = (shape: TerritoryGeometry, selfId: TerritoryId | null, overlap: OverlapMode) => {
      if (overlap === 'allow') return { shape, before: [] as Territory[], after: [] as Territory[], removed: [] as Territory[] };
      const others = get().territories.filter((t) => t.id !== selfId);
      const res = clipAgainstNeighbours(shape, others.map((t) => ({ id: t.id, geometry: t.geometry, locked: t.locked })), overlap);
      if (!res.ok) {
        get().notify('error', res.reason === 'empty-result' ? 'The outline lies entirely inside territories it must give way to: nothing is left of it.' : res.message);
        return null;
      }
      const before: Territory[] = [];
      const after: Territory[] = [];
      const removed: Territory[] = [];
      for (const n of res.value.neighbours) {
        const t = others.find((x) => x.id === n.id)!;
        before.push(t);
        if (n.geometry) after.push({ ...t, geometry: n.geometry });
        else removed.push(t);
      }
      return { shape: res.value.shape, before, after, removed };
    };
    const overlapNote = (r: { before: Territory[]; removed: Territory[] }) => {
      const took = r.before.filter((t) => !r.removed.includes(t)).map((t) => t.name);
      const parts = [];
      if (took.length) parts.push(`took area from ${took.join(', ')}`);
      if (r.removed.length) parts.push(`replaced ${r.removed.map((t) => t.name).join(', ')}`);
      return parts.length ? ` (${parts.join('; ')})` : '';
    };

    return {
      workspace: null,
      multiSelection: [],
      toggleMultiSelection(id) {
        const cur = get().multiSelection;
        set({ multiSelection: cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id] });
      },
      plan: null,
      territories: [],
      selectedTerritoryId: null,
      undoStack: [],
      redoStack: [],
      loadPlan(workspace, plan, territories, history) {
        set({
          workspace,
          plan,
          overlapMode: plan.overlapMode ?? 'take',
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
        set({ selectedTerritoryId: id, multiSelection: [] });
      },
      createTerritory(name, geometry, overlap = 'take') {
        const { plan, territories } = get();
        if (!plan) return null;
        const checked = validateTerritoryGeometry(geometry);
        if (!checked.ok) {
          get().notify('error', checked.message);
          return null;
        }
        const resolved = resolveOverlaps(checked.value, null, overlap);
        if (!resolved) return null;
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
          geometry: resolved.shape,
          managerId: null,
          regionId: null,
          locked: false,
          rank,
        };
        get().applyChange({ label: `Drew ${territory.name}${overlapNote(resolved)}`, before: resolved.before, after: [...resolved.after, territory] });
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
      reshapeTerritory(id, geometry, overlap = 'take') {
        const t = find(id);
        if (!t) return;
        if (t.locked) {
          get().notify('error', `${t.name} is locked: unlock it to change its outline.`);
          return;
        }
        const checked = validateTerritoryGeometry(geometry);
        if (!checked.ok) {
          get().notify('error', `${checked.message} The previous shape was kept.`);
          return;
        }
        const resolved = resolveOverlaps(checked.value, id, overlap);
        if (!resolved) return;
        get().applyChange({
          label: `Reshaped ${t.name}${overlapNote(resolved)}`,
          before: [t, ...resolved.before],
          after: [{ ...t, geometry: resolved.shape }, ...resolved.after],
        });
      },
      splitTerritory(id, line) {
        const t = find(id);
        if (!t) return;
        if (t.locked) {
          get().notify('error', `${t.name} is locked: unlock it to split it.`);
          return;
        }
        const res = splitTerritory(t.geometry, line);
        if (!res.ok) {
          get().notify('error', res.message);
          return;
        }
        const [keep, other] = res.value;
        const used = new Set(get().territories.map((x) => x.color));
        const piece: Territory = {
          ...t,
          id: newTerritoryId(get().territories),
          name: `${t.name} (split)`,
          color: TERRITORY_PALETTE.find((c) => !used.has(c)) ?? t.color,
          geometry: other,
          locked: false,
          rank: t.rank + 0.5,
        };
        get().applyChange({ label: `Split ${t.name}`, before: [t], after: [{ ...t, geometry: keep }, piece] });
        set({ selectedTerritoryId: t.id, multiSelection: [] });
      },
      paintUnits(id, units, remove, noun) {
        const t = find(id);
        if (!t || units.length === 0) return;
        if (t.locked) {
          get().notify('error', `${t.name} is locked: unlock it to paint into it.`);
          return;
        }
        const what = `${units.length} ${units.length === 1 ? noun[0] : noun[1]}`;
        if (remove) {
          const cut = unionOfUnits(units);
          if (!cut.ok) return void get().notify('error', cut.message);
          const res = clipAgainstNeighbours(cut.value, [{ id: t.id, geometry: t.geometry, locked: false }], 'take');
          if (!res.ok) return void get().notify('error', res.message);
          const left = res.value.neighbours[0];
          if (!left) return; // none of these units was in the territory
          if (left.geometry === null) return void get().notify('error', `That would remove all of ${t.name}. Delete the territory instead.`);
          get().applyChange({ label: `Removed ${what} from ${t.name}`, before: [t], after: [{ ...t, geometry: left.geometry }] });
          return;
        }
        const joined = unionOfUnits(units, t.geometry);
        if (!joined.ok) return void get().notify('error', joined.message);
        // Painted units take their area from other territories; locked ones keep theirs.
        const resolved = resolveOverlaps(joined.value, id, 'take');
        if (!resolved) return;
        get().applyChange({
          label: `Painted ${what} into ${t.name}${overlapNote(resolved)}`,
          before: [t, ...resolved.before],
          after: [{ ...t, geometry: resolved.shape }, ...resolved.after],
        });
      },
      mergeTerritories(ids) {
        const all = ids.map((i) => find(i)).filter((x): x is Territory => !!x);
        if (all.length < 2) {
          get().notify('error', 'Select at least two territories to merge (Ctrl- or Shift-click rows in the table).');
          return;
        }
        const locked = all.filter((x) => x.locked);
        if (locked.length) {
          get().notify('error', `${locked.map((x) => x.name).join(', ')} ${locked.length === 1 ? 'is' : 'are'} locked: unlock before merging.`);
          return;
        }
        const res = mergeTerritories(all.map((x) => x.geometry));
        if (!res.ok) {
          get().notify('error', res.message);
          return;
        }
        const [into, ...rest] = all;
        get().applyChange({
          label: `Merged ${rest.map((x) => x.name).join(', ')} into ${into!.name}`,
          before: all,
          after: [{ ...into!, geometry: res.value }],
        });
        set({ selectedTerritoryId: into!.id, multiSelection: [] });
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
