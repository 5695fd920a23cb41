// End-to-end: the fan-out lab (news-feed push, pull and hybrid; group chat delivery) against the
// release build served from a sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, stop, strictPage, open, counter, stepOf, BASE, checkPlayerKeys } from '../../../../tests/e2e/harness.mjs';

before(start);
after(stop);

const LAB = '#/lab/fan-out';
// The default scenario with the ranking funnel on: user 0 (a celebrity) posts, user 497 (late in
// user 0's follower list) reads before and after the fan-out completes.
const SMALL = 'mode=feed&strategy=push&users=500&follows=5000&skew=1&inactive=0.3&posts=500&reads=200&detailed=40' +
  '&threshold=100&workers=2&batch=25&cache=500&page=50&rank=1&seed=42&a=post:0&a=read:497&a=wait:10&a=read:497';

/** Steps forward until the narration matches `re`; returns the 1-based step or fails. */
async function forwardUntil(page, re) {
  const [, total] = stepOf(await counter(page));
  for (let i = 0; i < total; i++) {
    if (re.test(await page.textContent('.narration'))) return stepOf(await counter(page))[0];
    await page.keyboard.press('ArrowRight');
  }
  assert.fail(`no step narrates ${re}`);
}

/** The side-by-side table's figures (cell values only, not which column is narrated). */
async function compareFigures(page) {
  return page.$$eval('.fanout-cmp tbody tr', rows => rows.map(r =>
    [r.querySelector('th').textContent, ...[...r.querySelectorAll('td')].map(td => td.textContent)].join(' | ')));
}

test('step forward and back through the feed; every step draws its focus', async () => {
  const page = await strictPage();
  await open(page, LAB, '.counter');
  const [, total] = stepOf(await counter(page));
  assert.ok(total > 20, `trace has ${total} steps`);
  // Step 1: the seeded graph (histogram, top accounts, threshold scaling).
  assert.match(await page.textContent('.fanout-focus h2'), /The seeded social graph/);
  assert.equal(await page.locator('.fanout-hist svg rect').count() > 5, true);
  assert.match(await page.textContent('.fanout-threshold'), /10 × \(5,000 follows ÷ 500 users\) = 100/);
  assert.equal(await page.locator('.fanout-top tbody tr').count(), 10);
  const narration1 = await page.textContent('.narration');
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  assert.equal(await counter(page), `Step 3 of ${total}`);
  assert.notEqual(await page.textContent('.narration'), narration1);
  assert.match(page.url(), /step=3/);
  assert.match(await page.textContent('.fanout-focus h2'), /summarised/);
  await page.getByRole('button', { name: 'Step back' }).click();
  assert.equal(await counter(page), `Step 2 of ${total}`);
  // Every step has a focus heading and the three-column comparison.
  for (let k = 2; k <= total; k++) {
    await page.keyboard.press('ArrowRight');
    assert.ok((await page.textContent('.fanout-focus h2')).length > 5, `step ${k} has a focus heading`);
  }
  assert.equal(await page.locator('.fanout-cmp thead th').count(), 4);
  assert.equal(await page.locator('.fanout-cmp tbody tr').count(), 8);
  assert.match(await page.textContent('.fanout-focus'), /All 500 users see identical feeds/);
  page.assertClean();
  await page.closeAll();
});

test('a celebrity post: arrows to a sample of followers, the rest counted; batches; a stale read', async () => {
  const page = await strictPage();
  await open(page, `${LAB}?${SMALL}`, '.counter');
  await forwardUntil(page, /celebrity user 0 posts/);
  const post = await page.textContent('.fanout-focus');
  assert.match(post, /Post p\d+ by user 0 ★/);
  assert.match(post, /\+ [\d,]+ more feeds/);
  assert.equal(await page.locator('.fanout-focus svg .fanout-node.feed').count(), 12);
  assert.match(await page.textContent('.fanout-queue'), /writes pending/);
  await page.keyboard.press('ArrowRight');
  assert.match(await page.textContent('.fanout-focus h2'), /Fan-out workers write \d+ batch(es)? \([\d,]+ feed entr(y|ies)\)/);
  assert.ok(await page.locator('.fanout-focus svg .fanout-node.feed').count() > 0);
  // The reader's page lacks the post still queued, and the ranking funnel shows the worked example.
  await forwardUntil(page, /user 497 loads their feed/);
  const read = await page.textContent('.fanout-focus');
  assert.match(read, /missing from this page: still waiting in the fan-out queue/);
  assert.match(read, /Ranking funnel \(M7\.3\)/);
  assert.match(read, /Final score \(the terms summed\)0\.067/);
  assert.match(read, /The document states0\.068/);
  assert.ok(await page.locator('.fanout-page .fanout-scorebar').count() > 0, 'score bars on the page');
  page.assertClean();
  await page.closeAll();
});

