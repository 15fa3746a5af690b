import type { StateCreator } from 'zustand';
import { storeIdAt, storesOfManager } from '../domain/market';
import type { Person, PersonId, WorkspaceId } from '../domain/types';
import type { AppState, PeopleSlice, PersistencePort } from './types';

function newPersonId(role: Person['role'], people: readonly Person[]): PersonId {
  const taken = new Set(people.map((p) => p.id));
  const prefix = role === 'territory-manager' ? 'P-TM-' : 'P-AM-';
  for (;;) {
    const id = `${prefix}${crypto.randomUUID().slice(0, 8)}` as PersonId;
    if (!taken.has(id)) return id;
  }
}

/**
 * Territory managers and account managers, shared by every plan of the workspace. Adding and
 * renaming are saved at once through the port (a failed save is reported, the in-memory
 * change stays so nothing typed is lost). Deleting a person rewrites the plan's territories
 * and the market's accounts, so it is a plan change: undoable, and saved with the plan.
 */
export const createPeopleSlice =
  (persistence: PersistencePort): StateCreator<AppState, [], [], PeopleSlice> =>
  (set, get) => {
    const save = (p: Person) =>
      persistence.savePerson?.(p).catch((err: unknown) => get().notify('error', `Could not save ${p.name}: ${err instanceof Error ? err.message : String(err)}`));

    return {
      addPerson({ name, role, email = null, homeBase = null }) {
        const clean = name.trim();
        if (!clean) {
          get().notify('error', 'A person needs a name.');
          return null;
        }
        const { people, workspace } = get();
        const person: Person = {
          id: newPersonId(role, people),
          workspaceId: (workspace?.id ?? 'ws-default') as WorkspaceId,
          name: clean,
          role,
          email: email?.trim() || null,
          homeBase: homeBase?.trim() || null,
        };
        set({ people: [...people, person] });
        void save(person);
        return person;
      },
      updatePerson(id, patch) {
        const current = get().people.find((p) => p.id === id);
        if (!current) return;
        const next: Person = {
          ...current,
          ...(patch.name !== undefined && patch.name.trim() ? { name: patch.name.trim() } : {}),
          ...(patch.email !== undefined ? { email: patch.email?.trim() || null } : {}),
          ...(patch.homeBase !== undefined ? { homeBase: patch.homeBase?.trim() || null } : {}),
        };
        set({ people: get().people.map((p) => (p.id === id ? next : p)) });
        void save(next);
      },
      deletePerson(id, reassignTo) {
        const { people, territories, market } = get();
        const person = people.find((p) => p.id === id);
        if (!person) return;
        const to = reassignTo && reassignTo !== id ? reassignTo : null;
        const owned = territories.filter((t) => t.managerId === id);
        const accounts = [];
        for (const i of storesOfManager(market, id)) accounts.push({ storeId: storeIdAt(market, i), before: id, after: to });
        const heir = to ? people.find((p) => p.id === to)?.name : null;
        get().applyChange({
          label: `Deleted ${person.name}${heir ? ` (${heir} takes over)` : ''}`,
          before: owned,
          after: owned.map((t) => ({ ...t, managerId: to })),
          people: { before: [person], after: [], reassignTo: to, accounts },
        });
        if (get().portfolioManagerId === id && !get().people.some((p) => p.id === id)) set({ portfolioManagerId: to });
      },
    };
  };
