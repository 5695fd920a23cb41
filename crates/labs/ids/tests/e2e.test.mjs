// End-to-end: the identifier lab against the release build served from a sub-path: stepping,
// the keyboard, every mode, the generated form, a clock jump, reload, embed, and a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, stop, strictPage, open, counter, stepOf, checkPlayerKeys } from '../../../../tests/e2e/harness.mjs';

before(start);
after(stop);

test('base62 opens on 123456789 and steps to 8M0kX with the keyboard', async () => {
  const page = await strictPage();
  await open(page, '#/lab/ids', '.counter');
  const [k, total] = stepOf(await counter(page));
  assert.equal(k, 1);
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await page.textContent('.ids-code'), '8M0kX');
  assert.match(await page.textContent('.narration'), /so the loop stops/);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.textContent('.ids-code'), 'M0kX');
  await page.keyboard.press('End');
  await page.waitForFunction(t => document.querySelector('.counter').textContent === `Step ${t} of ${t}`, total);
  const summary = await page.textContent('.ids-summary');
  assert.match(summary, /iwaUH/);
  assert.match(summary, /895,837,181/);
  page.assertClean();
  await page.closeAll();
});

test('player keys, and no shortcuts while typing', async () => {
  const page = await strictPage();
  await open(page, '#/lab/ids?mode=base62', '.counter');
  await checkPlayerKeys(page, '#ids-n');
  page.assertClean();
  await page.closeAll();
});

test('the prose order and encode(0)', async () => {
  const page = await strictPage();
  await open(page, '#/lab/ids?mode=base62&order=prose', '.counter');
  await page.keyboard.press('End');
  await page.waitForSelector('.ids-summary');
  assert.match(await page.textContent('.ids-summary'), /iwaUH/);
  await open(page, '#/lab/ids?mode=base62&n=0', '.counter');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.narration'), /empty code/);
  page.assertClean();
  await page.closeAll();
});

test('snowflake: the diagram example, a slept skew, a jump added by hand, reload restores it', async () => {
  const page = await strictPage();
  await open(page, '#/lab/ids', '.counter');
  await page.selectOption('#ids-mode', 'snowflake');
  await page.waitForFunction(() => location.hash.includes('mode=snowflake') && location.hash.includes('a=back'));
  await page.waitForSelector('.ids-strip');
  assert.equal(await page.locator('.ids-strip .bit').count(), 64);
  assert.match(await page.textContent('.narration'), /7147375873228973266/);
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.narration'), /529448671641773266/);
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.narration'), /2024-01-01T00:00:00.000Z/);
  await page.keyboard.press('End');
  await page.waitForSelector('.ids-merged');
  assert.match(await page.textContent('.ids-merged'), /duplicates\s*0/);
  await open(page, '#/lab/ids?mode=snowflake&policy=error&detailed=0&a=back:0@3:3', '.counter');
  const [, before] = stepOf(await counter(page));
  await page.fill('#ids-jump-node', '1');
  await page.fill('#ids-jump-at', '4');
  await page.fill('#ids-jump-back', '10');
  await page.getByRole('button', { name: 'Set back' }).click();
  await page.waitForFunction(() => location.hash.includes('a=back%3A1%404%3A10'));
  await page.waitForSelector('.ids-badge.error');
  assert.match(await page.textContent('.narration'), /clock moved backwards/);
  const shown = { counter: await counter(page), narration: await page.textContent('.narration') };
  assert.notEqual(stepOf(shown.counter)[1], before);
  await page.reload();
  await page.waitForSelector('.ids-badge.error');
  assert.deepEqual({ counter: await counter(page), narration: await page.textContent('.narration') }, shown);
  page.assertClean();
  await page.closeAll();
});

test('a refused value keeps the URL and names the range', async () => {
  const page = await strictPage();
  await open(page, '#/lab/ids?mode=snowflake', '.counter');
  const url = page.url();
  await page.fill('#ids-nodes', '99');
  await page.press('#ids-nodes', 'Enter');
  await page.locator('#ids-nodes').blur();
  await page.waitForSelector('.fields-form .field-error');
  assert.match(await page.textContent('.fields-form .field-error'), /nodes: .*16/);
  assert.equal(page.url(), url);
  page.assertClean();
  await page.closeAll();
});

test('ulid: the document example decodes to 2016, and 10889 is a year', async () => {
  const page = await strictPage();
  await open(page, '#/lab/ids?mode=ulid', '.counter');
  await page.waitForSelector('.ids-digits');
  assert.match(await page.textContent('.ids-decoded'), /2016-07-30T23:54:10.259Z/);
  assert.equal(await page.locator('.ids-digits tbody tr').count(), 26);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForSelector('.ids-made');
  await page.keyboard.press('End');
  await page.waitForSelector('.ids-life');
  const life = await page.textContent('.ids-life');
  assert.match(life, /8919\.4/);
  assert.match(life, /year 10889/);
  page.assertClean();
  await page.closeAll();
});

