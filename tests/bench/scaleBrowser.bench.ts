/**
 * How to read: every figure is taken on the production build in headless Chromium, through
 * the UI, the way a user meets it; each sits beside a baseline measured in the same run:
 *  - import: file chosen → "Import summary" shows the stores saved, against papaparse
 *    parsing the same text in the same page (the bar: ≤ 7×, ≤ 3 s at 100k);
 *  - delete a territory / undo: from the click (its event time) to the drawn frame in which
 *    the "Territory statistics" table shows the new Unassigned count (watched in the page),
 *    and the longest main-thread task meanwhile (PerformanceObserver
 *    'longtask': the map's software-WebGL repaints included, so a map repaint alone is
 *    timed too) and the longest script task ('long-animation-frame': the app's work), with the app as it runs (plan engine, incremental) against the same edit
 *    in the same data with `?recompute=full` (every edit recomputes everything, as before);
 *  - vertex drag: 40 mouse moves 25 ms apart on a vertex in "Edit outline": how many times a
 *    second the territory's Stores cell changed (the stats following the pointer), frames
 *    drawn a second (each repaints the map: software WebGL here), longest tasks;
 *  - the save inside the import, and the reopen, also beside the storage layout the app had
 *    before (one IndexedDB record per store): N store objects written in one transaction,
 *    then read back, in a scratch database of the same page;
 *  - reopen: reload → the Total row shows every store;
 *  - memory: resident memory of all Chromium processes, empty app vs N stores, right after
 *    the import (the import's garbage not all returned to the system) and in a fresh tab
 *    on the saved market (what a user lives with from the next visit on).
 * SCALE_STORES sets N (default 100,000). Needs the system Chromium (tests/e2e/browser.ts).
 */
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, chromiumPath, tempProfile } from '../e2e/browser';
import { fmtBytes, fmtInt, fmtMs, printTable } from './benchUtils';
import { makeCsv, type ZipTable } from './crmCsv';

const N = Number(process.env['SCALE_STORES'] ?? 100_000);
export const name = `scale in Chromium: ${fmtInt(N)} stores through the UI (production build) — import, delete + undo, reopen, memory`;

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '../..');

/** Resident memory (VmRSS) of the Chromium started on `profileDir` and all its descendants. */
function chromiumRss(profileDir: string): number {
  const parent = new Map<string, string>();
  const roots = new Set<string>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      parent.set(pid, /PPid:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? '0');
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profileDir)) roots.add(pid);
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  for (const pid of parent.keys()) {
    let p: string | undefined = pid;
    for (let depth = 0; p && p !== '0' && depth < 8 && !roots.has(p); depth++) p = parent.get(p);
    if (!p || !roots.has(p)) continue;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // ended
    }
  }
  return total;
}

async function settledRss(page: Page, profileDir: string): Promise<number> {
  // let the page collect what it no longer needs, then read
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await page.waitForTimeout(1500);
  await cdp.send('HeapProfiler.collectGarbage');
  await page.waitForTimeout(500);
  return chromiumRss(profileDir);
}

async function poll<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await read().catch(() => undefined as T);
    if (v !== undefined && ok(v)) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(v)})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A number cell of the stats table, read in the page (fast, no locator round trips). */
function statsCell(page: Page, row: string, column: string): Promise<number> {
  return page.evaluate(([row, column]) => {
    const table = document.querySelector('table[aria-label="Territory statistics"]');
    if (!table) return Number.NaN;
    const headers = [...table.querySelectorAll('thead th')].map((h) => (h.textContent ?? '').replace(/[▲▼]/g, '').trim());
    const k = headers.indexOf(column!);
    const tr = [...table.querySelectorAll('tbody tr, tfoot tr')].find((r) => (r.querySelector('th')?.textContent ?? '').trim() === row);
    const cell = tr?.querySelectorAll('th, td')[k];
    return cell ? Number((cell.textContent ?? '').replace(/[^0-9.-]/g, '')) : Number.NaN;
  }, [row, column] as const);
}

/**
 * The old storage layout: one record per store. Writes `n` store-shaped objects into a
 * scratch database in one transaction, then reads them back with getAll, in the page.
 */
