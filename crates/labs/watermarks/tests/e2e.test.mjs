// End-to-end: the watermarks and windows lab (#/lab/watermarks) against the release build
// served from a sub-path: the player, keyboard, URL state with an injected event, embed mode,
// bad URLs, the injection form, window types, and the checkpoint and backpressure modes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, stop, strictPage, open, counter, stepOf, BASE, checkPlayerKeys } from '../../../../tests/e2e/harness.mjs';

before(start);
after(stop);

const LAB = '#/lab/watermarks';
const plotLabel = page => page.getAttribute('.watermarks-plot canvas.watermarks-canvas', 'aria-label');
const bandsLabel = page => page.getAttribute('.watermarks-windows canvas', 'aria-label');
const canvasPixels = (page, selector) => page.evaluate(s => document.querySelector(s).toDataURL(), selector);

test('steps forward and back with the buttons; the plot and the URL follow', async () => {
  const page = await strictPage();
  // quiz=0: playing through should not stop at the predict-then-run questions.
  await open(page, `${LAB}?quiz=0`, '.watermarks-plot canvas');
  const [k0, total] = stepOf(await counter(page));
  assert.equal(k0, 1);
  assert.ok(total > 40, `trace has ${total} steps`);
  const label1 = await plotLabel(page);
  assert.match(label1, /0 of 49 events arrived/);
  const pixels1 = await canvasPixels(page, '.watermarks-plot canvas.watermarks-canvas');
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Step forward' }).click();
  assert.equal(await counter(page), `Step 4 of ${total}`);
  assert.match(page.url(), /step=4/);
  assert.match(await plotLabel(page), /3 of 49 events arrived/);
  assert.notEqual(await canvasPixels(page, '.watermarks-plot canvas.watermarks-canvas'), pixels1, 'the plot was redrawn');
  assert.match(await page.textContent('.narration'), /Event #3 \(key A, P0\)/);
  await page.getByRole('button', { name: 'Step back' }).click();
  assert.equal(await counter(page), `Step 3 of ${total}`);
  assert.match(await plotLabel(page), /2 of 49 events arrived/);
  // Play to the end at the top speed: every window fires on the final watermark.
  await page.selectOption('select[aria-label="Speed"]', { label: '8×' });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(t => document.querySelector('.counter').textContent === `Step ${t} of ${t}`, total, { timeout: 30000 });
  assert.match(await page.textContent('.narration'), /End of input/);
  assert.match(await bandsLabel(page), /final watermark \+∞/);
  page.assertClean();
  await page.closeAll();
});

test('keyboard: arrows, End, Home; no shortcuts while typing an event time', async () => {
  const page = await strictPage();
  await open(page, LAB, '.counter');
  await checkPlayerKeys(page, '#watermarks-inject-time');
  page.assertClean();
  await page.closeAll();
});

test('an injected event arrives at the step on screen, and a reload restores it exactly', async () => {
  const page = await strictPage();
  await open(page, `${LAB}?step=20`, '.counter');
  const [k, before] = stepOf(await counter(page));
  assert.equal(k, 20);
  await page.fill('#watermarks-inject-time', '10:00:01');
  await page.selectOption('#watermarks-inject-key', '1');
  await page.getByRole('button', { name: 'Inject event' }).click();
  await page.waitForFunction(b => document.querySelector('.counter').textContent.endsWith(`of ${b + 1}`), before);
  await page.waitForFunction(() => document.querySelector('.counter').textContent.startsWith('Step 21 '));
  const narration = await page.textContent('.narration');
  assert.match(narration, /\(key B, P0, injected\) with event time 10:00:01 arrives at 10:00:11\.434: late/);
  assert.match(page.url(), /a=10%3A00%3A01%4010%3A00%3A11\.434%2F0%2FB%2F1/);
  assert.match(await page.textContent('.watermarks-inject'), /Injected so far.*10:00:01@10:00:11\.434\/0\/B\/1/);
  await page.keyboard.press('ArrowRight');
  const shown = {
    counter: await counter(page), narration: await page.textContent('.narration'),
    metrics: await page.textContent('.metrics'), plot: await plotLabel(page), bands: await bandsLabel(page),
    results: await page.textContent('.watermarks-results'),
  };
  await page.reload();
  await page.waitForSelector('.watermarks-plot canvas');
  assert.deepEqual({
    counter: await counter(page), narration: await page.textContent('.narration'),
    metrics: await page.textContent('.metrics'), plot: await plotLabel(page), bands: await bandsLabel(page),
    results: await page.textContent('.watermarks-results'),
  }, shown);
  page.assertClean();
  await page.closeAll();
});

test('a malformed injected timestamp gives a clear message and keeps the text', async () => {
  const page = await strictPage();
  await open(page, `${LAB}?step=10`, '.counter');
  const before = await counter(page);
  const url = page.url();
  for (const [typed, message] of [
    ['10:6x:00', '“10:6x:00” is not a time; expected HH:MM:SS'],
    ['10:00', '“10:00” is not a time'],
    ['10:61:00', 'minutes and seconds must be 00–59'],
    ['', 'empty time'],
  ]) {
    await page.fill('#watermarks-inject-time', typed);
    await page.press('#watermarks-inject-time', 'Enter');
    await page.getByText(message).waitFor();
    assert.equal(await page.inputValue('#watermarks-inject-time'), typed, 'the text is kept');
    assert.equal(await page.getAttribute('#watermarks-inject-time', 'aria-invalid'), 'true');
  }
  assert.equal(await counter(page), before, 'nothing was injected');
  assert.equal(page.url(), url);
  // A bad value is refused the same way.
  await page.fill('#watermarks-inject-time', '10:00:03');
  await page.fill('#watermarks-inject-value', 'lots');
  await page.getByRole('button', { name: 'Inject event' }).click();
  await page.getByText('Value: must be a whole number between 1 and 1000 (got “lots”)').waitFor();
  assert.equal(await counter(page), before);
  page.assertClean();
  await page.closeAll();
});

test('switching the window type changes the bands', async () => {
  const page = await strictPage();
  await open(page, `${LAB}?step=35`, '.watermarks-windows canvas');
  assert.match(await bandsLabel(page), /tumbling 5 s/);
  const tumbling = await canvasPixels(page, '.watermarks-windows canvas');
  await page.selectOption('#watermarks-window', 'sliding');
  await page.waitForFunction(() => /sliding 5 s every 1 s/.test(document.querySelector('.watermarks-windows canvas').getAttribute('aria-label')));
  assert.match(page.url(), /window=sliding/);
  assert.match(await page.textContent('.watermarks-windows h3'), /sliding 5 s every 1 s/);
  await page.getByLabel('Slide (ms)').waitFor();
  assert.notEqual(await canvasPixels(page, '.watermarks-windows canvas'), tumbling);
  await page.selectOption('#watermarks-window', 'session');
  await page.waitForFunction(() => /session, gap 2 s/.test(document.querySelector('.watermarks-windows canvas').getAttribute('aria-label')));
  await page.getByLabel('Session gap (ms)').waitFor();
  assert.match(await page.textContent('.watermarks-compare'), /Sessions are cut by gaps/);
  // A slide that does not divide the size is refused with the rule, and nothing else is lost.
  await page.selectOption('#watermarks-window', 'sliding');
  await page.getByLabel('Slide (ms)').waitFor();
  await page.fill('[id="field-slide-(ms)"]', '3000');
  await page.press('[id="field-slide-(ms)"]', 'Enter');
  await page.getByText(/3000 does not divide the size 5000/).waitFor();
  page.assertClean();
  await page.closeAll();
});

test('the two kinds of lateness are separate controls, labelled as such', async () => {
  const page = await strictPage();
  await open(page, LAB, '.counter');
  await page.getByText('uses one word, “allowed lateness”, for both').waitFor();
  await page.fill('[id="field-out-of-orderness-bound-(ms)"]', '0');
  await page.press('[id="field-out-of-orderness-bound-(ms)"]', 'Enter');
  await page.waitForFunction(() => /bound=0/.test(location.hash));
  assert.match(page.url(), /lateness=4000/);
  await page.fill('[id="field-allowed-lateness-after-firing-(ms)"]', '0');
  await page.press('[id="field-allowed-lateness-after-firing-(ms)"]', 'Enter');
  await page.waitForFunction(() => /lateness=0/.test(location.hash));
  assert.match(page.url(), /bound=0/);
  // Both idle policies are offered by name.
  const policies = await page.locator('#watermarks-policy option').allTextContents();
  assert.ok(policies.some(p => /advance to processing time \(the document\)/.test(p)), policies.join());
  assert.ok(policies.some(p => /exclude idle partitions from the minimum/.test(p)), policies.join());
  await page.selectOption('#watermarks-policy', 'exclude');
  await page.waitForFunction(() => /policy=exclude/.test(location.hash));
  await page.keyboard.press('End');
  assert.match(await page.textContent('.watermarks-plot figcaption'), /excluded from the minimum/);
  page.assertClean();
  await page.closeAll();
});

test('junk in the URL shows a message and falls back to defaults', async () => {
  const page = await strictPage();
  await open(page, `${LAB}?window=round&size=-5&partitions=99&a=10:6x:00@10:00:20&step=zzz`, '.counter');
  const messages = await page.textContent('.messages');
  assert.match(messages, /window: must be tumbling, sliding or session \(got round\)/);
  assert.match(messages, /size: must be between 1 and 86400000 \(got -5\)/);
  assert.match(messages, /partitions: must be between 1 and 16 \(got 99\)/);
  assert.match(messages, /a\[0\]: event time: “10:6x:00” is not a time.*dropped/);
  assert.match(messages, /step: must be a whole number/);
  assert.equal(stepOf(await counter(page))[0], 1);
  assert.match(await bandsLabel(page), /tumbling 5 s/);
  await open(page, `${LAB}?mode=warp`, '.messages');
  assert.match(await page.textContent('.messages'), /mode: must be watermarks, checkpoint or backpressure \(got warp\)/);
  page.assertClean();
  await page.closeAll();
});

test('embed mode shows only the lab and the player, at the same step', async () => {
  const page = await strictPage({ viewport: { width: 640, height: 800 } });
  await open(page, `${LAB}?step=12`, '.embed textarea');
  await page.keyboard.press('ArrowRight');
  const snippet = await page.inputValue('.embed textarea');
  const src = /src="([^"]+)"/.exec(snippet)[1];
  assert.ok(src.startsWith(BASE), src);
  assert.match(src, /embed=1/);
  assert.match(src, /step=13/);
  assert.match(src, /a=10%3A00%3A02%4010%3A00%3A20/, 'the default injected event is part of the link');
  await page.goto(src);
  await page.waitForSelector('.watermarks-plot canvas');
  assert.equal(await page.locator('.site-header').count(), 0);
  assert.equal(await page.locator('.lab-controls').count(), 0);
  assert.equal(stepOf(await counter(page))[0], 13);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 640, `no horizontal scroll in a 640 px iframe (scrollWidth ${width})`);
  page.assertClean();
  await page.closeAll();
});

