// End-to-end: the geohash lab against the release build served from a sub-path. Encoding
// steps, the map (click, zoom, pan, keys, touch), reloads, embeds, the coastline asset, every
// mode's comparison, and bad input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, stop, strictPage, open, counter, stepOf, BASE, ORIGIN } from '../../../../tests/e2e/harness.mjs';

before(start);
after(stop);

const LAB = '#/lab/geohash';

/** An independent geohash encoder (bisection, longitude first, base 32). */
function encode(lat, lng, precision) {
  const B32 = '0123456789bcdefghjkmnpqrstuvwxyz';
  const lat_r = [-90, 90];
  const lng_r = [-180, 180];
  let even = true;
  let bits = 0;
  let ch = 0;
  let out = '';
  while (out.length < precision) {
    const r = even ? lng_r : lat_r;
    const v = even ? lng : lat;
    const mid = (r[0] + r[1]) / 2;
    if (v >= mid) { ch = ch * 2 + 1; r[0] = mid; } else { ch *= 2; r[1] = mid; }
    even = !even;
    if (++bits === 5) { out += B32[ch]; bits = 0; ch = 0; }
  }
  return out;
}

test('the JS reference encoder agrees with the catalogue vectors', () => {
  assert.equal(encode(37.7749, -122.4194, 6), '9q8yyk');
  assert.equal(encode(37.7749, -122.4194, 9), '9q8yyk8yt');
  assert.equal(encode(57.64911, 10.40744, 11), 'u4pruydqqvj');
});

/** Rounds like the app: 6 decimals, half away from zero. */
const round6 = v => { const r = Math.sign(v) * Math.round(Math.abs(v) * 1e6) / 1e6; return r === 0 ? 0 : r; };
const wrap = lng => ((((lng + 180) % 360) + 360) % 360) - 180;

/** The point under client pixel (cx, cy) of a map canvas, from its published projection. */
async function pointAt(page, canvas, fx, fy) {
  await canvas.scrollIntoViewIfNeeded();
  const { rect, view } = await canvas.evaluate(el => ({
    rect: el.getBoundingClientRect().toJSON(),
    view: el.getAttribute('data-view').split(',').map(Number),
  }));
  const cx = Math.round(rect.left + rect.width * fx);
  const cy = Math.round(rect.top + rect.height * fy);
  const [west, north, k] = view;
  const lat = round6(Math.min(90, Math.max(-90, north - (cy - rect.top) / k)));
  let lng = round6(wrap(west + (cx - rect.left) / k));
  if (lng >= 180) lng = -180;
  return { cx, cy, lat, lng };
}

async function mapView(canvas) {
  return canvas.getAttribute('data-view');
}

test('encoding runs one bit per step, a character every 5 bits, and decodes back to the box', async () => {
  const page = await strictPage();
  await open(page, LAB, '.geohash-chars');
  const [, total] = stepOf(await counter(page));
  assert.equal(total, 76);
  assert.match(await page.textContent('.narration'), /to 6 characters = 30 bits/);
  await page.getByRole('button', { name: 'Step forward' }).click();
  assert.match(await page.textContent('.narration'), /^Bit 1 \(longitude\): the midpoint of \[-180, 180\] is 0; -122.4194 < 0 → bit 0/);
  assert.equal(await page.locator('.geohash-bit.done').count(), 1);
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.narration'), /^Bit 2 \(latitude\)/);
  assert.equal(await page.locator('.geohash-axis.active figcaption').textContent().then(t => t.startsWith('Latitude')), true);
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await counter(page), 'Step 7 of 76');
  assert.match(await page.textContent('.narration'), /Bits 01001 = 9 → Base32 character '9'/);
  assert.equal(await page.textContent('.geohash-hash'), '9');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.textContent('.geohash-hash'), '—');
  // The encoding ends at step 38 with 9q8yyk; then the decode job of 9q8yyk runs back to the box.
  await page.keyboard.press('End');
  assert.equal(await counter(page), 'Step 76 of 76');
  assert.equal(await page.textContent('.geohash-hash'), '9q8yyk');
  const decoded = await page.textContent('.geohash-decoded');
  assert.match(decoded, /Latitude\[37\.7709960938, 37\.7764892578\]/);
  assert.match(decoded, /Longitude\[-122\.4206542969, -122\.4096679688\]/);
  await page.keyboard.press('Home');
  assert.equal(await counter(page), 'Step 1 of 76');
  page.assertClean();
  await page.closeAll();
});

