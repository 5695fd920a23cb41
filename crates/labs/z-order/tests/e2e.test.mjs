// End-to-end: the Z-order / Hilbert lab against the release build served from a sub-path: the
// player and keyboard in each mode, the document's 29 beside 27, the mode links, a box dragged
// on a grid, queries typed and dragged in data-skipping mode, URL state, bad input, embed mode
// and a phone in dark mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, stop, strictPage, open, counter, stepOf, BASE } from '../../../../tests/e2e/harness.mjs';

before(start);
after(stop);

const SKIP = '#/lab/z-order?mode=skip&rows=2000&columns=2&value_bits=8&rows_per_file=100&sort=x&data=uniform&batch=50&width=10&kind=mixed&seed=42';

/** Steps forward from the first step until the narration matches `re`. */
async function seekNarration(page, re) {
  await page.keyboard.press('Home');
  const [, total] = stepOf(await counter(page));
  for (let i = 1; i < total; i++) {
    if (re.test(await page.textContent('.narration'))) return;
    await page.keyboard.press('ArrowRight');
  }
  assert.match(await page.textContent('.narration'), re);
}

async function waitForTotalChange(page, total) {
  await page.waitForFunction(t => !document.querySelector('.counter').textContent.endsWith(`of ${t}`), total);
}

test('bits mode: step by step to 27, beside the document\'s 29', async () => {
  const page = await strictPage();
  await open(page, '#/lab/z-order', 'svg.zorder-weave');
  const [, total] = stepOf(await counter(page));
  assert.equal(total, 11);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  assert.equal(await counter(page), 'Step 3 of 11');
  assert.match(page.url(), /step=3/);
  assert.equal(await page.textContent('.zorder-value'), '3');
  assert.equal(await page.locator('.zorder-bit.focus').count(), 2, 'the source bit and its Z bit');
  await page.getByRole('button', { name: 'Step back' }).click();
  assert.equal(await counter(page), 'Step 2 of 11');
  assert.equal(await page.textContent('.zorder-value'), '1');
  // Before the end the document's claim is shown, the comparison waits.
  assert.match(await page.textContent('.zorder-doc'), /00011101 = 29/);
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await counter(page), 'Step 10 of 11');
  assert.equal(await page.textContent('.zorder-value'), '27');
  const doc = await page.textContent('.zorder-doc');
  assert.match(doc, /document says.*29/s);
  assert.match(doc, /bits of x = 5, y = 3.*27/s);
  assert.match(doc, /swapped x1 and y0/);
  assert.equal(await page.locator('.zorder-doc td.differs').count(), 4);
  await page.keyboard.press('Home');
  assert.equal(await counter(page), 'Step 1 of 11');
  // Typing in a field moves nothing.
  await page.click('#zorder-values');
  await page.keyboard.press('End');
  assert.equal(await counter(page), 'Step 1 of 11');
  page.assertClean();
  await page.closeAll();
});

test('three columns, typed values, and bad values keep the text', async () => {
  const page = await strictPage();
  await open(page, '#/lab/z-order', '.counter');
  await page.fill('#zorder-values', '5,3,6');
  await page.getByRole('button', { name: 'Interleave' }).click();
  await page.waitForFunction(() => document.querySelector('.counter').textContent.endsWith('of 15'));
  assert.match(page.url(), /values=5%2C3%2C6/);
  assert.equal(await page.locator('.zorder-doc').count(), 0, 'not the document\'s example');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  // x = 101, y = 011, z = 110 → z2 y2 x2 z1 y1 x1 z0 y0 x0 = 1 0 1 1 1 0 0 1 1 (+ bit 9–11 = 0).
  assert.equal(await page.textContent('.zorder-value'), String(0b101110011));
  await page.fill('#zorder-values', '5,99');
  await page.getByRole('button', { name: 'Interleave' }).click();
  await page.getByText(/Values: y = 99 does not fit in 4 bits/).waitFor();
  assert.equal(await page.inputValue('#zorder-values'), '5,99');
  await page.fill('#zorder-values', 'five');
  await page.getByRole('button', { name: 'Interleave' }).click();
  await page.getByText('Values: type 2 or 3 whole numbers separated by commas (got “five”)').waitFor();
  page.assertClean();
  await page.closeAll();
});

