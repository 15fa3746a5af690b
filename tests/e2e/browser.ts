/**
 * Launches the system Chromium (Debian package) through playwright-core. Never downloads a
 * browser: set CHROMIUM_PATH to use another binary.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  const p = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
  if (!existsSync(p)) {
    throw new Error(`No Chromium at ${p}. Install it with "apt-get install -y chromium" or set CHROMIUM_PATH.`);
  }
  return p;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
}

/** A browser with a real on-disk profile, so a test can close it and open it again. */
export async function launchPersistent(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  });
}

export function tempProfile(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'tp-profile-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Waits until the map has loaded its style and data and rendered once. */
export async function waitForMap(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 60_000 });
}

/**
 * The app in a (re)started browser on `profileDir`: its first tab at `url`, map rendered.
 * Close the returned context to "quit" the browser; open again on the same profile to come back.
 */
export async function openInProfile(profileDir: string, url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await launchPersistent(profileDir);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  await waitForMap(page);
  return { context, page };
}

/**
 * Counts distinct colors in a screenshot of an element, decoded in the page itself (no
 * image library needed). A blank canvas has one or two; a rendered map has hundreds.
 */
export async function distinctColors(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 16) seen.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
    return seen.size;
  }, png.toString('base64'));
}