test('a point dropped on the map shows the expected hash', async () => {
  const page = await strictPage();
  await open(page, `${LAB}?mode=encode&lat=10&lng=20&precision=7&seed=42`, 'canvas.geohash-canvas[data-view]');
  const before = stepOf(await counter(page))[1];
  const canvas = page.locator('canvas.geohash-canvas');
  for (const [fx, fy] of [[0.62, 0.35], [0.2, 0.7]]) {
    await page.keyboard.press('Home');
    const p = await pointAt(page, canvas, fx, fy);
    const n = stepOf(await counter(page))[1];
    await page.mouse.click(p.cx, p.cy);
    await page.waitForFunction(n => !document.querySelector('.counter').textContent.endsWith(`of ${n}`), n);
    assert.ok(page.url().includes(`a=pt%3A${p.lat}%2C${p.lng}`), `${page.url()} has the point ${p.lat},${p.lng}`);
    await page.keyboard.press('End');
    assert.equal(await page.textContent('.geohash-hash'), encode(p.lat, p.lng, 7), `hash of ${p.lat}, ${p.lng}`);
  }
  assert.equal(stepOf(await counter(page))[1], before + 2 * 44);
  page.assertClean();
  await page.closeAll();
});

test('the map zooms and pans by buttons, wheel, drag and keys without moving the player', async () => {
  const page = await strictPage();
  await open(page, `${LAB}?mode=neighbours&hash=u0b&precision=3&seed=42&step=10`, 'canvas.geohash-canvas[data-view]');
  const canvas = page.locator('canvas.geohash-canvas');
  const shown = await counter(page);
  const v0 = await mapView(canvas);
  const k = async () => Number((await mapView(canvas)).split(',')[2]);
  const k0 = await k();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  assert.ok(Math.abs(await k() / k0 - 2) < 1e-9, 'Zoom in doubles the scale');
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  assert.ok(Math.abs(await k() / k0 - 0.5) < 1e-9, 'Zoom out halves it');
  assert.equal(await page.getByRole('button', { name: 'Follow steps' }).getAttribute('aria-pressed'), 'false');
  await page.getByRole('button', { name: 'Follow steps' }).click();
  assert.equal(await mapView(canvas), v0, 'following the step restores its view');
  // Wheel zoom.
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -300);
  await page.waitForFunction(k0 => Number(document.querySelector('canvas.geohash-canvas').getAttribute('data-view').split(',')[2]) > k0 * 1.5, k0);
  // Drag pans (and is not a click: no point is added).
  const v1 = await mapView(canvas);
  await page.mouse.move(box.x + 100, box.y + 100);
  await page.mouse.down();
  await page.mouse.move(box.x + 160, box.y + 130, { steps: 5 });
  await page.mouse.up();
  const v2 = await mapView(canvas);
  assert.notEqual(v2, v1);
  const [w1, n1, kk] = v1.split(',').map(Number);
  const [w2, n2] = v2.split(',').map(Number);
  assert.ok(Math.abs((w1 - w2) * kk - 60) < 1.5 && Math.abs((n2 - n1) * kk - 30) < 1.5, `drag by (60, 30) px moves the view by ${(w1 - w2) * kk}, ${(n2 - n1) * kk}`);
  // Keys on the focused map pan and zoom; the player stays put.
  await canvas.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('+');
  assert.notEqual(await mapView(canvas), v2);
  assert.equal(await counter(page), shown, 'map keys do not step the player');
  // Grid precision and parent boundaries are controls too.
  await page.selectOption('select[aria-label="Grid precision"]', '9');
  await page.locator('.geohash-map-note').first().waitFor();
  assert.match(await page.textContent('.geohash-map-note'), /Precision-9 cells are under 4 px at this zoom/);
  await page.getByLabel('Parent cells').uncheck();
  page.assertClean();
  await page.closeAll();
});

