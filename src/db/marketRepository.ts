/**
 * Writes and reads the market (stores) and the people of a workspace: committing an import,
 * and the People panel's create / rename / delete. Every write that spans several records is
 * one Dexie transaction, so a failed or cancelled import leaves the previous market exactly
 * as it was (issue 3: "commit is all or nothing").
 */
import { Dexie } from 'dexie';
import { importedRowsFrom, importedStoreAt, type DuplicateExternalId, type ImportCommitSummary, type ImportedRows, type ImportedStoreLike } from '../domain/import';
import {
  codeAt, codeColumnOf, idLowerBound, indexOfStore, keyColumn, MarketBuilder, mergeById, nullableTextAt, pickStores, storeAt, textAt, textColumnOf, textKeyAt,
  TextKeyIndex,
  type CodeColumn, type Market,
} from '../domain/market';
import type { Person, PersonId, PersonRole, PlanId, Result, Store, StoreId, TerritoryId, WorkspaceId } from '../domain/types';
import { countAccounts, readMarketParts, reassignAccounts, setAccountManagers, sortedById, STORES_PER_CHUNK, writeMarket } from './marketChunks';
import { loadWorkspaceMarket, normaliseMarket } from './planRepository';
import type { PlannerDb } from './schema';

export type { ImportedStoreLike, ImportCommitSummary, DuplicateExternalId } from '../domain/import';

export interface CommitImportOptions {
  /** Epoch ms of the commit (kept for symmetry with the other writes; not stored today). */
  now: number;
  /** Id for a store that is added; tests inject a deterministic one. Default `S-` + random. */
  newStoreId?: () => StoreId;
  /** Id for an account manager that is created. Default `P-AM-` + random. */
  newPersonId?: () => PersonId;
  /**
   * 'merge' (default): stores of the workspace that are not in the file are kept.
   * 'replace': they are deleted in the same transaction — "this file is my market now".
   */
  mode?: 'merge' | 'replace';
  /**
   * When true, a row whose account manager cell is blank keeps the matched store's current
   * account manager instead of clearing it. Use it when the file has no account manager
   * column, so that re-importing a revenue update does not wipe the portfolios.
   */
  keepAccountManagerWhenBlank?: boolean;
  /**
   * Cancels the commit (the wizard's Cancel button while a big import is being written):
   * the transaction is aborted, nothing is written, and the promise rejects with the
   * signal's reason (an AbortError by default).
   */
  signal?: AbortSignal;
  /**
   * Called with the progress (0…1): up to 0.5 while the rows are matched and the new market
   * is built, then up to 1 as its chunks are written.
   */
  onProgress?: ((fraction: number) => void) | undefined;
  /** Stores per market chunk (default STORES_PER_CHUNK); tests use small chunks to cross boundaries. */
  storesPerChunk?: number;
}

/** What a commit returns: the summary, and the market and people as loadMarket would read them back. */
export interface CommittedImport {
  summary: ImportCommitSummary;
  /** The workspace's market after the commit, validated, in id order (the app keeps it instead of reading it back). */
  market: Market;
  /** The workspace's people after the commit, those the file created included. */
  people: Person[];
  /** Stores of the market on disk left out of `market` because they are unusable (as loadMarket says). */
  problems: string[];
}

/** Import rows prepared between two pauses that give the page its thread back. */
const ROWS_PER_SLICE = 20_000;
/** Stores of the current market scanned or copied between two pauses. */
const STORES_PER_SLICE = 50_000;

/**
 * Commits validated import rows to the workspace's market, all or nothing.
 *
 * - A row whose external id (trimmed, case-sensitive) matches a store of this workspace
 *   updates that store in place: its id, and any field the importer does not know, are kept.
 *   It counts as `unchanged` when no field differs, `updated` otherwise.
 * - A row without an external id, or with one the workspace does not have, adds a new store.
 * - **Duplicate external ids within one file: the first row wins**, the later ones are not
 *   written and are listed in `duplicates` with both row numbers. Letting the last row win
 *   would silently drop data the user can see in their file; skipping it and saying so
 *   lets them fix the file (the UI adds them to the rejected rows).
 * - Account manager names are matched to the workspace's account managers by
 *   trimmed, whitespace-collapsed, case-insensitive name; a name nobody has yet creates an
 *   account manager (a territory manager of the same name is a different role, so an account
 *   manager is still created).
 *
 * Everything happens in one 'rw' transaction over the market chunks and people. The market
 * is read in columns; the only maps are over the file (its external ids, the stores it
 * updates): the stores' external ids are scanned once for the file's keys. The added rows
 * become one block of columns (picked from the rows, with ids counting up from a random
 * batch prefix that no store falls under, see batchStoreIds), joined to the current stores
 * (rebuilt store by store only when the file updates or removes some) at the one position
 * their ids sort to, and written chunk by chunk (the progress bar follows, and the page gets
 * the thread back between slices and chunks). A file that changes nothing writes
 * nothing. When anything throws (storage full, an id collision, a cancel, a bug) nothing is
 * written and the promise rejects. A new id that some store already has aborts instead of
 * overwriting that store.
 */
