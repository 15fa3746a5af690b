import { importedRowsFrom } from '../../src/domain/import';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ImportResult, ImportedStore } from '../../src/domain/import';
import { ImportWizard, type ImportService, type OpenedFile } from '../../src/ui/import/ImportWizard';

const opened: OpenedFile = {
  fileName: 'crm.csv',
  header: ['Store Name', 'Lat', 'Lon', 'Zip', 'Status', 'AM'],
  rowCount: 3,
  delimiter: ';',
  delimiterCandidates: [';', ','],
  ambiguousDelimiter: true,
  isGeoJson: false,
  detected: { name: 0, lat: 1, lng: 2, zip: 3, status: 4 },
};

const good: ImportedStore = {
  externalId: null, name: 'Happy Paws', address: '', city: 'Austin', state: 'TX', zip: '78701', lat: 30.27, lng: -97.74, geocodePrecision: 'exact',
  status: 'customer', channel: 'independent-pet', revenue: 1234.5, priorRevenue: 0, potential: 0, customerSince: null, satisfaction: null, renewalDate: null,
  keyAccount: false, accountManagerName: null, sourceRow: 2,
};
const result: ImportResult = {
  rows: importedRowsFrom([good, { ...good, name: 'Vet Corner', sourceRow: 3 }]),
  rejected: [{ row: 4, reason: 'lat-out-of-range', message: 'Latitude 139.7 is outside −90…90.', values: ['Far', '139.7', '-104', '', 'customer', ''] }],
  summary: { total: 3, valid: 2, rejected: 1, byReason: { 'lat-out-of-range': 1 }, geocodedFromZip: 0 },
} as ImportResult;

function fakeService(over: Partial<ImportService> = {}): ImportService {
  return {
    open: vi.fn(async () => opened),
    preview: vi.fn(async () => [{ row: 2, store: good }, { row: 4, rejected: result.rejected[0] }]),
    validate: vi.fn(async (_m, _o, onProgress) => {
      onProgress(0.5);
      return result;
    }),
    cancel: vi.fn(),
    rejectedCsv: vi.fn(async () => 'row,reason\n4,lat-out-of-range\n'),
    ...over,
  };
}

const file = new File(['x'], 'crm.csv', { type: 'text/csv' });

