import { useMemo, useState } from 'react';
import type { Person, PersonId } from '../../domain/types';
import { selectPeople, selectMarket, selectTerritories } from '../../store/selectors';
import { useAppStore, useAppStoreApi } from '../common/storeContext';

const ROLE_LABEL: Record<Person['role'], string> = { 'territory-manager': 'Territory managers', 'account-manager': 'Account managers' };

/**
 * Territory managers and account managers: add, rename, delete. Deleting someone who owns
 * territories or accounts asks where those go first.
 */
export function PeoplePanel() {
  const people = useAppStore(selectPeople);
  const territories = useAppStore(selectTerritories);
  const market = useAppStore(selectMarket);
  const api = useAppStoreApi();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Person['role']>('territory-manager');
  const [email, setEmail] = useState('');
  const [homeBase, setHomeBase] = useState('');
  const [editing, setEditing] = useState<PersonId | null>(null);
  const [editName, setEditName] = useState('');
  const [deleting, setDeleting] = useState<PersonId | null>(null);
  const [reassignTo, setReassignTo] = useState('');

  const owned = useMemo(() => {
    const m = new Map<PersonId, { territories: number; accounts: number }>();
    const get = (id: PersonId) => m.get(id) ?? (m.set(id, { territories: 0, accounts: 0 }), m.get(id)!);
    for (const t of territories) if (t.managerId) get(t.managerId).territories++;
    const perCode = new Float64Array(market.accountManagerId.values.length);
    for (const k of market.accountManagerId.codes) perCode[k]!++;
    market.accountManagerId.values.forEach((id, k) => {
      if (id) get(id).accounts += perCode[k]!;
    });
    return m;
  }, [territories, market]);

  const add = () => {
    if (api.getState().addPerson({ name, role, email, homeBase })) {
      setName('');
      setEmail('');
      setHomeBase('');
    }
  };
  const target = people.find((p) => p.id === deleting) ?? null;
  const targetOwns = target ? (owned.get(target.id) ?? { territories: 0, accounts: 0 }) : null;

  return (
    <section className="panel people-panel" aria-label="People">
      <h2>People</h2>
      {(['territory-manager', 'account-manager'] as const).map((r) => {
        const list = people.filter((p) => p.role === r).sort((a, b) => a.name.localeCompare(b.name));
        return (
          <div key={r} className="people-group">
            <h3>{ROLE_LABEL[r]} <span className="muted">({list.length})</span></h3>
            {list.length === 0 && <p className="empty">None yet.</p>}
            <ul aria-label={ROLE_LABEL[r]}>
              {list.map((p) => {
                const o = owned.get(p.id);
                const n = r === 'territory-manager' ? (o?.territories ?? 0) : (o?.accounts ?? 0);
                const detail = `${n.toLocaleString('en-US')} ${r === 'territory-manager' ? (n === 1 ? 'territory' : 'territories') : n === 1 ? 'account' : 'accounts'}`;
                return (
                  <li key={p.id}>
                    {editing === p.id ? (
                      <input
                        aria-label={`New name for ${p.name}`}
                        value={editName}
                        autoFocus
                        onChange={(e) => setEditName(e.target.value)}
                        onBlur={() => { api.getState().updatePerson(p.id, { name: editName }); setEditing(null); }}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter') { api.getState().updatePerson(p.id, { name: editName }); setEditing(null); }
                          if (e.key === 'Escape') setEditing(null);
                        }}
                      />
                    ) : (
                      <span className="person-name" title={[p.email, p.homeBase].filter(Boolean).join(' · ')}>{p.name}</span>
                    )}
                    <span className="muted small">{detail}</span>
                    <button type="button" className="link" aria-label={`Rename ${p.name}`} onClick={() => { setEditing(p.id); setEditName(p.name); }}>Rename</button>
                    <button type="button" className="link danger" aria-label={`Delete ${p.name}`} onClick={() => { setDeleting(p.id); setReassignTo(''); }}>Delete</button>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
      {target && targetOwns && (
        <div className="confirm-box" role="group" aria-label={`Delete ${target.name}`}>
          {targetOwns.territories + targetOwns.accounts > 0 ? (
            <>
              <p>
                {target.name} manages {targetOwns.territories} territories and {targetOwns.accounts} accounts. Who takes them over?
              </p>
              <label>
                Reassign to
                <select value={reassignTo} onChange={(e) => setReassignTo(e.target.value)}>
                  <option value="">Nobody (leave them unassigned)</option>
                  {people.filter((p) => p.role === target.role && p.id !== target.id).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
                </select>
              </label>
            </>
          ) : (
            <p>Delete {target.name}? They manage nothing.</p>
          )}
          <div className="panel-actions">
            <button type="button" className="danger" onClick={() => { api.getState().deletePerson(target.id, (reassignTo || null) as PersonId | null); setDeleting(null); }}>
              Delete {target.name}
            </button>
            <button type="button" onClick={() => setDeleting(null)}>Cancel</button>
          </div>
        </div>
      )}
      <form className="add-person" aria-label="Add a person" onSubmit={(e) => { e.preventDefault(); add(); }}>
        <label>Name<input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} /></label>
        <label>Role
          <select value={role} onChange={(e) => setRole(e.target.value as Person['role'])}>
            <option value="territory-manager">Territory manager</option>
            <option value="account-manager">Account manager</option>
          </select>
        </label>
        <label>Email (optional)<input type="email" value={email} onChange={(e) => setEmail(e.target.value)} /></label>
        <label>Home base (optional)<input value={homeBase} onChange={(e) => setHomeBase(e.target.value)} placeholder="City, ST ZIP" title="A ZIP here lets Auto-balance grow this manager’s territory from home" /></label>
        <button type="submit" disabled={!name.trim()}>Add person</button>
      </form>
    </section>
  );
}
