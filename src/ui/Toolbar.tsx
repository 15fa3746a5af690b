import { useEffect } from 'react';
import { selectCanRedo, selectCanUndo, selectMode, selectRedoLabel, selectUndoLabel } from '../store/selectors';
import { useAppStore, useAppStoreApi } from './storeContext';

/** Map tools: draw, and undo/redo of plan changes. */
export function Toolbar() {
  const mode = useAppStore(selectMode);
  const canUndo = useAppStore(selectCanUndo);
  const canRedo = useAppStore(selectCanRedo);
  const undoLabel = useAppStore(selectUndoLabel);
  const redoLabel = useAppStore(selectRedoLabel);
  const api = useAppStoreApi();
  const drawing = mode === 'drawing';
  useEffect(() => {
    // Escape leaves drawing or outline editing wherever the focus is.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      const m = api.getState().mode;
      if (m === 'drawing' || m === 'editing') api.getState().setMode('browse');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);
  return (
    <div className="toolbar" role="toolbar" aria-label="Map tools">
      <button
        type="button"
        className={drawing ? 'primary active' : 'primary'}
        aria-pressed={drawing}
        disabled={mode === 'loading' || mode === 'naming'}
        onClick={() => api.getState().setMode(drawing ? 'browse' : 'drawing')}
      >
        {drawing ? 'Cancel drawing' : 'Draw territory'}
      </button>
      <button type="button" disabled={!canUndo || drawing} title={undoLabel ? `Undo: ${undoLabel}` : 'Nothing to undo'} onClick={() => api.getState().undo()}>
        Undo
      </button>
      <button type="button" disabled={!canRedo || drawing} title={redoLabel ? `Redo: ${redoLabel}` : 'Nothing to redo'} onClick={() => api.getState().redo()}>
        Redo
      </button>
      {drawing && <span className="hint" role="status">Click to add points; click the first point or press Enter to close. Esc cancels.</span>}
      {mode === 'editing' && <span className="hint" role="status">Drag a vertex to move it; drag a midpoint to add one; right-click a vertex to delete it.</span>}
    </div>
  );
}
