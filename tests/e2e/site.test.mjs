// End-to-end across bundles: each page downloads only its own bundle; links, Back and Forward
// move between bundles and keep the URL state; an unknown lab gets the home bundle's page; a
// failed download shows a message with a retry, never a blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, stop, strictPage, open, counter, stepOf, BASE } from './harness.mjs';

before(start);
after(stop);

/** The wasm files a page requested, by bundle name (hash stripped). */
function wasmRequests(page) {
  const names = [];
  page.on('request', r => {
    const m = /\/([a-z0-9-]+?)-[0-9a-f]{16}_bg\.wasm$/.exec(r.url());
    if (m) names.push(m[1]);
  });
  return names;
}

test('each page downloads its own bundle and nothing else; home and the indexes no wasm', async () => {
  for (const [hash, selector, bundles] of [
    ['#/', '.lab-index', []],
    ['#/labs', '.lab-index', []],
    ['#/designs', '.designs-index', []],
    ['#/lab/hash-ring', '.counter', ['lab-hash-ring']],
    // A lab split by mode (geohash): a deep link downloads the one bundle that draws its mode.
    ['#/lab/geohash?mode=cache&step=3', '.geohash-cache', ['lab-geohash--cache']],
    ['#/lab/geohash?mode=search', '.geohash-summary', ['lab-geohash--services']],
    ['#/design/url-shortener', '.counter', ['designs']],
  ]) {
    const page = await strictPage();
    const wasm = wasmRequests(page);
    const scripts = [];
    page.on('request', r => { if (/\/home-[0-9a-f]{16}\.js$/.test(r.url())) scripts.push(r.url()); });
    await open(page, hash, selector);
    assert.deepEqual(wasm, bundles, `${hash} downloads ${wasm}`);
    assert.equal(scripts.length, bundles.length === 0 ? 1 : 0, `${hash}: the home module ${scripts.length ? 'was' : 'was not'} fetched`);
    page.assertClean();
    await page.closeAll();
  }
});

test('links, Back and Forward move between bundles and keep the state', async () => {
  const page = await strictPage();
  await open(page, '#/', '.lab-index');
  await page.click('a[href="#/lab/hash-ring"]');
  await page.waitForSelector('.counter');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.waitForFunction(() => location.hash.includes('step=2'));
  const labUrl = page.url();
  await page.click('.site-header a[href="#/designs"]');
  await page.waitForSelector('.designs-index');
  await page.click('a[href="#/design/url-shortener"]');
  await page.waitForSelector('.counter');
  assert.match(page.url(), /#\/design\/url-shortener/);
  await page.goBack();
  await page.waitForSelector('.designs-index');
  assert.equal(await page.locator('.counter').count(), 0, 'the design page is gone');
  await page.goBack();
  await page.waitForSelector('.counter');
  assert.equal(page.url(), labUrl);
  assert.equal(stepOf(await counter(page))[0], 2, 'Back restores the lab at its step');
  await page.goForward();
  await page.waitForSelector('.designs-index');
  await page.goForward();
  await page.waitForSelector('.counter');
  assert.match(page.url(), /#\/design\/url-shortener/);
  page.assertClean();
  await page.closeAll();
});

test('an unknown lab gets the not-found page with the lab index', async () => {
  const page = await strictPage();
  await open(page, '#/lab/no-such-lab?step=2', '.not-found');
  assert.match(await page.textContent('.not-found'), /There is no lab called “no-such-lab”/);
  assert.ok(await page.locator('.not-found a[href="#/lab/hash-ring"]').count() === 1);
  // A mode bundle's name is no lab: it is not mounted on its own.
  await open(page, '#/lab/geohash--services', '.not-found');
  assert.match(await page.textContent('.not-found'), /There is no lab called “geohash--services”/);
  await open(page, '#/nowhere/at/all', '.not-found');
  assert.match(await page.textContent('.not-found'), /Nothing lives at/);
  page.assertClean();
  await page.closeAll();
});

test('a failed download says so and the retry loads the page', async () => {
  const page = await strictPage();
  let fail = true;
  await page.route(/lab-hash-ring-[0-9a-f]{16}_bg\.wasm$/, route => (fail ? route.abort() : route.continue()));
  await page.goto(BASE + '#/lab/hash-ring?step=3');
  const alert = page.locator('.load-status[role="alert"]');
  await alert.waitFor({ timeout: 20000 });
  assert.match(await alert.textContent(), /could not be downloaded/);
  fail = false;
  await page.getByRole('button', { name: 'Retry' }).click();
  await page.waitForSelector('.counter');
  assert.equal(stepOf(await counter(page))[0], 3, 'the URL state survives the retry');
  await page.closeAll();
});

test('embed mode works for a lab bundle and for the designs bundle', async () => {
  const page = await strictPage({ viewport: { width: 640, height: 720 } });
  for (const hash of ['#/lab/hash-ring?embed=1&step=2', '#/design/url-shortener?embed=1']) {
    await open(page, hash, '.counter');
    assert.equal(await page.locator('.site-header').count(), 0, hash);
  }
  page.assertClean();
  await page.closeAll();
});