test('keyboard: arrows, End, Home, and no shortcuts while typing', async () => {
  const page = await strictPage();
  await open(page, LAB, '.counter');
  await checkPlayerKeys(page, '#fanout-user');
  page.assertClean();
  await page.closeAll();
});

test('a user action adds steps, and a reload restores exactly what was on screen', async () => {
  const page = await strictPage();
  await open(page, `${LAB}?${SMALL}`, '.counter');
  const [, before] = stepOf(await counter(page));
  await page.fill('#fanout-user', '1');
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await page.waitForFunction(b => !document.querySelector('.counter').textContent.endsWith(`of ${b}`), before);
  const [, total] = stepOf(await counter(page));
  assert.ok(total > before, `${total} > ${before}`);
  assert.match(page.url(), /a=post%3A1/);
  assert.match(await page.textContent('.fanout-taken'), /user 1 posts/);
  await page.keyboard.press('Home');
  await forwardUntil(page, /user 1 posts p/);
  await page.keyboard.press('ArrowRight');
  const shown = {
    counter: await counter(page), narration: await page.textContent('.narration'),
    metrics: await page.textContent('.metrics'), compare: await compareFigures(page),
  };
  await page.reload();
  await page.waitForSelector('.counter');
  assert.deepEqual({
    counter: await counter(page), narration: await page.textContent('.narration'),
    metrics: await page.textContent('.metrics'), compare: await compareFigures(page),
  }, shown);
  page.assertClean();
  await page.closeAll();
});