export async function commitImport(
  db: PlannerDb,
  workspaceId: WorkspaceId,
  imported: ImportedRows | readonly ImportedStoreLike[],
  opts: CommitImportOptions,
): Promise<CommittedImport> {
  // Rows in columns (the import worker's output); objects (tests, small producers) are turned into them.
  const rows = Array.isArray(imported) ? importedRowsFrom(imported as readonly ImportedStoreLike[]) : (imported as ImportedRows);
  const rowMarket = rows.market;
  const rowCount = rowMarket.length;
  const sourceRowOf = (i: number): number | null => rows.sourceRows[i] || null;
  const newPersonId = opts.newPersonId ?? (() => randomId('P-AM-') as PersonId);
  const mode = opts.mode ?? 'merge';
  const progress = (f: number) => opts.onProgress?.(f);

  // External ids are settled before the transaction: they need no data. The keys are
  // matched where they lie in the column (TextKeyIndex), no string is built per row.
  const rowKeys = new TextKeyIndex(rowMarket.externalId);
  const duplicates: DuplicateExternalId[] = [];
  const skipped = new Uint8Array(rowCount);
  let keyed = 0;
  for (let i = 0; i < rowCount; i++) {
    const first = rowKeys.add(i);
    if (first === -1) keyed++;
    else if (first >= 0) {
      duplicates.push({ externalId: textKeyAt(rowMarket.externalId, i)!, sourceRow: sourceRowOf(i), firstSourceRow: sourceRowOf(first) });
      skipped[i] = 1;
    }
  }

  const signal = opts.signal;
  signal?.throwIfAborted();
  let stopListening = () => {};
  const run = db.transaction('rw', [db.marketChunks, db.people], async (): Promise<CommittedImport> => {
    if (signal) {
      const tx = Dexie.currentTransaction;
      const abort = () => tx.abort();
      signal.addEventListener('abort', abort, { once: true });
      stopListening = () => signal.removeEventListener('abort', abort);
    }
    // Give the page the thread back. Inside an IndexedDB transaction only a request may be
    // awaited (a timer would let the transaction commit), so the pause is a tiny read.
    const pause = () => db.people.get('' as PersonId);

    // --- account managers -------------------------------------------------------------
    const people = await db.people.where('workspaceId').equals(workspaceId).toArray();
    const amByName = new Map<string, PersonId>();
    for (const p of [...people].sort((a, b) => compareIds(a.id, b.id))) {
      if (p.role !== 'account-manager') continue;
      const k = personNameKey(p.name);
      if (k !== '' && !amByName.has(k)) amByName.set(k, p.id);
    }
    const peopleCreated: Person[] = [];
    const takenPersonIds = new Set(people.map((p) => p.id as string));
    const amIdOf = (name: string | null | undefined): PersonId | null => {
      const k = personNameKey(name);
      if (k === '') return null;
      const found = amByName.get(k);
      if (found) return found;
      let id = newPersonId();
      while (takenPersonIds.has(id)) id = newPersonId();
      takenPersonIds.add(id);
      const person: Person = { id, workspaceId, name: cleanName(name!), role: 'account-manager', email: null };
      peopleCreated.push(person);
      amByName.set(k, id);
      return id;
    };

    // --- the current market, and its stores the file's external ids match ------------------
    const parts = await readMarketParts(db, workspaceId);
    if (parts.unreadable > 0) {
      // Rewriting the market would delete them: refuse instead of destroying what is left of them.
      throw new Error(`${parts.unreadable} records of the market could not be read; nothing was imported`);
    }
    const current = sortedById(parts.market); // as saved: sorted, ids unique (checked in one pass)
    // file row → store index; the lowest id wins when two stores share one
    const matchOf = new Int32Array(rowCount).fill(-1);
    let matched = 0;
    if (keyed > 0) {
      for (let i = 0; i < current.length; i++) {
        if (i > 0 && i % STORES_PER_SLICE === 0) await pause();
        const r = rowKeys.find(current.externalId, i);
        if (r >= 0 && matchOf[r] === -1) {
          matchOf[r] = i;
          matched++;
        }
      }
    }

    // --- the rows ------------------------------------------------------------------------
    const storeIds: (StoreId | null)[] = new Array(rowCount).fill(null);
    const updatedIds: StoreId[] = [];
    // Added rows stay in the rows' columns: their row indexes, in file order.
    const addedRows = new Int32Array(rowCount);
    let addedCount = 0;
    // Account managers resolved once per distinct name (first use in row order creates them).
    const nameCodes = rows.managerNames.codes;
    const managerOfCode: (PersonId | null | undefined)[] = new Array(rows.managerNames.values.length);
    const managerOfRow = (i: number): PersonId | null => {
      const code = nameCodes[i]!;
      let id = managerOfCode[code];
      if (id === undefined) id = managerOfCode[code] = amIdOf(rows.managerNames.values[code]);
      return id;
    };
    const updates = new Map<number, Store>(); // store index → the store as updated
    const touched = new Uint8Array(current.length);
    let unchanged = 0;
    for (let i = 0; i < rowCount; i++) {
      if (i > 0 && i % ROWS_PER_SLICE === 0) {
        await pause();
        progress((0.25 * i) / rowCount);
      }
      if (skipped[i] === 1) continue;
      const match = matched === 0 ? -1 : matchOf[i]!;
      let accountManagerId = managerOfRow(i);
      if (match < 0) {
        addedRows[addedCount++] = i;
        continue;
      }
      const key = textKeyAt(rowMarket.externalId, i);
      if (accountManagerId === null && opts.keepAccountManagerWhenBlank) accountManagerId = codeAt(current.accountManagerId, match) ?? null;
      const fields = pickStoreFields(importedStoreAt(rows, i), key, accountManagerId);
      const id = textAt(current.id, match) as StoreId;
      storeIds[i] = id;
      touched[match] = 1;
      if (sameStoreFieldsAt(current, match, fields)) {
        unchanged++;
      } else {
        // Shallow: known fields from the file over the existing store (rule 12).
        updates.set(match, { ...storeAt(current, match), ...fields, id });
        updatedIds.push(id);
      }
    }
    if (peopleCreated.length > 0) await db.people.bulkAdd(peopleCreated);
    const added = addedRows.subarray(0, addedCount);
    const addedIds = opts.newStoreId ? givenStoreIds(addedCount, current, opts.newStoreId) : batchStoreIds(addedCount, current);
    for (let k = 0; k < addedCount; k++) storeIds[added[k]!] = addedIds[k]!;

    const removedIds: StoreId[] = [];
    if (mode === 'replace') for (let i = 0; i < current.length; i++) if (touched[i] === 0) removedIds.push(textAt(current.id, i) as StoreId);

    // --- the new market, in id order: current stores and added ones merged ---------------
    let written = current;
    if (addedIds.length + updatedIds.length + removedIds.length > 0) {
      // The added rows as a block of columns (no store object is built for them), in id order.
      let block = pickStores(rowMarket, added);
      block = {
        ...block,
        id: textColumnOf(addedIds),
        externalId: keyColumn(block.externalId),
        accountManagerId: codeColumnOf(addedCount, (k) => managerOfCode[nameCodes[added[k]!]!] ?? null),
      };
      block = sortedById(block);
      progress(0.3);
      // The current stores, updated and cut down when the file says so.
      let kept = current;
      if (updates.size > 0 || removedIds.length > 0) {
        const b = new MarketBuilder();
        for (let i = 0; i < current.length; i++) {
          if (i > 0 && i % STORES_PER_SLICE === 0) {
            await pause();
            progress(0.3 + (0.2 * i) / current.length);
          }
          if (mode === 'replace' && touched[i] === 0) continue;
          const u = updates.get(i);
          if (u) b.push(u);
          else b.pushFrom(current, i);
        }
        kept = b.build();
      }
      written = await writeMarket(db, workspaceId, mergeById(kept, block), (f) => progress(0.5 + 0.5 * f), opts.storesPerChunk ?? STORES_PER_CHUNK);
    } else {
      progress(1);
    }

    const { market, problems } = normaliseMarket(written);
    return {
      summary: {
        added: addedIds.length,
        updated: updatedIds.length,
        unchanged,
        removed: removedIds.length,
        duplicates,
        peopleCreated,
        storeIds,
        addedIds,
        updatedIds,
        removedIds,
      },
      market,
      people: await db.people.where('workspaceId').equals(workspaceId).toArray(),
      problems,
    };
  });
  try {
    return await run;
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    throw err;
  } finally {
    stopListening();
  }
}

