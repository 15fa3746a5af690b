/**
 * Importing a market through the real file picker, in headless Chromium against the build:
 * column mapping, rejected rows with reasons, all-or-nothing commit, persistence, and a
 * cancelled large import that leaves the market as it was.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, waitForMap } from './browser';
import { cellNumber, sampleStores } from './helpers';

const baseURL = inject('baseURL');
const sampleCount = sampleStores().length;

let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'tp-import-'));
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openApp(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  // An imported name must never run as HTML: any alert() fails the test.
  page.on('dialog', (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  await page.goto(baseURL);
  await waitForMap(page);
  return page;
}

async function chooseFile(page: Page, path: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import stores' }).click()]);
  await chooser.setFiles(path);
}

// Line numbers as a spreadsheet shows them: the header is line 1.
const CSV = [
  'Account ID;Store Name;Street;City;State;Zip;Latitude;Longitude;Status;Channel;Revenue;Account Manager',
  'E2E-1;Paws North;1 Main St;Denver;CO;80202;39,7392;-104,9903;customer;pet;1.234,50;Quinn Harper', // 2 ok
  'E2E-2;Vet East;2 Oak Ave;Aurora;CO;80010;39,7294;-104,8319;prospect;vet;0;', // 3 ok
  'E2E-3;"Groom; & Go";3 Pine Rd;Boulder;CO;80302;40,0150;-105,2705;lost;groomer;0;Quinn Harper', // 4 ok (quoted delimiter)
  'E2E-4;<img src=x onerror=alert(1)>;4 Elm St;Denver;CO;80203;39,7310;-104,9800;customer;pet;500;', // 5 ok, shown as text
  'E2E-5;Zip Only Feed;5 Farm Rd;Greeley;CO;80631;;;customer;farm;2.000;Quinn Harper', // 6 ok via ZIP centroid
  'E2E-6;Too Far North;6 Ice Rd;Nowhere;CO;80202;139,7;-104,9;customer;pet;1;', // 7 lat out of range
  'E2E-7;Unknown Status;7 Ash St;Denver;CO;80202;39,74;-104,99;maybe;pet;1;', // 8 unknown status
].join('\r\n');

describe('import', () => {
  it('imports a semicolon CSV through the file picker: maps columns, rejects rows with reasons, commits, survives reload', async () => {
    const page = await openApp();
    const file = join(dir, 'crm-export.csv');
    writeFileSync(file, `\uFEFF${CSV}\r\n`);
    await chooseFile(page, file);
    const dialog = page.getByRole('dialog', { name: 'Import stores' });
    await expect.poll(() => dialog.getByRole('button', { name: /^Check 7 rows$/ }).count(), { timeout: 20_000 }).toBe(1);
    // Detected mapping and the decimal-comma default of a ';' file.
    const mapping = dialog.getByRole('group', { name: 'Column mapping' });
    expect(await mapping.getByLabel('Latitude', { exact: true }).inputValue()).toBe('6');
    expect(await mapping.getByLabel('External ID', { exact: true }).inputValue()).toBe('0');
    expect(await dialog.getByLabel('Number format').inputValue()).toBe('comma');
    await dialog.getByRole('button', { name: /^Check 7 rows$/ }).click();

    const summary = dialog.getByRole('list', { name: 'Validation summary' });
    await expect.poll(() => summary.innerText(), { timeout: 20_000 }).toMatch(/5\s+valid rows/);
    expect(await summary.innerText()).toMatch(/2\s+rejected/);
    const rejected = dialog.getByRole('table', { name: 'Rejected rows' });
    const rejectedText = await rejected.innerText();
    expect(rejectedText).toMatch(/7\s+.*lat/i);
    expect(rejectedText).toMatch(/8\s+.*maybe/i);

    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: /Download rejected rows/ }).click()]);
    const rejectedCsv = readFileSync((await download.path())!, 'utf8');
    expect(rejectedCsv.split(/\r?\n/)[0]).toMatch(/row/i);
    expect(rejectedCsv).toContain('Too Far North');
    expect(rejectedCsv).toContain('Unknown Status');

    await dialog.getByRole('button', { name: /^Import 5 stores$/ }).click();
    const result = page.getByRole('region', { name: 'Import summary' });
    await expect.poll(() => result.innerText(), { timeout: 20_000 }).toMatch(/5\s+added/);
    expect(await result.innerText()).toMatch(/2\s+rejected/);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => cellNumber(page, 'Total', 'Stores')).toBe(sampleCount + 5);

    // The hostile name is text in the stores table.
    await page.getByRole('tab', { name: 'Stores' }).click();
    await page.getByRole('searchbox', { name: 'Search stores' }).fill('img');
    const stores = page.getByRole('table', { name: 'Stores' });
    await expect.poll(() => stores.getByRole('rowheader', { name: '<img src=x onerror=alert(1)>' }).count()).toBe(1);
    expect(await stores.locator('img').count()).toBe(0);
    // The ZIP-only row is placed at its ZIP centroid and says so.
    await page.getByRole('searchbox', { name: 'Search stores' }).fill('Zip Only');
    await expect.poll(() => stores.locator('tbody tr').first().innerText()).toMatch(/ZIP centroid/);

    // The account manager in the file now exists and has a portfolio.
    await page.getByRole('tab', { name: 'Account portfolio' }).click();
    const portfolio = page.getByRole('region', { name: 'Account portfolio' });
    await portfolio.getByLabel('Account manager').selectOption({ label: 'Quinn Harper' });
    await expect.poll(() => portfolio.getByRole('table', { name: 'Portfolio accounts' }).getByRole('rowheader').count()).toBe(3);

    // Reload: the imported stores are still there.
    await page.reload();
    await waitForMap(page);
    await expect.poll(() => cellNumber(page, 'Total', 'Stores')).toBe(sampleCount + 5);

    // Re-importing the same file updates instead of duplicating.
    await chooseFile(page, file);
    await expect.poll(() => dialog.getByRole('button', { name: /^Check 7 rows$/ }).count(), { timeout: 20_000 }).toBe(1);
    await dialog.getByRole('button', { name: /^Check 7 rows$/ }).click();
    await dialog.getByRole('button', { name: /^Import 5 stores$/ }).click();
    await expect.poll(() => result.innerText(), { timeout: 20_000 }).toMatch(/0\s+added/);
    expect(await result.innerText()).toMatch(/5\s+unchanged/);
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect(await cellNumber(page, 'Total', 'Stores')).toBe(sampleCount + 5);
    await page.context().close();
  });

  it('cancelling a large import midway leaves the market unchanged and the page usable', async () => {
    const page = await openApp();
    const big = join(dir, 'big.csv');
    const lines = ['id,name,lat,lng,status,revenue'];
    for (let i = 0; i < 240_000; i++) lines.push(`BIG-${i},Store ${i},${(30 + (i % 1700) / 100).toFixed(4)},${(-120 + (i % 4000) / 100).toFixed(4)},customer,${i % 9000}`);
    writeFileSync(big, lines.join('\n'));
    await chooseFile(page, big);
    const dialog = page.getByRole('dialog', { name: 'Import stores' });
    await expect.poll(() => dialog.getByRole('progressbar', { name: 'Import progress' }).count()).toBe(1);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await cellNumber(page, 'Total', 'Stores')).toBe(sampleCount);
    // The page is still responsive: open the stores tab and search.
    await page.getByRole('tab', { name: 'Stores' }).click();
    await page.getByRole('searchbox', { name: 'Search stores' }).fill('BIG-');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'stores' }).first().innerText()).toMatch(/^0 of /);

    // Cancelling after validation, at the summary, also writes nothing.
    await chooseFile(page, big);
    await expect.poll(() => dialog.getByRole('button', { name: /^Check 240,000 rows$/ }).count(), { timeout: 60_000 }).toBe(1);
    await dialog.getByRole('button', { name: /^Check 240,000 rows$/ }).click();
    await expect.poll(() => dialog.getByRole('button', { name: /^Import 240,000 stores$/ }).count(), { timeout: 60_000 }).toBe(1);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('tab', { name: 'Territory statistics' }).click();
    expect(await cellNumber(page, 'Total', 'Stores')).toBe(sampleCount);
    await page.context().close();
  });

  it('imports a 100k-row file end to end while the page stays responsive', async () => {
    const page = await openApp();
    const file = join(dir, 'market-100k.csv');
    const lines = ['external_id,name,city,state,zip,latitude,longitude,status,revenue,potential'];
    for (let i = 0; i < 100_000; i++) {
      // Spread over the contiguous US; every 10th row has only a ZIP (geocoded offline).
      const lat = (30 + ((i * 7919) % 1700) / 100).toFixed(4);
      const lng = (-120 + ((i * 104729) % 4500) / 100).toFixed(4);
      const zipOnly = i % 10 === 0;
      lines.push(`K-${i},Store ${i},Town ${i % 500},TX,${zipOnly ? '75201' : ''},${zipOnly ? '' : lat},${zipOnly ? '' : lng},${i % 3 ? 'prospect' : 'customer'},${i % 3 ? 0 : 1000 + (i % 5000)},${5000 + (i % 9000)}`);
    }
    writeFileSync(file, lines.join('\n'));
    await chooseFile(page, file);
    const dialog = page.getByRole('dialog', { name: 'Import stores' });
    await expect.poll(() => dialog.getByRole('button', { name: 'Check 100,000 rows' }).count(), { timeout: 60_000 }).toBe(1);
    await dialog.getByRole('button', { name: 'Check 100,000 rows' }).click();
    await expect.poll(() => dialog.getByRole('button', { name: 'Import 100,000 stores' }).count(), { timeout: 60_000 }).toBe(1);
    // While the stores are saved and the market reloaded, a timer in the page measures the
    // longest time it could not run: how long the page was unresponsive at worst.
    await page.evaluate(() => {
      const w = window as unknown as { stall: number; stopTicker: () => void };
      let last = performance.now();
      w.stall = 0;
      const id = setInterval(() => {
        const now = performance.now();
        w.stall = Math.max(w.stall, now - last);
        last = now;
      }, 10);
      w.stopTicker = () => clearInterval(id);
    });
    const t0 = Date.now();
    await dialog.getByRole('button', { name: 'Import 100,000 stores' }).click();
    await expect.poll(() => dialog.getByRole('progressbar', { name: 'Saving progress' }).count(), { timeout: 10_000 }).toBe(1);
    const result = page.getByRole('region', { name: 'Import summary' });
    await expect.poll(() => result.innerText(), { timeout: 150_000, interval: 1000 }).toMatch(/100,000\s+added/);
    const stall = await page.evaluate(() => {
      const w = window as unknown as { stall: number; stopTicker: () => void };
      w.stopTicker();
      return w.stall;
    });
    console.log(`100k import commit + reload of the market: ${Date.now() - t0} ms; longest stall of the page meanwhile ${stall.toFixed(0)} ms`);
    // One IndexedDB call with all 100k stores froze the page for 3.3 s here; written in
    // chunks, the worst stall seen was 0.2–0.7 s (the bound leaves room for a slow machine).
    expect(stall).toBeLessThan(2000);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => cellNumber(page, 'Total', 'Stores'), { timeout: 30_000 }).toBe(sampleCount + 100_000);
    await page.getByRole('tab', { name: 'Stores' }).click();
    await page.getByRole('combobox', { name: 'Geocode precision' }).selectOption('zip-centroid');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'stores' }).first().innerText()).toMatch(/^10,000 of 110,000 stores/);
    await page.context().close();
  }, 300_000);

  it('refuses a file over the size limit at once, with a message naming the sizes', async () => {
    const page = await openApp();
    const huge = join(dir, 'huge.csv');
    const row = 'HUGE-0000000,A store with a long name for padding the file,40.0000,-100.0000,customer,12345,some notes to make rows long enough\n';
    writeFileSync(huge, 'id,name,lat,lng,status,revenue,notes\n' + row.repeat(Math.ceil((260 * 1024 * 1024) / row.length)));
    await chooseFile(page, huge);
    const dialog = page.getByRole('dialog', { name: 'Import stores' });
    await expect.poll(() => dialog.getByRole('alert').innerText(), { timeout: 10_000 }).toMatch(/huge\.csv is 26\d MB; the import handles files up to 250 MB/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(await cellNumber(page, 'Total', 'Stores')).toBe(sampleCount);
    await page.context().close();
  });
});