async function perStoreBaseline(page: Page, n: number): Promise<{ write: number; read: number }> {
  // A string, not a function: tsx would wrap named helpers in a __name() the page lacks.
  return page.evaluate(`(async (n) => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('scale-bench-per-store', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('stores', { keyPath: 'id' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const statuses = ['customer', 'prospect', 'lost'];
    const t0 = performance.now();
    const tx = db.transaction('stores', 'readwrite');
    const os = tx.objectStore('stores');
    for (let i = 0; i < n; i++) {
      os.put({
        id: 'S-' + i.toString(36).padStart(8, '0'), externalId: 'CRM-' + i, name: 'Store number ' + i, address: i + ' Main Street', city: 'Springfield', state: 'IL',
        zip: '62701', lat: 39.78 + (i % 1000) / 1e4, lng: -89.65 + (i % 997) / 1e4, geocodePrecision: 'exact', status: statuses[i % 3], channel: 'independent-pet',
        revenue: i % 5000, priorRevenue: i % 4000, potential: 10000, customerSince: '2021-03-04', satisfaction: (i % 5) + 1, renewalDate: null, keyAccount: i % 50 === 0, accountManagerId: null,
      });
    }
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); tx.onabort = () => reject(tx.error); });
    const write = performance.now() - t0;
    const t1 = performance.now();
    const all = await new Promise((resolve, reject) => {
      const req = db.transaction('stores', 'readonly').objectStore('stores').getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const read = performance.now() - t1;
    if (all.length !== n) throw new Error('read back ' + all.length + ' of ' + n + ' records');
    db.close();
    await new Promise((r) => { indexedDB.deleteDatabase('scale-bench-per-store').onsuccess = r; setTimeout(r, 5000); });
    return { write, read };
  })(${n})`);
}

// Every long task, and the long animation frames with their scripts. On this machine the
// map is drawn by software WebGL: each repaint is a main-thread task of 60–250 ms that runs
// no script of the page (it shows as a long task, not as a long animation frame), whatever
// the market's size. The longest script frame is the app's own work.
const LONGTASKS = `
  window.__longest = 0;
  window.__longestScript = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
  }).observe({ type: 'longtask', buffered: false });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longestScript = Math.max(window.__longestScript, e.duration);
  }).observe({ type: 'long-animation-frame', buffered: false });
`;

// The stats table, watched in the page: when a click (its event time) is followed by the
// table showing the awaited figure (a MutationObserver reads the cell), and when the frame
// that shows it has been drawn (the task after the next animation frame, map repaint in it).
// Polling from here would add its own round trips, and wait behind every map repaint.
const WATCH = `
  window.__cellOf = (row, column) => {
    const table = document.querySelector('table[aria-label="Territory statistics"]');
    if (!table) return Number.NaN;
    const headers = [...table.querySelectorAll('thead th')].map((h) => (h.textContent ?? '').replace(/[▲▼]/g, '').trim());
    const k = headers.indexOf(column);
    const tr = [...table.querySelectorAll('tbody tr, tfoot tr')].find((r) => (r.querySelector('th')?.textContent ?? '').trim() === row);
    const cell = tr?.querySelectorAll('th, td')[k];
    return cell ? Number((cell.textContent ?? '').replace(/[^0-9.-]/g, '')) : Number.NaN;
  };
  // Resolves window.__watch.{click,dom,frame} once Unassigned/Stores is above (gt) or equal to (eq) 'value'.
  window.__watchStats = (row, column, want, value) => {
    const w = { click: null, dom: null, frame: null };
    window.__watch = w;
    document.addEventListener('click', (e) => { if (w.click === null) w.click = e.timeStamp; }, { capture: true, once: true });
    const obs = new MutationObserver(() => {
      if (w.click === null || w.dom !== null) return;
      const v = window.__cellOf(row, column);
      if (want === 'gt' ? v > value : v === value) {
        w.dom = performance.now();
        obs.disconnect();
        requestAnimationFrame(() => setTimeout(() => { w.frame = performance.now(); }, 0));
      }
    });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true });
  };
  // Counts, during a vertex drag, the pointer moves delivered, the frames drawn and the
  // changes of one territory's Stores cell (the stats following the pointer).
  window.__watchDrag = (row) => {
    const d = { start: null, end: null, moves: 0, frames: 0, updates: [], values: [], appScript: [] };
    window.__drag = d;
    // Long animation frames (≥ 50 ms) of the drag, and the time their scripts ran (the
    // editor, the stats preview, React, the map library's calls).
    const loaf = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (d.start === null || e.startTime < d.start || (d.end !== null && e.startTime > d.end)) continue;
        let script = 0;
        for (const x of e.scripts) script += x.duration;
        d.appScript.push(script);
      }
    });
    loaf.observe({ type: 'long-animation-frame', buffered: false });
    let last = window.__cellOf(row, 'Stores');
    const onMove = (e) => { if (e.buttons === 1) { d.moves++; if (d.start === null) d.start = e.timeStamp; } };
    const onUp = (e) => { d.end = e.timeStamp; d.stop(); };
    const tick = () => { if (d.end !== null) return; d.frames += d.start !== null ? 1 : 0; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const obs = new MutationObserver(() => {
      if (d.start === null || d.end !== null) return;
      const v = window.__cellOf(row, 'Stores');
      if (v !== last) { last = v; d.updates.push(performance.now()); d.values.push(v); }
    });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true });
    document.addEventListener('pointermove', onMove, { capture: true });
    document.addEventListener('pointerup', onUp, { capture: true, once: true });
    d.stop = () => { setTimeout(() => loaf.disconnect(), 1000); obs.disconnect(); document.removeEventListener('pointermove', onMove, { capture: true }); };
  };
`;
const RESET_LONGEST = 'window.__longest = 0; window.__longestScript = 0';
const READ_LONGEST = '[window.__longest, window.__longestScript]';

