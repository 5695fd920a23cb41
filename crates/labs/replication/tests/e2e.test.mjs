// End-to-end: the replication lab against the release build served from a sub-path: stepping,
// the keyboard, the generated form, a typed fault, reload, every mode, embed, and a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, stop, strictPage, open, counter, stepOf, checkPlayerKeys } from '../../../../tests/e2e/harness.mjs';

before(start);
after(stop);

test('the quorum opens on its timeline and ends on the W × R grid', async () => {
  const page = await strictPage();
  await open(page, '#/lab/replication', '.counter');
  assert.equal(await page.locator('svg.rp-timeline').count(), 1);
  const [k, total] = stepOf(await counter(page));
  assert.equal(k, 1);
  assert.ok(total > 30, `one step per message (${total})`);
  await page.getByRole('button', { name: 'Step forward' }).click();
  assert.equal(stepOf(await counter(page))[0], 2);
  await page.getByRole('button', { name: 'Step back' }).click();
  assert.equal(stepOf(await counter(page))[0], 1);
  await page.keyboard.press('End');
  await page.waitForSelector('.rp-grid');
  assert.match(await page.textContent('.narration'), /Stale reads with W = 1, R = 1/);
  page.assertClean();
  await page.closeAll();
});

test('player keys, and no shortcuts while typing', async () => {
  const page = await strictPage();
  await open(page, '#/lab/replication?mode=quorum', '.counter');
  await checkPlayerKeys(page, '#rp-action-text');
  page.assertClean();
  await page.closeAll();
});

test('a refused value keeps the URL; a typed fault appends steps and survives a reload', async () => {
  const page = await strictPage();
  await open(page, '#/lab/replication?mode=quorum', '.counter');
  const url = page.url();
  await page.fill('#rp-w', '9');
  await page.press('#rp-w', 'Enter');
  await page.locator('#rp-w').blur();
  await page.waitForSelector('.fields-form .field-error');
  assert.equal(page.url(), url);
  const [, before] = stepOf(await counter(page));
  await page.fill('#rp-action-text', 'crash:C@2');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForFunction(b => !document.querySelector('.counter').textContent.endsWith(`of ${b}`), before);
  assert.match(page.url(), /a=crash%3AC%402/);
  const shown = { counter: await counter(page), narration: await page.textContent('.narration') };
  await page.reload();
  await page.waitForSelector('svg.rp-timeline');
  assert.deepEqual({ counter: await counter(page), narration: await page.textContent('.narration') }, shown);
  page.assertClean();
  await page.closeAll();
});

test('every mode draws at its last step', async () => {
  const page = await strictPage();
  await open(page, '#/lab/replication?mode=vector-clocks', '.counter');
  assert.equal(await page.locator('.rp-compare').count(), 1);
  await page.keyboard.press('End');
  await page.waitForSelector('.rp-carts');
  assert.match(await page.textContent('.rp-carts'), /\{x: 2, y: 1, z: 3\}/);
  assert.match(await page.textContent('.rp-lost'), /x: 1, z: 3/);
  await page.selectOption('#rp-mode', 'crdt');
  await page.waitForFunction(() => location.hash.includes('mode=crdt'));
  await page.keyboard.press('End');
  await page.waitForSelector('.rp-check');
  assert.match(await page.textContent('.rp-crdt'), /Commutative, associative, idempotent/);
  await open(page, '#/lab/replication?mode=merkle', '.counter');
  assert.equal(await page.locator('svg.rp-tree').count(), 2);
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.querySelector('.narration').textContent.includes('identical'));
  assert.equal(await page.locator('form.rp-action').count(), 0, 'merkle takes no typed actions');
  page.assertClean();
  await page.closeAll();
});

test('lag: the alert fires, read-your-writes breaks under async and holds under sync', async () => {
  const page = await strictPage();
  await open(page, '#/lab/replication?mode=lag', '.counter');
  assert.equal(await page.locator('.rp-lag-nodes .follower').count(), 2);
  assert.equal(await page.locator('form.rp-action').count(), 0, 'lag takes no typed actions');
  await page.keyboard.press('End');
  await page.waitForSelector('.rp-modes');
  assert.match(await page.textContent('.rp-ryw'), /Read-your-writes violated/);
  assert.match(await page.textContent('.rp-failover'), /120 of them acknowledged/);
  assert.ok(await page.locator('.rp-lag-nodes .alert').count() >= 1, 'a follower past the 5 s alert');
  await page.selectOption('#rp-repl', 'sync');
  await page.waitForFunction(() => location.hash.includes('repl=sync'));
  await page.keyboard.press('End');
  await page.waitForSelector('.rp-modes');
  assert.match(await page.textContent('.rp-ryw'), /Read-your-writes holds/);
  assert.match(await page.textContent('.rp-failover'), /0 of them acknowledged/);
  page.assertClean();
  await page.closeAll();
});

test('consistency: presets judged, the violation marked, an operation typed and removed', async () => {
  const page = await strictPage();
  await open(page, '#/lab/replication?mode=consistency', '.counter');
  assert.equal(await page.locator('svg.rp-history .op').count(), 4);
  await page.getByRole('button', { name: 'Step forward' }).click();
  assert.equal(await page.locator('svg.rp-history .op.violation').count(), 1);
  assert.match(await page.textContent('.narration'), /Not linearizable: once P2 R\(x\)=0/);
  await page.fill('#rp-action-text', 'del:2');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForFunction(() => location.hash.includes('a=del%3A2'));
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.querySelector('.narration').textContent.includes('is linearizable'));
  assert.equal(await page.locator('svg.rp-history .op').count(), 3);
  await open(page, '#/lab/replication?mode=consistency', '.counter');
  await page.selectOption('#rp-example', 'order');
  await page.waitForFunction(() => location.hash.includes('example=order'));
  await page.keyboard.press('End');
  await page.waitForFunction(() => document.querySelector('.narration').textContent.includes('eventual only'));
  assert.match(await page.textContent('.rp-verdicts'), /broken at #6/);
  page.assertClean();
  await page.closeAll();
});

test('embed mode, and a phone in dark mode', async () => {
  const page = await strictPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true, hasTouch: true });
  await open(page, '#/lab/replication?mode=crdt&embed=1&step=3', '.counter');
  assert.equal(await page.locator('.fields-form').count(), 0);
  assert.equal(await page.locator('form.rp-action').count(), 0);
  assert.equal(stepOf(await counter(page))[0], 3);
  await page.getByRole('button', { name: 'Step forward' }).tap();
  assert.equal(stepOf(await counter(page))[0], 4);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no horizontal scroll on a phone (scrollWidth ${width})`);
  page.assertClean();
  await page.closeAll();
});
