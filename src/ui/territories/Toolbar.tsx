import { useEffect } from 'react';
import { METERS_PER_MILE } from '../../domain/geometry';
import {
  selectBaseUnitLevel, selectBrushRadius, selectCanRedo, selectCanUndo, selectCircleRadius, selectDrawMode, selectLiveRadius, selectMode,
  selectPaintDelta, selectRedoLabel, selectSelectedTerritory, selectUndoLabel,
} from '../../store/selectors';
import { formatCount, formatMoneyShort } from '../common/format';
import type { DrawMode } from '../../store/types';
import { useAppStore, useAppStoreApi } from '../common/storeContext';

export const DRAW_MODE_BUTTONS: readonly { mode: DrawMode; label: string; key: string; hint: string }[] = [
  { mode: 'polygon', label: 'Polygon', key: 'P', hint: 'Click to add points; click the first point or press Enter to close.' },
  { mode: 'rectangle', label: 'Rectangle', key: 'R', hint: 'Click one corner, then the opposite corner.' },
  { mode: 'circle', label: 'Circle', key: 'C', hint: 'Click the centre, move to set the radius, click again. Or type a radius first.' },
  { mode: 'freehand', label: 'Freehand', key: 'F', hint: 'Click, draw the outline by moving the pointer, click to finish.' },
];

function formatRadius(meters: number, unit: 'km' | 'mi'): string {
  const km = meters / 1000;
  const mi = meters / METERS_PER_MILE;
  return unit === 'mi' ? `${mi.toFixed(1)} mi (${km.toFixed(1)} km)` : `${km.toFixed(1)} km (${mi.toFixed(1)} mi)`;
}

/** Map tools: the draw modes, undo/redo of plan changes, and their hints. */
export function Toolbar() {
  const mode = useAppStore(selectMode);
  const drawMode = useAppStore(selectDrawMode);
  const radius = useAppStore(selectCircleRadius);
  const liveRadius = useAppStore(selectLiveRadius);
  const canUndo = useAppStore(selectCanUndo);
  const canRedo = useAppStore(selectCanRedo);
  const undoLabel = useAppStore(selectUndoLabel);
  const redoLabel = useAppStore(selectRedoLabel);
  const api = useAppStoreApi();
  const baseUnits = useAppStore(selectBaseUnitLevel);
  const brush = useAppStore(selectBrushRadius);
  const paintDelta = useAppStore(selectPaintDelta);
  const selected = useAppStore(selectSelectedTerritory);
  const drawing = mode === 'drawing';
  const busy = mode === 'loading' || mode === 'naming';
  useEffect(() => {
    // Escape leaves drawing or outline editing wherever the focus is.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      const m = api.getState().mode;
      if (m === 'drawing' || m === 'editing' || m === 'splitting' || m === 'lasso') api.getState().setMode('browse');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);
  const hint = DRAW_MODE_BUTTONS.find((b) => b.mode === drawMode)!.hint;

  return (
    <div className="toolbar" role="toolbar" aria-label="Map tools">
      <button
        type="button"
        className={drawing ? 'primary active' : 'primary'}
        aria-pressed={drawing}
        disabled={busy}
        onClick={() => (drawing ? api.getState().setMode('browse') : api.getState().startDrawing(drawMode))}
      >
        {drawing ? 'Cancel drawing' : 'Draw territory'}
      </button>
      <span className="button-group" role="group" aria-label="Draw mode">
        {DRAW_MODE_BUTTONS.map((b) => (
          <button
            key={b.mode}
            type="button"
            aria-pressed={drawing && drawMode === b.mode}
            title={`${b.label} (${b.key})`}
            disabled={busy}
            onClick={() => api.getState().startDrawing(b.mode)}
          >
            {b.label}
          </button>
        ))}
      </span>
      {drawMode === 'circle' && (
        <span className="radius-input">
          <label>
            Radius
            <input
              type="number"
              min={0}
              step="any"
              inputMode="decimal"
              placeholder="drag"
              value={radius.value ?? ''}
              onChange={(e) => api.getState().setCircleRadius({ ...radius, value: e.target.value === '' ? null : Math.max(0, Number(e.target.value)) })}
            />
          </label>
          <select aria-label="Radius unit" value={radius.unit} onChange={(e) => api.getState().setCircleRadius({ ...radius, unit: e.target.value as 'km' | 'mi' })}>
            <option value="mi">mi</option>
            <option value="km">km</option>
          </select>
        </span>
      )}
      <span className="radius-input">
        <label>
          Base units
          <select aria-label="Base units" value={baseUnits} onChange={(e) => api.getState().setBaseUnitLevel(e.target.value as typeof baseUnits)}>
            <option value="none">None</option>
            <option value="states">States</option>
            <option value="counties">Counties</option>
            <option value="hexagons">Hexagons</option>
          </select>
        </label>
        {baseUnits !== 'none' && (
          <button
            type="button"
            aria-pressed={mode === 'lasso'}
            disabled={!selected}
            title="Drag a loop around units to paint them all into the selected territory"
            onClick={() => api.getState().setMode(mode === 'lasso' ? 'browse' : 'lasso')}
          >
            Lasso
          </button>
        )}
        {baseUnits !== 'none' && (
          <label title="Brush radius for Shift-drag painting">
            Brush
            <input type="range" min={4} max={120} value={brush} aria-label="Brush radius" onChange={(e) => api.getState().setBrushRadius(Number(e.target.value))} />
          </label>
        )}
      </span>
      <button type="button" disabled={!canUndo || drawing} title={undoLabel ? `Undo: ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'} onClick={() => api.getState().undo()}>
        Undo
      </button>
      <button type="button" disabled={!canRedo || drawing} title={redoLabel ? `Redo: ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'} onClick={() => api.getState().redo()}>
        Redo
      </button>
      {drawing && (
        <span className="hint" role="status">
          {drawMode === 'circle' && radius.value ? `Click the centre of a ${radius.value} ${radius.unit} circle.` : hint}
          {drawMode === 'circle' && liveRadius !== null && !radius.value ? ` Radius ${formatRadius(liveRadius, radius.unit)}.` : ''} Esc cancels.
        </span>
      )}
      {baseUnits !== 'none' && mode === 'browse' && (
        <span className="hint" role="status">
          {paintDelta
            ? `${formatCount(paintDelta.units)} ${baseUnits} in the stroke: ${paintDelta.stores >= 0 ? '+' : ''}${formatCount(paintDelta.stores)} stores, ${paintDelta.customers >= 0 ? '+' : ''}${formatCount(paintDelta.customers)} customers, ${paintDelta.revenue >= 0 ? '+' : '−'}${formatMoneyShort(Math.abs(paintDelta.revenue))} revenue`
            : selected
              ? `Painting into ${selected.name}: click a unit to add it, Alt-click to remove, Shift-drag to paint with the brush.`
              : 'Select a territory in the table, then click units to paint them into it.'}
        </span>
      )}
      {mode === 'lasso' && <span className="hint" role="status">Press and drag a loop around the units to add to {selected?.name ?? 'the territory'}; release to paint. Esc cancels.</span>}
      {mode === 'splitting' && <span className="hint" role="status">Draw the cut line across the territory: click points, click the last point again (or Enter) to cut. Esc cancels.</span>}
      {mode === 'editing' && <span className="hint" role="status">Drag a vertex to move it; drag a midpoint to add one; right-click a vertex to delete it.</span>}
    </div>
  );
}
