/** Page-level helpers for the browser tests: map coordinates, drawing, table reading. */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

export interface SampleStore {
  id: string;
  lat: number;
  lng: number;
}

/** The committed sample market, read straight from disk: the tests' independent truth. */
export function sampleStores(): SampleStore[] {
  const json = JSON.parse(readFileSync('data/sample-market.json', 'utf8')) as { stores: SampleStore[] };
  return json.stores;
}

/** Page pixel (relative to the viewport) of a lng/lat on the live map. */
export async function toPagePoint(page: Page, lng: number, lat: number): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId('map').boundingBox())!;
  const p = await page.evaluate(([x, y]) => window.__territoryPlanner!.project(x!, y!), [lng, lat]);
  return { x: box.x + p.x, y: box.y + p.y };
}

/** Clicks the outline's vertices with the real mouse and closes it on the first point. */
export async function drawPolygon(page: Page, lngLats: [number, number][]): Promise<void> {
  await page.getByRole('button', { name: /Draw territory/ }).click();
  const pts = [];
  for (const [lng, lat] of lngLats) pts.push(await toPagePoint(page, lng, lat));
  for (const p of pts) {
    await page.mouse.move(p.x, p.y, { steps: 4 });
    await page.mouse.click(p.x, p.y);
    await page.waitForTimeout(60); // let terra-draw process the click before the next one
  }
  const first = pts[0]!;
  await page.mouse.move(first.x, first.y, { steps: 4 });
  await page.mouse.click(first.x, first.y);
}

/** Draws a rectangle from corner `a` to corner `b` (lng, lat) with the real mouse and names the new territory. */
export async function drawRectangle(page: Page, a: [number, number], b: [number, number], name: string): Promise<void> {
  await page.getByRole('button', { name: 'Rectangle' }).click();
  const pa = await toPagePoint(page, a[0], a[1]);
  const pb = await toPagePoint(page, b[0], b[1]);
  await page.mouse.move(pa.x, pa.y, { steps: 3 });
  await page.mouse.click(pa.x, pa.y);
  await page.mouse.move(pb.x, pb.y, { steps: 8 });
  await page.mouse.click(pb.x, pb.y);
  const dialog = page.getByRole('dialog', { name: 'Name the new territory' });
  await dialog.getByLabel('Territory name').fill(name);
  await dialog.getByRole('button', { name: 'Create territory' }).click();
}

/** The table row of a territory, found by its row header. */
export function territoryRow(page: Page, name: string) {
  return page.getByRole('table', { name: 'Territory statistics' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

/** Reads a numeric cell ("1,234") of a row by column name. */
export async function cellNumber(page: Page, rowName: string, column: string): Promise<number> {
  const table = page.getByRole('table', { name: 'Territory statistics' });
  const headers = await table.locator('thead th').allInnerTexts();
  const idx = headers.findIndex((h) => h.replace(/[▲▼]/g, '').trim() === column);
  if (idx < 0) throw new Error(`no column ${column} in ${headers.join(' | ')}`);
  const cells = territoryRow(page, rowName).locator('th, td');
  const text = await cells.nth(idx).innerText();
  return Number(text.replace(/[^0-9.-]/g, ''));
}

/** A cell of a territory's row in the stats table, as shown. */
export async function cellText(page: Page, rowName: string, column: string): Promise<string> {
  const table = page.getByRole('table', { name: 'Territory statistics' });
  const headers = await table.locator('thead th').allInnerTexts();
  const idx = headers.findIndex((h) => h.replace(/[▲▼]/g, '').trim() === column);
  if (idx < 0) throw new Error(`no column ${column} in ${headers.join(' | ')}`);
  return (await territoryRow(page, rowName).locator('th, td').nth(idx).innerText()).trim();
}

/** Waits until the save status says the plan is on disk. */
export async function waitSaved(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="save-status"][data-state="saved"]', { timeout: 15_000 });
}

/** Clicks "Export territories" and parses the downloaded GeoJSON. */
export async function exportTerritories(page: Page): Promise<FeatureCollection<Polygon | MultiPolygon, { id: string; name: string }>> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Export territories/ }).click()]);
  return JSON.parse(readFileSync((await download.path())!, 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { id: string; name: string }>;
}