test('checkpoint mode: barriers, alignment buffer, failure and replay, sink outputs', async () => {
  const page = await strictPage();
  await open(page, LAB, '#watermarks-mode');
  await page.selectOption('#watermarks-mode', 'checkpoint');
  await page.waitForSelector('.watermarks-ck svg');
  assert.match(page.url(), /mode=checkpoint/);
  await page.getByText('injected events apply only in mode=watermarks; dropped').waitFor();
  // Tick 19: barrier 2 is being aligned; tick 29: the failure.
  for (let i = 0; i < 19; i++) await page.keyboard.press('ArrowRight');
  assert.match(await page.getAttribute('.watermarks-ck svg', 'aria-label'), /blocked: alignment buffer/);
  await page.getByText(/blocked: alignment buffer \(\d+\)/).waitFor();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.watermarks-failure'), /Failure at tick 29.*restores checkpoint 2/);
  assert.match(await page.textContent('.watermarks-store'), /aborted at tick 29/);
  assert.match(await page.textContent('.watermarks-results'), /rolled back at tick 29/);
  await page.keyboard.press('End');
  assert.match(await page.textContent('.watermarks-store'), /completed/);
  await page.selectOption('#watermarks-align', 'unaligned');
  await page.waitForFunction(() => /align=unaligned/.test(location.hash));
  page.assertClean();
  await page.closeAll();
});

