// End-to-end: the sketches lab against the release build served from a sub-path: stepping,
// the keyboard, the generated form, a typed query, reload, every mode, embed, and a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, stop, strictPage, open, counter, stepOf, checkPlayerKeys } from '../../../../tests/e2e/harness.mjs';

before(start);
after(stop);

test('count-min opens on its table and steps with the keyboard', async () => {
  const page = await strictPage();
  await open(page, '#/lab/sketches', '.counter');
  assert.equal(await page.locator('canvas.sk-grid').count(), 1);
  const [k, total] = stepOf(await counter(page));
  assert.equal(k, 1);
  assert.ok(total > 10, `one step per detailed update and query (${total})`);
  await page.keyboard.press('End');
  await page.waitForFunction(t => document.querySelector('.counter').textContent === `Step ${t} of ${t}`, total);
  assert.match(await page.textContent('.sk-cms'), /bound ε·N/);
  page.assertClean();
  await page.closeAll();
});

test('player keys, and no shortcuts while typing', async () => {
  const page = await strictPage();
  await open(page, '#/lab/sketches?mode=trie', '.counter');
  await checkPlayerKeys(page, '#sk-q-text');
  page.assertClean();
  await page.closeAll();
});

test('the distributed merge reports x while y has 18', async () => {
  const page = await strictPage();
  await open(page, '#/lab/sketches', '.counter');
  await page.selectOption('#sk-mode', 'distributed');
  await page.waitForFunction(() => location.hash.includes('mode=distributed'));
  await page.keyboard.press('End');
  await page.waitForSelector('.sk-cards');
  const cards = await page.textContent('.sk-cards');
  assert.match(cards, /F4's merge: top K of the table\s*x 10/);
  assert.match(cards, /Exact global top K\s*y 18/);
  page.assertClean();
  await page.closeAll();
});

test('a refused value keeps the URL; a typed query appends a step and survives a reload', async () => {
  const page = await strictPage();
  await open(page, '#/lab/sketches?mode=trie', '.counter');
  const url = page.url();
  await page.fill('#sk-k', '99');
  await page.press('#sk-k', 'Enter');
  await page.locator('#sk-k').blur();
  await page.waitForSelector('.fields-form .field-error');
  assert.match(await page.textContent('.fields-form .field-error'), /k: .*10/);
  assert.equal(page.url(), url);
  const [, before] = stepOf(await counter(page));
  await page.fill('#sk-q-text', 'apricot');
  await page.fill('#sk-q-count', '500');
  await page.getByRole('button', { name: 'Log' }).click();
  await page.waitForFunction(b => !document.querySelector('.counter').textContent.endsWith(`of ${b}`), before);
  assert.match(page.url(), /a=q%3Aapricot%2A500/);
  const shown = { counter: await counter(page), narration: await page.textContent('.narration') };
  await page.reload();
  await page.waitForSelector('.sk-trie');
  assert.deepEqual({ counter: await counter(page), narration: await page.textContent('.narration') }, shown);
  page.assertClean();
  await page.closeAll();
});

test('every mode draws at its last step', async () => {
  const page = await strictPage();
  for (const [mode, selector] of [['topk', '.sk-summary'], ['bloom', 'svg.sk-bits'], ['trending', 'svg.sk-timeline']]) {
    await open(page, `#/lab/sketches?mode=${mode}`, '.counter');
    await page.keyboard.press('End');
    await page.waitForSelector(selector);
  }
  page.assertClean();
  await page.closeAll();
});

test('embed mode, and a phone in dark mode', async () => {
  const page = await strictPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true, hasTouch: true });
  await open(page, '#/lab/sketches?mode=topk&embed=1&step=3', '.counter');
  assert.equal(await page.locator('.fields-form').count(), 0);
  assert.equal(await page.locator('form.sk-action').count(), 0);
  assert.equal(stepOf(await counter(page))[0], 3);
  await page.getByRole('button', { name: 'Step forward' }).tap();
  assert.equal(stepOf(await counter(page))[0], 4);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no horizontal scroll on a phone (scrollWidth ${width})`);
  page.assertClean();
  await page.closeAll();
});
