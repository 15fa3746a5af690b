/**
 * The foundation end to end, in real headless Chromium against the production build:
 * offline loading, the map, drawing with the mouse, stats, persistence and exports (the ZIP
 * list too, offline).
 */
import { bbox, booleanClockwise, booleanPointInPolygon, distance } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { distinctColors, launchBrowser, openInProfile, tempProfile, waitForMap } from './browser';
import { cellNumber, drawPolygon, drawRectangle, exportTerritories, sampleStores, territoryRow, toPagePoint, waitSaved } from './helpers';

const baseURL = inject('baseURL');
const stores = sampleStores();

/** A quadrilateral over eastern Kansas / western Missouri (Kansas City), inside the demo plan. */
const KC: [number, number][] = [
  [-96.2, 37.9],
  [-93.1, 38.1],
  [-92.9, 40.2],
  [-96.0, 40.0],
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openApp(): Promise<{ page: Page; foreign: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const foreign: string[] = [];
  const origin = new URL(baseURL).origin;
  page.on('request', (r) => {
    const u = r.url();
    if (!(u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:'))) foreign.push(u);
  });
  await page.goto(baseURL);
  await waitForMap(page);
  return { page, foreign };
}

function countInside(geometry: Polygon | MultiPolygon): number {
  return stores.filter((s) => booleanPointInPolygon([s.lng, s.lat], geometry)).length;
}

describe('first run', () => {
  it('loads the sample market and demo plan with zero requests outside its origin, and renders the map', async () => {
    const { page, foreign } = await openApp();
    const table = page.getByRole('table', { name: 'Territory statistics' });
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThanOrEqual(9);
    const rowHeaders = await table.getByRole('rowheader').allInnerTexts();
    expect(rowHeaders).toContain('Unassigned');
    expect(rowHeaders).toContain('Total');
    for (const name of ['Territory', 'Manager', 'Stores', 'Customers', 'Prospects', 'Penetration', 'Revenue', 'Potential', 'Whitespace', 'Balance']) {
      await expect.poll(() => table.getByRole('columnheader', { name, exact: true }).count()).toBe(1);
    }
    expect(await cellNumber(page, 'Total', 'Stores')).toBe(stores.length);
    expect(await page.getByRole('region', { name: 'Territory map' }).count()).toBe(1);

    // Let the map settle, then check the canvas shows a drawn map, not a blank one.
    await page.waitForTimeout(500);
    const shot = await page.getByTestId('map').screenshot();
    expect(await distinctColors(page, shot)).toBeGreaterThan(40);
    expect(foreign).toEqual([]);
    // The bundled data loads cleanly: no error notices.
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.context().close();
  });
});

describe('offline', () => {
  it('after the first visit the app starts with the network off, map, data and plan included, and exports the ZIP list', async () => {
    const { page } = await openApp();
    await drawPolygon(page, KC);
    const dialog = page.getByRole('dialog', { name: 'Name the new territory' });
    await dialog.getByLabel('Territory name').fill('Offline Test');
    await dialog.getByRole('button', { name: 'Create territory' }).click();
    await waitSaved(page);
    // The service worker has precached everything once it controls the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
    await page.context().setOffline(true);
    await page.reload();
    await waitForMap(page);
    await expect.poll(() => territoryRow(page, 'Offline Test').count()).toBe(1);
    expect(await cellNumber(page, 'Total', 'Stores')).toBe(stores.length);
    const shot = await page.getByTestId('map').screenshot();
    expect(await distinctColors(page, shot)).toBeGreaterThan(40);

    // Still offline, the ZIP list exports: its ZIP table is precached and loaded on the click.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Export ZIP list/ }).click()]);
    const lines = readFileSync((await download.path())!, 'utf8').split('\n');
    expect(lines[0]).toBe('zip,territory_id,territory,territory_manager,region');
    expect(lines.at(-1)).toBe('');
    const listed = new Map(lines.slice(1, -1).map((l) => [l.split(',')[0]!, l.split(',')[1]!]));
    // The truth, with turf: each ZIP centre in the first territory (by rank) whose exported outline holds it.
    const fc = await exportTerritories(page);
    const rankOf = (f: (typeof fc.features)[number]) => Number((f.properties as Record<string, unknown>)['rank']);
    const byRank = [...fc.features].sort((a, b) => rankOf(a) - rankOf(b));
    const boxes = byRank.map((f) => bbox(f));
    const zips = JSON.parse(readFileSync('data/zip-centroids.json', 'utf8')) as { zip: number[]; lng: number[]; lat: number[]; scale: number };
    const expected = new Map<string, string>();
    zips.zip.forEach((z, i) => {
      const [x, y] = [zips.lng[i]! / zips.scale, zips.lat[i]! / zips.scale];
      const k = byRank.findIndex((f, j) => x >= boxes[j]![0] && x <= boxes[j]![2] && y >= boxes[j]![1] && y <= boxes[j]![3] && booleanPointInPolygon([x, y], f));
      if (k >= 0) expected.set(String(z).padStart(5, '0'), byRank[k]!.properties.id);
    });
    expect(expected.size).toBeGreaterThan(25_000); // the contiguous states
    expect(listed.get('02108')).toBe(expected.get('02108')); // Boston, leading zero kept
    expect(listed).toEqual(expected);
    await page.context().close();
  });
});

describe('drawing, persistence and export', () => {
  it('draws a territory with the mouse; its Stores count matches an independent count; it survives reload and browser restart; exports parse', async () => {
    const profile = tempProfile();
    try {
      let { context, page } = await openInProfile(profile.dir, baseURL);
      await waitSaved(page);

      await drawPolygon(page, KC);
      const dialog = page.getByRole('dialog', { name: 'Name the new territory' });
      await dialog.getByLabel('Territory name').fill('Kansas City Metro');
      await dialog.getByRole('button', { name: 'Create territory' }).click();
      await expect.poll(() => territoryRow(page, 'Kansas City Metro').count()).toBe(1);
      const shown = await cellNumber(page, 'Kansas City Metro', 'Stores');

      // Export the territories and count the sample stores inside the exported outline with
      // turf, independently of the app's assignment engine.
      const fc = await exportTerritories(page);
      expect(fc.type).toBe('FeatureCollection');
      expect((fc as unknown as Record<string, unknown>)['crs']).toBeUndefined();
      const drawn = fc.features.find((f) => f.properties.name === 'Kansas City Metro') as Feature<Polygon> | undefined;
      expect(drawn).toBeDefined();
      expect(typeof drawn!.properties!['id']).toBe('string');
      // RFC 7946: lon/lat and right-hand rule (outer ring counter-clockwise).
      const ring = drawn!.geometry.coordinates[0]!;
      expect(booleanClockwise(ring)).toBe(false);
      for (const [lng, lat] of ring) {
        expect(lng).toBeGreaterThan(-97);
        expect(lng).toBeLessThan(-92);
        expect(lat).toBeGreaterThan(37);
        expect(lat).toBeLessThan(41);
      }
      const expected = countInside(drawn!.geometry);
      expect(expected).toBeGreaterThan(20);
      expect(shown).toBe(expected);

      const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Export assignments/ }).click()]);
      const csv = readFileSync((await csvDownload.path())!, 'utf8');
      const lines = csv.split(/\r?\n/).filter((l) => l !== '');
      expect(lines[0]).toBe('store_id,name,lat,lng,status,territory_id,territory_name');
      expect(lines).toHaveLength(stores.length + 1);
      expect(lines.filter((l) => l.endsWith(',Kansas City Metro'))).toHaveLength(expected);

      // Reload: the territory and its stats are back.
      await waitSaved(page);
      await page.reload();
      await waitForMap(page);
      await expect.poll(() => territoryRow(page, 'Kansas City Metro').count()).toBe(1);
      expect(await cellNumber(page, 'Kansas City Metro', 'Stores')).toBe(expected);

      // Close the browser and open it again on the same profile.
      await context.close();
      ({ context, page } = await openInProfile(profile.dir, baseURL));
      await expect.poll(() => territoryRow(page, 'Kansas City Metro').count()).toBe(1);
      expect(await cellNumber(page, 'Kansas City Metro', 'Stores')).toBe(expected);
      await context.close();
    } finally {
      profile.remove();
    }
  });

  it('refuses a self-intersecting outline with a clear message and saves nothing', async () => {
    const { page } = await openApp();
    const before = await page.getByRole('table', { name: 'Territory statistics' }).locator('tbody tr').count();
    // A bowtie: the second and fourth edges cross.
    await drawPolygon(page, [
      [-100, 36],
      [-95, 40],
      [-95, 36],
      [-100, 40],
    ]);
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/crosses itself/i);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByRole('table', { name: 'Territory statistics' }).locator('tbody tr').count()).toBe(before);
    await page.context().close();
  });

  it('draws a rectangle and a typed-radius circle; each Stores count matches an independent count', async () => {
    const { page } = await openApp();
    // Rectangle: two corners over Colorado's Front Range.
    await drawRectangle(page, [-105.3, 39.4], [-104.6, 40.1], 'Denver Box');

    // Circle with a typed radius: 30 miles around Chicago, one click.
    await page.getByRole('button', { name: 'Circle' }).click();
    await page.getByRole('spinbutton', { name: 'Radius' }).fill('30');
    await page.getByRole('combobox', { name: 'Radius unit' }).selectOption('mi');
    await page.getByRole('button', { name: 'Circle' }).click(); // restart with the typed radius
    const c = await toPagePoint(page, -87.63, 41.88);
    await page.mouse.click(c.x, c.y);
    const dialog = page.getByRole('dialog', { name: 'Name the new territory' });
    await dialog.getByLabel('Territory name').fill('Chicagoland 30mi');
    await dialog.getByRole('button', { name: 'Create territory' }).click();
    await expect.poll(() => territoryRow(page, 'Chicagoland 30mi').count()).toBe(1);

    const fc = await exportTerritories(page);
    for (const name of ['Denver Box', 'Chicagoland 30mi']) {
      const f = fc.features.find((x) => x.properties.name === name)!;
      const expected = countInside(f.geometry);
      expect(expected).toBeGreaterThan(5);
      expect(await cellNumber(page, name, 'Stores')).toBe(expected);
    }
    // The circle really has a 30-mile radius: every vertex is ~48.3 km from its centre (the
    // clicked pixel, so taken as the mean of the vertices), which lies near Chicago.
    const ring = (fc.features.find((x) => x.properties.name === 'Chicagoland 30mi')!.geometry as Polygon).coordinates[0]!;
    const verts = ring.slice(0, -1);
    const centre = [verts.reduce((a, p) => a + p[0]!, 0) / verts.length, verts.reduce((a, p) => a + p[1]!, 0) / verts.length];
    expect(distance(centre, [-87.63, 41.88], { units: 'kilometers' })).toBeLessThan(25);
    for (const p of ring) expect(Math.abs(distance(centre, p, { units: 'kilometers' }) - 48.28)).toBeLessThan(0.5);
    await page.context().close();
  });

  it('edits a drawn outline by dragging a vertex; the Stores count follows the new shape', async () => {
    const { page } = await openApp();
    // A triangle around Denver, then one corner is dragged south over Colorado Springs.
    const tri: [number, number][] = [[-105.6, 39.2], [-104.3, 39.2], [-105.0, 40.3]];
    await drawPolygon(page, tri);
    const dialog = page.getByRole('dialog', { name: 'Name the new territory' });
    await dialog.getByLabel('Territory name').fill('Front Range');
    await dialog.getByRole('button', { name: 'Create territory' }).click();
    await expect.poll(() => territoryRow(page, 'Front Range').count()).toBe(1);
    const before = await cellNumber(page, 'Front Range', 'Stores');

    await page.getByRole('region', { name: 'Selected territory' }).getByRole('button', { name: 'Edit outline' }).click();
    const from = await toPagePoint(page, -104.3, 39.2);
    const to = await toPagePoint(page, -104.5, 38.5);
    await page.mouse.move(from.x, from.y, { steps: 3 });
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 12 });
    await page.mouse.up();
    await page.getByRole('button', { name: 'Done editing' }).click();

    const fc = await exportTerritories(page);
    const edited = fc.features.find((f) => f.properties.name === 'Front Range')! as Feature<Polygon>;
    const lats = edited.geometry.coordinates[0]!.map((p) => p[1]!);
    expect(Math.min(...lats)).toBeLessThan(38.7); // the vertex really moved
    const expected = countInside(edited.geometry);
    await expect.poll(() => cellNumber(page, 'Front Range', 'Stores')).toBe(expected);
    expect(expected).toBeGreaterThan(before); // Colorado Springs is now inside
    // One undo step puts the original triangle back.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => cellNumber(page, 'Front Range', 'Stores')).toBe(before);
    await page.context().close();
  });

  it('undo history survives a reload', async () => {
    const { page } = await openApp();
    const table = page.getByRole('table', { name: 'Territory statistics' });
    const first = (await table.locator('tbody tr[tabindex] th').first().innerText()).trim();
    await territoryRow(page, first).click();
    const panel = page.getByRole('region', { name: 'Selected territory' });
    await panel.getByLabel('Name').fill('Before Reload');
    await panel.getByLabel('Name').press('Enter');
    await waitSaved(page);
    await page.reload();
    await waitForMap(page);
    await expect.poll(() => territoryRow(page, 'Before Reload').count()).toBe(1);
    const undo = page.getByRole('button', { name: 'Undo' });
    expect(await undo.getAttribute('title')).toBe(`Undo: Renamed ${first} to Before Reload (Ctrl+Z)`);
    await undo.click();
    await expect.poll(() => territoryRow(page, first).count()).toBe(1);
    await page.context().close();
  });

  it('selects a territory from the table, renames it and deletes it; stats follow', async () => {
    const { page } = await openApp();
    const table = page.getByRole('table', { name: 'Territory statistics' });
    const first = (await table.locator('tbody tr[tabindex] th').first().innerText()).trim();
    const firstStores = await cellNumber(page, first, 'Stores');
    const unassignedBefore = await cellNumber(page, 'Unassigned', 'Stores');
    await territoryRow(page, first).click();
    const panel = page.getByRole('region', { name: 'Selected territory' });
    await panel.getByLabel('Name').fill('Renamed Region');
    await panel.getByLabel('Name').press('Enter');
    await expect.poll(() => territoryRow(page, 'Renamed Region').count()).toBe(1);
    await panel.getByRole('button', { name: 'Delete territory' }).click();
    await panel.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => territoryRow(page, 'Renamed Region').count()).toBe(0);
    expect(await cellNumber(page, 'Unassigned', 'Stores')).toBe(unassignedBefore + firstStores);
    await page.context().close();
  });
});
