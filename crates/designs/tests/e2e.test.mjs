// End-to-end: the design walkthroughs (#/designs, #/design/<id>) against the release build served
// from a sub-path: every design opens, the live estimate recomputes and refuses bad input on the
// field while the other figures keep their values, flows step forward and back in the player,
// a reload restores flow + edited input + step, embed mode, and an unknown design id. Each design
// page downloads its own data file (data/designs/<id>.bin): one per page, kept for Back/Forward;
// a failed download shows a message with Retry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, stop, strictPage, open, counter, stepOf, BASE } from '../../../tests/e2e/harness.mjs';

// What the index draws (web/home-data.json, written from the light index): the number of designs
// (F0's 21 and F4's as they land) and the themes that have one.
const DATA = JSON.parse(readFileSync(new URL('../../../web/home-data.json', import.meta.url), 'utf8'));
const N = DATA.designs.length;
const THEMES = DATA.themes.filter(t => DATA.designs.some(d => d.theme === t));
const N_F4 = DATA.designs.filter(d => d.document === 'F4').length;

before(start);
after(stop);

/** Every figure's displayed value, by figure card id. */
async function figureValues(page) {
  return page.$$eval('.designs-figure', els => Object.fromEntries(els.map(e => [e.id, e.querySelector('.designs-value').textContent])));
}

/** Waits until the page shows the design whose title is `title`. */
async function waitTitle(page, title) {
  await page.waitForFunction(t => document.querySelector('#designs-title')?.firstChild?.textContent === t, title, { timeout: 20000 });
}

