// End-to-end: the quadtree lab against the release build served from a sub-path: the player,
// keyboard, clicking the plane to add a point, dragging a query, typed actions, URL state,
// the comparison of the two conversions, bad input, embed mode and a phone in dark mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, stop, strictPage, open, counter, stepOf, BASE, checkPlayerKeys } from '../../../../tests/e2e/harness.mjs';

before(start);
after(stop);

const SMALL = '#/lab/quadtree?dist=cities&points=20&capacity=4&max_depth=12&detailed=0&bounds=-180,-90,180,90&conv=doc&seed=3';

async function waitForTotalChange(page, total) {
  await page.waitForFunction(t => !document.querySelector('.counter').textContent.endsWith(`of ${t}`), total);
}

test('step forward, step back and play draw the plane and the tree', async () => {
  const page = await strictPage();
  // quiz=0: playing through should not stop at the predict-then-run questions.
  await open(page, '#/lab/quadtree?quiz=0', 'canvas.quadtree-plane');
  const [, total] = stepOf(await counter(page));
  assert.ok(total > 100, `trace has ${total} steps`);
  const first = await page.textContent('.narration');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  assert.equal(await counter(page), `Step 3 of ${total}`);
  assert.notEqual(await page.textContent('.narration'), first);
  assert.match(page.url(), /step=3/);
  assert.match(await page.getAttribute('canvas.quadtree-plane', 'aria-label'), /Point #1 is placed/);
  await page.getByRole('button', { name: 'Step back' }).click();
  assert.equal(await counter(page), `Step 2 of ${total}`);
  // Step 6 is the first subdivision: the tree panel shows the root's four new children.
  await page.fill('input.scrub', '6');
  await page.dispatchEvent('input.scrub', 'input');
  await page.waitForFunction(() => document.querySelector('.counter').textContent.startsWith('Step 6 '));
  assert.match(await page.textContent('.quadtree-tree'), /just split/);
  assert.match(await page.textContent('.quadtree-detail'), /Subdivide root/);
  assert.equal(await page.locator('.quadtree-row').count(), 2);
  await page.selectOption('select[aria-label="Speed"]', { label: '8×' });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => /^Step (\d+)/.exec(document.querySelector('.counter').textContent)[1] > 12);
  await page.getByRole('button', { name: 'Pause' }).click();
  page.assertClean();
  await page.closeAll();
});

test('keyboard: arrows, End, Home, and nothing moves while typing', async () => {
  const page = await strictPage();
  await open(page, '#/lab/quadtree', '.counter');
  await checkPlayerKeys(page, '#quadtree-lng');
  page.assertClean();
  await page.closeAll();
});

test('clicking the plane adds a point, and a reload restores it', async () => {
  const page = await strictPage();
  await open(page, SMALL, 'canvas.quadtree-plane');
  const [, before] = stepOf(await counter(page));
  const box = await page.locator('canvas.quadtree-plane').boundingBox();
  // Click at 3/4 of the width and 1/4 of the height: lng ≈ 90, lat ≈ 45.
  await page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.25);
  await waitForTotalChange(page, before);
  const [k, total] = stepOf(await counter(page));
  assert.equal(k, before + 1, 'the player jumps to the first step of the new point');
  assert.ok(total > before);
  const m = /a=p%3A([-\d.]+)%2C([-\d.]+)/.exec(page.url());
  assert.ok(m, page.url());
  assert.ok(Math.abs(Number(m[1]) - 90) < 2 && Math.abs(Number(m[2]) - 45) < 2, `point ${m[1]}, ${m[2]}`);
  assert.match(await page.textContent('.narration'), /Point #20/);
  await page.keyboard.press('End');
  assert.match(await page.textContent('.quadtree-detail'), /Point #20 .*\(yours\)/);
  const shown = { counter: await counter(page), narration: await page.textContent('.narration'),
    metrics: await page.textContent('.metrics'), detail: await page.textContent('.quadtree-detail') };
  await page.reload();
  await page.waitForSelector('canvas.quadtree-plane');
  assert.deepEqual({ counter: await counter(page), narration: await page.textContent('.narration'),
    metrics: await page.textContent('.metrics'), detail: await page.textContent('.quadtree-detail') }, shown);
  page.assertClean();
  await page.closeAll();
});

test('dragging on the plane runs a radius query step by step', async () => {
  const page = await strictPage();
  await open(page, SMALL, 'canvas.quadtree-plane');
  const [, before] = stepOf(await counter(page));
  const box = await page.locator('canvas.quadtree-plane').boundingBox();
  const cx = box.x + box.width * 0.53, cy = box.y + box.height * 0.2;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 40, cy + 5, { steps: 5 });
  await page.waitForSelector('.quadtree-preview text');
  assert.match(await page.textContent('.quadtree-preview'), /r ≈ \d+ km/);
  await page.mouse.up();
  await waitForTotalChange(page, before);
  assert.match(page.url(), /a=q%3A[-\d.]+%2C[-\d.]+%2C\d+/);
  assert.match(await page.textContent('.narration'), /^Query: every point within \d+ km/);
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.quadtree-detail'), /Circle–rectangle test on root/);
  assert.match(await page.textContent('.quadtree-detail'), /Closest point = centre clamped/);
  await page.keyboard.press('End');
  assert.equal(await page.locator('.quadtree-compare canvas').count(), 2);
  page.assertClean();
  await page.closeAll();
});

