/**
 * Building a territory from base units with the real mouse (issue 4): paint five counties,
 * check the store count against an independent count and the live Deviation, Contiguous
 * and Compactness columns, split, undo twice, redo, reload.
 */
import { area, bbox, booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openInProfile, tempProfile } from './browser';
import { cellNumber, cellText, drawRectangle, exportTerritories, sampleStores, territoryRow, toPagePoint, waitSaved } from './helpers';

const baseURL = inject('baseURL');
const stores = sampleStores();
const topo = JSON.parse(readFileSync('node_modules/us-atlas/counties-10m.json', 'utf8')) as Topology<{ counties: GeometryCollection }>;
const counties = (feature(topo, topo.objects.counties) as FeatureCollection<Polygon | MultiPolygon>).features;
// Five adjacent counties of north-east Kansas: Shawnee, Jefferson, Douglas, Osage, Franklin.
const FIPS = ['20177', '20087', '20045', '20139', '20059'];
const painted = FIPS.map((id) => counties.find((c) => c.id === id)!);

let browser: Browser | undefined;
beforeAll(() => undefined);
afterAll(async () => {
  await browser?.close();
});

async function exportedGeometry(page: Page, name: string): Promise<Polygon | MultiPolygon> {
  return (await exportTerritories(page)).features.find((f) => f.properties.name === name)!.geometry;
}
/**
 * Runs `test` in a fresh browser on the app with the demo "Plains" territory selected and
 * the map at `view` (lng, lat, zoom); closes the browser and removes its profile after.
 */
async function withPlainsSelected(view: [number, number, number], test: (page: Page) => Promise<void>): Promise<void> {
  const profile = tempProfile();
  const { context, page } = await openInProfile(profile.dir, baseURL);
  try {
    await territoryRow(page, 'Plains').click();
    await page.evaluate(([x, y, z]) => window.__territoryPlanner!.jumpTo(x!, y!, z!), view);
    await page.waitForTimeout(800);
    await test(page);
  } finally {
    await context.close();
    profile.remove();
  }
}

const countInside = (g: Polygon | MultiPolygon) => stores.filter((s) => booleanPointInPolygon([s.lng, s.lat], g)).length;

describe('snapping', () => {
  it('a vertex clicked a few pixels from a neighbour’s corner lands exactly on it', async () => {
    const profile = tempProfile();
    try {
      const { context, page } = await openInProfile(profile.dir, baseURL);
      // A corner of the demo plan: the Plains territory's first vertex.
      const plan = JSON.parse(readFileSync('data/demo-plan.json', 'utf8')) as { territories: { name: string; geometry: Polygon | MultiPolygon }[] };
      const plains = plan.territories.find((t) => t.name === 'Plains')!.geometry;
      const corner = (plains.type === 'Polygon' ? plains.coordinates[0]![0]! : plains.coordinates[0]![0]![0]!) as [number, number];
      await page.evaluate(([x, y]) => window.__territoryPlanner!.jumpTo(x!, y!, 6), corner);
      await page.waitForTimeout(600);
      const c = await toPagePoint(page, corner[0], corner[1]);
      const p1 = { x: c.x + 3, y: c.y + 2 }; // near, not on, the corner
      const p2 = { x: c.x + 120, y: c.y + 30 };
      const p3 = { x: c.x + 60, y: c.y + 140 };
      await page.getByRole('button', { name: 'Polygon' }).click();
      for (const p of [p1, p2, p3, p1]) {
        await page.mouse.move(p.x, p.y, { steps: 4 });
        await page.mouse.click(p.x, p.y);
        await page.waitForTimeout(80);
      }
      const dialog = page.getByRole('dialog', { name: 'Name the new territory' });
      await dialog.getByLabel('Territory name').fill('Snapped');
      await dialog.getByRole('button', { name: 'Create territory' }).click();
      const g = await exportedGeometry(page, 'Snapped');
      const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
      expect(rings.flat().some(([x, y]) => x === corner[0] && y === corner[1])).toBe(true);
      await context.close();
    } finally {
      profile.remove();
    }
  });
});

