import { useEffect, useMemo, useState } from 'react';
import type { PersonId, RegionId } from '../../domain/types';
import { selectMode, selectMultiSelection, selectOverlapMode, selectPeople, selectRegions, selectPlanReport, selectSelectedTerritory, selectTerritories } from '../../store/selectors';
import type { OverlapMode } from '../../store/types';
import { formatCount, formatDeviation, formatMoneyShort, formatPercent } from '../common/format';
import { useAppStore, useAppStoreApi } from '../common/storeContext';

/** Details and edits of the selected territory: rename, manager, color, outline, delete. */
export function TerritoryPanel() {
  const t = useAppStore(selectSelectedTerritory);
  const people = useAppStore(selectPeople);
  const managers = useMemo(() => people.filter((p) => p.role === 'territory-manager'), [people]);
  const report = useAppStore(selectPlanReport);
  const regions = useAppStore(selectRegions);
  const multi = useAppStore(selectMultiSelection);
  const overlapMode = useAppStore(selectOverlapMode);
  const territories = useAppStore(selectTerritories);
  const [notes, setNotes] = useState('');
  const [target, setTarget] = useState('');
  const mode = useAppStore(selectMode);
  const api = useAppStoreApi();
  const [name, setName] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  useEffect(() => {
    setName(t?.name ?? '');
    setConfirmDelete(false);
  }, [t?.id, t?.name]);
  useEffect(() => {
    setNotes(t?.notes ?? '');
    setTarget(t?.targetRevenue != null ? String(t.targetRevenue) : '');
  }, [t?.id, t?.notes, t?.targetRevenue]);

  if (!t) {
    return (
      <section className="panel territory-panel" aria-label="Selected territory">
        <h2>Territory</h2>
        <p className="empty">Select a territory on the map or in the table to rename it, change its manager or edit its outline.</p>
      </section>
    );
  }
  const reportRow = report?.byId.get(t.id);
  const row = reportRow?.stats;
  const commitName = () => {
    if (name.trim() && name.trim() !== t.name) api.getState().renameTerritory(t.id, name);
    else setName(t.name);
  };
  const editing = mode === 'editing';
  return (
    <section className="panel territory-panel" aria-label="Selected territory">
      <h2>
        <span className="swatch" style={{ background: t.color }} aria-hidden="true" /> {t.name}
      </h2>
      <label>
        Name
        <input
          value={name}
          maxLength={80}
          onChange={(e) => setName(e.target.value)}
          onBlur={commitName}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitName();
            if (e.key === 'Escape') setName(t.name);
          }}
        />
      </label>
      <label>
        Territory manager
        <select value={t.managerId ?? ''} onChange={(e) => api.getState().setTerritoryManager(t.id, (e.target.value || null) as PersonId | null)}>
          <option value="">— none —</option>
          {managers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Region
        <select value={t.regionId ?? ''} onChange={(e) => api.getState().setTerritoryRegion(t.id, (e.target.value || null) as RegionId | null)}>
          <option value="">— no region —</option>
          {regions.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
        </select>
      </label>
      <label>
        Target revenue (USD per year)
        <input
          inputMode="decimal"
          value={target}
          placeholder="not set"
          onChange={(e) => setTarget(e.target.value)}
          onBlur={() => {
            const clean = target.replace(/[$,\s]/g, '');
            const v = clean === '' ? null : Number(clean);
            if (v === null || (Number.isFinite(v) && v >= 0)) api.getState().setTerritoryDetails(t.id, { targetRevenue: v });
            else setTarget(t.targetRevenue != null ? String(t.targetRevenue) : '');
          }}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        />
      </label>
      <label>
        Notes
        <textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} onBlur={() => api.getState().setTerritoryDetails(t.id, { notes })} />
      </label>
      <label className="inline">
        Color
        <input type="color" value={t.color} onChange={(e) => api.getState().setTerritoryColor(t.id, e.target.value)} />
      </label>
      {row && (
        <dl className="kpis">
          <div><dt>Stores</dt><dd>{formatCount(row.stores)}</dd></div>
          <div><dt>Penetration</dt><dd>{formatPercent(row.penetration)}</dd></div>
          <div><dt>Revenue</dt><dd>{formatMoneyShort(row.revenue)}</dd></div>
          <div><dt>Growth</dt><dd>{formatDeviation(row.revenueGrowth)}</dd></div>
          <div><dt>Whitespace</dt><dd>{formatMoneyShort(row.whitespace)}</dd></div>
          <div><dt>Balance</dt><dd>{formatDeviation(row.balanceDeviation)}</dd></div>
          {reportRow?.ofTarget != null && (
            <div><dt>Of target</dt><dd>{formatPercent(reportRow.ofTarget, 0)}</dd></div>
          )}
        </dl>
      )}
      <label>
        Where an outline overlaps other territories
        <select value={overlapMode} onChange={(e) => api.getState().setOverlapMode(e.target.value as OverlapMode)}>
          <option value="take">It takes the area from them</option>
          <option value="yield">It yields to them</option>
          <option value="allow">Keep the overlap (first in the plan wins its stores)</option>
        </select>
      </label>
      <div className="merge-box" role="group" aria-label="Merge selection">
        <p className={multi.length ? undefined : 'muted small'}>
          {multi.length
            ? `Also selected: ${multi.map((id) => territories.find((x) => x.id === id)?.name).filter(Boolean).join(', ')}.`
            : 'Ctrl- or Shift-click other rows in the table to select territories to merge into this one.'}
        </p>
        <button type="button" className={multi.length ? 'primary' : undefined} disabled={multi.length === 0} onClick={() => api.getState().mergeTerritories([t.id, ...multi])}>
          {multi.length ? `Merge ${multi.length + 1} territories into ${t.name}` : 'Merge'}
        </button>
      </div>
      <div className="panel-actions">
        <button
          type="button"
          className={editing ? 'primary' : undefined}
          aria-pressed={editing}
          disabled={t.locked}
          title={t.locked ? 'Unlock the territory to edit its outline' : undefined}
          onClick={() => api.getState().setMode(editing ? 'browse' : 'editing')}
        >
          {editing ? 'Done editing' : 'Edit outline'}
        </button>
        <button
          type="button"
          aria-pressed={t.locked}
          title={t.locked ? 'Locked: its outline cannot be edited, painted into or clipped. Click to unlock.' : 'Lock the outline against changes'}
          onClick={() => {
            if (editing) api.getState().setMode('browse');
            api.getState().setTerritoryLocked(t.id, !t.locked);
          }}
        >
          {t.locked ? 'Locked' : 'Lock territory'}
        </button>
        <button type="button" onClick={() => api.getState().requestZoom(t.id)}>
          Zoom to
        </button>
        <button
          type="button"
          disabled={t.locked}
          aria-pressed={mode === 'splitting'}
          title={t.locked ? 'Unlock the territory to split it' : 'Draw a line across the territory to cut it in two'}
          onClick={() => api.getState().setMode(mode === 'splitting' ? 'browse' : 'splitting')}
        >
          Split
        </button>
        {!confirmDelete ? (
          <button type="button" className="danger" disabled={t.locked} onClick={() => setConfirmDelete(true)}>
            Delete territory
          </button>
        ) : (
          <span className="confirm" role="group" aria-label="Confirm delete">
            Delete {t.name}?{' '}
            <button type="button" className="danger" onClick={() => { api.getState().deleteTerritory(t.id); api.getState().notify('info', `Deleted ${t.name}. Undo brings it back.`); }}>
              Yes, delete
            </button>
            <button type="button" onClick={() => setConfirmDelete(false)}>
              Keep
            </button>
          </span>
        )}
      </div>
    </section>
  );
}
