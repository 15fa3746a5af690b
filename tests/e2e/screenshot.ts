/**
 * Takes a screenshot of the running app in headless Chromium, for the README and for
 * checking the UI by eye: `npm run build && npm run screenshot` (it serves dist/ itself).
 * Usage: tsx tests/e2e/screenshot.ts [out.png] [--select "Territory name"] [--compare] [--color-by Penetration]
 * --compare duplicates the plan, draws a new territory in the copy and opens the compare
 * view (the realignment report with the moved stores on the map).
 */
import { preview } from 'vite';
import { launchBrowser, waitForMap } from './browser';
import { drawRectangle, waitSaved } from './helpers';

const out = process.argv[2] ?? 'public/screenshot.png';
const selectIdx = process.argv.indexOf('--select');
const select = selectIdx > 0 ? process.argv[selectIdx + 1] : undefined;
const compare = process.argv.includes('--compare');
const colorByIdx = process.argv.indexOf('--color-by');
const colorBy = colorByIdx > 0 ? process.argv[colorByIdx + 1] : undefined;

const server = await preview({ preview: { host: '127.0.0.1', port: 4320, strictPort: false }, logLevel: 'warn' });
const url = server.resolvedUrls!.local[0]!;
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(url);
  await waitForMap(page);
  if (select) {
    await page.getByRole('table', { name: 'Territory statistics' }).getByRole('rowheader', { name: select, exact: true }).click();
  }
  if (compare) {
    await page.getByRole('toolbar', { name: 'Plans' }).getByRole('button', { name: 'Duplicate plan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Duplicate plan' });
    await dialog.getByLabel('Name of the copy').fill('Demo plan – Front Range');
    await dialog.getByRole('button', { name: 'Duplicate plan' }).click();
    await page.getByRole('combobox', { name: 'Plan' }).filter({ hasText: 'Front Range' }).waitFor();
    await drawRectangle(page, [-105.5, 38.8], [-100.5, 40.6], 'Front Range');
    await waitSaved(page);
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByRole('table', { name: 'Territory comparison' }).waitFor();
    await page.evaluate(() => window.__territoryPlanner!.jumpTo(-103, 39.7, 5.2));
  }
  if (colorBy) {
    await page.getByRole('combobox', { name: 'Color by' }).selectOption({ label: colorBy });
    await page.getByRole('region', { name: 'Legend' }).waitFor();
  }
  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
