// End-to-end: offline use. After a first visit the service worker has every built file, so with
// the network off a reload, another lab's bundle, a design and its data file all still load; a
// new deployment (a changed sw.js) is offered with a Reload button that switches to it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, stop, strictPage, open, BASE, SITE_ROOT } from './harness.mjs';

before(start);
after(stop);

const SW = join(SITE_ROOT, new URL(BASE).pathname, 'sw.js');

/** Waits until the service worker controls the page and has cached every file it lists. */
async function precached(page) {
  return page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    for (let i = 0; i < 200 && !navigator.serviceWorker.controller; i++) await new Promise(r => setTimeout(r, 50));
    const source = await (await fetch('sw.js', { cache: 'no-store' })).text();
    const listed = JSON.parse(/const PRECACHE = (\[.*?\]);/s.exec(source)[1]);
    const keys = await caches.keys();
    const cache = await caches.open(keys.find(k => k.startsWith('sdp-')));
    for (let i = 0; i < 400 && (await cache.keys()).length < listed.length; i++) await new Promise(r => setTimeout(r, 50));
    return { controlled: !!navigator.serviceWorker.controller, listed: listed.length, cached: (await cache.keys()).length };
  });
}

test('after a first visit the site works with the network off', async () => {
  const page = await strictPage({ serviceWorkers: 'allow' });
  await open(page, '#/lab/hash-ring?servers=5&seed=3&step=4', '.counter');
  const state = await precached(page);
  assert.ok(state.controlled, 'the worker controls the page');
  assert.ok(state.listed > 20, `${state.listed} files listed`);
  assert.equal(state.cached, state.listed, 'every listed file is cached');

  await page.context().setOffline(true);
  await page.reload();
  await page.waitForSelector('.counter');
  assert.match(await page.textContent('.counter'), /^Step 4 of/);
  assert.match(page.url(), /servers=5/);
  // Another bundle, a split lab's mode bundle, a design with its data file, and home.
  await open(page, '#/lab/geohash?mode=search', '.geohash-summary');
  await open(page, '#/design/url-shortener', '.designs-flow, .counter');
  await open(page, '#/', '.lab-index');
  await page.context().setOffline(false);
  page.assertClean();
  await page.closeAll();
});

test('a new deployment is offered with a reload', async () => {
  const original = readFileSync(SW, 'utf8');
  const page = await strictPage({ serviceWorkers: 'allow' });
  try {
    await open(page, '#/lab/hash-ring', '.counter');
    await precached(page);
    assert.equal(await page.locator('.update-prompt').count(), 0, 'no offer on a first visit');
    // "Deploy" a new version: the same files under a new cache version.
    writeFileSync(SW, original.replace(/const VERSION = "([0-9a-f]+)"/, 'const VERSION = "$1-next"'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.waitForSelector('.update-prompt button', { timeout: 20000 });
    assert.match(await page.textContent('.update-prompt'), /new version/);
    const reloaded = page.waitForEvent('load');
    await page.click('.update-prompt button');
    await reloaded;
    await page.waitForSelector('.counter');
    const caches = await page.evaluate(async () => caches.keys());
    assert.ok(caches.some(k => k.endsWith('-next')), `caches: ${caches}`);
    await page.waitForFunction(async () => (await caches.keys()).length === 1);
    page.assertClean();
  } finally {
    writeFileSync(SW, original);
    await page.closeAll();
  }
});