/** The market of a workspace as the app uses it: validated stores in columns, in id order, and people. */
export interface LoadedMarket {
  market: Market;
  people: Person[];
  /** Human-readable notes about stores that were skipped because they are unusable. */
  problems: string[];
}

/** Reads the market and people of a workspace (same validation as loadWorkspace). */
export async function loadMarket(db: PlannerDb, workspaceId: WorkspaceId): Promise<LoadedMarket> {
  return db.transaction('r', [db.marketChunks, db.people], async () => {
    const { market, problems } = await loadWorkspaceMarket(db, workspaceId);
    const people = await db.people.where('workspaceId').equals(workspaceId).toArray();
    return { market, people, problems };
  });
}

// ---------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------

export type PersonProblem = 'empty-name' | 'bad-role' | 'no-workspace';
export const PERSON_ROLES: readonly PersonRole[] = ['territory-manager', 'account-manager'];

/** A fresh person id: `P-TM-…` for territory managers, `P-AM-…` for account managers. */
export function newPersonId(role: PersonRole): PersonId {
  return randomId(role === 'account-manager' ? 'P-AM-' : 'P-TM-') as PersonId;
}

/**
 * Creates or renames a person (put by id). The name is trimmed and whitespace-collapsed and
 * must not be empty; a blank email or home base is stored as null. The email is free text:
 * it is not checked here, so that the database never refuses what the People panel kept.
 * Returns the person as stored, or the reason it was refused; storage failures reject.
 */
