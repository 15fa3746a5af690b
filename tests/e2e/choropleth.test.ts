/**
 * "Color by" a KPI in real headless Chromium: picking Penetration fills the demo plan's
 * territories with their class colors (read back from the rendered map) and shows the legend.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NO_DATA_COLOR, SEQUENTIAL_PALETTE } from '../../src/domain/report/classify';
import { launchBrowser, waitForMap } from './browser';

const baseURL = inject('baseURL');
const CHOROPLETH_COLORS: readonly string[] = [...SEQUENTIAL_PALETTE, NO_DATA_COLOR];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('Color by a KPI', () => {
  it('Penetration fills the territories by class and shows the legend', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(baseURL);
    await waitForMap(page);
    const rendered = () => page.evaluate(() => window.__territoryPlanner!.renderedTerritoryColors());
    await expect.poll(async () => Object.keys(await rendered()).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
    const before = await rendered();

    await page.getByRole('combobox', { name: 'Color by' }).selectOption({ label: 'Penetration' });
    const legend = page.getByRole('region', { name: 'Legend' });
    await legend.waitFor();
    const lines = await legend.getByRole('listitem').allInnerTexts();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines) expect(l).toMatch(/^(\d+\.\d% – \d+\.\d%|No data) \(\d+\)$/);

    await expect.poll(async () => {
      const after = await rendered();
      return Object.entries(after).every(([name, c]) => CHOROPLETH_COLORS.includes(c) && c !== before[name]);
    }, { timeout: 10_000 }).toBe(true);
    // More than one class is drawn.
    expect(new Set(Object.values(await rendered())).size).toBeGreaterThan(1);
    await context.close();
  });
});
