// End-to-end: the home page, the hash-ring lab, the player, URL state and embed mode,
// against the release build served from a sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, stop, strictPage, open, counter, stepOf, BASE, checkPlayerKeys } from '../../../../tests/e2e/harness.mjs';

before(start);
after(stop);

test('home page lists the labs and links to the hash ring', async () => {
  const page = await strictPage();
  await open(page, '#/', '.lab-index');
  await page.click('a[href="#/lab/hash-ring"]');
  await page.waitForSelector('.counter');
  assert.match(page.url(), /#\/lab\/hash-ring\?servers=4&vnodes=150/);
  assert.equal(stepOf(await counter(page))[0], 1);
  page.assertClean();
  await page.closeAll();
});

test('step forward, step back, play and reset with the buttons', async () => {
  const page = await strictPage();
  // quiz=0: playing to the end should not stop at the predict-then-run questions.
  await open(page, '#/lab/hash-ring?quiz=0', '.counter');
  const [, total] = stepOf(await counter(page));
  assert.ok(total > 10, `trace has ${total} steps`);
  const narration1 = await page.textContent('.narration');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  assert.equal(await counter(page), `Step 3 of ${total}`);
  assert.notEqual(await page.textContent('.narration'), narration1);
  assert.match(page.url(), /step=3/);
  await page.getByRole('button', { name: 'Step back' }).click();
  assert.equal(await counter(page), `Step 2 of ${total}`);
  // Play at the top speed until it stops by itself at the last step.
  await page.selectOption('select[aria-label="Speed"]', { label: '8×' });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(t => document.querySelector('.counter').textContent === `Step ${t} of ${t}`, total, { timeout: 30000 });
  await page.getByRole('button', { name: 'Play' }).waitFor();
  await page.getByRole('button', { name: 'Reset' }).click();
  assert.equal(await counter(page), `Step 1 of ${total}`);
  page.assertClean();
  await page.closeAll();
});

test('keyboard: arrows, End, Home, ? and no shortcuts while typing', async () => {
  const page = await strictPage();
  await open(page, '#/lab/hash-ring', '.counter');
  await checkPlayerKeys(page, '#lookup-key');
  await page.locator('h1').click();
  await page.keyboard.press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  page.assertClean();
  await page.closeAll();
});

test('a user action adds steps, and a reload restores exactly what was on screen', async () => {
  const page = await strictPage();
  await open(page, '#/lab/hash-ring?servers=3&vnodes=20&keys=200&detailed=0&format=f0&seed=5', '.counter');
  const [, before] = stepOf(await counter(page));
  await page.fill('#add-server', 'edge:9');
  await page.getByRole('button', { name: 'Add server' }).click();
  await page.waitForFunction(b => !document.querySelector('.counter').textContent.endsWith(`of ${b}`), before);
  const [k, total] = stepOf(await counter(page));
  assert.equal(k, before + 1, 'the player jumps to the first step of the action');
  assert.ok(total > before);
  assert.match(page.url(), /a=add%3Aedge%3A9/);
  await page.keyboard.press('ArrowRight');
  const shown = { counter: await counter(page), narration: await page.textContent('.narration'),
    metrics: await page.textContent('.metrics') };
  assert.match(shown.narration, /edge:9 joined: every key is looked up again/);
  await page.reload();
  await page.waitForSelector('.counter');
  assert.deepEqual({ counter: await counter(page), narration: await page.textContent('.narration'),
    metrics: await page.textContent('.metrics') }, shown);
  page.assertClean();
  await page.closeAll();
});

test('an invalid input gives a clear message and keeps the text', async () => {
  const page = await strictPage();
  await open(page, '#/lab/hash-ring', '.counter');
  await page.fill('#field-vnodes-per-server', '9000');
  await page.press('#field-vnodes-per-server', 'Enter');
  await page.getByText('Vnodes per server: must be a whole number between 1 and 500 (got “9000”)').waitFor();
  assert.equal(await page.inputValue('#field-vnodes-per-server'), '9000');
  await page.selectOption('#remove-server', 'cache1:6379');
  await page.getByRole('button', { name: 'Remove server' }).click();
  await page.waitForSelector('.counter');
  await page.fill('#add-server', 'cache3:6379');
  await page.getByRole('button', { name: 'Add server' }).click();
  await page.getByText('is already on the ring').waitFor();
  page.assertClean();
  await page.closeAll();
});

test('junk in the URL shows a message and falls back to defaults', async () => {
  const page = await strictPage();
  await open(page, '#/lab/hash-ring?servers=-3&vnodes=lots&a=rm:ghost&step=zzz', '.counter');
  const messages = await page.textContent('.messages');
  assert.match(messages, /servers: must be between 1 and 64 \(got -3\)/);
  assert.match(messages, /vnodes: must be between 1 and 500 \(got lots\)/);
  assert.match(messages, /ghost is not on the ring; dropped/);
  assert.match(messages, /step: must be a whole number/);
  assert.equal(stepOf(await counter(page))[0], 1);
  await open(page, '#/nowhere', '.not-found');
  assert.match(await page.textContent('.not-found'), /Page not found/);
  page.assertClean();
  await page.closeAll();
});

test('embed mode shows only the lab and the player, sized for an iframe', async () => {
  const page = await strictPage({ viewport: { width: 640, height: 720 } });
  await open(page, '#/lab/hash-ring', '.embed textarea');
  await page.keyboard.press('ArrowRight');
  const snippet = await page.inputValue('.embed textarea');
  const src = /src="([^"]+)"/.exec(snippet)[1];
  assert.ok(src.startsWith(BASE), src);
  assert.match(src, /embed=1/);
  assert.match(src, /step=2/);
  await page.goto(src);
  await page.waitForSelector('.counter');
  assert.equal(await page.locator('.site-header').count(), 0);
  assert.equal(await page.locator('.lab-controls').count(), 0);
  assert.equal(stepOf(await counter(page))[0], 2);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 640, `no horizontal scroll in a 640 px iframe (scrollWidth ${width})`);
  page.assertClean();
  await page.closeAll();
});

