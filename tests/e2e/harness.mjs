// Shared end-to-end harness: serves site/ on 127.0.0.1, launches the system Chromium through
// playwright-core, and gives strict pages on which any console error, page error, failed
// request or request to another origin fails the test.
import { spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const PORT = Number(process.env.E2E_PORT ?? 8765);
const SUBPATH = process.env.SUBPATH ?? '/sdp-e2e/';
export const ORIGIN = `http://127.0.0.1:${PORT}`;
export const BASE = `${ORIGIN}${SUBPATH}`;
/** The served directory (the site is under SUBPATH inside it). */
export const SITE_ROOT = process.env.SITE_ROOT ?? 'site';

let server;
let browser;

export async function start() {
  server = spawn('python3', ['-m', 'http.server', String(PORT), '--bind', '127.0.0.1',
    '--directory', SITE_ROOT], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(BASE)).ok) break; } catch { /* not up yet */ }
    await new Promise(r => setTimeout(r, 100));
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function stop() {
  await browser?.close();
  server?.kill();
}

/** A page whose problems are collected; call `page.assertClean()` at the end of a test. */
export async function strictPage(options = {}) {
  // Service workers only where a test asks for them (offline.test.mjs): a worker would answer
  // requests before page.route() sees them.
  const context = await browser.newContext({ serviceWorkers: 'block', ...options });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', e => problems.push(`page error: ${e}`));
  page.on('console', m => {
    // Playwright's own note about the blocked worker (see above) is not the page's problem.
    if (m.text() === 'Service Worker registration blocked by Playwright') return;
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('requestfailed', r => problems.push(`failed request: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', r => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('request', r => {
    const url = r.url();
    if (!url.startsWith(ORIGIN + '/') && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.push(`request to another origin: ${url}`);
    }
  });
  page.assertClean = () => assert.deepEqual(problems, [], 'page problems');
  page.closeAll = () => context.close();
  return page;
}

/** Opens `hash` (e.g. `#/lab/hash-ring`) under the sub-path and waits for the app to render. */
export async function open(page, hash, selector = 'main') {
  await page.goto(BASE + hash);
  await page.waitForSelector(selector, { timeout: 20000 });
}

export async function counter(page) {
  return (await page.textContent('.counter')).trim();
}

export function stepOf(counterText) {
  const m = /^Step (\d+) of (\d+)$/.exec(counterText);
  assert.ok(m, `counter reads "${counterText}"`);
  return [Number(m[1]), Number(m[2])];
}

/** The player's keyboard on `page`, opened at step 1: →→ then ← then End then Home move the counter;
 * while `field` (a selector) has focus, → and End move nothing. Returns the number of steps. */
export async function checkPlayerKeys(page, field) {
  const [, total] = stepOf(await counter(page));
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await counter(page), `Step 3 of ${total}`);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await counter(page), `Step 2 of ${total}`);
  await page.keyboard.press('End');
  assert.equal(await counter(page), `Step ${total} of ${total}`);
  await page.keyboard.press('Home');
  assert.equal(await counter(page), `Step 1 of ${total}`);
  await page.click(field);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('End');
  assert.equal(await counter(page), `Step 1 of ${total}`, `typing in ${field} moved the player`);
  return total;
}