test('the index groups every design by theme and filters as you type', async () => {
  const page = await strictPage();
  await open(page, '#/designs', '.designs-card');
  assert.equal(await page.locator('.designs-card').count(), N);
  const themes = await page.$$eval('.designs-group h3', hs => hs.map(h => h.textContent));
  assert.deepEqual(themes.slice(0, 7), ['Storage', 'Messaging', 'Geo', 'Web, traffic & media', 'Transactions & scheduling', 'Coordination', 'Streaming & data platform']);
  assert.deepEqual(themes, THEMES);
  assert.equal((await page.textContent('.designs-count')).trim(), `${N} designs`);
  await page.locator('#designs-filter').pressSequentially('cache');
  await page.waitForFunction(() => location.hash === '#/designs?q=cache');
  const n = await page.locator('.designs-card').count();
  assert.ok(n >= 1, `${n} designs match cache`);
  assert.match(await page.textContent('.designs-count'), new RegExp(`^${n} designs? match`));
  assert.match(page.url(), /#\/designs\?q=cache$/);
  await page.fill('#designs-filter', 'no such thing at all');
  await page.waitForSelector('.designs-card', { state: 'detached' });
  assert.match(await page.textContent('.designs-count'), /No design matches “no such thing at all”/);
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.waitForFunction(n => document.querySelectorAll('.designs-card').length === n, N);
  // The filter survives a reload (it is in the URL).
  await page.fill('#designs-filter', 'geohash');
  await page.reload();
  await page.waitForSelector('.designs-card');
  assert.equal(await page.inputValue('#designs-filter'), 'geohash');
  assert.ok(await page.locator('.designs-groups a[href="#/design/proximity-service"]').count() === 1);
  page.assertClean();
  await page.closeAll();
});

test('the index filters by document and keeps it in the URL', async () => {
  const page = await strictPage();
  await open(page, '#/designs?doc=F4', '#designs-doc');
  assert.equal(await page.inputValue('#designs-doc'), 'F4');
  await page.waitForFunction(n => document.querySelectorAll('.designs-card').length === n, N_F4);
  const badges = await page.$$eval('.designs-card .designs-card-meta .badge:first-child', bs => bs.map(b => b.textContent));
  assert.ok(badges.every(b => b === 'F4: Complete System Design Interview Solutions'), badges.join(' | '));
  await page.selectOption('#designs-doc', 'F0');
  await page.waitForFunction(() => location.hash === '#/designs?doc=F0');
  assert.equal(await page.locator('.designs-card').count(), N - N_F4);
  await page.selectOption('#designs-doc', '');
  await page.waitForFunction(n => document.querySelectorAll('.designs-card').length === n, N);
  assert.match(page.url(), /#\/designs$/);
  page.assertClean();
  await page.closeAll();
});

test('the second document\'s table-of-contents entries with no body are listed, with what covers them', async () => {
  const page = await strictPage();
  await open(page, '#/designs', '.designs-toc-only');
  const items = page.locator('.designs-toc-list li');
  assert.equal(await items.count(), DATA.tocOnly.length);
  assert.equal(DATA.tocOnly.length, 22);
  assert.match(await items.first().textContent(), /^§24 Reconciliation System — Payment System \(F0\)/);
  assert.match(await page.textContent('.designs-toc-only'), /§30 SIM Card Store System — no design or lab covers it/);
  // A pointer opens the design it names.
  await page.click('.designs-toc-list a[href="#/design/whatsapp"]');
  await page.waitForSelector('.designs-page, .counter', { timeout: 20000 });
  assert.match(page.url(), /#\/design\/whatsapp(\?|$)/);
  page.assertClean();
  await page.closeAll();
});

test('both versions of a design shared by the two documents link to each other with the differences', async () => {
  const page = await strictPage();
  await open(page, '#/design/rate-limiter', '.designs-counterpart');
  assert.match(await page.textContent('.designs-src'), /F0 “System Design Interview Guide”/);
  await page.waitForSelector('.designs-counterpart a[href="#/design/rate-limiter-f4"]');
  const rows = await page.locator('.designs-counterpart tbody tr').count();
  assert.ok(rows >= 3, `${rows} differences`);
  // Seen from F0, "this document" is F0's column: the scale row names F0's 500K checks/s.
  const scale = await page.locator('.designs-counterpart tbody tr', { hasText: 'Scale' }).locator('td').first().textContent();
  assert.match(scale, /500K/);
  await page.click('.designs-counterpart a');
  await waitTitle(page, 'Rate Limiter');
  await page.waitForSelector('.designs-counterpart a[href="#/design/rate-limiter"]');
  assert.match(await page.textContent('.designs-src'), /F4 “Complete System Design Interview Solutions”/);
  const here = await page.locator('.designs-counterpart tbody tr', { hasText: 'Scale' }).locator('td').first().textContent();
  assert.equal(here, 'No estimate');
  page.assertClean();
  await page.closeAll();
});

test('every design opens in four steps; editing an input changes figures; bad input stays on its field', async () => {
  const page = await strictPage();
  await open(page, '#/designs', '.designs-card');
  const links = await page.$$eval('.designs-card h4 a', as => as.map(a => [a.getAttribute('href'), a.textContent]));
  assert.equal(links.length, N);
  for (const [href, title] of links) {
    await page.goto(BASE + href);
    await waitTitle(page, title);
    const where = `${href}`;
    for (const h of ['1. Requirements', '2. Back-of-envelope estimation', '3. Architecture and request flows', '4. Deep dive and trade-offs']) {
      assert.equal(await page.getByRole('heading', { name: h, exact: true }).count(), 1, `${where}: ${h}`);
    }
    assert.ok(await page.locator('.designs-req li').count() >= 2, `${where}: requirements`);
    assert.ok(await page.locator('svg.designs-diagram .designs-box').count() >= 3, `${where}: diagram`);
    assert.equal(await page.locator('.designs-box.designs-active').count(), 2, `${where}: two active components`);
    const [k, total] = stepOf(await counter(page));
    assert.ok(k === 1 && total >= 2, `${where}: ${k} of ${total}`);
    assert.ok(await page.locator('.designs-flow-option').count() >= 2, `${where}: flows`);
    assert.ok(await page.locator('.designs-tradeoffs tbody tr').count() >= 1, `${where}: trade-offs`);
    assert.ok(await page.locator('.designs-deep-list > li').count() >= 1, `${where}: deep dive`);
    assert.ok(await page.locator('.designs-figure').count() >= 1, `${where}: figures`);
    // Edit the first input: some figure changes (try a few values: some are out of range or
    // fall on the same side of a threshold).
    const input = page.locator('.designs-input input').first();
    const id = await input.getAttribute('id');
    const original = Number(await input.inputValue());
    const before = await figureValues(page);
    let changed = false;
    for (const candidate of [original * 2, original / 2, original + 1, original * 10]) {
      await input.fill(String(candidate));
      changed = await page.waitForFunction(b => [...document.querySelectorAll('.designs-figure')].some(e => e.querySelector('.designs-value').textContent !== b[e.id]), before, { timeout: 1500 })
        .then(() => true, () => false);
      if (changed) break;
    }
    assert.ok(changed, `${where}: no figure changed after editing ${id}`);
    assert.match(page.url(), new RegExp(`in\\.${id.replace('designs-in-', '')}=`), `${where}: the edit is in the URL`);
    const edited = await figureValues(page);
    // A bad value: a message on that field, every figure keeps its last valid value.
    await input.fill('-1');
    await page.waitForSelector(`#${id}-error`);
    assert.match(await page.textContent(`#${id}-error`), /must not be negative/, where);
    assert.equal(await input.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await figureValues(page), edited, `${where}: figures keep their last valid values`);
    await page.getByRole('button', { name: 'Reset all inputs to the document\'s values' }).click();
    await page.waitForFunction(b => [...document.querySelectorAll('.designs-figure')].every(e => e.querySelector('.designs-value').textContent === b[e.id]), before);
    assert.equal(await page.locator(`#${id}-error`).count(), 0);
  }
  page.assertClean();
  await page.closeAll();
});

test('the estimate: live recompute, formula with values, each kind of bad input, wrong figures shown', async () => {
  const page = await strictPage();
  await open(page, '#/design/url-shortener', '#designs-fig-write_qps');
  const qps = '#designs-fig-write_qps .designs-value';
  assert.equal(await page.textContent(qps), '1.16 K/s');
  assert.match(await page.textContent('#designs-fig-write_qps .designs-subst'), /per_second\(100 M\/day\)/);
  assert.match(await page.textContent('#designs-fig-write_qps'), /matches the document/);
  // Typing recomputes on every keystroke.
  await page.fill('#designs-in-urls_per_day', '');
  await page.locator('#designs-in-urls_per_day').pressSequentially('20');
  await page.waitForFunction(s => document.querySelector(s).textContent === '231/s', qps);
  await page.locator('#designs-in-urls_per_day').press('0');
  await page.waitForFunction(s => document.querySelector(s).textContent === '2.31 K/s', qps);
  assert.match(await page.textContent('#designs-fig-write_qps .designs-subst'), /per_second\(200 M\/day\)/);
  assert.match(await page.textContent('.designs-banner'), /You changed 1 input/);
  const good = await figureValues(page);
  for (const [bad, message] of [['-3', /must not be negative/], ['0', /must be more than zero/], ['lots', /must be a number/], ['1e12', /is too large/]]) {
    await page.fill('#designs-in-urls_per_day', bad);
    await page.waitForFunction(m => new RegExp(m).test(document.querySelector('#designs-in-urls_per_day-error')?.textContent ?? ''), message.source);
    assert.deepEqual(await figureValues(page), good, `after ${bad}`);
    assert.equal(await page.inputValue('#designs-in-urls_per_day'), bad, 'the typed text is kept');
    assert.ok(await page.locator('.designs-figure.stale').count() >= 1);
    assert.match(await page.textContent('#designs-fig-write_qps'), /Keeps its last valid value: Short URLs created per day has an error/);
  }
  // Whole numbers only where the document counts things.
  await page.fill('#designs-in-code_length', '6.5');
  await page.waitForSelector('#designs-in-code_length-error');
  assert.match(await page.textContent('#designs-in-code_length-error'), /whole number/);
  // Another field still works meanwhile.
  await page.fill('#designs-in-bytes_per_url', '1000');
  await page.waitForFunction(() => document.querySelector('#designs-fig-storage_per_year .designs-value').textContent === '73 TB/yr');
  // Reset one field.
  await page.getByRole('button', { name: 'Reset Short URLs created per day to the document\'s value' }).click();
  await page.waitForFunction(s => document.querySelector(s).textContent === '1.16 K/s', qps);
  assert.equal(await page.locator('#designs-in-urls_per_day-error').count(), 0);
  // A design where the document is wrong: its number, the correct one, the arithmetic.
  await open(page, '#/design/proximity-service', '#designs-fig-cell_width');
  const card = await page.textContent('#designs-fig-cell_width');
  assert.match(card, /the document is wrong/);
  assert.match(card, /Document says\s*2\.4 km/);
  assert.match(card, /Correct\s*4\.89 km × 4\.89 km/);
  assert.match(card, /Arithmetic.*360\/2¹³/);
  assert.equal(await page.textContent('#designs-fig-cell_width .designs-value'), '4.89 km');
  assert.ok(await page.locator('.designs-nis').count() >= 1, 'figures not in the document are marked');
  page.assertClean();
  await page.closeAll();
});

test('a flow steps forward and back, by buttons, keyboard and the message list', async () => {
  const page = await strictPage();
  await open(page, '#/design/url-shortener', '.counter');
  assert.equal(await counter(page), 'Step 1 of 8');
  await page.getByLabel('Redirect, cache miss').check();
  await page.waitForFunction(() => document.querySelector('.counter').textContent === 'Step 1 of 9');
  assert.match(page.url(), /flow=redirect-miss/);
  const narration1 = await page.textContent('.narration');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  assert.equal(await counter(page), 'Step 3 of 9');
  assert.notEqual(await page.textContent('.narration'), narration1);
  assert.match(await page.textContent('.designs-message'), /3\. GET q9Zr2xA/);
  assert.equal(await page.locator('.designs-trail').count(), 2);
  assert.deepEqual(await page.$$eval('.designs-box.designs-active', bs => bs.map(b => b.dataset.id).sort()), ['cache', 'read-service']);
  assert.match(page.url(), /step=3/);
  await page.getByRole('button', { name: 'Step back' }).click();
  assert.equal(await counter(page), 'Step 2 of 9');
  // Keyboard (focus off the form fields).
  await page.locator('h1').click();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await counter(page), 'Step 4 of 9');
  await page.keyboard.press('End');
  assert.equal(await counter(page), 'Step 9 of 9');
  await page.keyboard.press('Home');
  assert.equal(await counter(page), 'Step 1 of 9');
  // Typing in an estimate field does not move the player.
  await page.click('#designs-in-read_write_ratio');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('End');
  assert.equal(await counter(page), 'Step 1 of 9');
  // The message list seeks.
  await page.locator('.designs-hop').nth(5).click();
  assert.equal(await counter(page), 'Step 6 of 9');
  assert.equal(await page.getAttribute('.designs-hops li.active', 'aria-current'), 'step');
  // Play to the end at 8×.
  await page.selectOption('select[aria-label="Speed"]', { label: '8×' });
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForFunction(() => document.querySelector('.counter').textContent === 'Step 9 of 9', null, { timeout: 20000 });
  page.assertClean();
  await page.closeAll();
});

test('a reload restores the flow, the edited input and the step', async () => {
  const page = await strictPage();
  await open(page, '#/design/url-shortener', '.counter');
  await page.getByLabel('Redirect, cache hit').check();
  await page.fill('#designs-in-urls_per_day', '250');
  await page.waitForFunction(() => document.querySelector('#designs-fig-write_qps .designs-value').textContent === '2.89 K/s');
  await page.locator('h1').click();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  // Rendering (and the URL write after it) follows the key events; wait for it.
  await page.waitForFunction(() => location.hash.endsWith('step=5'));
  assert.match(page.url(), /#\/design\/url-shortener\?flow=redirect-hit&in\.urls_per_day=250&step=5$/);
  const shown = async () => ({
    counter: await counter(page), narration: await page.textContent('.narration'),
    flow: await page.isChecked('#designs-flow-redirect-hit'), input: await page.inputValue('#designs-in-urls_per_day'),
    figures: await figureValues(page), message: await page.textContent('.designs-message'),
  });
  const before = await shown();
  await page.reload();
  await page.waitForSelector('.counter');
  assert.deepEqual(await shown(), before);
  // Junk in the URL: a message, and defaults.
  await open(page, '#/design/url-shortener?flow=teleport&in.urls_per_day=-5&in.nope=1&step=99', '.counter');
  const messages = await page.textContent('.messages');
  assert.match(messages, /“teleport” is not a flow of url-shortener/);
  assert.match(messages, /in\.urls_per_day: must not be negative/);
  assert.match(messages, /in\.nope: unknown input/);
  assert.match(messages, /this flow has 8 steps \(got 99\); showing the last/);
  assert.equal(await counter(page), 'Step 8 of 8');
  assert.equal(await page.textContent('#designs-fig-write_qps .designs-value'), '1.16 K/s');
  page.assertClean();
  await page.closeAll();
});

test('embed mode shows only the flow diagram and the player', async () => {
  const page = await strictPage({ viewport: { width: 640, height: 720 } });
  await open(page, '#/design/url-shortener?flow=redirect-hit', '.embed textarea');
  await page.locator('h1').click();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('.counter').textContent.startsWith('Step 3 '));
  await page.waitForFunction(() => document.querySelector('.embed textarea').value.includes('step=3'));
  const snippet = await page.inputValue('.embed textarea');
  const src = /src="([^"]+)"/.exec(snippet)[1];
  assert.ok(src.startsWith(BASE), src);
  assert.match(src, /flow=redirect-hit/);
  assert.match(src, /step=3/);
  assert.match(src, /embed=1/);
  await page.goto(src);
  await page.waitForSelector('.counter');
  assert.equal(await page.locator('.site-header').count(), 0);
  assert.equal(await page.locator('.designs-calc').count(), 0, 'no calculator');
  assert.equal(await page.locator('.designs-deep').count(), 0, 'no deep dive');
  assert.equal(await page.locator('svg.designs-diagram').count(), 1);
  assert.equal(await counter(page), 'Step 3 of 7');
  assert.match(await page.textContent('h1'), /URL Shortener — Redirect, cache hit/);
  await page.getByRole('button', { name: 'Step forward' }).click();
  assert.equal(await counter(page), 'Step 4 of 7');
  assert.match(page.url(), /embed=1/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 640, `no horizontal page scroll in a 640 px iframe (scrollWidth ${width})`);
  const full = await page.getAttribute('.open-full a', 'href');
  assert.ok(!full.includes('embed=1') && full.includes('step=4'), full);
  page.assertClean();
  await page.closeAll();
});