test('usable on a phone in dark mode with reduced motion', async () => {
  const page = await strictPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', reducedMotion: 'reduce', hasTouch: true, isMobile: true });
  await open(page, '#/lab/hash-ring', '.counter');
  await page.getByRole('button', { name: 'Step forward' }).tap();
  assert.equal(stepOf(await counter(page))[0], 2);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(22, 24, 28)');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no horizontal scroll on a phone (scrollWidth ${width})`);
  page.assertClean();
  await page.closeAll();
});

test('a predict-then-run question: asked a step early, pauses playback, explains, shows its step', async () => {
  const page = await strictPage();
  await open(page, '#/lab/hash-ring?step=5', '.counter');
  const [, total] = stepOf(await counter(page));
  assert.equal(await page.locator('.quiz').count(), 0, 'no question on step 5');
  // Playing from step 5 stops on step 7, where the card asks about step 8.
  await page.getByRole('button', { name: 'Play' }).click();
  await page.locator('.quiz').waitFor();
  await page.getByRole('button', { name: 'Play' }).waitFor();
  assert.equal(await counter(page), `Step 7 of ${total}`);
  const card = page.getByRole('region', { name: 'Predict, then run' });
  assert.match(await card.locator('.quiz-prompt').textContent(), /The search for "user:0" has stopped\. Which server owns the key\?/);
  const choices = await card.locator('.quiz-choices button').allTextContents();
  assert.deepEqual(choices, ['cache1:6379', 'cache2:6379', 'cache3:6379', 'cache4:6379']);
  // The next step's narration says who owns it; the card agrees.
  await card.getByRole('button', { name: 'cache1:6379' }).click();
  const verdict = card.getByRole('status');
  assert.match(await verdict.textContent(), /^Right\. The search stopped at index 583.*belongs to cache1:6379\./);
  assert.equal(await card.locator('button.right').textContent(), 'cache1:6379');
  assert.ok(await card.getByRole('button', { name: 'cache2:6379' }).isDisabled(), 'one pick only');
  await card.getByRole('button', { name: 'Show step 8' }).click();
  assert.equal(await counter(page), `Step 8 of ${total}`);
  assert.match(await page.textContent('.narration'), /"user:0" belongs to cache1:6379/);
  assert.equal(await page.locator('.quiz').count(), 0, 'the card belongs to step 7');
  // A wrong pick is marked and explained too.
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  assert.equal(await counter(page), `Step 10 of ${total}`);
  await card.getByRole('button', { name: 'cache1:6379' }).click();
  assert.match(await card.getByRole('status').textContent(), /^Not quite\. .*belongs to cache4:6379/);
  assert.equal(await card.locator('button.wrong').textContent(), 'cache1:6379');
  assert.equal(await card.locator('button.right').textContent(), 'cache4:6379');
  // With quiz=0 no card is shown and playback runs through.
  await open(page, '#/lab/hash-ring?quiz=0&step=7', '.counter');
  assert.equal(await counter(page), `Step 7 of ${total}`);
  assert.equal(await page.locator('.quiz').count(), 0);
  await page.getByRole('button', { name: 'Step forward' }).click();
  assert.equal(await counter(page), `Step 8 of ${total}`);
  page.assertClean();
  await page.closeAll();
});