test('hash-prefix: md5 → c984d06, and short prefixes against the birthday bound', async () => {
  const page = await strictPage();
  await open(page, '#/lab/ids?mode=hash-prefix', '.counter');
  assert.equal(await page.textContent('.ids-digest .prefix'), 'c984d06');
  await page.selectOption('#ids-hash', 'sha256');
  await page.waitForFunction(() => location.hash.includes('hash=sha256'));
  await page.waitForFunction(() => document.querySelector('.ids-digest .prefix')?.textContent === '100680a');
  await open(page, '#/lab/ids?mode=hash-prefix&length=3&urls=1000&detailed=0', '.counter');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.narration'), /taken by URL/);
  await page.keyboard.press('End');
  await page.waitForSelector('.ids-birthday');
  assert.match(await page.textContent('.ids-birthday'), /expected n\(n − 1\) \/ 2N\s*122\.\d+/);
  page.assertClean();
  await page.closeAll();
});

test('ranges: the document’s ranges, 9,999 per range, a crash added by hand', async () => {
  const page = await strictPage();
  await open(page, '#/lab/ids', '.counter');
  await page.selectOption('#ids-mode', 'ranges');
  await page.waitForFunction(() => location.hash.includes('mode=ranges') && location.hash.includes('a=crash'));
  assert.match(await page.textContent('.narration'), /\[1–10,000\], server 2 \[10,001–20,000\]/);
  await page.keyboard.press('End');
  assert.match(await page.textContent('.narration'), /each full range gives 9,999 IDs/);
  await page.fill('#ids-crash-server', '1');
  await page.fill('#ids-crash-at', '5');
  await page.getByRole('button', { name: 'Crash' }).click();
  await page.waitForFunction(() => location.hash.includes('a=crash%3A1%405'));
  await page.waitForFunction(() => document.querySelector('.counter').textContent.startsWith('Step 6 of'));
  assert.match(await page.textContent('.narration'), /server 1 crashed/);
  assert.match(await page.textContent('.ids-gaps'), /lost in a crash/);
  await page.selectOption('#ids-rule', 'fixed');
  await page.waitForFunction(() => location.hash.includes('rule=fixed'));
  await page.keyboard.press('End');
  assert.match(await page.textContent('.narration'), /each full range gives 10,000 IDs/);
  page.assertClean();
  await page.closeAll();
});

test('pregen drains at 12 gets per ms, and the comparison links into each mode', async () => {
  const page = await strictPage();
  await open(page, '#/lab/ids?mode=pregen', '.counter');
  await page.waitForSelector('.ids-gauge');
  await page.keyboard.press('End');
  assert.match(await page.textContent('.narration'), /cannot keep up/);
  await open(page, '#/lab/ids?mode=pregen&rate=8', '.counter');
  await page.keyboard.press('End');
  assert.match(await page.textContent('.narration'), /keeps up/);
  await open(page, '#/lab/ids?mode=compare', '.counter');
  await page.keyboard.press('End');
  assert.equal(await page.locator('.ids-schemes tbody tr').count(), 6);
  await page.getByRole('link', { name: 'ULID' }).click();
  await page.waitForSelector('.ids-digits');
  page.assertClean();
  await page.closeAll();
});

test('node ids: ZooKeeper passes 1023, the lowest free id does not, a lease is reclaimed', async () => {
  const page = await strictPage();
  await open(page, '#/lab/ids', '.counter');
  await page.selectOption('#ids-mode', 'node-ids');
  await page.waitForFunction(() => location.hash.includes('mode=node-ids') && location.hash.includes('a=crash'));
  assert.match(await page.textContent('.narration'), /node-0000001019 → id 1019/);
  await page.keyboard.press('End');
  assert.match(await page.textContent('.narration'), /past 1023/);
  await page.selectOption('#ids-zk-id', 'lowest');
  await page.waitForFunction(() => location.hash.includes('zk_id=lowest'));
  await page.keyboard.press('End');
  assert.match(await page.textContent('.narration'), /0 node-ticks refused/);
  await open(page, '#/lab/ids?mode=node-ids&strategy=lease&a=crash:2@4&step=9', '.counter');
  assert.match(await page.textContent('.narration'), /reclaims expired lease 1/);
  assert.match(await page.textContent('.ids-leases'), /node-2′/);
  page.assertClean();
  await page.closeAll();
});

test('embed mode, and a phone in dark mode', async () => {
  const page = await strictPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true, hasTouch: true });
  await open(page, '#/lab/ids?mode=snowflake&embed=1&step=3', '.counter');
  assert.equal(await page.locator('.fields-form').count(), 0);
  assert.equal(await page.locator('form.ids-action').count(), 0);
  assert.equal(stepOf(await counter(page))[0], 3);
  await page.getByRole('button', { name: 'Step forward' }).tap();
  assert.equal(stepOf(await counter(page))[0], 4);
  await page.waitForSelector('.ids-graph');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no horizontal scroll on a phone (scrollWidth ${width})`);
  for (const mode of ['base62', 'hash-prefix', 'ranges', 'ulid', 'node-ids', 'pregen', 'compare']) {
    await open(page, `#/lab/ids?mode=${mode}&embed=1`, '.counter');
    await page.keyboard.press('End');
    await page.waitForTimeout(50);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(w <= 390, `${mode}: no horizontal scroll on a phone (scrollWidth ${w})`);
  }
  page.assertClean();
  await page.closeAll();
});