/** The longest task while the map repaints after a resize (software WebGL), on the app as it is. */
async function mapRepaint(page: Page): Promise<number> {
  await page.evaluate(RESET_LONGEST);
  await page.setViewportSize({ width: 1401, height: 900 });
  await page.waitForTimeout(1500);
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.waitForTimeout(1500);
  return ((await page.evaluate(READ_LONGEST)) as number[])[0]!;
}

async function waitReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="map"][data-map-ready="true"]', { timeout: 120_000 });
  await poll('the Total row', () => statsCell(page, 'Total', 'Stores'), (v) => v > 0, 120_000);
}

/** Clicks, and returns ms from the click event to the frame that shows the awaited Unassigned count. */
async function clickToStats(page: Page, click: () => Promise<void>, want: 'gt' | 'eq', value: number): Promise<number> {
  await page.evaluate(`window.__watchStats('Unassigned', 'Stores', '${want}', ${value})`);
  await click();
  const w = await poll('the table to show the new Unassigned count', () => page.evaluate('window.__watch.frame === null ? undefined : window.__watch') as Promise<{ click: number; frame: number } | undefined>, (v) => v !== undefined, 60_000);
  return w!.frame - w!.click;
}

/** Deletes the territory with the most stores, then undoes; ms from the click to the frame showing the new stats, and the longest tasks. */
async function deleteAndUndo(page: Page, territory: string): Promise<{ del: number; delTask: number; delScript: number; undo: number; undoTask: number; undoScript: number }> {
  const before = await statsCell(page, 'Unassigned', 'Stores');
  await page.getByRole('table', { name: 'Territory statistics' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: territory, exact: true }) }).click();
  const panel = page.getByRole('region', { name: 'Selected territory' });
  await panel.getByRole('button', { name: 'Delete territory' }).click();
  const confirm = panel.getByRole('button', { name: 'Yes, delete' });
  await confirm.waitFor();
  await page.waitForTimeout(500);
  await page.evaluate(RESET_LONGEST);
  const del = await clickToStats(page, () => confirm.click(), 'gt', before);
  await page.waitForTimeout(1500); // the map's repaints and the autosave
  const [delTask, delScript] = (await page.evaluate(READ_LONGEST)) as number[];
  await page.evaluate(RESET_LONGEST);
  const undoButton = page.getByRole('button', { name: 'Undo' });
  await undoButton.waitFor();
  const undo = await clickToStats(page, () => undoButton.click(), 'eq', before);
  await page.waitForTimeout(1500);
  const [undoTask, undoScript] = (await page.evaluate(READ_LONGEST)) as number[];
  return { del, delTask: delTask!, delScript: delScript!, undo, undoTask: undoTask!, undoScript: undoScript! };
}

interface DragFigures {
  /** pointer moves delivered with the button down, and the drag's length (ms, in the page) */
  moves: number;
  ms: number;
  /** animation frames drawn, and Stores-cell changes (the stats following), per second */
  fps: number;
  updatesPerSecond: number;
  longestTask: number;
  longestScript: number;
  /** long frames (≥ 50 ms) during the drag; the median and longest time their scripts ran */
  longFrames: number;
  appScript: number;
  appScriptMax: number;
}

