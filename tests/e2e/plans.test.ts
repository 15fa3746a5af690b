/**
 * Plans and scenarios end to end, in real headless Chromium against the production build:
 * duplicate → edit → compare → download moves (checked against an independent diff of the
 * two plans' assignment exports), plan files across browser profiles, importing a KML,
 * backup → clear site data → restore, two tabs, reloading while a save runs, and a newer
 * version upgrading the database under an open tab.
 */
import { area, featureCollection, intersect } from '@turf/turf';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, waitForMap } from './browser';
import { drawRectangle, exportTerritories, waitSaved } from './helpers';

const baseURL = inject('baseURL');
const origin = new URL(baseURL).origin;
const DEMO = 'Demo plan — 10 regions';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function newContext(): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
}

async function openApp(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(baseURL);
  await waitForMap(page);
  return page;
}

const planBar = (page: Page) => page.getByRole('toolbar', { name: 'Plans' });
const planSelect = (page: Page) => page.getByRole('combobox', { name: 'Plan', exact: true });
const selectedPlanName = (page: Page) => planSelect(page).evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent ?? '');
const planNames = (page: Page) => planSelect(page).locator('option').allInnerTexts();

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string; download: Download }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), text: readFileSync((await d.path())!, 'utf8'), download: d };
}

function parseCsv(text: string): Record<string, string>[] {
  const res = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(res.errors).toEqual([]);
  return res.data;
}

/** store_id → territory_id ('' = unassigned) from "Export assignments". */
async function exportAssignments(page: Page): Promise<Map<string, { territoryId: string; territoryName: string }>> {
  const { text } = await download(page, () => page.getByRole('button', { name: 'Export assignments' }).click());
  return new Map(parseCsv(text).map((r) => [r['store_id']!, { territoryId: r['territory_id']!, territoryName: r['territory_name']! }]));
}

async function duplicateAs(page: Page, name: string): Promise<void> {
  await planBar(page).getByRole('button', { name: 'Duplicate plan' }).click();
  const dialog = page.getByRole('dialog', { name: 'Duplicate plan' });
  await dialog.getByLabel('Name of the copy').fill(name);
  await dialog.getByRole('button', { name: 'Duplicate plan' }).click();
  await expect.poll(() => selectedPlanName(page)).toBe(name);
  await waitForMap(page);
}

async function territoryCount(page: Page): Promise<number> {
  // Unassigned and Total are footer rows: the body holds one row per territory.
  const table = page.getByRole('table', { name: 'Territory statistics' });
  return (await table.locator('tbody tr').count());
}

