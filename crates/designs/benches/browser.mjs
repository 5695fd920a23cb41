// Design walkthroughs browser benchmark (prints figures, asserts nothing): the core in
// WebAssembly (catalogue decode, one keystroke's recompute, flow traces), then in Chromium the
// time to render the index and each design page, to recompute on an input edit (per keystroke,
// input event → next frame), and to seek a flow in the player.
import { launch, stats, seekTimes, seekWork, frameIntervals } from '../../../tests/bench/harness.mjs';

const { base, page, close } = await launch(Number(process.env.BENCH_PORT ?? 8767));
try {
  // The designs bundle carries the benchmark exports (feature `bench`).
  await page.goto(base + '#/design/url-shortener');
  await page.waitForFunction(() => window.sdpBundle && window.sdpBundle.bench_designs);
  console.log(await page.evaluate(() => window.sdpBundle.bench_designs()));

  /** Hash change → selector present → next frame, in ms. */
  const route = (hash, ready) => page.evaluate(async ([hash, ready]) => {
    const t = performance.now();
    location.hash = hash;
    while (!ready.split('|').every(s => document.querySelector(s))) await new Promise(r => setTimeout(r, 0));
    await new Promise(r => requestAnimationFrame(() => r()));
    return performance.now() - t;
  }, [hash, ready]);

  // The index is the home module's (web/home.js: no wasm); a design page switches to
  // the designs bundle, which downloads and decodes the design's data file on its first visit.
  await page.goto(base + '#/labs');
  await page.waitForSelector('.lab-index');
  const first = await route('#/designs', '.designs-card');
  const index = [];
  for (let i = 0; i < 15; i++) {
    await route('#/labs', '.lab-index');
    index.push(await route('#/designs', '.designs-card'));
  }
  console.log(`browser: design index first render ${first.toFixed(1)} ms; later renders: ${stats(index)}`);

  const ids = await page.$$eval('.designs-card h4 a', as => as.map(a => a.getAttribute('href')));
  const pages = [];
  let slowest = [0, ''];
  for (const href of ids) {
    await route('#/labs', '.lab-index');
    const ms = await route(href, '#designs-title|.designs-figure|svg.designs-diagram');
    pages.push(ms);
    if (ms > slowest[0]) slowest = [ms, href];
  }
  console.log(`browser: design page render (hash change → all four steps drawn), ${pages.length} designs: ${stats(pages)}; slowest ${slowest[1]}`);

  /** Per keystroke: input event → the figure shows the new value → next frame. */
  const keystrokes = (field, figure, values) => page.evaluate(async ([field, figure, values]) => {
    const input = document.querySelector(field);
    const out = document.querySelector(figure);
    const times = [];
    for (let i = 0; i < 60; i++) {
      const before = out.textContent;
      const t = performance.now();
      input.value = values[i % values.length];
      input.dispatchEvent(new Event('input', { bubbles: true }));
      while (document.querySelector(figure).textContent === before) await new Promise(r => setTimeout(r, 0));
      await new Promise(r => requestAnimationFrame(() => r()));
      times.push(performance.now() - t);
    }
    return times;
  }, [field, figure, values]);
  await route('#/design/url-shortener', '#designs-fig-write_qps');
  console.log(`browser: url-shortener recompute per keystroke (8 figures): ${stats(await keystrokes('#designs-in-urls_per_day', '#designs-fig-write_qps .designs-value', ['150', '250', '350']))}`);
  // The design with the most figures.
  let most = ['', 0];
  for (const href of ids) {
    await route(href, '.designs-figure');
    const n = await page.locator('.designs-figure').count();
    if (n > most[1]) most = [href, n];
  }
  await route('#/labs', '.lab-index');
  await route(most[0], '.designs-figure');
  const field = await page.getAttribute('.designs-input input', 'id');
  const value = Number(await page.inputValue(`#${field}`));
  const watched = field;
  // A figure that depends on the field: the first one whose value changes when it is edited.
  const before = await page.$$eval('.designs-figure', els => els.map(e => e.querySelector('.designs-value').textContent));
  await page.fill(`#${watched}`, String(value * 2));
  await page.waitForTimeout(50);
  const after = await page.$$eval('.designs-figure', els => els.map(e => [e.id, e.querySelector('.designs-value').textContent]));
  const dependent = after.find(([, v], i) => v !== before[i]);
  if (dependent) {
    console.log(`browser: ${most[0].replace('#/design/', '')} recompute per keystroke (${most[1]} figures): ${stats(await keystrokes(`#${watched}`, `#${dependent[0]} .designs-value`, [String(value * 3), String(value * 4), String(value * 5)]))}`);
  }

  // Flow seek: the longest flow of the URL shortener, then of the whole catalogue.
  await route('#/design/url-shortener?flow=redirect-miss', '.counter');
  console.log(`browser: flow seek (scrub → next frame), url-shortener redirect-miss: ${stats(await seekTimes(page, 40))}`);
  console.log(`browser: flow seek work (scrub → rendered and laid out), url-shortener redirect-miss: ${stats(await seekWork(page, 40))}`);
  const frames = await frameIntervals(page, 2000);
  console.log(`browser: frame interval while playing a flow at 8x: ${stats(frames)} over ${frames.length} frames`);
} finally {
  await close();
}