/**
 * Drags one vertex of a territory's outline with the mouse (40 moves, 25 ms apart, as a
 * hand moves) with "Edit outline", then undoes the edit. The demo plan's outline gives the
 * vertex (read from data/demo-plan.json: the app's sample plan, which the scale market
 * keeps); the map is centred on it.
 */
async function dragVertex(page: Page, territory: string, vertex: [number, number]): Promise<DragFigures> {
  await page.getByRole('table', { name: 'Territory statistics' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: territory, exact: true }) }).click();
  await page.evaluate(`window.__territoryPlanner.jumpTo(${vertex[0]}, ${vertex[1]}, 6)`);
  await page.getByRole('region', { name: 'Selected territory' }).getByRole('button', { name: 'Edit outline' }).click();
  await page.waitForTimeout(2000);
  const box = (await page.getByTestId('map').boundingBox())!;
  const p = (await page.evaluate(`window.__territoryPlanner.project(${vertex[0]}, ${vertex[1]})`)) as { x: number; y: number };
  const x0 = box.x + p.x;
  const y0 = box.y + p.y;
  await page.mouse.move(x0, y0, { steps: 2 });
  await page.waitForTimeout(500);
  await page.evaluate(`window.__watchDrag(${JSON.stringify(territory)})`);
  await page.evaluate(RESET_LONGEST);
  await page.mouse.down();
  for (let k = 1; k <= 40; k++) {
    await page.mouse.move(x0 + 4 * k, y0 + 2 * k);
    await page.waitForTimeout(25);
  }
  await page.mouse.up();
  await page.waitForTimeout(1500);
  const d = (await page.evaluate('({ ...window.__drag, stop: undefined })')) as { start: number; end: number; moves: number; frames: number; updates: number[]; appScript: number[] };
  const [longestTask, longestScript] = (await page.evaluate(READ_LONGEST)) as number[];
  await page.getByRole('button', { name: 'Done editing' }).click();
  await page.waitForTimeout(1000);
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.waitForTimeout(1500);
  if (d.start === null || d.end === null) throw new Error('the vertex drag was not seen by the page (no pointer moves with the button down)');
  const ms = d.end - d.start;
  const median = (a: number[]) => (a.length === 0 ? 0 : [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!);
  return {
    moves: d.moves, ms, fps: (1000 * d.frames) / ms, updatesPerSecond: (1000 * d.updates.length) / ms, longestTask: longestTask!, longestScript: longestScript!,
    longFrames: d.appScript.length, appScript: median(d.appScript), appScriptMax: Math.max(0, ...d.appScript),
  };
}

/** A vertex of the demo plan's outline for `territory` (a Polygon's eastmost vertex), for the drag. */
function demoVertex(): { territory: string; vertex: [number, number] } {
  const plan = JSON.parse(readFileSync(join(root, 'data/demo-plan.json'), 'utf8')) as { territories?: { name: string; geometry: { type: string; coordinates: number[][][] } }[]; plan?: { territories: { name: string; geometry: { type: string; coordinates: number[][][] } }[] } };
  const territories = plan.territories ?? plan.plan?.territories ?? [];
  const t = territories.find((x) => x.name === 'Texas & Oklahoma' && x.geometry.type === 'Polygon') ?? territories.find((x) => x.geometry.type === 'Polygon');
  if (!t) throw new Error('data/demo-plan.json has no single-polygon territory to drag a vertex of');
  let best = t.geometry.coordinates[0]![0]!;
  for (const v of t.geometry.coordinates[0]!) if (v[0]! > best[0]!) best = v;
  return { territory: t.name, vertex: [best[0]!, best[1]!] };
}