test('backpressure mode: buffers fill, credits run out and flow back, lag grows', async () => {
  const page = await strictPage();
  await open(page, `${LAB}?mode=backpressure&step=25`, '.watermarks-bp svg');
  const label = await page.getAttribute('.watermarks-bp svg', 'aria-label');
  assert.match(label, /Tick 24: topic lag \d+ records; the Source read \d+ and is blocked for lack of credits/);
  assert.match(label, /Credits returned this tick/);
  assert.match(await page.textContent('.watermarks-bp'), /credit.* back/);
  await page.keyboard.press('Home');
  assert.match(await page.getAttribute('.watermarks-bp svg', 'aria-label'), /^Tick 0: topic lag 0 records/);
  await page.fill('[id="field-buffers-per-receiver-(credits)"]', '2');
  await page.press('[id="field-buffers-per-receiver-(credits)"]', 'Enter');
  await page.waitForFunction(() => /buffers=2/.test(location.hash));
  page.assertClean();
  await page.closeAll();
});

test('usable on a phone in dark mode: no horizontal scroll in any mode', async () => {
  const page = await strictPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', hasTouch: true, isMobile: true });
  for (const q of ['?step=30', '?mode=checkpoint&step=20', '?mode=backpressure&step=25', '?window=sliding&partitions=16&step=40']) {
    await open(page, LAB + q, '.counter');
    await page.waitForTimeout(100);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `${q}: no horizontal scroll on a phone (scrollWidth ${width})`);
  }
  await open(page, `${LAB}?step=30`, '.counter');
  await page.getByRole('button', { name: 'Step forward' }).tap();
  assert.equal(stepOf(await counter(page))[0], 31);
  // Tapping an event shows its details.
  const box = await page.locator('.watermarks-plot canvas.watermarks-canvas').boundingBox();
  await page.locator('.watermarks-plot canvas.watermarks-canvas').tap({ position: { x: box.width / 2, y: box.height / 3 } });
  assert.ok((await page.textContent('.watermarks-hover')).length > 10);
  page.assertClean();
  await page.closeAll();
});
