import type { StateCreator } from 'zustand';
import { clipAgainstNeighbours, mergeTerritories, splitTerritory, unionOfUnits, unitsAfterPaint } from '../domain/editing';
import { validateTerritoryGeometry } from '../domain/geometry';
import type { BaseUnitLevel, Territory, TerritoryGeometry, TerritoryId, TerritoryUnits } from '../domain/types';
import { applyToMarket, applyToRegions, applyToTerritories, invertChange, touchedRegionIds, touchedTerritoryIds, withValidRefs } from './planChange';
import type { AppState, OverlapMode, PaintUnit, PersistencePort, PlanChange, PlanSlice } from './types';

export { applyToTerritories, invertChange } from './planChange';

/** Undo keeps at least this many steps (ARCHITECTURE rule 4 asks for 100+). */
export const UNDO_LIMIT = 200;

/** Colors for new territories: distinct, readable on the light base map. */
export const TERRITORY_PALETTE = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
  '#bcbd22', '#17becf', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173', '#3182bd',
];

/** Units painted in one stroke, when every one says which unit it is. */
interface PaintedUnits {
  level: BaseUnitLevel;
  ids: string[];
}

function paintedUnits(units: readonly PaintUnit[]): PaintedUnits | undefined {
  const level = units[0]?.level;
  if (!level || !units.every((u) => u.level === level && typeof u.id === 'string')) return undefined;
  return { level, ids: units.map((u) => u.id!) };
}

/**
 * The territory with a new outline. Its base-unit membership is kept only when given (the
 * outline is still exactly the union of those units); any other reshaping drops it.
 */
function reshaped(t: Territory, geometry: TerritoryGeometry, units?: TerritoryUnits): Territory {
  const { units: _old, ...rest } = t;
  return units ? { ...rest, geometry, units } : { ...rest, geometry };
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
    /**
     * Shared by applyChange, undo and redo: swaps in every part of the change (territories,
     * regions, settings, people) in one state update, queues the save, recomputes.
     */
    const commit = (change: PlanChange, stacks: Pick<PlanSlice, 'undoStack' | 'redoStack'>) => {
      const st = get();
      const market = change.people ? applyToMarket(st.people, st.market, change.people) : null;
      const people = market?.people ?? st.people;
      const regions = applyToRegions(st.regions, change);
      const personIds = new Set<string>(people.map((p) => p.id));
      const regionIds = new Set<string>(regions.map((r) => r.id));
      const territories = applyToTerritories(st.territories, change).map((t) => withValidRefs(t, personIds, regionIds));
      const plan = change.settings && st.plan ? { ...st.plan, ...change.settings.after } : st.plan;
      const selected = st.selectedTerritoryId;
      set({
        territories,
        regions,
        ...(market ? { people: market.people, market: market.market } : {}),
        ...(plan !== st.plan && plan ? { plan, overlapMode: plan.overlapMode ?? 'take', plans: st.plans.map((p) => (p.id === plan.id ? plan : p)) } : {}),
        ...stacks,
        selectedTerritoryId: selected && territories.some((t) => t.id === selected) ? selected : null,
      });
      persistence.markDirty({ territories: touchedTerritoryIds(change), regions: touchedRegionIds(change), plan: !!change.settings });
      if (change.people) {
        persistence.savePeopleChange?.(change.people).catch((err: unknown) => get().notify('error', `Could not save “${change.label}”: ${err instanceof Error ? err.message : String(err)}`));
      }
      get().recompute();
    };
    /** Edits wait while another plan opens, and a read-only tab makes none. */
    const editable = (): boolean => {
      const st = get();
      if (st.access.kind !== 'write') {
        st.notify('error', `Nothing was changed: ${st.access.reason}`);
        return false;
      }
      if (st.planLoading) return false;
      return true;
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
    const resolveOverlaps = (shape: TerritoryGeometry, selfId: TerritoryId | null, overlap: OverlapMode, painted?: PaintedUnits) => {
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
        if (n.geometry) after.push(reshaped(t, n.geometry, painted && unitsAfterPaint(t.units, painted.level, painted.ids, true)));
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
      loadPlan(workspace, bundle, history) {
        set({
          workspace,
          plan: bundle.plan,
          overlapMode: bundle.plan.overlapMode ?? 'take',
          territories: [...bundle.territories].sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
          regions: [...bundle.regions].sort((a, b) => a.name.localeCompare(b.name)),
          selectedTerritoryId: null,
          multiSelection: [],
          undoStack: history?.undo.slice(-UNDO_LIMIT) ?? [],
          redoStack: history?.redo.slice(-UNDO_LIMIT) ?? [],
        });
        get().recompute();
      },
      applyChange(change) {
        if (!editable()) return;
        const undoStack = [...get().undoStack, change].slice(-UNDO_LIMIT);
        commit(change, { undoStack, redoStack: [] });
      },
      undo() {
        const { undoStack, redoStack } = get();
        const last = undoStack[undoStack.length - 1];
        if (!last || !editable()) return;
        commit(invertChange(last), { undoStack: undoStack.slice(0, -1), redoStack: [...redoStack, last] });
      },
      redo() {
        const { undoStack, redoStack } = get();
        const next = redoStack[redoStack.length - 1];
        if (!next || !editable()) return;
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
          after: [reshaped(t, resolved.shape), ...resolved.after],
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
          ...reshaped(t, other),
          id: newTerritoryId(get().territories),
          name: `${t.name} (split)`,
          color: TERRITORY_PALETTE.find((c) => !used.has(c)) ?? t.color,
          locked: false,
          rank: t.rank + 0.5,
        };
        get().applyChange({ label: `Split ${t.name}`, before: [t], after: [reshaped(t, keep), piece] });
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
        const painted = paintedUnits(units);
        if (remove) {
          const cut = unionOfUnits(units);
          if (!cut.ok) return void get().notify('error', cut.message);
          const res = clipAgainstNeighbours(cut.value, [{ id: t.id, geometry: t.geometry, locked: false }], 'take');
          if (!res.ok) return void get().notify('error', res.message);
          const left = res.value.neighbours[0];
          if (!left) return; // none of these units was in the territory
          if (left.geometry === null) return void get().notify('error', `That would remove all of ${t.name}. Delete the territory instead.`);
          get().applyChange({
            label: `Removed ${what} from ${t.name}`,
            before: [t],
            after: [reshaped(t, left.geometry, unitsAfterPaint(t.units, painted?.level, painted?.ids, true))],
          });
          return;
        }
        const joined = unionOfUnits(units, t.geometry);
        if (!joined.ok) return void get().notify('error', joined.message);
        // Painted units take their area from other territories; locked ones keep theirs.
        const resolved = resolveOverlaps(joined.value, id, 'take', painted);
        if (!resolved) return;
        get().applyChange({
          label: `Painted ${what} into ${t.name}${overlapNote(resolved)}`,
          before: [t, ...resolved.before],
          after: [reshaped(t, resolved.shape, unitsAfterPaint(t.units, painted?.level, painted?.ids, false)), ...resolved.after],
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
        // Territories made of units of one level merge into one made of all their units.
        const level = into!.units?.level;
        const units = level && all.every((x) => x.units?.level === level) ? { level, ids: [...new Set(all.flatMap((x) => x.units!.ids))] } : undefined;
        get().applyChange({
          label: `Merged ${rest.map((x) => x.name).join(', ')} into ${into!.name}`,
          before: all,
          after: [reshaped(into!, res.value, units)],
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
