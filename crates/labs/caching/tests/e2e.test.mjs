// End-to-end: the caching lab against the release build served from a sub-path: the worked
// example stepped with the keyboard, a typed key, reload, a crash in the strategies mode, every
// mode at its last step, embed, and a phone in dark mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, stop, strictPage, open, counter, stepOf, checkPlayerKeys } from '../../../../tests/e2e/harness.mjs';

before(start);
after(stop);

test('eviction opens on a b a c c d and LFU evicts a at the last access', async () => {
  const page = await strictPage();
  await open(page, '#/lab/caching', '.counter');
  assert.equal(await page.locator('.ca-card').count(), 5);
  assert.deepEqual(stepOf(await counter(page)), [1, 8]);
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('.counter').textContent === 'Step 7 of 8');
  assert.match(await page.textContent('.narration'), /Access d: LFU miss, evicts a/);
  assert.match(await page.textContent('.ca-card.narrated'), /freq 1 \(min\)\s*d/);
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => document.querySelector('.counter').textContent === 'Step 6 of 8');
  await page.keyboard.press('End');
  await page.waitForSelector('.ca-sweep');
  page.assertClean();
  await page.closeAll();
});

test('player keys, and no shortcuts while typing', async () => {
  const page = await strictPage();
  await open(page, '#/lab/caching', '.counter');
  await checkPlayerKeys(page, '#ca-get');
  page.assertClean();
  await page.closeAll();
});

test('a refused value keeps the URL; a typed key appends a step and survives a reload', async () => {
  const page = await strictPage();
  await open(page, '#/lab/caching', '.counter');
  const url = page.url();
  await page.fill('#ca-capacity', '0');
  await page.press('#ca-capacity', 'Enter');
  await page.locator('#ca-capacity').blur();
  await page.waitForSelector('.fields-form .field-error');
  assert.match(await page.textContent('.fields-form .field-error'), /capacity: .*10 ?000/);
  assert.equal(page.url(), url);
  await page.fill('#ca-get', 'b');
  await page.getByRole('button', { name: 'Access' }).click();
  await page.waitForFunction(() => document.querySelector('.counter').textContent.endsWith('of 9'));
  assert.match(page.url(), /a=get%3Ab/);
  const shown = { counter: await counter(page), narration: await page.textContent('.narration') };
  assert.match(shown.narration, /Access b/);
  await page.reload();
  await page.waitForSelector('.ca-cards');
  assert.deepEqual({ counter: await counter(page), narration: await page.textContent('.narration') }, shown);
  page.assertClean();
  await page.closeAll();
});

test('strategies: the cache-aside race reads stale; a crash loses write-back\'s queued write', async () => {
  const page = await strictPage();
  await open(page, '#/lab/caching', '.counter');
  await page.selectOption('#ca-mode', 'strategies');
  await page.waitForFunction(() => location.hash.includes('mode=strategies'));
  await page.waitForSelector('svg', { state: 'attached' });
  await page.keyboard.press('End');
  await page.waitForSelector('.ca-strats');
  const row = await page.textContent('.ca-strats tr.narrated');
  assert.match(row, /Cache-aside/);
  assert.ok(await page.locator('.ca-strats tr.narrated td.bad').count() >= 1, 'cache-aside has stale reads');
  const [, before] = stepOf(await counter(page));
  await page.fill('#ca-crash', '100');
  await page.getByRole('button', { name: 'Crash' }).click();
  await page.waitForFunction(b => document.querySelector('.counter').textContent.endsWith(`of ${b + 1}`), before);
  assert.match(await page.textContent('.narration'), /crashes at 100 ms.*1 queued write/);
  assert.match(page.url(), /a=crash%3A100/);
  page.assertClean();
  await page.closeAll();
});

test('every mode draws at its last step', async () => {
  const page = await strictPage();
  for (const [mode, selector] of [['ttl', '.ca-ttl-chart'], ['stampede', '.ca-stampede-chart'], ['multi-level', '.ca-levels'], ['hot-keys', '.ca-shards'], ['cdn', '.ca-tiers-table'], ['negative', '.ca-neg-table'], ['eviction&trace=zipf&capacity=20', '.ca-sweep']]) {
    await open(page, `#/lab/caching?mode=${mode}`, '.counter');
    await page.keyboard.press('End');
    await page.waitForSelector(selector);
  }
  page.assertClean();
  await page.closeAll();
});

test('negative caching: the filter spares the database, versioned keys serve nothing stale', async () => {
  const page = await strictPage();
  await open(page, '#/lab/caching?mode=negative&step=3', '.ca-bits');
  assert.equal(await page.locator('.ca-bit-mark').count(), 3);
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.querySelector('.ca-neg-path figcaption')?.textContent.includes('requests done'));
  const db = (await page.locator('.ca-neg-table tbody tr td:nth-child(2)').allTextContents()).map(Number);
  assert.equal(db.length, 4);
  assert.ok(db[2] < db[0] && db[1] < db[0], `database requests per variant: ${db}`);
  assert.match(await page.textContent('.ca-fp'), /1\.7\d %/);
  await open(page, '#/lab/caching?mode=multi-level', '.counter');
  await page.keyboard.press('End');
  await page.waitForSelector('.ca-levels');
  const versioned = page.locator('.ca-levels tbody tr').nth(2);
  assert.match(await versioned.textContent(), /^Versioned keys/);
  assert.equal(await versioned.locator('td:nth-child(5)').textContent(), '0');
  page.assertClean();
  await page.closeAll();
});

test('embed mode, and a phone in dark mode', async () => {
  const page = await strictPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true, hasTouch: true });
  await open(page, '#/lab/caching?mode=strategies&embed=1&step=3', '.counter');
  assert.equal(await page.locator('.fields-form').count(), 0);
  assert.equal(await page.locator('form.ca-action').count(), 0);
  assert.equal(stepOf(await counter(page))[0], 3);
  await page.getByRole('button', { name: 'Step forward' }).tap();
  assert.equal(stepOf(await counter(page))[0], 4);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no horizontal scroll on a phone (scrollWidth ${width})`);
  page.assertClean();
  await page.closeAll();
});
