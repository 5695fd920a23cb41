// End-to-end: the locks lab against the release build served from a sub-path: every mode,
// stepping, the keyboard, the generated form, a pause added by hand, reload, embed, a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, stop, strictPage, open, counter, stepOf, checkPlayerKeys } from '../../../../tests/e2e/harness.mjs';

before(start);
after(stop);

test('fencing opens on the source example: 42, the pause, 43, the stale write rejected', async () => {
  const page = await strictPage();
  await open(page, '#/lab/locks', '.counter');
  await page.waitForFunction(() => location.hash === '' || location.hash.includes('lab/locks'));
  await page.selectOption('#lk-mode', 'redis');
  await page.waitForFunction(() => location.hash.includes('mode=redis'));
  await page.selectOption('#lk-mode', 'fencing');
  await page.waitForFunction(() => location.hash.includes('mode=fencing') && location.hash.includes('a=pause'));
  assert.match(await page.textContent('.narration'), /token counter at 41/);
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.narration'), /A acquires resource-123: token 42/);
  await page.keyboard.press('ArrowLeft');
  assert.equal(stepOf(await counter(page))[0], 1);
  await page.keyboard.press('End');
  await page.waitForSelector('.lk-summary');
  assert.match(await page.textContent('.narration'), /rejected 3/);
  assert.equal(await page.locator('.lk-timeline .w.rejected').count(), 3);
  const [, total] = stepOf(await counter(page));
  await open(page, `#/lab/locks?mode=fencing&a=pause:A@2:33&step=${total - 4}`, '.counter');
  assert.match(await page.textContent('.narration'), /rejects “stale token” \(42 < 43\)/);
  page.assertClean();
  await page.closeAll();
});

test('player keys, and no shortcuts while typing', async () => {
  const page = await strictPage();
  await open(page, '#/lab/locks?mode=fencing&a=pause:A@2:33', '.counter');
  await checkPlayerKeys(page, '#lk-ttl');
  page.assertClean();
  await page.closeAll();
});

test('a pause added by hand, and reload restores it down to the step', async () => {
  const page = await strictPage();
  await open(page, '#/lab/locks?mode=fencing&clients=3', '.counter');
  await page.fill('#lk-pause-client', 'A');
  await page.fill('#lk-pause-at', '2');
  await page.fill('#lk-pause-len', '40');
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.waitForFunction(() => location.hash.includes('a=pause%3AA%402%3A40'));
  await page.keyboard.press('End');
  await page.waitForSelector('.lk-summary');
  await page.keyboard.press('ArrowLeft');
  const shown = { counter: await counter(page), narration: await page.textContent('.narration') };
  await page.reload();
  await page.waitForSelector('.lk-timeline');
  assert.deepEqual({ counter: await counter(page), narration: await page.textContent('.narration') }, shown);
  await page.fill('#lk-pause-client', 'F');
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.waitForSelector('.lk-action .field-error');
  assert.match(await page.textContent('.lk-action .field-error'), /A–C/);
  page.assertClean();
  await page.closeAll();
});

