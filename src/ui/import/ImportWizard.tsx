import { useEffect, useMemo, useRef, useState } from 'react';
import { defaultImportOptions, type ColumnMapping, type ImportResult, type PreviewRow, type StoreField } from '../../domain/import';
import { formatCount } from '../common/format';

/** What the wizard needs from the import machinery (a worker in the app, a fake in tests). */
export interface ImportService {
  /** Reads and parses the file off the main thread; refuses files over the size limit. */
  open(file: File, delimiter?: string, onProgress?: (fraction: number) => void): Promise<OpenedFile>;
  preview(mapping: ColumnMapping, options: WizardOptions): Promise<PreviewRow[]>;
  validate(mapping: ColumnMapping, options: WizardOptions, onProgress: (fraction: number) => void): Promise<ImportResult>;
  /** Stops whatever runs now; nothing of the file is kept. */
  cancel(): void;
  rejectedCsv(result: ImportResult): Promise<string>;
  /** Gets the reader ready while the user is still choosing a file (optional). */
  warmUp?(): void;
}

export interface OpenedFile {
  fileName: string;
  header: string[];
  rowCount: number;
  delimiter: string;
  delimiterCandidates: string[];
  ambiguousDelimiter: boolean;
  isGeoJson: boolean;
  detected: ColumnMapping;
}

export interface WizardOptions {
  decimalComma: boolean;
  dateOrder: 'us' | 'iso-only';
}

export interface CommitOutcome {
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
  peopleCreated: number;
}

export interface ImportWizardProps {
  file: File | null;
  service: ImportService;
  /** Writes the valid rows (all or nothing) and reports the counts. */
  onCommit: (result: ImportResult, opts: { replace: boolean; hasAccountManagerColumn: boolean; onProgress?: (fraction: number) => void }) => Promise<CommitOutcome>;
  onDownload: (fileName: string, text: string) => void;
  onClose: () => void;
}

/** Fields in the order the mapping step shows them, with the label users read. */
export const FIELD_LABELS: readonly (readonly [StoreField, string])[] = [
  ['name', 'Name'],
  ['externalId', 'External ID'],
  ['lat', 'Latitude'],
  ['lng', 'Longitude'],
  ['zip', 'ZIP / postal code'],
  ['address', 'Address'],
  ['city', 'City'],
  ['state', 'State'],
  ['status', 'Status'],
  ['channel', 'Channel'],
  ['revenue', 'Revenue (T12M)'],
  ['priorRevenue', 'Prior revenue'],
  ['potential', 'Potential'],
  ['customerSince', 'Customer since'],
  ['satisfaction', 'Satisfaction'],
  ['renewalDate', 'Renewal date'],
  ['keyAccount', 'Key account'],
  ['accountManager', 'Account manager'],
];

const DELIMITER_NAMES: Record<string, string> = { ',': 'Comma (,)', ';': 'Semicolon (;)', '\t': 'Tab', '|': 'Pipe (|)' };

type Step =
  | { kind: 'reading'; progress: number }
  | { kind: 'mapping'; opened: OpenedFile }
  | { kind: 'validating'; opened: OpenedFile; progress: number }
  | { kind: 'review'; opened: OpenedFile; result: ImportResult }
  | { kind: 'committing'; opened: OpenedFile; result: ImportResult; progress: number }
  | { kind: 'done'; outcome: CommitOutcome; fileName: string }
  | { kind: 'failed'; message: string };

/**
 * The store import wizard: file → column mapping with a live preview → validation with a
 * progress bar and Cancel → summary (download the rejected rows) → all-or-nothing commit.
 * Cancelling at any step leaves the current market untouched.
 */
