// End-to-end: what a teacher takes away from a lab page. "Download scenario" writes the versioned
// JSON file of what is on screen and "Open scenario" brings it back at its step (a bad file is
// refused with its problems and the scenario on screen stays); "Save picture" gives a PNG of the
// step's drawing, and "Save SVG" an SVG where the drawing is all SVG.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, stop, strictPage, open, counter, BASE, SITE_ROOT } from './harness.mjs';

before(start);
after(stop);

async function downloaded(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
}

test('a scenario file round-trips, and a bad one is refused', async () => {
  const page = await strictPage();
  await open(page, '#/lab/hash-ring?servers=5&seed=3&a=add:cache9:6379&step=3', '.counter');
  const file = await downloaded(page, () => page.click('text=Download scenario'));
  assert.match(file.name, /^hash-ring-seed3-step3\.json$/);
  const json = JSON.parse(file.bytes.toString('utf8'));
  assert.equal(json.format, 'sdp-scenario');
  assert.equal(json.version, 1);
  assert.equal(json.lab, 'hash-ring');
  assert.equal(json.seed, 3);
  assert.equal(json.params.servers, '5');
  assert.deepEqual(json.actions, ['add:cache9:6379']);
  assert.equal(json.step, 3);

  // Somewhere else, then open the file: the same scenario at the same step.
  await open(page, '#/lab/hash-ring?servers=7&seed=9', '.counter');
  await page.setInputFiles('.scenario-files input[type=file]', { name: 'x.json', mimeType: 'application/json', buffer: file.bytes });
  await page.waitForFunction(() => location.hash.includes('seed=3'));
  await page.waitForSelector('.counter');
  assert.match(await counter(page), /^Step 3 of/);
  assert.match(page.url(), /servers=5/);
  assert.match(decodeURIComponent(page.url()), /a=add:cache9:6379/);

  // A bad value, another lab's file, and junk: refused, with the field; the URL stays.
  const before = page.url();
  const bad = { ...json, params: { ...json.params, servers: '-4' } };
  await page.setInputFiles('.scenario-files input[type=file]', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await page.waitForSelector('.scenario-files [role=alert]');
  assert.match(await page.textContent('.scenario-files [role=alert]'), /servers/);
  const other = { ...json, lab: 'geohash' };
  await page.setInputFiles('.scenario-files input[type=file]', { name: 'o.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) });
  await page.waitForFunction(() => document.querySelector('.scenario-files [role=alert]')?.textContent.includes('geohash'));
  await page.setInputFiles('.scenario-files input[type=file]', { name: 'j.json', mimeType: 'application/json', buffer: Buffer.from('{not json') });
  await page.waitForFunction(() => document.querySelector('.scenario-files [role=alert]')?.textContent.includes('not JSON'));
  assert.equal(page.url(), before);
  assert.match(await counter(page), /^Step 3 of/);
  page.assertClean();
  await page.closeAll();
});

test('save picture gives a PNG of the step, and SVG where the drawing is SVG', async () => {
  const page = await strictPage();
  await open(page, '#/lab/hash-ring?servers=4&step=2', '.counter');
  const png = await downloaded(page, () => page.click('text=Save picture (PNG)'));
  assert.equal(png.name, 'hash-ring-step2.png');
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.bytes.length > 5000, `${png.bytes.length} bytes`);
  // The PNG's size: as wide as the widest drawing (at least 640 CSS px) at the device's pixel ratio.
  const width = png.bytes.readUInt32BE(16);
  assert.ok(width >= 640, `width ${width}`);

  // A lab drawn in SVG only (the locks timeline) saves an SVG with the caption.
  await open(page, '#/lab/locks?step=3', '.counter');
  const svg = await downloaded(page, () => page.click('text=Save SVG'));
  const text = svg.bytes.toString('utf8');
  assert.match(text, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(text, /step 3 of \d+/);
  assert.ok(text.length > 2000);
  page.assertClean();
  await page.closeAll();
});

test('pages run under the Content Security Policy the build writes; oEmbed is discoverable', async () => {
  const csp = readFileSync(join(SITE_ROOT, new URL(BASE).pathname, 'csp.txt'), 'utf8').trim();
  assert.doesNotMatch(csp, /'unsafe-eval'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  const page = await strictPage();
  // The page itself is served with the policy (a violation is a console error: the test fails).
  await page.route(url => url.pathname === new URL(BASE).pathname, async route => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
  });
  await open(page, '#/lab/hash-ring?step=2', '.counter');
  await page.click('button[aria-label="Step forward"]');
  await page.waitForFunction(() => document.querySelector('.counter').textContent.startsWith('Step 3 of'));
  // The teacher's tools run under the policy too (a module import, a data: image for SVG parts).
  const png = await downloaded(page, () => page.click('text=Save picture (PNG)'));
  assert.ok(png.bytes.length > 5000);
  await open(page, '#/', '.lab-index');
  const html = await (await fetch(BASE)).text();
  // The release build minifies index.html: attributes in any order, quotes dropped.
  const link = /<link [^>]*type="?application\/json\+oembed"?[^>]*>/.exec(html)?.[0] ?? '';
  assert.match(link, /rel="?alternate"?/);
  assert.match(link, /href="?oembed\.json"?/);
  const oembed = await (await fetch(BASE + 'oembed.json')).json();
  assert.equal(oembed.version, '1.0');
  assert.equal(oembed.type, 'rich');
  assert.match(oembed.html, /^<iframe src="[^"]*#\/labs\?embed=1"/);
  page.assertClean();
  await page.closeAll();
});