test('a reload restores what was on screen, including typed and clicked actions', async () => {
  const page = await strictPage();
  await open(page, `${LAB}?mode=search&lat=37.7749&lng=-122.4194&radius=30&top=10&places=5000&dist=cities&seed=7`, 'canvas.geohash-canvas[data-view]');
  await page.getByRole('button', { name: 'London 8 km (prime meridian)' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.geohash-rule').length === 3 && /London|51\.5074/.test(document.querySelector('.geohash-summary').textContent));
  await page.fill('#geohash-act-lat', '-0.1807');
  await page.fill('#geohash-act-lng', '-78.4678');
  await page.fill('#geohash-act-radius', '15');
  await page.getByRole('button', { name: 'Search here' }).click();
  await page.waitForFunction(() => /\(-0\.1807, -78\.4678\)/.test(document.querySelector('.geohash-summary').textContent));
  assert.match(page.url(), /a=q%3A51\.5074%2C-0\.1278%2C8&a=q%3A-0\.1807%2C-78\.4678%2C15/);
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
  const snap = async () => ({
    counter: await counter(page),
    narration: await page.textContent('.narration'),
    panels: await page.locator('.geohash-rule').allTextContents(),
    metrics: await page.textContent('.metrics'),
    view: await page.locator('canvas.geohash-canvas').first().getAttribute('data-view'),
  });
  const shown = await snap();
  await page.reload();
  await page.waitForSelector('canvas.geohash-canvas[data-view]');
  await page.waitForFunction(v => document.querySelector('canvas.geohash-canvas').getAttribute('data-view') === v, shown.view);
  assert.deepEqual(await snap(), shown);
  page.assertClean();
  await page.closeAll();
});

test('every mode is reachable from the mode switcher and shows its comparison', async () => {
  const page = await strictPage();
  // The modes live in four bundles (MODE_BUNDLES): each is downloaded once, when a mode of
  // it first opens.
  const bundles = [];
  page.on('request', r => {
    const m = /\/(lab-geohash(?:--[a-z]+)?)-[0-9a-f]{16}_bg\.wasm$/.exec(r.url());
    if (m) bundles.push(m[1]);
  });
  await open(page, LAB, '.geohash-modes');
  assert.deepEqual(bundles, ['lab-geohash']);
  const link = name => page.locator('.geohash-modes a', { hasText: name });
  assert.equal(await page.locator('.geohash-modes a[aria-current="page"]').textContent(), 'Encode and decode');

  await link('Neighbours').click();
  await page.waitForSelector('.geohash-grid3');
  assert.match(page.url(), /mode=neighbours/);
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('.geohash-grid3.document td.wrong').count(), 5, 'five wrong cells in F4 §6 grid');
  assert.match(await page.textContent('.geohash-explain'), /prime meridian/);
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.geohash-disc'), /the equator/);

  await link('Cell sizes').click();
  await page.waitForSelector('.geohash-sizes');
  await page.keyboard.press('End');
  const sizes = await page.textContent('.geohash-sizes');
  assert.match(sizes, /~78 km cells/);
  assert.match(sizes, /✗ half a cell/);

  await link('Proximity search').click();
  await page.waitForSelector('.geohash-summary');
  await page.keyboard.press('End');
  await page.waitForSelector('.geohash-rule');
  const panels = await page.locator('.geohash-rule').allTextContents();
  assert.equal(panels.length, 3);
  assert.match(panels[0], /F0 thresholds · precision 5/);
  assert.match(panels[1], /F4 fixed precision 6 · precision 6/);
  assert.match(panels[2], /corrected · precision 4/);
  const missed = panels.map(t => Number(/missed([\d,]+) ✕/.exec(t)[1].replace(/,/g, '')));
  assert.ok(missed[0] > 0 && missed[1] > 0, `F0 and F4 miss points: ${missed}`);
  assert.equal(missed[2], 0, 'the corrected rule misses nothing');
  assert.match(panels[2], /recall100\.0%/);

  await link('Haversine').click();
  await page.waitForSelector('.geohash-formula');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.geohash-formula tr.current'), /559\.121 km/);

  await link('Geo-sharding').click();
  await page.waitForSelector('.geohash-rules.two .geohash-rule');
  await page.keyboard.press('End');
  assert.equal(await page.locator('.geohash-rules.two .geohash-rule').count(), 2);

  await link('Geohash cache').click();
  await page.waitForSelector('.geohash-cache');
  await page.keyboard.press('End');
  await page.waitForSelector('.geohash-chart');
  assert.match(await page.textContent('.geohash-compare'), /key hit rate/);
  assert.deepEqual(bundles, ['lab-geohash', 'lab-geohash--cells', 'lab-geohash--services', 'lab-geohash--cache']);

  // Back and Forward cross the bundles too.
  await page.goBack();
  await page.waitForSelector('.geohash-rules.two .geohash-rule');
  assert.match(page.url(), /mode=shards/);
  await page.goBack();
  await page.waitForSelector('.geohash-formula');
  await page.goForward();
  await page.waitForSelector('.geohash-rules.two .geohash-rule');
  assert.equal(bundles.length, 4, 'no bundle downloaded twice');
  page.assertClean();
  await page.closeAll();
});

test('the coastline is fetched from the same origin only when a map is shown', async () => {
  const page = await strictPage();
  const asked = [];
  page.on('request', r => { if (r.url().includes('coastline')) asked.push(r.url()); });
  await open(page, '#/', '.lab-index');
  await page.waitForTimeout(300);
  assert.deepEqual(asked, [], 'no coastline request on the home page');
  const response = page.waitForResponse(r => r.url().endsWith('/data/coastline.json'));
  await page.click('a[href="#/lab/geohash"]');
  const r = await response;
  assert.equal(r.status(), 200);
  assert.ok(r.url().startsWith(BASE), `${r.url()} is under the site's sub-path`);
  await page.waitForSelector('canvas.geohash-canvas[data-coast="ready"]');
  assert.equal(asked.length, 1);
  page.assertClean();
  await page.closeAll();
});

test('a damaged coastline gives a note, not an error, and the map still works', async () => {
  const page = await strictPage();
  await page.route('**/data/coastline.json', route => route.fulfill({ status: 200, contentType: 'application/json', body: '{"nonsense": true}' }));
  await open(page, LAB, 'canvas.geohash-canvas[data-coast="failed"]');
  assert.match(await page.textContent('.geohash-coast-note'), /The coastline could not be loaded \(the file is damaged/);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.keyboard.press('ArrowRight');
  assert.equal(stepOf(await counter(page))[0], 2);
  page.assertClean();
  await page.closeAll();
});

test('bad input gets clear messages and nothing crashes', async () => {
  const page = await strictPage();
  await open(page, `${LAB}?mode=encode&lat=100&lng=abc&precision=13&hash=hail&step=zzz`, '.counter');
  const messages = await page.textContent('.messages');
  assert.match(messages, /lat: must be between -90 and 90 \(got 100\)/);
  assert.match(messages, /lng: must be between -180 and 180 \(got abc\)/);
  assert.match(messages, /precision: must be between 1 and 12 \(got 13\)/);
  assert.match(messages, /the geohash alphabet omits a, i, l and o/);
  await open(page, `${LAB}?mode=teleport`, '.counter');
  assert.match(await page.textContent('.messages'), /mode: must be encode, neighbours, .* or cache \(got teleport\)/);
  await open(page, LAB, '.counter');
  // Malformed hashes in the forms.
  await page.fill('#geohash-act-hash', 'u0a');
  await page.getByRole('button', { name: 'Decode hash' }).click();
  await page.getByText("'a' at position 3 is not a geohash character (the geohash alphabet omits a, i, l and o)").waitFor();
  await page.fill('#geohash-act-hash', '');
  await page.getByRole('button', { name: 'Decode hash' }).click();
  await page.getByText('is empty: a geohash has 1–12 characters').waitFor();
  await page.fill('#geohash-act-hash', 'u0b-');
  await page.getByRole('button', { name: 'Decode hash' }).click();
  await page.getByText("'-' at position 4 is not a geohash character").waitFor();
  // Out-of-range and non-numeric coordinates.
  await page.fill('#geohash-lat', '95');
  await page.press('#geohash-lat', 'Enter');
  await page.getByText('Latitude: must be a number between -90 and 90 (got “95”)').waitFor();
  assert.equal(await page.inputValue('#geohash-lat'), '95');
  await page.fill('#geohash-act-lat', 'north');
  await page.getByRole('button', { name: 'Encode point' }).click();
  await page.getByText('Latitude: “north” is not a number').waitFor();
  await page.fill('#geohash-act-lat', '-91');
  await page.fill('#geohash-act-lng', '0');
  await page.getByRole('button', { name: 'Encode point' }).click();
  await page.getByText(/Not applied: .*lat: must be between -90 and 90 \(got -91\)/).waitFor();
  await page.fill('#field-precision', '0');
  await page.press('#field-precision', 'Enter');
  await page.getByText('Precision: must be a whole number between 1 and 12 (got “0”)').waitFor();
  page.assertClean();
  await page.closeAll();
});

test('embed mode shows the lab and its map without controls; clicks on the map add nothing', async () => {
  const page = await strictPage({ viewport: { width: 640, height: 720 } });
  await open(page, `${LAB}?mode=search&lat=51.5074&lng=-0.1278&radius=8&top=10&places=5000&dist=cities&seed=42&step=20&embed=1`, 'canvas.geohash-canvas[data-view]');
  assert.equal(await page.locator('.lab-controls').count(), 0);
  assert.equal(await page.locator('.site-header').count(), 0);
  assert.equal(await page.locator('.geohash-rule').count(), 3);
  assert.equal(await counter(page), 'Step 20 of 20');
  const canvas = page.locator('canvas.geohash-canvas').first();
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForTimeout(200);
  assert.equal(await counter(page), 'Step 20 of 20');
  assert.doesNotMatch(page.url(), /a=/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 640, `no horizontal scroll in a 640 px iframe (scrollWidth ${width})`);
  page.assertClean();
  await page.closeAll();
});

test('on a phone in dark mode a tap drops a point and nothing scrolls sideways', async () => {
  const page = await strictPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', reducedMotion: 'reduce', hasTouch: true, isMobile: true });
  await open(page, `${LAB}?mode=encode&lat=10&lng=20&precision=4&seed=42`, 'canvas.geohash-canvas[data-view]');
  const canvas = page.locator('canvas.geohash-canvas');
  const p = await pointAt(page, canvas, 0.7, 0.45);
  const n = stepOf(await counter(page))[1];
  await page.touchscreen.tap(p.cx, p.cy);
  await page.waitForFunction(n => !document.querySelector('.counter').textContent.endsWith(`of ${n}`), n);
  await page.getByRole('button', { name: 'Step forward' }).tap();
  assert.ok(page.url().includes(`a=pt%3A${p.lat}%2C${p.lng}`), page.url());
  for (const mode of ['encode', 'neighbours', 'sizes', 'search', 'haversine', 'shards', 'cache']) {
    await open(page, `${LAB}?mode=${mode}&places=3000`, '.counter');
    await page.keyboard.press('End');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `${mode}: no horizontal scroll on a phone (scrollWidth ${width})`);
  }
  page.assertClean();
  await page.closeAll();
});

test('no request leaves the origin', async () => {
  const page = await strictPage();
  const urls = [];
  page.on('request', r => urls.push(r.url()));
  await open(page, `${LAB}?mode=shards`, 'canvas.geohash-canvas[data-coast="ready"]');
  assert.ok(urls.every(u => u.startsWith(ORIGIN)), urls.join('\n'));
  page.assertClean();
  await page.closeAll();
});