export function ImportWizard({ file, service, onCommit, onDownload, onClose }: ImportWizardProps) {
  const [step, setStep] = useState<Step>({ kind: 'reading', progress: 0 });
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [options, setOptions] = useState<WizardOptions>({ decimalComma: false, dateOrder: 'us' });
  const [replace, setReplace] = useState(false);
  const [preview, setPreview] = useState<PreviewRow[]>([]);
  const alive = useRef(true);
  useEffect(() => () => void (alive.current = false), []);

  const openWith = async (f: File, delimiter?: string) => {
    setStep({ kind: 'reading', progress: 0 });
    try {
      const opened = await service.open(f, delimiter, (p) => alive.current && setStep((s) => (s.kind === 'reading' ? { kind: 'reading', progress: p } : s)));
      if (!alive.current) return;
      setMapping(opened.detected);
      // A ';' file usually writes 1.234,50: offer decimal commas by default there.
      setOptions((o) => ({ ...o, decimalComma: defaultImportOptions(opened.delimiter).decimalComma }));
      setStep({ kind: 'mapping', opened });
    } catch (err) {
      if (alive.current) setStep({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  };
  useEffect(() => {
    if (file) void openWith(file);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [file]);

  const opened = step.kind === 'mapping' ? step.opened : null;
  useEffect(() => {
    if (!opened) return;
    let stale = false;
    service.preview(mapping, options).then(
      (rows) => !stale && setPreview(rows),
      () => !stale && setPreview([]),
    );
    return () => void (stale = true);
  }, [opened, mapping, options, service]);

  const hasLocation = mapping.lat !== undefined && mapping.lng !== undefined ? true : mapping.zip !== undefined;
  const cancel = () => {
    service.cancel();
    onClose();
  };

  const validate = async (o: OpenedFile) => {
    setStep({ kind: 'validating', opened: o, progress: 0 });
    try {
      const result = await service.validate(mapping, options, (p) => alive.current && setStep((s) => (s.kind === 'validating' ? { ...s, progress: p } : s)));
      if (alive.current) setStep({ kind: 'review', opened: o, result });
    } catch (err) {
      if (alive.current) setStep({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  };

  const commit = async (o: OpenedFile, result: ImportResult) => {
    setStep({ kind: 'committing', opened: o, result, progress: 0 });
    try {
      const outcome = await onCommit(result, {
        replace,
        hasAccountManagerColumn: mapping.accountManager !== undefined,
        onProgress: (p) => alive.current && setStep((s) => (s.kind === 'committing' ? { ...s, progress: p } : s)),
      });
      if (alive.current) setStep({ kind: 'done', outcome, fileName: o.fileName });
    } catch (err) {
      if (alive.current) setStep({ kind: 'failed', message: `Nothing was imported: ${err instanceof Error ? err.message : String(err)}` });
    }
  };

  const columnOptions = useMemo(() => (opened ? opened.header.map((h, i) => ({ i, label: h.trim() || `Column ${i + 1}` })) : []), [opened]);

  return (
    <div className="dialog-backdrop">
      <div className="dialog wide" role="dialog" aria-modal="true" aria-labelledby="import-title" onKeyDown={(e) => e.key === 'Escape' && step.kind !== 'committing' && cancel()}>
        <h2 id="import-title">Import stores</h2>

        {step.kind === 'reading' && (
          <>
            <p role="status">Reading and checking {file?.name ?? 'the file'}…</p>
            <ProgressWithCancel progress={step.progress} onCancel={cancel} />
          </>
        )}

        {step.kind === 'failed' && (
          <>
            <p role="alert" className="error-text">{step.message}</p>
            <div className="dialog-actions">
              <button type="button" onClick={onClose}>Close</button>
            </div>
          </>
        )}

        {step.kind === 'mapping' && (
          <>
            <p className="muted">
              <strong>{step.opened.fileName}</strong> · {formatCount(step.opened.rowCount)} rows · {step.opened.header.length} columns. Check how the columns map to store
              fields; the preview shows the first rows as they will be stored.
            </p>
            {!step.opened.isGeoJson && (
              <div className="options-row">
                <label>
                  Delimiter
                  <select
                    aria-label="Delimiter"
                    value={step.opened.delimiter}
                    onChange={(e) => file && void openWith(file, e.target.value)}
                    aria-describedby={step.opened.ambiguousDelimiter ? 'delimiter-warning' : undefined}
                  >
                    {[...new Set([step.opened.delimiter, ...step.opened.delimiterCandidates, ',', ';', '\t', '|'])].map((d) => (
                      <option key={d} value={d}>{DELIMITER_NAMES[d] ?? d}</option>
                    ))}
                  </select>
                </label>
                <label>
                  Number format
                  <select aria-label="Number format" value={options.decimalComma ? 'comma' : 'point'} onChange={(e) => setOptions({ ...options, decimalComma: e.target.value === 'comma' })}>
                    <option value="point">1,234.50</option>
                    <option value="comma">1.234,50</option>
                  </select>
                </label>
                <label>
                  Dates
                  <select aria-label="Dates" value={options.dateOrder} onChange={(e) => setOptions({ ...options, dateOrder: e.target.value as WizardOptions['dateOrder'] })}>
                    <option value="us">ISO or US (M/D/YYYY)</option>
                    <option value="iso-only">ISO only (YYYY-MM-DD)</option>
                  </select>
                </label>
              </div>
            )}
            {step.opened.ambiguousDelimiter && (
              <p id="delimiter-warning" className="warning" role="note">
                This file could be split by more than one character. Confirm the delimiter: the preview below must show one value per column.
              </p>
            )}
            <div className="mapping-grid" role="group" aria-label="Column mapping">
              {FIELD_LABELS.map(([field, label]) => (
                <label key={field}>
                  {label}
                  <select
                    aria-label={label}
                    value={mapping[field] ?? ''}
                    onChange={(e) => {
                      const next = { ...mapping };
                      if (e.target.value === '') delete next[field];
                      else next[field] = Number(e.target.value);
                      setMapping(next);
                    }}
                  >
                    <option value="">— not in file —</option>
                    {columnOptions.map((c) => <option key={c.i} value={c.i}>{c.label}</option>)}
                  </select>
                </label>
              ))}
            </div>
            {!hasLocation && <p className="warning" role="note">Map Latitude and Longitude, or a ZIP column, so stores can be placed on the map.</p>}
            {mapping.name === undefined && <p className="warning" role="note">Map a Name column: every store needs a name.</p>}
            <div className="preview">
              <table className="stores-table" aria-label="Import preview">
                <thead>
                  <tr><th scope="col">Row</th><th scope="col">Name</th><th scope="col">City</th><th scope="col">Status</th><th scope="col">Location</th><th scope="col">Revenue</th><th scope="col">Result</th></tr>
                </thead>
                <tbody>
                  {preview.map((p) => (
                    <tr key={p.row} className={p.rejected ? 'rejected' : undefined}>
                      <td>{p.row}</td>
                      <th scope="row" className="ellipsis">{p.store?.name ?? ''}</th>
                      <td className="ellipsis">{p.store?.city ?? ''}</td>
                      <td>{p.store?.status ?? ''}</td>
                      <td>{p.store ? `${p.store.lat.toFixed(4)}, ${p.store.lng.toFixed(4)}${p.store.geocodePrecision === 'zip-centroid' ? ' (ZIP)' : ''}` : ''}</td>
                      <td className="num">{p.store ? p.store.revenue.toLocaleString('en-US') : ''}</td>
                      <td className="ellipsis">{p.rejected ? `Rejected: ${p.rejected.message}` : 'OK'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="dialog-actions">
              <button type="button" onClick={cancel}>Cancel</button>
              <button type="button" className="primary" disabled={!hasLocation || mapping.name === undefined} onClick={() => void validate(step.opened)}>
                Check {formatCount(step.opened.rowCount)} rows
              </button>
            </div>
          </>
        )}

        {step.kind === 'validating' && (
          <>
            <p>Checking {formatCount(step.opened.rowCount)} rows of {step.opened.fileName}…</p>
            <ProgressWithCancel progress={step.progress} onCancel={cancel} />
          </>
        )}

        {(step.kind === 'review' || step.kind === 'committing') && (
          <>
            <ul className="summary-list" aria-label="Validation summary">
              <li><strong>{formatCount(step.result.summary.valid)}</strong> valid rows{step.result.summary.geocodedFromZip > 0 ? ` (${formatCount(step.result.summary.geocodedFromZip)} placed at their ZIP centroid)` : ''}</li>
              <li><strong>{formatCount(step.result.summary.rejected)}</strong> rejected</li>
              {Object.entries(step.result.summary.byReason).map(([reason, n]) => (
                <li key={reason} className="indent">{formatCount(n ?? 0)} × {reasonLabel(reason)}</li>
              ))}
            </ul>
            {step.result.rejected.length > 0 && (
              <>
                <table className="stores-table compact" aria-label="Rejected rows">
                  <thead><tr><th scope="col">Row</th><th scope="col">Reason</th></tr></thead>
                  <tbody>
                    {step.result.rejected.slice(0, 8).map((r) => (
                      <tr key={`${r.row}-${r.reason}`}><td>{r.row}</td><td className="ellipsis">{r.message}</td></tr>
                    ))}
                  </tbody>
                </table>
                {step.result.rejected.length > 8 && <p className="muted">…and {formatCount(step.result.rejected.length - 8)} more in the download.</p>}
                <button
                  type="button"
                  onClick={async () => {
                    const csv = await service.rejectedCsv(step.result);
                    onDownload(`rejected-${step.opened.fileName.replace(/\.[^.]+$/, '')}.csv`, csv);
                  }}
                >
                  Download rejected rows (CSV)
                </button>
              </>
            )}
            <label className="inline check">
              <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} disabled={step.kind === 'committing'} />
              Replace the current market (stores not in this file are removed)
            </label>
            {step.kind === 'committing' && (
              <>
                <p role="status">Saving {formatCount(step.result.summary.valid)} stores…</p>
                <progress aria-label="Saving progress" max={1} value={step.progress} />
                <span className="muted"> {(step.progress * 100).toFixed(0)}%</span>
              </>
            )}
            <div className="dialog-actions">
              <button type="button" onClick={cancel} disabled={step.kind === 'committing'}>Cancel</button>
              <button type="button" className="primary" disabled={step.result.summary.valid === 0 || step.kind === 'committing'} onClick={() => void commit(step.opened, step.result)}>
                Import {formatCount(step.result.summary.valid)} stores
              </button>
            </div>
          </>
        )}

        {step.kind === 'done' && (
          <>
            <section className="import-summary" aria-label="Import summary">
              <p>Imported {step.fileName}:</p>
              <ul>
                <li><strong>{formatCount(step.outcome.added)}</strong> added</li>
                <li><strong>{formatCount(step.outcome.updated)}</strong> updated</li>
                <li><strong>{formatCount(step.outcome.unchanged)}</strong> unchanged</li>
                <li><strong>{formatCount(step.outcome.rejected)}</strong> rejected</li>
                {step.outcome.peopleCreated > 0 && <li>{formatCount(step.outcome.peopleCreated)} account managers created</li>}
              </ul>
            </section>
            <div className="dialog-actions">
              <button type="button" className="primary" onClick={onClose} autoFocus>Done</button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}

function reasonLabel(reason: string): string {
  return reason.replace(/-/g, ' ');
}

/** A long step's progress bar, its percentage and the Cancel button that stops the worker. */
function ProgressWithCancel({ progress, onCancel }: { progress: number; onCancel: () => void }) {
  return (
    <>
      <progress aria-label="Import progress" max={1} value={progress} />
      <span className="muted"> {(progress * 100).toFixed(0)}%</span>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
    </>
  );
}