describe('lasso', () => {
  it('paints every county whose centre a dragged loop surrounds', async () => {
    await withPlainsSelected([-103.2, 39.0, 6.3], async (page) => {
      await page.getByRole('combobox', { name: 'Base units' }).selectOption('counties');
      await expect.poll(() => page.getByRole('button', { name: 'Lasso' }).isEnabled(), { timeout: 20_000 }).toBe(true);
      // Three eastern Colorado counties (in "Southwest"): Lincoln, Kit Carson, Cheyenne.
      const three = ['08073', '08063', '08017'].map((id) => counties.find((c) => c.id === id)!);
      const boxes = three.map((c) => bbox(c));
      const [minX, minY, maxX, maxY] = [
        Math.min(...boxes.map((b) => b[0])) - 0.05, Math.min(...boxes.map((b) => b[1])) - 0.05,
        Math.max(...boxes.map((b) => b[2])) + 0.05, Math.max(...boxes.map((b) => b[3])) + 0.05,
      ];
      await page.getByRole('button', { name: 'Lasso' }).click();
      const loop: [number, number][] = [[minX, minY], [maxX, minY], [maxX, maxY], [minX, maxY], [minX, minY]];
      const px = [] as { x: number; y: number }[];
      for (const [x, y] of loop) px.push(await toPagePoint(page, x, y));
      await page.mouse.move(px[0]!.x, px[0]!.y);
      await page.mouse.down();
      for (const p of px.slice(1)) await page.mouse.move(p.x, p.y, { steps: 12 });
      await page.mouse.up();
      await expect.poll(async () => (await page.getByRole('button', { name: 'Undo' }).getAttribute('title')) ?? '', { timeout: 10_000 }).toMatch(/Painted [3-9] counties into Plains/);
      const g = await exportedGeometry(page, 'Plains');
      for (const c of three) expect(booleanPointInPolygon(pointOnFeature(c).geometry.coordinates, g)).toBe(true);
      expect(await cellNumber(page, 'Plains', 'Stores')).toBe(countInside(g));
    });
  });
});

