/**
 * A large market in real Chromium, sized for CI: 200,000 stores imported through the wizard,
 * drawn as store tiles (cells with counts at low zoom, single stores zoomed in), a territory
 * drawn over them, deleted, undone, and the page reloaded; at each step the statistics agree
 * with an independent count of the file's rows and the sample market's stores inside the
 * drawn outline.
 */
import { booleanPointInPolygon } from '@turf/turf';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mulberry32 } from '../fixtures/random';
import { launchBrowser, waitForMap } from './browser';
import { cellNumber, drawRectangle, exportTerritories, sampleStores, territoryRow, waitSaved } from './helpers';

const baseURL = inject('baseURL');
const ROWS = 200_000;

let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'tp-scale-'));
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A CRM export of `ROWS` stores spread over the contiguous US; returns the points too (the independent truth). */
function bigFile(): { file: string; points: [number, number][] } {
  const random = mulberry32(20261205);
  const lines = ['external_id,name,city,state,latitude,longitude,status,revenue,potential'];
  const points: [number, number][] = [];
  for (let i = 0; i < ROWS; i++) {
    const lat = Math.round((30 + random() * 17) * 1e4) / 1e4;
    const lng = Math.round((-120 + random() * 45) * 1e4) / 1e4;
    points.push([lng, lat]);
    lines.push(`BIG-${i},Outlet ${i},Town ${i % 700},TX,${lat},${lng},${i % 3 ? 'prospect' : 'customer'},${i % 3 ? 0 : 500 + (i % 7000)},${4000 + (i % 9000)}`);
  }
  const file = join(dir, 'market-200k.csv');
  writeFileSync(file, lines.join('\n'));
  return { file, points };
}

async function mapData(page: Page, key: string): Promise<string | undefined> {
  return page.getByTestId('map').evaluate((el, k) => (el as HTMLElement).dataset[k], key);
}

describe('a 200,000-store market', () => {
  it('imports, draws cells then single stores, edits, undoes and reloads; every figure matches an independent count', async () => {
    const { file, points } = bigFile();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(baseURL);
    await waitForMap(page);
    const sample = sampleStores();
    expect(await mapData(page, 'storeRendering')).toBe('points'); // the 10k sample keeps its dots

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import stores' }).click()]);
    await chooser.setFiles(file);
    const dialog = page.getByRole('dialog', { name: 'Import stores' });
    await expect.poll(() => dialog.getByRole('button', { name: 'Check 200,000 rows' }).count(), { timeout: 60_000 }).toBe(1);
    await dialog.getByRole('button', { name: 'Check 200,000 rows' }).click();
    await expect.poll(() => dialog.getByRole('button', { name: 'Import 200,000 stores' }).count(), { timeout: 60_000 }).toBe(1);
    await dialog.getByRole('button', { name: 'Import 200,000 stores' }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Import summary' }).innerText(), { timeout: 120_000, interval: 500 }).toMatch(/200,000\s+added/);
    await dialog.getByRole('button', { name: 'Done' }).click();
    const total = sample.length + ROWS;
    await expect.poll(() => cellNumber(page, 'Total', 'Stores'), { timeout: 60_000 }).toBe(total);
    await expect.poll(() => mapData(page, 'storeRendering'), { timeout: 30_000 }).toBe('cells');
    // At country zoom: cell bubbles, not 210,000 dots; zoomed in: single stores, no bubbles.
    const rendered = () => page.evaluate(() => window.__territoryPlanner!.renderedStoreCounts());
    await expect.poll(async () => (await rendered()).clusters, { timeout: 30_000 }).toBeGreaterThan(10);
    expect((await rendered()).stores).toBeLessThan(5_000);
    await page.evaluate(() => window.__territoryPlanner!.jumpTo(-97.5, 37.5, 10));
    await expect.poll(async () => (await rendered()).stores, { timeout: 30_000 }).toBeGreaterThan(0);
    expect((await rendered()).clusters).toBe(0);
    if (process.env['SCALE_SCREENSHOT']) await page.screenshot({ path: process.env['SCALE_SCREENSHOT'].replace('.png', '-zoomed.png') });
    await page.evaluate(() => window.__territoryPlanner!.jumpTo(-96, 38.5, 3.6));
    const pushes = Number(await mapData(page, 'storePushes'));

    // Draw a box over Kansas and Oklahoma; its Stores count is every point inside it.
    await drawRectangle(page, [-101.5, 34.5], [-96.5, 39.5], 'Big Box');
    await expect.poll(() => territoryRow(page, 'Big Box').count(), { timeout: 30_000 }).toBe(1);
    const fc = await exportTerritories(page);
    const box = fc.features.find((f) => f.properties.name === 'Big Box')!.geometry;
    const inside = (p: [number, number]) => booleanPointInPolygon(p, box);
    // The new territory takes its area from the demo plan's territories (overlap "take"), so
    // it gets every store inside it.
    const expected = points.filter(inside).length + sample.filter((s) => inside([s.lng, s.lat])).length;
    expect(expected).toBeGreaterThan(5_000);
    await expect.poll(() => cellNumber(page, 'Big Box', 'Stores'), { timeout: 30_000 }).toBe(expected);
    expect(await cellNumber(page, 'Total', 'Stores')).toBe(total);
    // The edit changed no store's visibility: the stores were not pushed to the map again.
    expect(Number(await mapData(page, 'storePushes'))).toBe(pushes);

    // Delete it; its stores go back where they were; undo brings it back.
    const unassigned = await cellNumber(page, 'Unassigned', 'Stores');
    await territoryRow(page, 'Big Box').click();
    const panel = page.getByRole('region', { name: 'Selected territory' });
    await panel.getByRole('button', { name: 'Delete territory' }).click();
    await panel.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => territoryRow(page, 'Big Box').count(), { timeout: 30_000 }).toBe(0);
    expect(await cellNumber(page, 'Total', 'Stores')).toBe(total);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => cellNumber(page, 'Big Box', 'Stores'), { timeout: 30_000 }).toBe(expected);
    expect(await cellNumber(page, 'Unassigned', 'Stores')).toBe(unassigned);

    // Reload: the market (in chunks) and the plan come back with the same figures.
    await waitSaved(page);
    await page.reload();
    await waitForMap(page);
    await expect.poll(() => cellNumber(page, 'Total', 'Stores'), { timeout: 60_000 }).toBe(total);
    expect(await cellNumber(page, 'Big Box', 'Stores')).toBe(expected);
    expect(await cellNumber(page, 'Unassigned', 'Stores')).toBe(unassigned);
    await expect.poll(() => mapData(page, 'storeRendering')).toBe('cells');
    await page.screenshot({ path: join(dir, 'scale.png') });
    if (process.env['SCALE_SCREENSHOT']) await page.screenshot({ path: process.env['SCALE_SCREENSHOT'] });
    await context.close();
  }, 300_000);
});