test('switching the narrated strategy: same workload, same side-by-side figures', async () => {
  const page = await strictPage();
  await open(page, `${LAB}?${SMALL}`, '.counter');
  await page.keyboard.press('End');
  const pushFigures = await compareFigures(page);
  assert.match(await page.textContent('.fanout-cmp th.focus'), /push/);
  assert.match(await page.textContent('.fanout-banner'), /push \(fan-out on write\)/);
  for (const [name, title] of [['pull', /pull \(fan-out on read\)/], ['hybrid', /hybrid \(push below the threshold/]]) {
    await page.check(`#fanout-strategy-${name}`);
    await page.waitForFunction(t => document.querySelector('.fanout-banner').textContent.includes(t), name);
    assert.match(page.url(), new RegExp(`strategy=${name}`));
    assert.match(await page.textContent('.fanout-banner'), title);
    assert.match(await page.textContent('.fanout-cmp th.focus'), new RegExp(name));
    await page.locator('.counter').click(); // leave the radio button: shortcuts are off in fields
    await page.keyboard.press('End');
    assert.deepEqual(await compareFigures(page), pushFigures, `${name} compares the same workload`);
  }
  // Mid-trace, the narration follows the strategy: hybrid leaves the celebrity post for read time.
  await page.keyboard.press('Home');
  await forwardUntil(page, /celebrity user 0 posts/);
  assert.match(await page.textContent('.narration'), /hybrid does not fan it out/);
  assert.match(await page.textContent('.fanout-focus'), /celebrity: not pushed/);
  page.assertClean();
  await page.closeAll();
});

test('chat mode: one message as N copies or one stored message with N references', async () => {
  const page = await strictPage();
  await open(page, LAB, '.counter');
  await page.getByRole('link', { name: 'Group chat delivery' }).click();
  await page.waitForSelector('.fanout-chat');
  assert.match(page.url(), /mode=chat/);
  await forwardUntil(page, /sends m0/);
  const storage = await page.textContent('.fanout-storage');
  assert.match(storage, /N copies50,000 B/);
  assert.match(storage, /1 message \+ N references1,800 B/);
  assert.match(await page.textContent('.fanout-focus'), /As 50 copies.*50 × 1,000 B = 50,000 B/s);
  assert.match(await page.textContent('.fanout-focus'), /As 1 message \+ 50 references/);
  assert.match(await page.getAttribute('.fanout-members canvas', 'aria-label'), /50 members: \d+ online, \d+ offline/);
  // Click a member cell to follow it (hit test on the canvas).
  await page.click('.fanout-members canvas', { position: { x: 5, y: 5 } });
  assert.match(await page.textContent('.fanout-readout'), /^Member 0: /);
  // A chat action: member 3 goes offline, then a message waits for it.
  const [, before] = stepOf(await counter(page));
  await page.fill('#fanout-member', '3');
  await page.getByRole('button', { name: 'Go offline' }).click();
  await page.waitForFunction(b => !document.querySelector('.counter').textContent.endsWith(`of ${b}`), before);
  assert.match(page.url(), /a=off%3A3/);
  await page.keyboard.press('End');
  assert.match(await page.textContent('.fanout-focus'), /Everyone reconnects/);
  const end = await page.textContent('.fanout-storage');
  assert.match(end, /Waiting for offline members0 deliveries/);
  page.assertClean();
  await page.closeAll();
});

test('bad URL values and bad field values give clear messages and keep the text', async () => {
  const page = await strictPage();
  await open(page, `${LAB}?threshold=-5&inactive=1.5&users=200000&a=read:zz&step=2`, '.counter');
  const messages = await page.textContent('.messages');
  assert.match(messages, /threshold: must be between 0 and 1000000 \(got -5\)/);
  assert.match(messages, /inactive: must be between 0 and 1 \(got 1\.5\)/);
  assert.match(messages, /users: must be between 2 and 100000 \(got 200000\)/);
  assert.match(messages, /“read:zz” is not an action/);
  assert.equal(stepOf(await counter(page))[0], 2);
  await page.fill('#field-celebrity-threshold', '-5');
  await page.press('#field-celebrity-threshold', 'Enter');
  await page.getByText('Celebrity threshold: must be a whole number between 0 and 1000000 (got “-5”)').waitFor();
  assert.equal(await page.inputValue('#field-celebrity-threshold'), '-5');
  await page.fill('#fanout-inactive', '1.5');
  await page.press('#fanout-inactive', 'Enter');
  await page.getByText('Inactive share: must be a number between 0 and 1 (got “1.5”)').waitFor();
  assert.equal(await page.inputValue('#fanout-inactive'), '1.5');
  await page.fill('#fanout-user', 'someone');
  await page.getByRole('button', { name: 'Read feed' }).click();
  await page.getByText('User: must be a whole number between 0 and 499 (got “someone”)').waitFor();
  await page.fill('#fanout-user', '900');
  await page.getByRole('button', { name: 'Read feed' }).click();
  await page.getByText('user 900 does not exist (0 … 499)').waitFor();
  page.assertClean();
  await page.closeAll();
});

test('embed mode shows only the lab and the player, sized for an iframe', async () => {
  const page = await strictPage({ viewport: { width: 640, height: 720 } });
  await open(page, `${LAB}?${SMALL}`, '.embed textarea');
  await page.keyboard.press('ArrowRight');
  const src = /src="([^"]+)"/.exec(await page.inputValue('.embed textarea'))[1];
  assert.ok(src.startsWith(BASE), src);
  assert.match(src, /embed=1/);
  assert.match(src, /step=2/);
  await page.goto(src);
  await page.waitForSelector('.counter');
  assert.equal(await page.locator('.site-header').count(), 0);
  assert.equal(await page.locator('.lab-controls').count(), 0);
  assert.equal(await page.locator('.fanout-compare').count(), 1);
  assert.equal(stepOf(await counter(page))[0], 2);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 640, `no horizontal scroll in a 640 px iframe (scrollWidth ${width})`);
  page.assertClean();
  await page.closeAll();
});

test('usable on a phone in dark mode: no horizontal scroll at the widest steps', async () => {
  const page = await strictPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', reducedMotion: 'reduce', hasTouch: true, isMobile: true });
  await open(page, `${LAB}?${SMALL}`, '.counter');
  await page.getByRole('button', { name: 'Step forward' }).tap();
  assert.equal(stepOf(await counter(page))[0], 2);
  for (const re of [/celebrity user 0 posts/, /The workers take/, /user 497 loads their feed/]) {
    await forwardUntil(page, re);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no horizontal scroll at "${re}" (scrollWidth ${width})`);
  }
  await open(page, `${LAB}?mode=chat&group=500&messages=30&step=3`, '.fanout-chat');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no horizontal scroll in chat mode (scrollWidth ${width})`);
  page.assertClean();
  await page.closeAll();
});