test('mode links switch to the curves and skip modes (and back with history)', async () => {
  const page = await strictPage();
  await open(page, '#/lab/z-order', '.counter');
  await page.getByRole('link', { name: 'Z and Hilbert curves' }).click();
  await page.waitForSelector('canvas.zorder-grid');
  assert.match(page.url(), /mode=curves&order=3&box=2%2C1%2C5%2C4/);
  assert.equal(await page.locator('canvas.zorder-grid').count(), 2);
  assert.equal(stepOf(await counter(page))[0], 1);
  await page.keyboard.press('End');
  assert.match(await page.textContent('.zorder-ranges-panel'), /Z-order: 6 ranges/);
  assert.match(await page.textContent('.zorder-ranges-panel'), /Hilbert: 3 ranges/);
  await page.getByRole('link', { name: 'Data skipping' }).click();
  await page.waitForSelector('canvas.zorder-scatter');
  assert.match(page.url(), /mode=skip.*a=q%3A40-79%2C100-139/);
  await page.goBack();
  await page.waitForSelector('canvas.zorder-grid');
  page.assertClean();
  await page.closeAll();
});

test('curves: the cursor walks both curves; a drag on a grid sets the box', async () => {
  const page = await strictPage();
  await open(page, '#/lab/z-order?mode=curves&order=2&box=none&seed=42', 'canvas.zorder-grid');
  const [, total] = stepOf(await counter(page));
  assert.equal(total, 17, 'start, 15 cells, summary');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.zorder-cursor'), /cursor d\s*2 = 0010₂/);
  assert.match(await page.getAttribute('canvas.zorder-grid >> nth=0', 'aria-label'), /Z-order curve on a 4 × 4 grid: cursor at d = 2 in cell \(0, 1\)/);
  assert.match(await page.getAttribute('canvas.zorder-grid >> nth=1', 'aria-label'), /Hilbert curve on a 4 × 4 grid: cursor at d = 2 in cell \(1, 1\)/);
  const box = await page.locator('canvas.zorder-grid >> nth=0').boundingBox();
  const cell = box.width / 4;
  // From cell (1, 2) to cell (2, 3): y counts upwards from the bottom row.
  await page.mouse.move(box.x + cell * 1.5, box.y + cell * 1.5);
  await page.mouse.down();
  await page.mouse.move(box.x + cell * 2.5, box.y + cell * 0.5, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction(() => location.hash.includes('box=1%2C2%2C2%2C3'));
  await page.keyboard.press('End');
  assert.match(await page.textContent('.zorder-ranges-panel'), /Box x 1…2 × y 2…3 \(4 cells\)/);
  page.assertClean();
  await page.closeAll();
});

test('skip: typed and dragged queries light scanned files; a reload restores them', async () => {
  const page = await strictPage();
  await open(page, SKIP, 'canvas.zorder-scatter');
  const [, before] = stepOf(await counter(page));
  assert.equal(before, 6, 'table, four layouts, batch');
  await page.keyboard.press('End');
  assert.match(await page.textContent('.zorder-skip'), /50 random queries/);
  await page.fill('#zorder-range-x', '*');
  await page.fill('#zorder-range-y', '30-49');
  await page.getByRole('button', { name: 'Run query' }).click();
  await waitForTotalChange(page, before);
  assert.match(page.url(), /a=q%3A%2A%2C30-49/);
  assert.match(await page.textContent('.zorder-predicate'), /WHERE 30 ≤ y ≤ 49/);
  // Sorted by x cannot skip anything for a filter on y.
  await seekNarration(page, /^Sorted by x, 30 ≤ y ≤ 49/);
  assert.match(await page.textContent('.zorder-panel.focus'), /sorted by x.*20 of 20 files scanned/s);
  const [, afterTyped] = stepOf(await counter(page));
  // A drag across the Hilbert panel adds a box query.
  await page.locator('canvas.zorder-scatter >> nth=3').scrollIntoViewIfNeeded();
  const box = await page.locator('canvas.zorder-scatter >> nth=3').boundingBox();
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.5, { steps: 4 });
  await page.mouse.up();
  await waitForTotalChange(page, afterTyped);
  assert.match(page.url(), /a=q%3A\d+-\d+%2C\d+-\d+/);
  await seekNarration(page, /^Hilbert, \d+ ≤ x ≤ \d+ AND/);
  assert.match(await page.textContent('.zorder-detail'), /skip: /);
  const shown = { counter: await counter(page), narration: await page.textContent('.narration'),
    metrics: await page.textContent('.metrics'), panels: await page.textContent('.zorder-panels') };
  await page.reload();
  await page.waitForSelector('canvas.zorder-scatter');
  assert.deepEqual({ counter: await counter(page), narration: await page.textContent('.narration'),
    metrics: await page.textContent('.metrics'), panels: await page.textContent('.zorder-panels') }, shown);
  // A range outside the domain is refused with a message.
  await page.fill('#zorder-range-x', '0-999');
  await page.getByRole('button', { name: 'Run query' }).click();
  await page.getByText(/Not applied: actions\[2\]: range 0-999 on x must have lo ≤ hi, both between 0 and 255/).waitFor();
  await page.fill('#zorder-range-y', 'lots');
  await page.getByRole('button', { name: 'Run query' }).click();
  await page.getByText('y: type lo-hi, a single value or * (got “lots”)').waitFor();
  page.assertClean();
  await page.closeAll();
});

