import { selectSaveState } from '../../store/selectors';
import { formatTime } from '../common/format';
import { useAppStore } from '../common/storeContext';

/** Says, truthfully, whether the plan is on disk. Never "saved" when it is not. */
export function SaveStatus() {
  const s = useAppStore(selectSaveState);
  let text: string;
  let cls = 'save-status';
  switch (s.kind) {
    case 'saved':
      text = `Saved ${formatTime(s.savedAt)}`;
      cls += ' ok';
      break;
    case 'pending':
      text = 'Unsaved changes…';
      break;
    case 'saving':
      text = 'Saving…';
      break;
    case 'error':
      text = `Not saved: ${s.message}`;
      cls += ' bad';
      break;
    case 'memory-only':
      text = `Not saved: ${s.message}`;
      cls += ' bad';
      break;
  }
  return (
    <div className={cls} role="status" aria-live="polite" data-testid="save-status" data-state={s.kind}>
      {text}
    </div>
  );
}