test('the last step shows what 111 km per degree misses beside the corrected conversion', async () => {
  const page = await strictPage();
  await open(page, '#/lab/quadtree', '.counter');
  await page.keyboard.press('End');
  await page.waitForSelector('.quadtree-compare canvas');
  const detail = await page.textContent('.quadtree-detail');
  assert.match(detail, /document: 111 km\/°/);
  assert.match(detail, /corrected: ÷ cos φ/);
  assert.match(detail, /missed points\s*26\s*0\s*0/);
  assert.match(await page.textContent('.quadtree-compare'), /25 of 51 true hits found, 26 missed/);
  assert.match(await page.textContent('.quadtree-compare'), /51 of 51 true hits found, 0 missed/);
  page.assertClean();
  await page.closeAll();
});

test('typed actions; bad input gives a clear message and keeps the text', async () => {
  const page = await strictPage();
  await open(page, SMALL, '.counter');
  const [, before] = stepOf(await counter(page));
  await page.fill('#quadtree-lng', '0');
  await page.fill('#quadtree-lat', '0');
  await page.getByRole('button', { name: 'Add point' }).click();
  await waitForTotalChange(page, before);
  assert.match(page.url(), /a=p%3A0%2C0/);
  await page.keyboard.press('End');
  assert.match(await page.textContent('.quadtree-detail'), /exactly on a split line/);
  await page.fill('#quadtree-radius', '0');
  await page.getByRole('button', { name: 'Run query' }).click();
  await page.getByText(/Not applied: actions\[1\]: query radius must be more than 0/).waitFor();
  assert.equal(await page.inputValue('#quadtree-radius'), '0');
  await page.fill('#quadtree-lng', 'east');
  await page.getByRole('button', { name: 'Add point' }).click();
  await page.getByText('Longitude: type a number (got “east”)').waitFor();
  await page.fill('#field-capacity', '0');
  await page.press('#field-capacity', 'Enter');
  await page.getByText('Capacity: must be a whole number between 1 and 100 (got “0”)').waitFor();
  await page.fill('#quadtree-bounds', '10,10,5,5');
  await page.getByRole('button', { name: 'Set boundary' }).click();
  await page.getByText(/bounds: must be min_lng,min_lat,max_lng,max_lat/).waitFor();
  assert.equal(await page.inputValue('#quadtree-bounds'), '10,10,5,5');
  page.assertClean();
  await page.closeAll();
});

test('junk in the URL shows messages and falls back', async () => {
  const page = await strictPage();
  await open(page, '#/lab/quadtree?capacity=0&points=-5&bounds=1,2,3&a=p:500,0&a=zz&step=zzz', '.counter');
  const messages = await page.textContent('.messages');
  assert.match(messages, /capacity: must be between 1 and 100 \(got 0\)/);
  assert.match(messages, /points: must be between 0 and 10000 \(got -5\)/);
  assert.match(messages, /bounds: must be four numbers/);
  assert.match(messages, /point \(500, 0\) is outside the boundary/);
  assert.match(messages, /“zz” is not an action/);
  assert.match(messages, /step: must be a whole number/);
  assert.equal(stepOf(await counter(page))[0], 1);
  await page.waitForSelector('canvas.quadtree-plane');
  page.assertClean();
  await page.closeAll();
});

test('embed mode: only the lab and the player; the plane does not take clicks', async () => {
  const page = await strictPage({ viewport: { width: 640, height: 720 } });
  await open(page, SMALL, '.embed textarea');
  await page.keyboard.press('ArrowRight');
  const src = /src="([^"]+)"/.exec(await page.inputValue('.embed textarea'))[1];
  assert.ok(src.startsWith(BASE), src);
  assert.match(src, /embed=1/);
  await page.goto(src);
  await page.waitForSelector('canvas.quadtree-plane');
  assert.equal(await page.locator('.lab-controls').count(), 0);
  assert.equal(await page.locator('.site-header').count(), 0);
  assert.equal(stepOf(await counter(page))[0], 2);
  const url = page.url();
  const box = await page.locator('canvas.quadtree-plane').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForTimeout(200);
  assert.equal(page.url(), url, 'no action in embed mode');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 640, `no horizontal scroll in a 640 px iframe (scrollWidth ${width})`);
  page.assertClean();
  await page.closeAll();
});

test('usable on a phone in dark mode: tap to step, no horizontal scroll', async () => {
  const page = await strictPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', reducedMotion: 'reduce', hasTouch: true, isMobile: true });
  await open(page, '#/lab/quadtree', '.counter');
  await page.getByRole('button', { name: 'Step forward' }).tap();
  assert.equal(stepOf(await counter(page))[0], 2);
  for (const k of ['End', 'Home']) {
    await page.keyboard.press(k);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no horizontal scroll on a phone (scrollWidth ${width})`);
  }
  page.assertClean();
  await page.closeAll();
});