test('redis: the bare DEL frees another client’s lock, the Lua release does not', async () => {
  const page = await strictPage();
  await open(page, '#/lab/locks?mode=redis&release=unsafe&a=pause:A@2:33', '.counter');
  await page.keyboard.press('End');
  await page.waitForSelector('.lk-summary');
  assert.match(await page.textContent('.narration'), /2 release\(s\) deleted another client's lock/);
  await page.selectOption('#lk-release', 'checked');
  await page.waitForFunction(() => location.hash.includes('release=checked'));
  await page.keyboard.press('End');
  await page.waitForSelector('.lk-summary');
  assert.match(await page.textContent('.narration'), /No client released a lock it did not hold/);
  page.assertClean();
  await page.closeAll();
});

test('a refused value keeps the URL and names the range', async () => {
  const page = await strictPage();
  await open(page, '#/lab/locks?mode=redis', '.counter');
  const url = page.url();
  await page.fill('#lk-clients', '9');
  await page.press('#lk-clients', 'Enter');
  await page.locator('#lk-clients').blur();
  await page.waitForSelector('.fields-form .field-error');
  assert.match(await page.textContent('.fields-form .field-error'), /clients: .*6/);
  assert.equal(page.url(), url);
  page.assertClean();
  await page.closeAll();
});

test('optimistic: both read v1, B conflicts and retries to v3; without the check an update is lost', async () => {
  const page = await strictPage();
  await open(page, '#/lab/locks?mode=optimistic', '.counter');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.narration'), /B writes with v1: 0 rows/);
  await page.keyboard.press('End');
  await page.waitForSelector('.lk-summary');
  assert.match(await page.textContent('.lk-row'), /available_seats 8, version v3/);
  await page.selectOption('#lk-check', 'none');
  await page.waitForFunction(() => location.hash.includes('check=none'));
  await page.keyboard.press('End');
  await page.waitForSelector('.lk-summary');
  assert.match(await page.textContent('.narration'), /1 update\(s\) lost/);
  page.assertClean();
  await page.closeAll();
});

test('redlock: the worked example, the paused write, and the clock jump that breaks it', async () => {
  const page = await strictPage();
  await open(page, '#/lab/locks?mode=fencing', '.counter');
  await page.selectOption('#lk-mode', 'redlock');
  await page.waitForFunction(() => location.hash.includes('mode=redlock') && location.hash.includes('a=pause'));
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.narration'), /validity 30,000 − 50 − 302 = 29,648 ms/);
  assert.equal(await page.locator('.lk-master').count(), 5);
  await page.keyboard.press('End');
  await page.waitForSelector('.lk-summary');
  assert.match(await page.textContent('.narration'), /no two were valid at the same time.*paused past its validity/);
  await page.getByRole('link', { name: 'clock jump breaks it' }).click();
  await page.waitForFunction(() => location.hash.includes('jump'));
  await page.keyboard.press('End');
  await page.waitForSelector('.lk-summary.lk-broken');
  assert.match(await page.textContent('.narration'), /Two valid Redlocks at once: A/);
  await page.fill('#lk-action-text', 'crash:M7@0:10');
  await page.getByRole('button', { name: 'Add' }).click();
  await page.waitForSelector('.lk-action .field-error');
  assert.match(await page.textContent('.lk-action .field-error'), /M1–M5/);
  page.assertClean();
  await page.closeAll();
});

test('renewal: BOOKING_IN_PROGRESS after 100 ms × 3, the watchdog, and the write after the lapse', async () => {
  const page = await strictPage();
  await open(page, '#/lab/locks?mode=fencing', '.counter');
  await page.selectOption('#lk-mode', 'renewal');
  await page.waitForFunction(() => location.hash.includes('mode=renewal'));
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.narration'), /BOOKING_IN_PROGRESS/);
  await page.keyboard.press('End');
  await page.waitForSelector('.lk-summary');
  assert.match(await page.textContent('.narration'), /1 of \d+ writes came after the writer's lease lapsed/);
  await page.getByRole('link', { name: 'network cut, A stops' }).click();
  await page.waitForFunction(() => location.hash.includes('cut'));
  await page.keyboard.press('End');
  await page.waitForSelector('.lk-summary');
  assert.match(await page.textContent('.narration'), /All \d+ writes were made holding the lock/);
  page.assertClean();
  await page.closeAll();
});

test('claims: one row wins; read-then-write claims the job twice', async () => {
  const page = await strictPage();
  await open(page, '#/lab/locks?mode=claims', '.counter');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.narration'), /0 rows: already claimed by W1/);
  await page.keyboard.press('End');
  await page.waitForSelector('.lk-summary');
  assert.match(await page.textContent('.lk-summary'), /claimed twice: 0/);
  await page.selectOption('#lk-claim', 'naive');
  await page.waitForFunction(() => location.hash.includes('claim=naive'));
  await page.keyboard.press('End');
  await page.waitForSelector('.lk-summary.lk-broken');
  assert.equal(await page.locator('.lk-jobs tr.double').count(), 1);
  page.assertClean();
  await page.closeAll();
});

test('bookings: four layers hold; each alone, all off, and the seat hold', async () => {
  const page = await strictPage();
  await open(page, '#/lab/locks?mode=bookings', '.counter');
  await page.keyboard.press('End');
  await page.waitForSelector('.lk-summary');
  assert.match(await page.textContent('.narration'), /No night was booked twice/);
  await page.selectOption('#lk-serializable', 'off');
  await page.waitForFunction(() => location.hash.includes('serializable=off'));
  await page.keyboard.press('End');
  await page.waitForSelector('.lk-summary');
  assert.match(await page.textContent('.narration'), /No night was booked twice/);
  await page.getByRole('link', { name: 'all off' }).click();
  await page.waitForFunction(() => location.hash.includes('version=off'));
  await page.keyboard.press('End');
  await page.waitForSelector('.lk-summary.lk-broken');
  assert.match(await page.textContent('.narration'), /Double booking: Dec 15, Dec 16/);
  await page.getByRole('link', { name: 'only 1: the lock' }).click();
  await page.waitForFunction(() => location.hash.includes('lock=on') || !location.hash.includes('lock=off'));
  await page.keyboard.press('End');
  await page.waitForSelector('.lk-summary.lk-broken');
  assert.match(await page.textContent('.narration'), /Double booking: Dec 16 /);
  await page.getByRole('link', { name: 'hold, unchecked confirm' }).click();
  await page.waitForFunction(() => location.hash.includes('flow=hold'));
  await page.keyboard.press('End');
  await page.waitForSelector('.lk-summary.lk-broken');
  assert.match(await page.textContent('.narration'), /Seat 12A booked 2 times/);
  page.assertClean();
  await page.closeAll();
});

test('embed mode, and a phone in dark mode', async () => {
  const page = await strictPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true, hasTouch: true });
  await open(page, '#/lab/locks?mode=fencing&a=pause:A@2:33&embed=1&step=3', '.counter');
  assert.equal(await page.locator('.fields-form').count(), 0);
  assert.equal(await page.locator('form.lk-action').count(), 0);
  assert.equal(stepOf(await counter(page))[0], 3);
  await page.getByRole('button', { name: 'Step forward' }).tap();
  assert.equal(stepOf(await counter(page))[0], 4);
  for (const q of ['mode=fencing&a=pause:A@2:33', 'mode=redis&a=pause:A@2:33', 'mode=optimistic&clients=8',
    'mode=redlock&masters=9&clients=4&a=pause:A@1000:56000', 'mode=renewal&contenders=3&a=pause:A@25:40',
    'mode=claims&workers=8&jobs=20', 'mode=bookings&bookers=4', 'mode=bookings&flow=hold&bookers=4']) {
    await open(page, `#/lab/locks?${q}&embed=1`, '.counter');
    await page.keyboard.press('End');
    await page.waitForTimeout(50);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(w <= 390, `${q}: no horizontal scroll on a phone (scrollWidth ${w})`);
  }
  page.assertClean();
  await page.closeAll();
});
