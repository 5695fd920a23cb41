// Quadtree browser benchmark (prints figures, asserts nothing): the plain tree in WebAssembly
// (100 000 points, 1 000 radius queries), the trace build of the largest scenario, seek time,
// and the frame interval while playing with 10 000 points and the tree outline on the canvas.
import { launch, stats, seekTimes, seekWork } from '../../../../tests/bench/harness.mjs';

const { base, page, close } = await launch(Number(process.env.BENCH_PORT ?? 8767));

// The largest scenario (same as largest_quadtree() in src/view/bench.rs).
const queries = [[10.75, 59.91, 500], [-0.13, 51.5, 2000], [18.96, 69.65, 300], [-78.47, -0.18, 800],
  [139.69, 35.69, 5000], [-74, 40.7, 20000], [2.35, 48.86, 50], [151.2, -33.87, 1500]];
const actions = [...Array(8).keys()].map(i => `a=p:${(10 + i * 0.001).toFixed(3).replace(/0+$/, '').replace(/\.$/, '')},60`)
  .concat(queries.map(([x, y, r]) => `a=q:${x},${y},${r}`));
const largest = `#/lab/quadtree?dist=cities&points=9992&capacity=4&max_depth=30&detailed=200&bounds=-180,-90,180,90&conv=doc&seed=7&${actions.join('&')}`;

/** Seeks to step `k`, plays at 8× for `ms` and returns the intervals between frames. */
async function playFrom(k, ms = 3000) {
  return page.evaluate(async ({ k, ms }) => {
    const scrub = document.querySelector('input.scrub');
    scrub.value = String(k);
    scrub.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise(r => setTimeout(r, 100));
    const speed = document.querySelector('select[aria-label="Speed"]');
    speed.value = '5'; speed.dispatchEvent(new Event('change', { bubbles: true }));
    document.querySelector('button[aria-label="Play"]').click();
    // The frames' own start times, as tests/bench/harness.mjs frameIntervals measures them.
    const frame = () => new Promise(r => requestAnimationFrame(t => r(t)));
    const gaps = []; let last = await frame();
    const end = last + ms;
    while (last < end) {
      const now = await frame(); gaps.push(now - last); last = now;
    }
    document.querySelector('button[aria-label="Pause"]')?.click();
    return gaps;
  }, { k, ms });
}

/** Time to draw the plane once: seek to `k` and wait for the next frame after the counter. */
async function drawTimes(steps) {
  return page.evaluate(async steps => {
    const scrub = document.querySelector('input.scrub');
    const counter = document.querySelector('.counter');
    const total = Number(scrub.max);
    const times = [];
    for (const k of steps) {
      const want = `Step ${k} of ${total}`;
      const t = performance.now();
      scrub.value = String(k);
      scrub.dispatchEvent(new Event('input', { bubbles: true }));
      while (counter.textContent !== want) await new Promise(r => setTimeout(r, 0));
      await new Promise(r => requestAnimationFrame(() => r()));
      times.push(performance.now() - t);
    }
    return times;
  }, steps);
}

try {
  await page.goto(base + '#/lab/quadtree');
  await page.waitForFunction(() => window.sdpBundle && window.sdpBundle.bench_quadtree);
  console.log(await page.evaluate(() => window.sdpBundle.bench_quadtree()));
  const t0 = Date.now();
  await page.goto(base + largest);
  await page.waitForSelector('canvas.quadtree-plane');
  console.log(`browser: largest quadtree page loaded and first step drawn in ${Date.now() - t0} ms (download + trace build + render)`);
  const total = Number(await page.getAttribute('input.scrub', 'max'));
  const points = await page.evaluate(() => document.querySelector('.metrics').textContent);
  console.log(`browser: ${total} steps; metrics at step 1: ${points.replace(/\s+/g, ' ').slice(0, 80)}`);
  console.log(`browser: quadtree seek at the largest scenario (scrub → next frame): ${stats(await seekTimes(page))}`);
  console.log(`browser: quadtree seek work (scrub → rendered, drawn and laid out): ${stats(await seekWork(page))}`);
  // After the detailed inserts and the bulk steps every step draws all 10 000 points.
  const firstQuery = await page.evaluate(async total => {
    const scrub = document.querySelector('input.scrub');
    for (let k = 1; k <= total; k++) {
      scrub.value = String(k); scrub.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise(r => setTimeout(r, 0));
      if (document.querySelector('.narration').textContent.startsWith('Query:')) return k;
    }
    return 1;
  }, total);
  const bulk = firstQuery - 10;
  for (const [label, follow] of [['whole boundary', false], ['close-up on the step', true]]) {
    await page.click(follow ? 'input[name="quadtree-zoom"] >> nth=0' : 'input[name="quadtree-zoom"] >> nth=1');
    const frames = await playFrom(bulk);
    console.log(`browser: quadtree frame interval while playing at 8x from step ${bulk} (10,000 points + outline, ${label}): ${stats(frames)} over ${frames.length} frames`);
  }
  await page.click('input[name="quadtree-zoom"] >> nth=1');
  const draws = await drawTimes([bulk + 1, bulk + 3, bulk + 5, bulk + 7, firstQuery + 2, firstQuery + 40, firstQuery + 80]);
  console.log(`browser: one redraw with 10,000 points and the outline, whole boundary (scrub → next frame): ${stats(draws)}`);
} finally {
  await close();
}