describe('plans and compare', () => {
  it('duplicate → edit → compare: the moves CSV is exactly the diff of the two assignment exports, the map shows the moved stores, the last plan reopens', async () => {
    const context = await newContext();
    try {
      const page = await openApp(context);
      expect(await selectedPlanName(page)).toBe(DEMO);
      const before = await exportAssignments(page);

      await duplicateAs(page, 'Front Range split');
      expect(await planNames(page)).toEqual([DEMO, 'Front Range split']);
      // The copy starts with the same assignment and its own, empty undo history.
      expect(await exportAssignments(page)).toEqual(before);
      await expect.poll(() => page.getByRole('button', { name: /^Undo/ }).isDisabled()).toBe(true);

      await drawRectangle(page, [-105.5, 38.8], [-100.5, 40.6], 'Front Range');
      await waitSaved(page);
      const after = await exportAssignments(page);

      await planBar(page).getByRole('button', { name: 'Compare' }).click();
      await page.getByRole('table', { name: 'Territory comparison' }).waitFor();
      const planA = page.getByRole('combobox', { name: 'Plan A' });
      const planB = page.getByRole('combobox', { name: 'Plan B' });
      expect(await planA.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe(DEMO);
      expect(await planB.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent)).toBe('Front Range split');

      // The independent truth: stores whose territory differs between the two exports.
      const expected = [...before.keys()].filter((id) => before.get(id)!.territoryId !== after.get(id)!.territoryId).sort();
      expect(expected.length).toBeGreaterThan(20);

      const moves = await download(page, () => page.getByRole('button', { name: /Download moves/ }).click());
      expect(moves.name).toBe(`moves ${DEMO} to Front Range split.csv`);
      expect(moves.text.split('\n')[0]).toBe('store_id,store_name,from_territory_id,from_territory,to_territory_id,to_territory,revenue,status');
      const rows = parseCsv(moves.text);
      expect(rows.map((r) => r['store_id']!).sort()).toEqual(expected);
      for (const r of rows) {
        const a = before.get(r['store_id']!)!;
        const b = after.get(r['store_id']!)!;
        expect([r['from_territory_id'], r['from_territory']]).toEqual([a.territoryId, a.territoryName]);
        expect([r['to_territory_id'], r['to_territory']]).toEqual([b.territoryId, b.territoryName]);
        expect(r['to_territory']).toBe('Front Range');
      }
      // The per-territory table: the new territory is "added in B" with all the moved stores.
      const added = page.getByRole('table', { name: 'Territory comparison' }).getByRole('row').filter({ hasText: 'added in B' });
      await expect.poll(() => added.locator('td').nth(1).innerText()).toBe(expected.length.toLocaleString('en-US'));
      // The map draws exactly the moved stores on their own layer.
      await expect.poll(() => page.getByTestId('map').getAttribute('data-moved-stores')).toBe(String(expected.length));
      await page.getByRole('tab', { name: 'Territory statistics' }).click();
      await expect.poll(() => page.getByTestId('map').getAttribute('data-moved-stores')).toBe('0');

      // Switch back and forth; after a reload the last opened plan is open again.
      await planSelect(page).selectOption({ label: DEMO });
      await expect.poll(() => page.getByRole('table', { name: 'Territory statistics' }).getByRole('rowheader', { name: 'Front Range', exact: true }).count()).toBe(0);
      await planSelect(page).selectOption({ label: 'Front Range split' });
      await expect.poll(() => page.getByRole('table', { name: 'Territory statistics' }).getByRole('rowheader', { name: 'Front Range', exact: true }).count()).toBe(1);
      await page.reload();
      await waitForMap(page);
      expect(await selectedPlanName(page)).toBe('Front Range split');
      expect(await exportAssignments(page)).toEqual(after);
    } finally {
      await context.close();
    }
  });

  it('a plan file exported here opens in a fresh browser profile with the same assignment', async () => {
    const first = await newContext();
    const second = await newContext();
    try {
      const page = await openApp(first);
      await duplicateAs(page, 'Q3 draft: West');
      await drawRectangle(page, [-112.5, 33.0], [-110.5, 34.2], 'Phoenix');
      await waitSaved(page);
      const assignment = await exportAssignments(page);
      const file = await download(page, () => planBar(page).getByRole('button', { name: 'Export plan file' }).click());
      expect(file.name).toBe('Q3 draft West.plan.geojson');
      const doc = JSON.parse(file.text) as { type: string; features: unknown[]; territory_planner?: { plan?: { name?: string } } };
      expect(doc.type).toBe('FeatureCollection');
      expect(doc.features.length).toBe(await territoryCount(page));
      expect(doc.territory_planner?.plan?.name).toBe('Q3 draft: West');

      const fresh = await openApp(second);
      expect(await planNames(fresh)).toEqual([DEMO]);
      await planBar(fresh).getByText('Open plan file').locator('input[type=file]').setInputFiles((await file.download.path())!);
      await expect.poll(() => selectedPlanName(fresh)).toBe('Q3 draft: West');
      await waitForMap(fresh);
      expect(await exportAssignments(fresh)).toEqual(assignment);

      // A file that is not a plan file is refused with words, and nothing changes.
      await planBar(fresh).getByText('Open plan file').locator('input[type=file]').setInputFiles({
        name: 'broken.plan.geojson', mimeType: 'application/geo+json', buffer: Buffer.from('{"type":"FeatureCollection","features":[{"type":"Feat'),
      });
      await expect.poll(() => fresh.getByRole('alert').allInnerTexts()).toEqual([
        expect.stringMatching(/broken\.plan\.geojson was not opened: .*Nothing was changed/),
      ]);
      expect(await planNames(fresh)).toEqual([DEMO, 'Q3 draft: West']);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('imports a KML from Google My Maps as a new plan, with the name field picked and the overlap resolved', async () => {
    const context = await newContext();
    try {
      const page = await openApp(context);
      await planBar(page).getByText('Import territories').locator('input[type=file]').setInputFiles('tests/fixtures/territoryFiles/myMapsFolders.kml');
      const dialog = page.getByRole('dialog', { name: /Import territories from myMapsFolders\.kml/ });
      const submit = dialog.getByRole('button', { name: /Import \d+ territor(y|ies) as a new plan/ });
      await submit.waitFor();
      const wanted = Number((await submit.innerText()).match(/Import (\d+)/)![1]);
      expect(wanted).toBeGreaterThan(0);
      await expect.poll(() => dialog.getByLabel('Name field').inputValue()).toBe('name');
      const names = (await dialog.getByLabel('Names preview').innerText()).replace(/^Names: /, '');
      // Two of the hand-drawn polygons overlap: reported, resolved by the chosen rule.
      const overlaps = dialog.getByRole('group', { name: /1 overlap between the territories in the file/ });
      expect(await overlaps.getByRole('radio', { name: /Later territories in the file take the overlapping area/ }).isChecked()).toBe(true);
      await dialog.getByLabel('Plan name').fill('My Maps draft');
      await submit.click();
      await expect.poll(() => selectedPlanName(page)).toBe('My Maps draft');
      await waitForMap(page);
      await waitSaved(page);
      const table = page.getByRole('table', { name: 'Territory statistics' });
      const first = names.split(', ')[0]!;
      await expect.poll(() => table.getByRole('rowheader', { name: first, exact: true }).count()).toBe(1);
      expect(await territoryCount(page)).toBe(wanted);
      const exported = await exportTerritories(page);
      expect(exported.features.map((f) => f.properties.name).sort()).toEqual(names.split(', ').sort());
      for (let i = 0; i < exported.features.length; i++) {
        for (let j = i + 1; j < exported.features.length; j++) {
          const x = intersect(featureCollection([exported.features[i]!, exported.features[j]!]));
          expect(x ? area(x) : 0).toBeLessThan(1000); // m²: no overlap left, only rounding slivers at most
        }
      }
      // The demo plan is untouched.
      await planSelect(page).selectOption({ label: DEMO });
      await expect.poll(() => table.getByRole('rowheader', { name: 'Plains', exact: true }).count()).toBe(1);

      // A file that is not a territory file: a message, no new plan.
      await planBar(page).getByText('Import territories').locator('input[type=file]').setInputFiles({
        name: 'stores.kml', mimeType: 'application/vnd.google-earth.kml+xml', buffer: Buffer.from('<kml><Document><Placemark><name>x</name'),
      });
      const bad = page.getByRole('dialog', { name: /Import territories from stores\.kml/ });
      await expect.poll(() => bad.getByRole('alert').innerText()).toMatch(/stores\.kml.*Nothing was changed/);
      await bad.getByRole('button', { name: 'Close' }).click();
      expect(await planNames(page)).toEqual([DEMO, 'My Maps draft']);
    } finally {
      await context.close();
    }
  });
});

describe('never lose work', () => {
  it('backup → clear site data → restore brings every plan back, after showing what the backup holds', async () => {
    const context = await newContext();
    try {
      const page = await openApp(context);
      await duplicateAs(page, 'Keep me');
      await drawRectangle(page, [-90.5, 38.3], [-89.8, 38.9], 'St. Louis');
      await waitSaved(page);
      const assignment = await exportAssignments(page);
      const backup = await download(page, () => page.getByRole('button', { name: 'Back up everything' }).click());
      expect(backup.name).toMatch(/^territory-planner-backup-\d{4}-\d\d-\d\d\.json$/);
      await expect.poll(() => page.getByRole('region', { name: 'Storage and backups' }).innerText()).not.toMatch(/Last backup\s*never/);

      const cdp = await context.newCDPSession(page);
      await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'indexeddb,local_storage,service_workers,cache_storage' });
      await page.reload();
      await waitForMap(page);
      expect(await planNames(page)).toEqual([DEMO]);

      await page.getByText('Restore backup').locator('input[type=file]').setInputFiles((await backup.download.path())!);
      const confirm = page.getByRole('dialog', { name: 'Restore backup' });
      const contents = await confirm.getByRole('list', { name: 'Backup contents' }).innerText();
      expect(contents).toMatch(/10,000 stores/);
      expect(contents).toMatch(/Plan “Keep me”: 11 territories/);
      await confirm.getByRole('button', { name: 'Replace everything with this backup' }).click();
      await expect.poll(() => planNames(page), { timeout: 20_000 }).toEqual([DEMO, 'Keep me']);
      await planSelect(page).selectOption({ label: 'Keep me' });
      await expect.poll(() => page.getByRole('table', { name: 'Territory statistics' }).getByRole('rowheader', { name: 'St. Louis', exact: true }).count()).toBe(1);
      expect(await exportAssignments(page)).toEqual(assignment);
      // And it is on disk again: a reload shows the same.
      await page.reload();
      await waitForMap(page);
      expect(await planNames(page)).toEqual([DEMO, 'Keep me']);
    } finally {
      await context.close();
    }
  });

  it('two tabs: the second is read-only and follows the first live; "Use here" moves the editing to it', async () => {
    const context = await newContext();
    try {
      const one = await openApp(context);
      const two = await openApp(context);
      const banner = two.getByRole('status', { name: 'Read-only' });
      await banner.waitFor();
      expect(await two.getByRole('button', { name: 'Duplicate plan' }).isDisabled()).toBe(true);
      expect(await one.getByRole('status', { name: 'Read-only' }).count()).toBe(0);

      await duplicateAs(one, 'Edited in tab one');
      await waitSaved(one);
      await expect.poll(() => planNames(two), { timeout: 15_000 }).toEqual([DEMO, 'Edited in tab one']);

      await banner.getByRole('button', { name: 'Use here' }).click();
      await expect.poll(() => one.getByRole('status', { name: 'Read-only' }).count(), { timeout: 15_000 }).toBe(1);
      await expect.poll(() => two.getByRole('status', { name: 'Read-only' }).count()).toBe(0);
      await planBar(two).getByRole('button', { name: 'Rename plan' }).click();
      const dialog = two.getByRole('dialog', { name: 'Rename plan' });
      await dialog.getByLabel('Plan name').fill('Renamed in tab two');
      await dialog.getByRole('button', { name: 'Rename plan' }).click();
      await waitSaved(two);
      await expect.poll(() => planNames(one), { timeout: 15_000 }).toContain('Renamed in tab two');
    } finally {
      await context.close();
    }
  });

  it('a reload right after an edit keeps the edit, and a newer version upgrading the database stops this tab from writing', async () => {
    const context = await newContext();
    try {
      const page = await openApp(context);
      await planBar(page).getByRole('button', { name: 'Rename plan' }).click();
      const dialog = page.getByRole('dialog', { name: 'Rename plan' });
      await dialog.getByLabel('Plan name').fill('Saved on the way out');
      await dialog.getByRole('button', { name: 'Rename plan' }).click();
      // No wait for the autosave: the reload starts while the save is pending or running.
      await page.reload();
      await waitForMap(page);
      expect(await selectedPlanName(page)).toBe('Saved on the way out');

      // Another tab of a newer version opens the database at a higher version.
      const newer = await context.newPage();
      await newer.goto(`${baseURL}/screenshot.png`);
      await newer.evaluate(async () => {
        const current = (await indexedDB.databases()).find((d) => d.name === 'territory-planner')!.version!;
        await new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('territory-planner', current + 1);
          req.onupgradeneeded = () => undefined;
          req.onsuccess = () => {
            req.result.close();
            resolve();
          };
          req.onerror = () => reject(req.error);
        });
      });
      const alert = page.getByRole('alert').filter({ hasText: 'This tab stopped saving' });
      await alert.waitFor({ timeout: 15_000 });
      expect(await alert.getByRole('button', { name: 'Reload' }).count()).toBe(1);
      expect(await alert.getByRole('button', { name: 'Download a backup' }).count()).toBe(1);
      expect(await planBar(page).getByRole('button', { name: 'New plan' }).isDisabled()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('a browser that refuses storage (quota of a few bytes): plain words, work goes on in memory, a backup is one click away', async () => {
    const context = await newContext();
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1024 });
      await page.goto(baseURL);
      await waitForMap(page);
      const alert = page.getByRole('alert').filter({ hasText: 'Your changes are not saved in this browser' });
      await alert.waitFor({ timeout: 15_000 });
      expect(await alert.innerText()).toMatch(/storage|space|quota/i);
      // Still usable: duplicating a plan works in memory, and the backup downloads.
      await duplicateAs(page, 'Only in this tab');
      expect(await planNames(page)).toEqual([DEMO, 'Only in this tab']);
      const backup = await download(page, () => alert.getByRole('button', { name: 'Download a backup' }).click());
      const doc = JSON.parse(backup.text) as Record<string, unknown>;
      expect(JSON.stringify(doc)).toContain('Only in this tab');
    } finally {
      await context.close();
    }
  });
});
