/**
 * Takes a screenshot of the running app in headless Chromium, for the README and for
 * checking the UI by eye: `npm run build && npm run screenshot` (it serves dist/ itself).
 * Usage: tsx tests/e2e/screenshot.ts [out.png] [--select "Territory name"]
 */
import { preview } from 'vite';
import { launchBrowser, waitForMap } from './browser';

const out = process.argv[2] ?? 'public/screenshot.png';
const selectIdx = process.argv.indexOf('--select');
const select = selectIdx > 0 ? process.argv[selectIdx + 1] : undefined;

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
  for (const b of await page.getByRole('button', { name: 'Dismiss' }).all()) await b.click();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
