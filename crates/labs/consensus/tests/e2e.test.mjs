// End-to-end: the consensus lab against the release build served from a sub-path: every mode,
// stepping, the keyboard, the generated form, the Raft buttons, a preset, reload, embed, a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, stop, strictPage, open, counter, stepOf, checkPlayerKeys } from '../../../../tests/e2e/harness.mjs';

before(start);
after(stop);

test('raft opens on the seeded timers, elects a leader and ends on the safety verdict', async () => {
  const page = await strictPage();
  await open(page, '#/lab/consensus', '.counter');
  assert.match(await page.textContent('.narration'), /Election timers drawn from 300–600 ms/);
  assert.equal(await page.locator('.cs-ring .cs-node').count(), 5);
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.narration'), /election timer fires: candidate for term 1/);
  await page.keyboard.press('End');
  await page.waitForSelector('.cs-summary.ok');
  assert.match(await page.textContent('.narration'), /Safety held at every step/);
  assert.ok(await page.locator('.cs-logs td.committed').count() > 0);
  page.assertClean();
  await page.closeAll();
});

test('player keys, and no shortcuts while typing', async () => {
  const page = await strictPage();
  await open(page, '#/lab/consensus?mode=raft', '.counter');
  await checkPlayerKeys(page, '#cs-servers');
  page.assertClean();
  await page.closeAll();
});

test('the crash button crashes the leader after the step shown, and reload restores it', async () => {
  const page = await strictPage();
  await open(page, '#/lab/consensus?mode=raft&servers=3', '.counter');
  for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
  await page.fill('#cs-act-server', 'L');
  await page.click('button.cs-crash');
  await page.waitForFunction(() => location.hash.includes('a=crash%3AL%40'));
  assert.match(await page.textContent('.narration'), /crashes \(its term, vote and log stay on disk\)/);
  assert.equal(await page.locator('.cs-ring .cs-node.down').count(), 1);
  const shown = { counter: await counter(page), narration: await page.textContent('.narration') };
  await page.reload();
  await page.waitForSelector('.cs-ring');
  assert.deepEqual({ counter: await counter(page), narration: await page.textContent('.narration') }, shown);
  await page.fill('#cs-act-server', 'S7');
  await page.click('button.cs-crash');
  await page.waitForSelector('.cs-action .field-error');
  assert.match(await page.textContent('.cs-action .field-error'), /S1–S3/);
  page.assertClean();
  await page.closeAll();
});

test('detectors: F0 suspects at 23 s and declares DEAD at 30 s; φ suspects first; F4 preset', async () => {
  const page = await strictPage();
  await open(page, '#/lab/consensus?mode=raft', '.counter');
  await page.selectOption('#cs-mode', 'detectors');
  await page.waitForFunction(() => location.hash.includes('mode=detectors'));
  assert.match(await page.textContent('.narration'), /φ\(1\.2 s\) = 1\.643/);
  await page.keyboard.press('End');
  await page.waitForSelector('.cs-summary');
  assert.match(await page.textContent('.narration'), /declared it DEAD 9\.5 s after the crash/);
  assert.equal(await page.locator('.cs-timeline .band.dead').count(), 1);
  await page.keyboard.press('ArrowLeft');
  assert.match(await page.textContent('.narration'), /t = 30 s: 10 s without a heartbeat/);
  await page.click('button.cs-f4');
  await page.waitForFunction(() => location.hash.includes('interval=5000') && location.hash.includes('check=10000'));
  await page.keyboard.press('End');
  await page.waitForSelector('.cs-summary');
  assert.match(await page.textContent('.narration'), /declared it DEAD 29\.999 s after the crash/);
  await page.click('button.cs-jittery');
  await page.waitForFunction(() => location.hash.includes('jitter=900'));
  await page.keyboard.press('End');
  await page.waitForSelector('.cs-summary');
  assert.doesNotMatch(await page.textContent('.narration'), /0 false suspicion\(s\) by the heartbeat detector, 0 by φ/);
  page.assertClean();
  await page.closeAll();
});

test('a refused value keeps the URL and names the range', async () => {
  const page = await strictPage();
  await open(page, '#/lab/consensus?mode=raft', '.counter');
  const url = page.url();
  await page.fill('#cs-servers', '9');
  await page.press('#cs-servers', 'Enter');
  await page.locator('#cs-servers').blur();
  await page.waitForSelector('.fields-form .field-error');
  assert.match(await page.textContent('.fields-form .field-error'), /servers: .*7/);
  assert.equal(page.url(), url);
  page.assertClean();
  await page.closeAll();
});

test('embed mode, and a phone in dark mode', async () => {
  const page = await strictPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true, hasTouch: true });
  await open(page, '#/lab/consensus?mode=raft&embed=1&step=3', '.counter');
  assert.equal(await page.locator('.fields-form').count(), 0);
  assert.equal(await page.locator('.cs-action').count(), 0);
  assert.equal(stepOf(await counter(page))[0], 3);
  await page.getByRole('button', { name: 'Step forward' }).tap();
  assert.equal(stepOf(await counter(page))[0], 4);
  for (const q of ['mode=raft&servers=7', 'mode=detectors', 'mode=detectors&jitter=900&loss=25', 'mode=two-phase&participants=8']) {
    await open(page, `#/lab/consensus?${q}&embed=1`, '.counter');
    await page.keyboard.press('End');
    await page.waitForTimeout(50);
    const w = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(w <= 390, `${q}: no horizontal scroll on a phone (scrollWidth ${w})`);
  }
  page.assertClean();
  await page.closeAll();
});

test('two-phase: all PREPARED commits; a crash after prepare blocks them holding locks; 3PC cut off splits', async () => {
  const page = await strictPage();
  await open(page, '#/lab/consensus?mode=raft', '.counter');
  await page.selectOption('#cs-mode', 'two-phase');
  await page.waitForFunction(() => location.hash.includes('mode=two-phase'));
  assert.match(await page.textContent('.narration'), /logs BEGIN/);
  await page.keyboard.press('End');
  await page.waitForSelector('.cs-summary.ok');
  assert.equal(await page.locator('.cs-2pc .cs-part.committed').count(), 3);
  await page.selectOption('#cs-crash', 'after-prepare');
  await page.waitForFunction(() => location.hash.includes('crash=after-prepare'));
  await page.selectOption('#cs-recover', 'no');
  await page.waitForFunction(() => location.hash.includes('recover=no'));
  await page.keyboard.press('End');
  await page.waitForSelector('.cs-summary');
  assert.match(await page.textContent('.narration'), /P1, P2, P3 still hold\(s\) the locks/);
  assert.equal(await page.locator('.cs-2pc .cs-part.prepared').count(), 3);
  await open(page, '#/lab/consensus?mode=two-phase&protocol=3pc&crash=mid-commit&cut=yes', '.counter');
  await page.keyboard.press('End');
  await page.waitForSelector('.cs-summary.bad');
  assert.match(await page.textContent('.narration'), /Atomicity broken/);
  page.assertClean();
  await page.closeAll();
});