export async function run(): Promise<void> {
  const executablePath = chromiumPath();
  const profile = tempProfile();
  const file = join(profile.dir, `market-${N}.csv`);
  const table = JSON.parse(readFileSync(join(root, 'data/zip-centroids.json'), 'utf8')) as ZipTable;
  const text = makeCsv(N, table);
  writeFileSync(file, text);

  const env = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  const outDir = join(profile.dir, 'dist');
  try {
    await build({ root, logLevel: 'warn', mode: 'production', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env['NODE_ENV'] = env;
  }
  copyFileSync(file, join(outDir, '__bench-market.csv'));
  const server = await preview({ root, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 4397, strictPort: false, open: false } });
  const url = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!url) throw new Error('vite preview did not report a URL');
  const userDir = join(profile.dir, 'chromium');
  const context = await chromium.launchPersistentContext(userDir, { executablePath, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1400, height: 900 } });
  const rows: string[][] = [];
  try {
    await context.addInitScript(LONGTASKS + WATCH);
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await waitReady(page);
    const sample = await statsCell(page, 'Total', 'Stores');
    const emptyRss = await settledRss(page, userDir);
    const sampleRepaint = await mapRepaint(page);

    // Baseline: papaparse, the same text, in the same page (main thread, header rows).
    await page.addScriptTag({ path: require.resolve('papaparse/papaparse.min.js') });
    // The text reaches the page from the preview server (a 150 MB argument or route body over
    // the DevTools protocol crashes the page).
    // (a string, not a function: tsx would wrap the callback in a __name() the page lacks)
    const papaMs = await page.evaluate(`(async () => {
      const t = await (await fetch('/__bench-market.csv')).text();
      // chunk by chunk (papaparse's own 10 MB chunks), the rows counted and dropped: a
      // million parsed rows held at once would exhaust the page's memory
      let rows = 0;
      const t0 = performance.now();
      window.Papa.parse(t, { header: false, skipEmptyLines: false, chunk: (r) => { rows += r.data.length; } });
      if (rows < 2) throw new Error('papaparse read nothing');
      return performance.now() - t0;
    })()`) as number;

    // Import through the wizard: from the moment the file is chosen. The waits use CSS
    // selectors, not role queries: Playwright computes roles and names in the page, on the
    // thread being measured, and over a big page that costs tens of milliseconds a poll.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import stores' }).click()]);
    // A person takes a moment to pick the file in the dialog; the app uses it to get its
    // reader ready (the import worker's warm-up). The clock starts when the file is chosen.
    await page.waitForTimeout(1000);
    const t0 = Date.now();
    await chooser.setFiles(file);
    const dialog = page.getByRole('dialog', { name: 'Import stores' });
    const check = page.locator('[role="dialog"] button', { hasText: new RegExp(`^Check ${fmtInt(N)} rows$`) });
    await check.waitFor({ timeout: 600_000 });
    await check.click();
    const go = page.locator('[role="dialog"] button', { hasText: /^Import [\d,]+ stores$/ });
    await go.waitFor({ timeout: 600_000 });
    await go.click();
    const summary = page.locator('section[aria-label="Import summary"]', { hasText: /added/ });
    await summary.waitFor({ timeout: 900_000 });
    const importMs = Date.now() - t0;
    const added = Number(/([\d,]+)\s+added/.exec(await summary.innerText())![1]!.replace(/,/g, ''));
    await dialog.getByRole('button', { name: 'Done' }).click();
    const total = await poll('every store in the Total row', () => statsCell(page, 'Total', 'Stores'), (v) => v === sample + added, 600_000);
    rows.push(['import: file chosen → summary (saved)', fmtMs(importMs), `papaparse in the page ${fmtMs(papaMs)}`, `${(importMs / papaMs).toFixed(1)}×`]);

    const fullRss = await settledRss(page, userDir);
    rows.push(['memory right after the import: all Chromium processes', `${fmtBytes(fullRss)} (+${fmtBytes(fullRss - emptyRss)})`, `empty app ${fmtBytes(emptyRss)}`, `${fmtInt((fullRss - emptyRss) / added)} B/store`]);

    // The territory holding the most stores.
    const biggest = await page.evaluate(() => {
      const table = document.querySelector('table[aria-label="Territory statistics"]')!;
      const headers = [...table.querySelectorAll('thead th')].map((h) => (h.textContent ?? '').replace(/[▲▼]/g, '').trim());
      const k = headers.indexOf('Stores');
      let best = ['', -1] as [string, number];
      for (const tr of table.querySelectorAll('tbody tr[tabindex]')) {
        const v = Number((tr.querySelectorAll('th, td')[k]?.textContent ?? '').replace(/[^0-9.-]/g, ''));
        if (v > best[1]) best = [(tr.querySelector('th')?.textContent ?? '').trim(), v];
      }
      return best;
    });
    const bigRepaint = await mapRepaint(page);
    const engine = await deleteAndUndo(page, biggest[0]);
    const target = demoVertex();
    const drag = await dragVertex(page, target.territory, target.vertex);
    await page.waitForTimeout(1500); // the autosave writes the undo

    // Reopen.
    const r0 = Date.now();
    await page.reload();
    await poll('every store after reload', () => statsCell(page, 'Total', 'Stores'), (v) => v === total, 600_000);
    const reopenMs = Date.now() - r0;

    // Baseline: the same edit with every edit recomputing everything (one tab at a time: the app lets one tab write).
    await page.close();
    page = await context.newPage();
    await page.goto(`${url}/?recompute=full`);
    await waitReady(page);
    await poll('every store', () => statsCell(page, 'Total', 'Stores'), (v) => v === total, 600_000);
    const full = await deleteAndUndo(page, biggest[0]);
    const fullDrag = await dragVertex(page, target.territory, target.vertex);

    // Memory in a fresh tab on the saved market (the import's garbage gone with its tab).
    await page.close();
    page = await context.newPage();
    await page.goto(url);
    await waitReady(page);
    await poll('every store', () => statsCell(page, 'Total', 'Stores'), (v) => v === total, 600_000);
    await page.waitForTimeout(1000);
    const steadyRss = await settledRss(page, userDir);

    // Baseline: the storage layout of before, one record per store, in the same page.
    const perStore = await perStoreBaseline(page, added);
    rows.push([`delete "${biggest[0]}" (${fmtInt(biggest[1])} stores) → stats`, fmtMs(engine.del), `full recompute ${fmtMs(full.del)}`, `${(engine.del / full.del).toFixed(2)}×`]);
    rows.push(['  longest main-thread task meanwhile (map repaints included)', fmtMs(engine.delTask), `full recompute ${fmtMs(full.delTask)}`, '']);
    rows.push(['  longest script task meanwhile (the app\'s own work)', fmtMs(engine.delScript), `full recompute ${fmtMs(full.delScript)}`, '']);
    rows.push(['undo → stats', fmtMs(engine.undo), `full recompute ${fmtMs(full.undo)}`, `${(engine.undo / full.undo).toFixed(2)}×`]);
    rows.push(['  longest main-thread task meanwhile (map repaints included)', fmtMs(engine.undoTask), `full recompute ${fmtMs(full.undoTask)}`, '']);
    rows.push(['  longest script task meanwhile (the app\'s own work)', fmtMs(engine.undoScript), `full recompute ${fmtMs(full.undoScript)}`, '']);
    rows.push([`vertex drag of "${target.territory}" (${drag.moves} moves in ${fmtMs(drag.ms)}): Stores updates a second`, drag.updatesPerSecond.toFixed(1), `full recompute ${fullDrag.updatesPerSecond.toFixed(1)}`, '']);
    rows.push(['  frames a second meanwhile (each repaints the map)', drag.fps.toFixed(1), `full recompute ${fullDrag.fps.toFixed(1)}`, '']);
    rows.push([`  script in the drag's long frames (≥ 50 ms; ${drag.longFrames} of them): median / max`, `${fmtMs(drag.appScript)} / ${fmtMs(drag.appScriptMax)}`, `full recompute ${fmtMs(fullDrag.appScript)} / ${fmtMs(fullDrag.appScriptMax)}`, '']);
    rows.push(['  longest main-thread task / longest script task meanwhile', `${fmtMs(drag.longestTask)} / ${fmtMs(drag.longestScript)}`, `full recompute ${fmtMs(fullDrag.longestTask)} / ${fmtMs(fullDrag.longestScript)}`, '']);
    rows.push(['one map repaint (software WebGL), sample market / this market', fmtMs(sampleRepaint), `${fmtInt(added)} stores ${fmtMs(bigRepaint)}`, '']);
    rows.push(['reopen: reload → full statistics', fmtMs(reopenMs), `one record per store: read ${fmtMs(perStore.read)}`, `${(reopenMs / perStore.read).toFixed(2)}×`]);
    rows.push(['save inside the import (chunks of columns)', 'in the import above', `one record per store: write ${fmtMs(perStore.write)}`, '']);
    rows.push(['memory in a fresh tab on the saved market', `${fmtBytes(steadyRss)} (+${fmtBytes(steadyRss - emptyRss)})`, `empty app ${fmtBytes(emptyRss)}`, `${fmtInt((steadyRss - emptyRss) / added)} B/store`]);
    console.log(`${fmtInt(added)} stores imported (+ ${fmtInt(sample)} of the sample market), file ${fmtBytes(text.length)}`);
    printTable([['measure (ms unless said)', 'the app', 'baseline, same run', 'ratio'], ...rows], 'lrrr');
  } finally {
    await context.close().catch(() => undefined); // a crashed browser must not hide the error that crashed it
    await server.close();
    profile.remove();
  }
}
