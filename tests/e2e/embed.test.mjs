// End-to-end: a lab embedded in a host page (static/embed-example.html, the documented
// example). The lab posts its size and every step, and a completion at the end of the locked
// range; the host seeks, plays and pauses by message; junk messages change nothing; the locked
// range holds against buttons and keys; the embed settings (controls, autoplay, loop) work and
// unknown parameters added by a course platform give no message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, stop, strictPage, open, stepOf, BASE } from './harness.mjs';

before(start);
after(stop);

/** The host page with its frame loaded; returns [page, frame]. */
async function host() {
  const page = await strictPage();
  await page.goto(`${BASE}embed-example.html`);
  const frame = page.frameLocator('#lab');
  await frame.locator('.counter').waitFor();
  return [page, frame];
}

const messages = (page, type) => page.evaluate(t => window.sdpMessages.filter(m => m && m.type === t), type);
const lastStep = async page => (await messages(page, 'sdp:step')).at(-1);
const send = (page, message) => page.evaluate(m => document.getElementById('lab').contentWindow.postMessage(m, '*'), message);

test('the embed tells the host its size and its steps, and the host sizes the frame', async () => {
  const [page, frame] = await host();
  await page.waitForFunction(() => window.sdpMessages.some(m => m.type === 'sdp:resize'));
  const resize = (await messages(page, 'sdp:resize')).at(-1);
  assert.ok(resize.height > 200, `height ${resize.height}`);
  const all = await page.evaluate(() => window.sdpMessages);
  assert.ok(all.some(m => m.subject === 'lti.frameResize' && m.height === resize.height), 'Canvas form');
  assert.ok(all.some(m => m.context === 'h5p' && m.action === 'hello'), 'H5P hello');
  assert.ok(all.some(m => m.context === 'h5p' && m.action === 'resize' && m.scrollHeight === resize.height), 'H5P resize');
  await page.waitForFunction(h => document.getElementById('lab').clientHeight === h, resize.height);
  // The locked range starts the player at step 2.
  const step = await lastStep(page);
  assert.deepEqual([step.lab, step.step], ['hash-ring', 2]);
  const [k, n] = stepOf(await frame.locator('.counter').textContent());
  assert.deepEqual([k, n], [2, step.of]);
  assert.equal(await frame.locator('.locked-range').textContent(), 'steps 2–6');
  page.assertClean();
  await page.closeAll();
});

test('the host seeks, plays and pauses by message; the range holds; junk does nothing', async () => {
  const [page, frame] = await host();
  await send(page, { type: 'sdp:seek', step: 4 });
  await page.waitForFunction(() => window.sdpMessages.filter(m => m.type === 'sdp:step').at(-1).step === 4);
  assert.equal(stepOf(await frame.locator('.counter').textContent())[0], 4);
  assert.equal((await messages(page, 'sdp:complete')).length, 0);

  // Past the range: clamped to its last step, which completes.
  await send(page, { type: 'sdp:seek', step: 999 });
  await page.waitForFunction(() => window.sdpMessages.some(m => m.type === 'sdp:complete'));
  const done = (await messages(page, 'sdp:complete'))[0];
  assert.equal(done.step, 6);

  for (const junk of ['sdp:seek', 42, null, { type: 'sdp:seek', step: 'x' }, { type: 'sdp:seek' },
    { type: 'sdp:nothing' }, { step: 1 }, [1, 2], { type: 'sdp:seek', step: -3 }]) {
    await send(page, junk);
  }
  await page.waitForTimeout(200);
  assert.equal((await lastStep(page)).step, 6, 'junk moved the player');
  assert.equal(stepOf(await frame.locator('.counter').textContent())[0], 6);

  // Buttons and keys stay inside the range.
  assert.ok(await frame.locator('button[aria-label="Step forward"]').isDisabled());
  await frame.locator('.player').click({ position: { x: 2, y: 2 } });
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowLeft');
  assert.equal(stepOf(await frame.locator('.counter').textContent())[0], 2);
  await page.keyboard.press('End');
  assert.equal(stepOf(await frame.locator('.counter').textContent())[0], 6);
  // Minimal controls: no scrub bar, no speed, no reset.
  assert.equal(await frame.locator('.scrub, select[aria-label="Speed"], button[aria-label="Reset"]').count(), 0);

  // Play from the end restarts at the range's first step; pause stops.
  await send(page, { type: 'sdp:play' });
  await page.waitForFunction(() => window.sdpMessages.filter(m => m.type === 'sdp:step').at(-1).step === 3);
  await send(page, { type: 'sdp:pause' });
  await page.waitForTimeout(1000);
  const paused = (await lastStep(page)).step;
  await page.waitForTimeout(1000);
  assert.equal((await lastStep(page)).step, paused, 'still playing after pause');
  page.assertClean();
  await page.closeAll();
});

test('embed settings: no controls, autoplay with loop, speed; platform parameters ignored', async () => {
  const page = await strictPage();
  await open(page, '#/lab/hash-ring?embed=1&from=1&to=3&controls=none&autoplay=1&loop=1&speed=8&lti_user_id=7&ext_roles=x', '.counter');
  assert.equal(await page.locator('.player button').count(), 0, 'controls=none shows no button');
  assert.equal(await page.locator('.messages').count(), 0, 'no message for platform parameters');
  // 8× plays 12 steps a second: within two seconds it has wrapped from 3 back to 1.
  const seen = new Set();
  for (let i = 0; i < 30; i++) {
    seen.add(stepOf(await page.locator('.counter').textContent())[0]);
    await page.waitForTimeout(60);
  }
  assert.deepEqual([...seen].sort(), [1, 2, 3], `steps seen: ${[...seen]}`);
  // Outside embed mode an unknown parameter is still reported.
  await open(page, '#/lab/hash-ring?lti_user_id=7', '.counter');
  assert.match(await page.textContent('main'), /lti_user_id: unknown parameter, ignored/);
  page.assertClean();
  await page.closeAll();
});

test('bad embed settings get messages and the player falls back', async () => {
  const page = await strictPage();
  await open(page, '#/lab/hash-ring?from=9&to=2&controls=tiny&speed=3&loop=maybe', '.counter');
  const text = await page.textContent('main');
  for (const m of [/from: 9 is after to=2/, /controls: must be full, min or none/, /speed: must be one of/, /loop: must be 1 or 0/]) {
    assert.match(text, m);
  }
  assert.equal(await page.locator('.scrub').count(), 1, 'full controls');
  page.assertClean();
  await page.closeAll();
});

test('a new random seed goes into the URL and the scenario reruns on it', async () => {
  const page = await strictPage();
  await open(page, '#/lab/hash-ring?seed=5', '.counter');
  assert.match(await page.textContent('.fresh-seed'), /Seed 5/);
  await page.click('.fresh-seed button');
  await page.waitForFunction(() => !/seed=5&|seed=5$/.test(location.hash));
  const seed = Number(/seed=(\d+)/.exec(page.url())[1]);
  assert.ok(Number.isSafeInteger(seed) && seed !== 5, `seed ${seed}`);
  assert.match(await page.textContent('.fresh-seed'), new RegExp(`Seed ${seed}`));
  await page.reload();
  await page.waitForSelector('.counter');
  assert.match(await page.textContent('.fresh-seed'), new RegExp(`Seed ${seed}`), 'the seed survives a reload');
  page.assertClean();
  await page.closeAll();
});
