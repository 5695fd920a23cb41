// End-to-end: the rate-limiter lab in every mode against the release build served from a
// sub-path: stepping, the keyboard, the worked examples, a request added by hand, reload,
// embed, and a phone in dark mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, stop, strictPage, open, counter, stepOf, checkPlayerKeys } from '../../../../tests/e2e/harness.mjs';

before(start);
after(stop);

test('compare opens on the boundary burst and the aligned window admits 200', async () => {
  const page = await strictPage();
  await open(page, '#/lab/rate-limiter', '.counter');
  const [, total] = stepOf(await counter(page));
  assert.equal(total, 201, 'one step per request plus the first');
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.querySelector('.rl-table tr.narrated')?.textContent.includes('200 of 200'));
  const rows = await page.locator('.rl-table tbody tr').allTextContents();
  assert.ok(rows.some(r => r.startsWith('Sliding log (deque)') && r.includes('100 of 200')), rows.join('\n'));
  assert.match(await page.textContent('.narration'), /Request 200 at 60\.000 s/);
  page.assertClean();
  await page.closeAll();
});

test('player keys, and no shortcuts while typing', async () => {
  const page = await strictPage();
  await open(page, '#/lab/rate-limiter', '.counter');
  await checkPlayerKeys(page, '#rl-at');
  page.assertClean();
  await page.closeAll();
});

test('the leaky bucket example shows 5 as written beside 25 corrected', async () => {
  const page = await strictPage();
  await open(page, '#/lab/rate-limiter', '.counter');
  await page.getByRole('button', { name: /Leaky bucket: 5 as written/ }).click();
  await page.waitForFunction(() => location.hash.includes('traffic=leak-example'));
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.querySelector('.counter').textContent === 'Step 41 of 41');
  const rows = await page.locator('.rl-table tbody tr').allTextContents();
  assert.ok(rows.some(r => r.startsWith('Leaky bucket (F4 as written)') && r.includes('5 of 40')), rows.join('\n'));
  assert.ok(rows.some(r => r.startsWith('Leaky bucket (corrected)') && r.includes('25 of 40')), rows.join('\n'));
  page.assertClean();
  await page.closeAll();
});

test('a request added by hand lands on its step, and a reload restores it all', async () => {
  const page = await strictPage();
  await open(page, '#/lab/rate-limiter?mode=compare&traffic=token-example&capacity=100&rate=10&lanes=token,token-exact&narrate=token', '.counter');
  const [, before] = stepOf(await counter(page));
  await page.fill('#rl-at', '0.2');
  await page.fill('#rl-count', '3');
  await page.getByRole('button', { name: 'Add requests' }).click();
  await page.waitForFunction(b => !document.querySelector('.counter').textContent.endsWith(`of ${b}`), before);
  const [k, total] = stepOf(await counter(page));
  assert.equal(total, before + 3);
  assert.ok(k > 1 && k < total, `lands on a new request (step ${k})`);
  assert.match(page.url(), /a=req%3A0\.2%2A3/);
  const shown = { counter: await counter(page), narration: await page.textContent('.narration'), headers: await page.textContent('.rl-headers') };
  await page.reload();
  await page.waitForSelector('.rl-headers');
  assert.deepEqual({ counter: await counter(page), narration: await page.textContent('.narration'), headers: await page.textContent('.rl-headers') }, shown);
  page.assertClean();
  await page.closeAll();
});

test('tiers: a busy shared IP spends Alice\'s free tier, unless all are checked first', async () => {
  const page = await strictPage();
  await open(page, '#/lab/rate-limiter?mode=tiers', '.counter');
  await page.keyboard.press('End');
  await page.waitForSelector('.rl-meters');
  const metrics = await page.textContent('.metrics');
  assert.match(metrics, /admitted, In order \(F4\)\s*140/);
  assert.match(metrics, /admitted, Check all, then commit\s*200/);
  await page.selectOption('#rl-mode', 'datacenters');
  await page.waitForFunction(() => location.hash.includes('mode=datacenters'));
  await page.keyboard.press('End');
  await page.waitForSelector('.rl-dc-chart polyline');
  assert.match(await page.textContent('.metrics'), /Local limiter per DC\s*300 \(limit 100\)/);
  page.assertClean();
  await page.closeAll();
});

test('embed mode, and a phone in dark mode', async () => {
  const page = await strictPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true, hasTouch: true });
  await open(page, '#/lab/rate-limiter?embed=1&step=150', '.counter');
  assert.equal(await page.locator('.lab-controls').count(), 0);
  assert.equal(await page.locator('canvas.pick').count(), 0);
  assert.equal(stepOf(await counter(page))[0], 150);
  await page.getByRole('button', { name: 'Step forward' }).tap();
  assert.equal(stepOf(await counter(page))[0], 151);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no horizontal scroll on a phone (scrollWidth ${width})`);
  page.assertClean();
  await page.closeAll();
});
