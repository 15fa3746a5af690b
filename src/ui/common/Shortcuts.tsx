import { useEffect, useState } from 'react';
import type { AppStore } from '../../store/appStore';
import { useAppStoreApi } from './storeContext';
import { DRAW_MODE_BUTTONS } from '../territories/Toolbar';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl';

export const SHORTCUTS: readonly { keys: string; action: string }[] = [
  ...DRAW_MODE_BUTTONS.map((b) => ({ keys: b.key, action: `Draw a ${b.label.toLowerCase()}` })),
  { keys: 'Enter', action: 'Finish the polygon being drawn' },
  { keys: 'Esc', action: 'Cancel drawing or outline editing; close a dialog' },
  { keys: 'Delete', action: 'Delete the selected territory (undoable)' },
  { keys: `${MOD}+Z`, action: 'Undo' },
  { keys: `${MOD}+Shift+Z`, action: 'Redo' },
  { keys: '?', action: 'Show or hide this list' },
];

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName);
}

/** Handles a key press for the app; returns true when it was a shortcut. Exported for tests. */
export function handleShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'target'>, store: AppStore, toggleHelp: () => void): boolean {
  if (typingIn(e.target)) return false;
  const s = store.getState();
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && key === 'z') {
    if (s.mode === 'drawing' || s.mode === 'naming') return false;
    if (e.shiftKey) s.redo();
    else s.undo();
    return true;
  }
  if (mod && key === 'y') {
    s.redo();
    return true;
  }
  if (mod || e.altKey) return false;
  if (e.key === '?') {
    toggleHelp();
    return true;
  }
  if (s.mode === 'naming' || s.mode === 'loading') return false;
  const draw = DRAW_MODE_BUTTONS.find((b) => b.key.toLowerCase() === key);
  if (draw && s.mode !== 'editing') {
    s.startDrawing(draw.mode);
    return true;
  }
  if ((e.key === 'Delete' || e.key === 'Backspace') && s.mode === 'browse' && s.selectedTerritoryId) {
    const t = s.territories.find((x) => x.id === s.selectedTerritoryId);
    if (!t) return false;
    s.deleteTerritory(t.id);
    s.notify('info', `Deleted ${t.name}. Undo (${MOD}+Z) brings it back.`);
    return true;
  }
  return false;
}

/** Global keyboard shortcuts and the "?" help sheet that lists them. */
export function Shortcuts() {
  const store = useAppStoreApi();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && open) {
        setOpen(false);
        return;
      }
      if (handleShortcut(e, store, () => setOpen((o) => !o))) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, open]);
  return (
    <>
      <button type="button" className="help-button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => setOpen(true)}>
        ?
      </button>
      {open && (
        <div className="dialog-backdrop" onClick={() => setOpen(false)}>
          <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onClick={(e) => e.stopPropagation()}>
            <h2 id="shortcuts-title">Keyboard shortcuts</h2>
            <table className="shortcuts">
              <tbody>
                {SHORTCUTS.map((s) => (
                  <tr key={s.keys}>
                    <th scope="row"><kbd>{s.keys}</kbd></th>
                    <td>{s.action}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="dialog-actions">
              <button type="button" className="primary" autoFocus onClick={() => setOpen(false)}>Close</button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
