import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal dialog: labelled by its title, Escape closes it, focus moves into it when it opens
 * and back to where it was when it closes.
 */
export function Dialog({ title, onClose, wide, children }: { title: string; onClose: () => void; wide?: boolean; children: ReactNode }) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = box.current?.querySelector<HTMLElement>('input, select, textarea, button');
    first?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="dialog-backdrop">
      <div
        ref={box}
        className={wide ? 'dialog wide' : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={id}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        <h2 id={id}>{title}</h2>
        {children}
      </div>
    </div>
  );
}

/** Asks for one line of text (a plan name); Enter confirms, Escape cancels. */
export function PromptDialog({
  title, label, initial, confirm, onConfirm, onClose, note,
}: {
  title: string;
  label: string;
  initial: string;
  confirm: string;
  note?: string;
  onConfirm: (value: string) => void;
  onClose: () => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.select(), []);
  return (
    <Dialog title={title} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const v = input.current?.value.trim() ?? '';
          if (v) onConfirm(v);
        }}
      >
        <label>
          {label}
          <input ref={input} defaultValue={initial} maxLength={120} required />
        </label>
        {note && <p className="muted small">{note}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary">{confirm}</button>
        </div>
      </form>
    </Dialog>
  );
}

/** Asks before doing something that changes a lot (delete a plan, replace everything). */
export function ConfirmDialog({
  title, children, confirm, danger, onConfirm, onClose,
}: {
  title: string;
  children: ReactNode;
  confirm: string;
  danger?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog title={title} onClose={onClose}>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>Cancel</button>
        <button type="button" className={danger ? 'primary danger-fill' : 'primary'} onClick={onConfirm}>{confirm}</button>
      </div>
    </Dialog>
  );
}

/**
 * A file picker that looks like a button: the transparent input covers the label, so a
 * click, Enter/Space, a screen reader and a test's setInputFiles all reach the native
 * picker (the pattern of "Import stores").
 */
export function FileButton({ label, accept, title, onFile, disabled }: { label: string; accept: string; title?: string; onFile: (f: File) => void; disabled?: boolean }) {
  return (
    <label className={disabled ? 'button file-button disabled' : 'button file-button'} title={title}>
      {label}
      <input
        type="file"
        className="file-overlay"
        accept={accept}
        disabled={disabled}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) onFile(f);
        }}
      />
    </label>
  );
}