export async function savePerson(db: PlannerDb, person: Person): Promise<Result<Person, PersonProblem>> {
  const name = typeof person.name === 'string' ? cleanName(person.name) : '';
  if (name === '') return { ok: false, reason: 'empty-name', message: 'A person needs a name.' };
  if (!PERSON_ROLES.includes(person.role)) return { ok: false, reason: 'bad-role', message: `Unknown role "${String(person.role)}".` };
  if (typeof person.workspaceId !== 'string' || person.workspaceId === '') return { ok: false, reason: 'no-workspace', message: 'A person belongs to a workspace.' };
  const stored: Person = { ...person, name, email: blankToNull(person.email) };
  if ('homeBase' in person) stored.homeBase = blankToNull(person.homeBase);
  await db.people.put(stored);
  return { ok: true, value: stored };
}

/** What a person owns, to ask the user what to do with it before deleting them. */
export interface PersonOwnership {
  /** Territories they manage, over all plans of their workspace. */
  territoryIds: TerritoryId[];
  planIds: PlanId[];
  /** Number of stores in their account portfolio. */
  stores: number;
}

/** Counts what a person owns (territories in every plan of the workspace, stores). */
export async function personOwnership(db: PlannerDb, personId: PersonId): Promise<PersonOwnership> {
  return db.transaction('r', [db.people, db.plans, db.planTerritories, db.marketChunks], async () => {
    const person = await db.people.get(personId);
    const owned = person ? await ownedTerritories(db, person) : [];
    const stores = person ? await countAccounts(db, person.workspaceId, personId) : 0;
    return { territoryIds: owned.map((t) => t.id), planIds: [...new Set(owned.map((t) => t.planId))], stores };
  });
}

export type DeletePersonProblem = 'not-found' | 'reassign-to-self' | 'reassign-target-not-found' | 'reassign-role-mismatch';

export interface DeletePersonSummary {
  person: Person;
  /** Territories whose manager was reassigned or cleared, over all plans of the workspace. */
  territoryIds: TerritoryId[];
  planIds: PlanId[];
  /** Stores whose account manager was reassigned or cleared. */
  storeIds: StoreId[];
}

/**
 * Deletes a person and, in the same transaction, hands what they owned to `reassignTo`
 * (a person of the same role and workspace) or clears it (null): territories they manage in
 * every plan of the workspace, and the stores of their account portfolio.
 *
 * The caller must apply the same change to the in-memory plan (territories of the active
 * plan) — otherwise a later autosave would write the deleted manager's id back.
 */