describe('base units', () => {
  it('a click right after choosing Counties paints the county (the units load on demand)', async () => {
    await withPlainsSelected([-102.6, 39.3, 7.2], async (page) => {
      // Kit Carson County, Colorado (in "Southwest"), clicked at once, before the deferred
      // county index is built: that click used to select Southwest instead of painting.
      const [lng, lat] = pointOnFeature(counties.find((c) => c.id === '08063')!).geometry.coordinates as [number, number];
      const p = await toPagePoint(page, lng, lat);
      await page.getByRole('combobox', { name: 'Base units' }).selectOption('counties');
      await page.mouse.click(p.x, p.y);
      await expect.poll(async () => (await page.getByRole('button', { name: 'Undo' }).getAttribute('title')) ?? '', { timeout: 10_000 }).toMatch(/Painted 1 county into Plains/);
    });
  });

  it('paints five counties into a territory; split; undo twice; redo; reload', async () => {
    const profile = tempProfile();
    try {
      let { context, page } = await openInProfile(profile.dir, baseURL);

      // A small seed territory around Topeka, then zoom to it.
      await drawRectangle(page, [-95.8, 39.0], [-95.6, 39.1], 'Topeka Area');
      // The new territory is selected; bring the five counties into a comfortable view.
      await page.evaluate(() => window.__territoryPlanner!.jumpTo(-95.4, 38.9, 7.2));
      await page.waitForTimeout(800);

      // The live columns before painting: the rectangle is one compact piece.
      await expect.poll(() => cellText(page, 'Topeka Area', 'Contiguous')).toBe('yes');
      const deviationBefore = await cellText(page, 'Topeka Area', 'Deviation');
      expect(deviationBefore).toMatch(/%/);

      // Counties layer; click five county interiors with the real mouse.
      await page.getByRole('combobox', { name: 'Base units' }).selectOption('counties');
      await expect.poll(() => page.getByRole('status').filter({ hasText: 'Painting into Topeka Area' }).count(), { timeout: 20_000 }).toBe(1);
      for (const c of painted) {
        const [lng, lat] = pointOnFeature(c).geometry.coordinates as [number, number];
        const p = await toPagePoint(page, lng, lat);
        await page.mouse.click(p.x, p.y);
        await page.waitForTimeout(150);
      }
      await expect.poll(async () => (await page.getByRole('button', { name: 'Undo' }).getAttribute('title')) ?? '').toMatch(/Painted 1 county into Topeka Area/);
      let g = await exportedGeometry(page, 'Topeka Area');
      // The territory covers the five counties (area at least their sum, within 0.5%).
      const countiesArea = painted.reduce((s, c) => s + area(c), 0);
      expect(area(g as unknown as Feature)).toBeGreaterThan(countiesArea * 0.995);
      const afterPaint = countInside(g);
      expect(afterPaint).toBeGreaterThan(3);
      expect(await cellNumber(page, 'Topeka Area', 'Stores')).toBe(afterPaint);
      // The live columns followed the painting: still one piece, a new deviation, a shape figure.
      expect(await cellText(page, 'Topeka Area', 'Contiguous')).toBe('yes');
      await expect.poll(() => cellText(page, 'Topeka Area', 'Deviation')).not.toBe(deviationBefore);
      const compactness = await cellNumber(page, 'Topeka Area', 'Compactness');
      expect(compactness).toBeGreaterThan(0);
      expect(compactness).toBeLessThanOrEqual(100);

      // Split along a north-south line through the middle, then undo twice and redo.
      await page.getByRole('combobox', { name: 'Base units' }).selectOption('none');
      await page.getByRole('region', { name: 'Selected territory' }).getByRole('button', { name: 'Split' }).click();
      const top = await toPagePoint(page, -95.45, 39.5);
      const bottom = await toPagePoint(page, -95.45, 38.3);
      await page.mouse.move(top.x, top.y, { steps: 3 });
      await page.mouse.click(top.x, top.y);
      await page.waitForTimeout(100);
      await page.mouse.move(bottom.x, bottom.y, { steps: 8 });
      await page.mouse.click(bottom.x, bottom.y);
      await page.waitForTimeout(100);
      await page.mouse.click(bottom.x, bottom.y); // clicking the last point again finishes the line
      await page.waitForTimeout(500);
      await expect.poll(() => territoryRow(page, 'Topeka Area (split)').count(), { timeout: 10_000 }).toBe(1);
      const split = (await cellNumber(page, 'Topeka Area', 'Stores')) + (await cellNumber(page, 'Topeka Area (split)', 'Stores'));
      expect(split).toBe(afterPaint);

      await page.getByRole('button', { name: 'Undo' }).click(); // un-split
      await page.getByRole('button', { name: 'Undo' }).click(); // un-paint the fifth county
      expect(await territoryRow(page, 'Topeka Area (split)').count()).toBe(0);
      g = await exportedGeometry(page, 'Topeka Area');
      const fourCounties = countInside(g);
      expect(fourCounties).toBeLessThan(afterPaint);
      expect(await cellNumber(page, 'Topeka Area', 'Stores')).toBe(fourCounties);
      await page.getByRole('button', { name: 'Redo' }).click(); // the fifth county again
      await expect.poll(() => cellNumber(page, 'Topeka Area', 'Stores')).toBe(afterPaint);

      // Reload (and a fresh browser): the plan and its history are back.
      await waitSaved(page);
      await context.close();
      ({ context, page } = await openInProfile(profile.dir, baseURL));
      await expect.poll(() => territoryRow(page, 'Topeka Area').count()).toBe(1);
      expect(await cellNumber(page, 'Topeka Area', 'Stores')).toBe(afterPaint);
      expect(await territoryRow(page, 'Topeka Area (split)').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Redo' }).getAttribute('title')).toMatch(/Split Topeka Area/);
      await context.close();
    } finally {
      profile.remove();
    }
  });
});