test('an unknown design id gives a friendly page with suggestions and the index', async () => {
  const page = await strictPage();
  await open(page, '#/design/url-shortner', '.not-found');
  assert.match(await page.textContent('.not-found'), /There is no design called “url-shortner”/);
  await page.waitForSelector('.designs-suggest a[href="#/design/url-shortener"]');
  assert.equal(await page.locator('.designs-card').count(), N);
  await page.click('.designs-suggest a');
  await waitTitle(page, 'URL Shortener');
  page.assertClean();
  await page.closeAll();
  const junk = await strictPage();
  await open(junk, '#/design/%3Cscript%3E', '.not-found');
  assert.match(await junk.textContent('.not-found'), /There is no design called/);
  junk.assertClean();
  await junk.closeAll();
});

test('deep dive links open the labs on the design scenario; the framework page works', async () => {
  let page = await strictPage();
  await open(page, '#/design/proximity-service', '.designs-lab-links');
  const href = await page.getAttribute('.designs-lab-links a[href^="#/lab/geohash"]', 'href');
  assert.match(href, /radius=5/);
  page.assertClean();
  await page.closeAll();
  // The distributed cache's persistence (M16.7) has no lab yet.
  page = await strictPage();
  await open(page, '#/design/distributed-cache', '.designs-lab-links');
  assert.ok(await page.locator('.designs-nolab li').count() >= 1, 'mechanisms without a lab are listed by name');
  assert.equal(await page.locator('.designs-nolab a').count(), 0, 'and not linked');
  page.assertClean();
  await page.closeAll();
  // Following the link opens the lab on that scenario. (The lab page's own strictness is its
  // e2e test's business, so this page is not asserted clean.)
  const lab = await strictPage();
  await open(lab, '#/design/proximity-service', '.designs-lab-links');
  await lab.click(`.designs-lab-links a[href="${href}"]`);
  await lab.waitForSelector('.counter');
  assert.match(lab.url(), /#\/lab\/geohash\?/);
  assert.match(lab.url(), /radius=5/);
  await lab.closeAll();
  page = await strictPage();
  await open(page, '#/design/framework', '.designs-calc');
  assert.match(await page.textContent('h1'), /Framework/);
  const before = await page.textContent('#designs-fig-read_qps .designs-value');
  await page.fill('#designs-in-dau', '200');
  await page.waitForFunction(b => document.querySelector('#designs-fig-read_qps .designs-value').textContent !== b, before);
  assert.match(page.url(), /#\/design\/framework\?in\.dau=200/);
  page.assertClean();
  await page.closeAll();
});

test('usable on a phone in dark mode', async () => {
  const page = await strictPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', reducedMotion: 'reduce', hasTouch: true, isMobile: true });
  for (const hash of ['#/designs', '#/design/stream-processing-system', '#/design/framework']) {
    await open(page, hash, '.designs-index, .designs-page');
    await page.waitForTimeout(100);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `${hash}: no horizontal page scroll (scrollWidth ${width})`);
  }
  await open(page, '#/design/url-shortener', '.counter');
  await page.getByRole('button', { name: 'Step forward' }).tap();
  assert.equal(stepOf(await counter(page))[0], 2);
  page.assertClean();
  await page.closeAll();
});

/** Requests for design data files made by `page`, as file names. */
function dataRequests(page) {
  const seen = [];
  page.on('request', r => {
    const m = /\/data\/designs\/([^/?]+\.bin)(\?v=[0-9a-f]{8})?$/.exec(new URL(r.url()).pathname + new URL(r.url()).search);
    if (m) seen.push(m[1]);
  });
  return seen;
}

test('a design page downloads its own data once; Back and Forward between designs', async () => {
  const page = await strictPage();
  const fetched = dataRequests(page);
  await open(page, '#/design/url-shortener', '.counter');
  assert.deepEqual(fetched, ['url-shortener.bin']);
  const next = await page.getAttribute('a[rel="next"]', 'href');
  const nextTitle = (await page.textContent('a[rel="next"]')).replace(/ →$/, '');
  await page.click('a[rel="next"]');
  await waitTitle(page, nextTitle);
  assert.ok(page.url().includes(next + '?'), page.url());
  await page.goBack();
  await waitTitle(page, 'URL Shortener');
  await page.waitForSelector('.counter');
  await page.goForward();
  await waitTitle(page, nextTitle);
  assert.equal(fetched.length, 2, `one download per design: ${fetched}`);
  assert.equal(new Set(fetched).size, 2);
  // The framework page has its own file; an unknown id downloads nothing.
  await page.goto(BASE + '#/design/framework');
  await page.waitForSelector('.designs-calc');
  await page.goto(BASE + '#/design/no-such-design');
  await page.waitForSelector('.not-found');
  assert.deepEqual(fetched.slice(2), ['framework.bin']);
  page.assertClean();
  await page.closeAll();
});

test('a design whose data does not download says why, and Retry loads it', async () => {
  // Broken bytes (served with 200, so the page stays clean): the message, then Retry works.
  const page = await strictPage();
  let broken = 1;
  await page.route('**/data/designs/url-shortener.bin*', route => (broken-- > 0
    ? route.fulfill({ status: 200, contentType: 'application/octet-stream', body: '<!doctype html>' })
    : route.continue()));
  await open(page, '#/design/url-shortener?flow=redirect-miss&step=3', '.designs-load-error');
  assert.match(await page.textContent('.designs-load-error h1'), /URL Shortener/);
  assert.match(await page.textContent('.designs-load-error [role=alert]'), /could not be loaded: the file is damaged/);
  assert.equal(await page.locator('.designs-page').count(), 0);
  await page.getByRole('button', { name: 'Retry' }).click();
  await waitTitle(page, 'URL Shortener');
  // The URL's flow and step survive the failed first try.
  assert.equal(await counter(page), 'Step 3 of 9');
  assert.match(page.url(), /flow=redirect-miss/);
  page.assertClean();
  await page.closeAll();
  // HTTP 404 and offline (the browser reports those requests, so these pages are not asserted
  // clean): the message names the cause; Retry loads the page once the file is there.
  for (const [hash, file, fail, message, ready] of [
    ['#/design/rate-limiter', 'rate-limiter.bin', route => route.fulfill({ status: 404, body: 'not found' }), /HTTP 404/, '.counter'],
    ['#/design/framework', 'framework.bin', route => route.abort('internetdisconnected'), /network request failed/, '.designs-calc'],
  ]) {
    const p = await strictPage();
    let calls = 0;
    await p.route(`**/data/designs/${file}*`, route => (++calls <= 2 ? fail(route) : route.continue()));
    await open(p, hash, '.designs-load-error');
    assert.match(await p.textContent('.designs-load-error [role=alert]'), message, hash);
    // Still failing: Retry tries again and shows the message again.
    await p.getByRole('button', { name: 'Retry' }).click();
    for (let i = 0; i < 200 && calls < 2; i++) await new Promise(r => setTimeout(r, 25));
    assert.equal(calls, 2, `${hash}: Retry downloads again`);
    await p.waitForSelector('.designs-load-error [role=alert]');
    await p.getByRole('button', { name: 'Retry' }).click();
    await p.waitForSelector(ready, { timeout: 20000 });
    assert.equal(await p.locator('.designs-load-error').count(), 0, hash);
    await p.closeAll();
  }
});