export async function deletePerson(
  db: PlannerDb,
  personId: PersonId,
  opts: { reassignTo: PersonId | null },
): Promise<Result<DeletePersonSummary, DeletePersonProblem>> {
  return db.transaction('rw', [db.people, db.plans, db.planTerritories, db.marketChunks], async (): Promise<Result<DeletePersonSummary, DeletePersonProblem>> => {
    const person = await db.people.get(personId);
    if (!person) return { ok: false, reason: 'not-found', message: 'This person no longer exists.' };
    const to = opts.reassignTo;
    if (to !== null) {
      if (to === personId) return { ok: false, reason: 'reassign-to-self', message: 'Choose someone else to take over.' };
      const target = await db.people.get(to);
      if (!target || target.workspaceId !== person.workspaceId) {
        return { ok: false, reason: 'reassign-target-not-found', message: 'The person chosen to take over no longer exists.' };
      }
      if (target.role !== person.role) {
        return { ok: false, reason: 'reassign-role-mismatch', message: `${target.name} is not a ${roleLabel(person.role)}.` };
      }
    }
    const territories = await ownedTerritories(db, person);
    if (territories.length > 0) await db.planTerritories.bulkPut(territories.map((t) => ({ ...t, managerId: to })));
    const storeIds = await reassignAccounts(db, person.workspaceId, personId, to);
    await db.people.delete(personId);
    return {
      ok: true,
      value: { person, territoryIds: territories.map((t) => t.id), planIds: [...new Set(territories.map((t) => t.planId))], storeIds },
    };
  });
}

/**
 * Undoes a `deletePerson` as far as the market goes: the person comes back and the listed
 * stores get their account manager back, in one transaction. (Territories are plan data:
 * the plan's own change path restores those of the plan the deletion was made in.)
 */
export async function restorePerson(db: PlannerDb, person: Person, accounts: readonly { storeId: StoreId; managerId: PersonId | null }[]): Promise<void> {
  await db.transaction('rw', [db.people, db.marketChunks], async () => {
    await db.people.put(person);
    await setAccountManagers(db, person.workspaceId, accounts);
  });
}

// ---------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------

/** Territories the person manages, restricted to the plans of their workspace. */
async function ownedTerritories(db: PlannerDb, person: Person) {
  const planIds = new Set<string>(await db.plans.where('workspaceId').equals(person.workspaceId).primaryKeys());
  const all = await db.planTerritories.where('managerId').equals(person.id).toArray();
  return all.filter((t) => planIds.has(t.planId));
}

/** Copies only the known Store fields out of an import row (never its whole property bag); the id is set by the caller. */
function pickStoreFields(row: ImportedStoreLike, externalId: string | null, accountManagerId: PersonId | null): Store {
  return {
    id: '' as StoreId,
    externalId,
    name: row.name,
    address: row.address,
    city: row.city,
    state: row.state,
    zip: row.zip,
    lat: row.lat,
    lng: row.lng,
    geocodePrecision: row.geocodePrecision,
    status: row.status,
    channel: row.channel,
    revenue: row.revenue,
    priorRevenue: row.priorRevenue,
    potential: row.potential,
    customerSince: row.customerSince ?? null,
    satisfaction: row.satisfaction ?? null,
    renewalDate: row.renewalDate ?? null,
    keyAccount: row.keyAccount === true,
    accountManagerId,
  };
}

type SameField = (m: Market, i: number, b: Store) => boolean;
const sameNumber = (x: number, y: number | null | undefined) => x === (y ?? null) || (Number.isNaN(x) && Number.isNaN(y));
const sameCode = (c: CodeColumn<string | null>, i: number, y: unknown) => (codeAt(c, i) ?? null) === (y ?? null);