test('junk in the URL shows messages and falls back', async () => {
  const page = await strictPage();
  await open(page, '#/lab/z-order?mode=curves&order=9&box=1,2,3&step=zzz', '.counter');
  const messages = await page.textContent('.messages');
  assert.match(messages, /order: must be between 1 and 8 \(got 9\)/);
  assert.match(messages, /box: must be none or x0,y0,x1,y1/);
  assert.match(messages, /step: must be a whole number/);
  await page.waitForSelector('canvas.zorder-grid');
  await open(page, '#/lab/z-order?mode=sideways&values=5,3,6,1', '.counter');
  const more = await page.textContent('.messages');
  assert.match(more, /mode: must be bits, curves or skip \(got sideways\)/);
  assert.match(more, /values: must be 2 or 3 comma-separated values/);
  await page.waitForSelector('svg.zorder-weave');
  page.assertClean();
  await page.closeAll();
});

test('embed mode keeps embed across mode links and takes no drags', async () => {
  const page = await strictPage({ viewport: { width: 640, height: 720 } });
  await open(page, '#/lab/z-order?mode=curves&order=3&box=2,1,5,4&seed=42', '.embed textarea');
  await page.keyboard.press('ArrowRight');
  const src = /src="([^"]+)"/.exec(await page.inputValue('.embed textarea'))[1];
  assert.ok(src.startsWith(BASE), src);
  await page.goto(src);
  await page.waitForSelector('canvas.zorder-grid');
  assert.equal(await page.locator('.lab-controls').count(), 0);
  assert.equal(stepOf(await counter(page))[0], 2);
  const url = page.url();
  const box = await page.locator('canvas.zorder-grid >> nth=0').boundingBox();
  await page.mouse.move(box.x + 10, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + 100, box.y + 100, { steps: 3 });
  await page.mouse.up();
  await page.waitForTimeout(200);
  assert.equal(page.url(), url, 'no change in embed mode');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 640, `no horizontal scroll in a 640 px iframe (scrollWidth ${width})`);
  await page.getByRole('link', { name: 'Data skipping' }).click();
  await page.waitForSelector('canvas.zorder-scatter');
  assert.match(page.url(), /embed=1/);
  assert.equal(await page.locator('.lab-controls').count(), 0);
  page.assertClean();
  await page.closeAll();
});

test('usable on a phone in dark mode in all three modes', async () => {
  const page = await strictPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', reducedMotion: 'reduce', hasTouch: true, isMobile: true });
  for (const [hash, sel] of [['#/lab/z-order', 'svg.zorder-weave'], ['#/lab/z-order?mode=curves&order=5&box=3,3,20,9&seed=42', 'canvas.zorder-grid'], [SKIP + '&a=q:10-60,*', 'canvas.zorder-scatter']]) {
    await open(page, hash, sel);
    await page.getByRole('button', { name: 'Step forward' }).tap();
    assert.equal(stepOf(await counter(page))[0], 2);
    for (const k of ['End', 'Home', 'ArrowRight']) {
      await page.keyboard.press(k);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `${hash} ${k}: no horizontal scroll on a phone (scrollWidth ${width})`);
    }
  }
  page.assertClean();
  await page.closeAll();
});
