import type { Person, PersonId, WorkspaceId } from '../types';
import { capText } from './jsonText';
import { nameKey } from './nameKey';

/** Finds (or creates) the people a file names as managers; see createPersonResolver. */
export interface PersonResolver {
  /**
   * The person for a manager written in a file as `id` and `name` (either may be
   * missing or junk); null when the file names nobody usable.
   */
  resolve(id: unknown, name: unknown): PersonId | null;
  /** People created because the file names someone the workspace does not have. */
  readonly newPeople: Person[];
}

/**
 * Matches the managers named in a file (plan file) to the workspace's people so that no
 * manager is lost and none is doubled:
 *
 * 1. the person with the file's id, when the names agree (or the file gives no name):
 *    the same computer, or a copy of the same workspace;
 * 2. else the person with the same name (nameKey: case- and spacing-insensitive),
 *    territory managers preferred: another computer, where ids differ;
 * 3. else a NEW territory-manager person with the file's name (returned in `newPeople`,
 *    one per distinct name), so the plan keeps its owner.
 *
 * An id that matches a person with a DIFFERENT name is not trusted (step 1 needs the
 * names to agree): sample workspaces on two computers share ids like "P-TM-01" for
 * different people, and a manager silently swapped for someone else is worse than a new
 * person the user can merge. An id with no name and no match gives null.
 *
 * @param makeId makes the id of the k-th new person (k = 0, 1, …); must not clash with
 *   existing ids (the resolver skips any that does).
 */
export function createPersonResolver(
  people: readonly Person[],
  workspaceId: WorkspaceId,
  makeId: (k: number) => string,
  maxName: number,
): PersonResolver {
  const byId = new Map<string, Person>();
  const byName = new Map<string, Person>();
  for (const p of people) {
    if (!byId.has(p.id)) byId.set(p.id, p);
    const key = nameKey(p.name);
    const seen = byName.get(key);
    if (!seen || (seen.role !== 'territory-manager' && p.role === 'territory-manager')) byName.set(key, p);
  }
  const created = new Map<string, Person>();
  const newPeople: Person[] = [];
  let counter = 0;

  const freshId = (): PersonId => {
    for (;;) {
      const id = makeId(counter++);
      if (!byId.has(id)) return id as PersonId;
    }
  };

  return {
    newPeople,
    resolve(rawId: unknown, rawName: unknown): PersonId | null {
      const id = typeof rawId === 'string' && rawId !== '' ? rawId : null;
      const name = typeof rawName === 'string' ? capText(rawName.trim().replace(/\s+/g, ' '), maxName) : '';
      const key = name === '' ? null : nameKey(name);
      if (id !== null) {
        const p = byId.get(id);
        if (p && (key === null || nameKey(p.name) === key)) return p.id;
      }
      if (key === null) return null;
      const existing = byName.get(key) ?? created.get(key);
      if (existing) return existing.id;
      const person: Person = { id: freshId(), workspaceId, name, role: 'territory-manager', email: null };
      byId.set(person.id, person);
      created.set(key, person);
      newPeople.push(person);
      return person.id;
    },
  };
}