describe('ImportWizard', () => {
  it('shows how far the save has got while the stores are written', async () => {
    const user = userEvent.setup();
    let report: (f: number) => void = () => undefined;
    let finish: () => void = () => undefined;
    const onCommit = vi.fn(
      (_r: ImportResult, opts: { onProgress?: (f: number) => void }) =>
        new Promise<{ added: number; updated: number; unchanged: number; rejected: number; peopleCreated: number }>((resolve) => {
          report = opts.onProgress ?? report;
          finish = () => resolve({ added: 2, updated: 0, unchanged: 0, rejected: 1, peopleCreated: 0 });
        }),
    );
    render(<ImportWizard file={file} service={fakeService()} onCommit={onCommit} onDownload={vi.fn()} onClose={vi.fn()} />);
    const dialog = await screen.findByRole('dialog', { name: 'Import stores' });
    await user.click(await within(dialog).findByRole('button', { name: 'Check 3 rows' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Import 2 stores' }));
    expect(within(dialog).getByRole('status')).toHaveTextContent('Saving 2 stores…');
    const bar = within(dialog).getByRole('progressbar', { name: 'Saving progress' });
    expect(bar).toHaveAttribute('value', '0');
    act(() => report(0.4));
    expect(bar).toHaveAttribute('value', '0.4');
    expect(within(dialog).getByText('40%')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Import 2 stores' })).toBeDisabled();
    act(() => finish());
    expect(await screen.findByRole('region', { name: 'Import summary' })).toHaveTextContent('2 added');
  });

  it('walks mapping → check → review → import and shows the import summary', async () => {
    const user = userEvent.setup();
    const service = fakeService();
    const onCommit = vi.fn(async () => ({ added: 1, updated: 1, unchanged: 0, rejected: 1, peopleCreated: 0 }));
    const onDownload = vi.fn();
    render(<ImportWizard file={file} service={service} onCommit={onCommit} onDownload={onDownload} onClose={vi.fn()} />);
    const dialog = await screen.findByRole('dialog', { name: 'Import stores' });
    // Detected mapping, ambiguous delimiter flagged, decimal comma offered for a ';' file.
    const mapping = await within(dialog).findByRole('group', { name: 'Column mapping' });
    expect(within(mapping).getByLabelText('Latitude')).toHaveValue('1');
    expect(within(mapping).getByLabelText('Account manager')).toHaveValue('');
    expect(within(dialog).getAllByRole('note')[0]).toHaveTextContent(/Confirm the delimiter/);
    expect(within(dialog).getByLabelText('Number format')).toHaveValue('comma');
    // The preview shows rows as stored, and rejections with their reason.
    const preview = within(dialog).getByRole('table', { name: 'Import preview' });
    expect(await within(preview).findByText('Happy Paws')).toBeInTheDocument();
    expect(within(preview).getByText(/Rejected: Latitude 139.7/)).toBeInTheDocument();
    // Remap a column, then check.
    await user.selectOptions(within(mapping).getByLabelText('Account manager'), '5');
    await user.click(within(dialog).getByRole('button', { name: 'Check 3 rows' }));
    expect(service.validate).toHaveBeenCalledWith({ name: 0, lat: 1, lng: 2, zip: 3, status: 4, accountManager: 5 }, { decimalComma: true, dateOrder: 'us' }, expect.any(Function));
    const summary = await within(dialog).findByRole('list', { name: 'Validation summary' });
    expect(summary).toHaveTextContent('2 valid rows');
    expect(summary).toHaveTextContent('1 rejected');
    expect(summary).toHaveTextContent('1 × lat out of range');
    await user.click(within(dialog).getByRole('button', { name: 'Download rejected rows (CSV)' }));
    expect(onDownload).toHaveBeenCalledWith('rejected-crm.csv', 'row,reason\n4,lat-out-of-range\n');
    await user.click(within(dialog).getByRole('button', { name: 'Import 2 stores' }));
    expect(onCommit).toHaveBeenCalledWith(result, { replace: false, hasAccountManagerColumn: true, onProgress: expect.any(Function) });
    const done = await screen.findByRole('region', { name: 'Import summary' });
    expect(done).toHaveTextContent('1 added');
    expect(done).toHaveTextContent('1 updated');
    expect(done).toHaveTextContent('0 unchanged');
    expect(done).toHaveTextContent('1 rejected');
  });

  it('Cancel stops the worker and closes without committing', async () => {
    const user = userEvent.setup();
    const service = fakeService();
    const onCommit = vi.fn();
    const onClose = vi.fn();
    render(<ImportWizard file={file} service={service} onCommit={onCommit} onDownload={vi.fn()} onClose={onClose} />);
    const dialog = await screen.findByRole('dialog', { name: 'Import stores' });
    await within(dialog).findByRole('group', { name: 'Column mapping' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(service.cancel).toHaveBeenCalled();
    expect(onClose).toHaveBeenCalled();
    expect(onCommit).not.toHaveBeenCalled();
  });

  it('a refused file says why and offers only Close', async () => {
    const service = fakeService({ open: vi.fn(async () => { throw new Error('big.csv is 300 MB; the import handles files up to 200 MB.'); }) });
    render(<ImportWizard file={file} service={service} onCommit={vi.fn()} onDownload={vi.fn()} onClose={vi.fn()} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('big.csv is 300 MB');
    expect(screen.getByRole('button', { name: 'Close' })).toBeInTheDocument();
  });

  it('a failed commit says nothing was imported', async () => {
    const user = userEvent.setup();
    const service = fakeService();
    render(<ImportWizard file={file} service={service} onCommit={vi.fn(async () => { throw new Error('QuotaExceededError'); })} onDownload={vi.fn()} onClose={vi.fn()} />);
    const dialog = await screen.findByRole('dialog', { name: 'Import stores' });
    await user.click(await within(dialog).findByRole('button', { name: 'Check 3 rows' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Import 2 stores' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Nothing was imported: QuotaExceededError');
  });
});