/** Per Store field except the id, whether store i of the market has b's value (the compiler flags a new field here). */
const SAME_FIELD: { readonly [K in keyof Omit<Store, 'id'>]: SameField } = {
  externalId: (m, i, b) => nullableTextAt(m.externalId, i) === (b.externalId ?? null),
  name: (m, i, b) => textAt(m.name, i) === b.name,
  address: (m, i, b) => textAt(m.address, i) === b.address,
  city: (m, i, b) => sameCode(m.city, i, b.city),
  state: (m, i, b) => sameCode(m.state, i, b.state),
  zip: (m, i, b) => sameCode(m.zip, i, b.zip),
  lat: (m, i, b) => sameNumber(m.lat[i]!, b.lat),
  lng: (m, i, b) => sameNumber(m.lng[i]!, b.lng),
  geocodePrecision: (m, i, b) => sameCode(m.geocodePrecision, i, b.geocodePrecision),
  status: (m, i, b) => sameCode(m.status, i, b.status),
  channel: (m, i, b) => sameCode(m.channel, i, b.channel),
  revenue: (m, i, b) => sameNumber(m.revenue[i]!, b.revenue),
  priorRevenue: (m, i, b) => sameNumber(m.priorRevenue[i]!, b.priorRevenue),
  potential: (m, i, b) => sameNumber(m.potential[i]!, b.potential),
  customerSince: (m, i, b) => sameCode(m.customerSince, i, b.customerSince),
  // a null satisfaction is NaN in the column
  satisfaction: (m, i, b) => (Number.isNaN(m.satisfaction[i]!) ? b.satisfaction == null || Number.isNaN(b.satisfaction) : m.satisfaction[i] === b.satisfaction),
  renewalDate: (m, i, b) => sameCode(m.renewalDate, i, b.renewalDate),
  keyAccount: (m, i, b) => (m.keyAccount[i] === 1) === (b.keyAccount === true),
  accountManagerId: (m, i, b) => sameCode(m.accountManagerId, i, b.accountManagerId),
};
const SAME_FIELDS = Object.values(SAME_FIELD);

/** Whether store i of the market already has these fields (read from the columns, no store built). */
function sameStoreFieldsAt(m: Market, i: number, b: Store): boolean {
  for (const same of SAME_FIELDS) if (!same(m, i, b)) return false;
  return true;
}

/**
 * Ids for `n` added stores, in ascending order, none of which `current` (sorted by id) has:
 * `S-` + 8 random hex digits shared by the batch + 8 hex digits counting up. The batch
 * prefix is drawn again while some store of the market falls in its range, so the whole
 * batch slots into the market at one position (mergeById joins two blocks instead of
 * interleaving a million stores one by one).
 */
export function batchStoreIds(n: number, current: Market, nextPrefix: () => string = () => randomId('S-', 4)): StoreId[] {
  if (n === 0) return [];
  if (n > 0xffffffff) throw new Error('too many stores in one import');
  for (;;) {
    const prefix = nextPrefix();
    const first = prefix + '00000000';
    const last = prefix + (n - 1).toString(16).padStart(8, '0');
    const at = idLowerBound(current, first);
    if (at < current.length && textAt(current.id, at) <= last) continue;
    const ids = new Array<StoreId>(n);
    for (let k = 0; k < n; k++) ids[k] = (prefix + k.toString(16).padStart(8, '0')) as StoreId;
    return ids;
  }
}

/** Ids from the caller's generator (tests), refused when one is taken or repeats. */
function givenStoreIds(n: number, current: Market, next: () => StoreId): StoreId[] {
  const ids = new Array<StoreId>(n);
  const seen = new Set<string>();
  for (let k = 0; k < n; k++) {
    const id = next();
    if (seen.has(id) || indexOfStore(current, id) >= 0) throw new Error(`store id ${id} is already taken; nothing was imported`);
    seen.add(id);
    ids[k] = id;
  }
  return ids;
}


function cleanName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** The key two spellings of one person's name share: "  ana  RUIZ " ~ "Ana Ruiz". */
function personNameKey(name: string | null | undefined): string {
  return typeof name === 'string' ? cleanName(name).toLocaleLowerCase('en-US') : '';
}

function blankToNull(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

function roleLabel(role: PersonRole): string {
  return role === 'account-manager' ? 'account manager' : 'territory manager';
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `prefix` + 16 random base-36-ish hex chars (64 bits). crypto.getRandomValues works in
 * insecure contexts and workers too, unlike crypto.randomUUID.
 */
// Random bytes drawn 4 KiB at a time: one getRandomValues call per id cost ~7 µs, 0.7 s of
// a 100k-store import on the page's thread.
const randomPool = new Uint8Array(4096);
let randomAt = randomPool.length;
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function randomId(prefix: string, bytes = 8): string {
  if (randomAt + bytes > randomPool.length) {
    crypto.getRandomValues(randomPool);
    randomAt = 0;
  }
  let s = prefix;
  for (let k = 0; k < bytes; k++) s += HEX[randomPool[randomAt++]!]!;
  return s;
}
