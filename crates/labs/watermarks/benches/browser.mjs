// Watermarks browser benchmark (prints figures, asserts nothing): trace build in WebAssembly at
// the largest scenario (100 000 events across 16 partitions) through bench_watermarks(), then
// the page at that scenario: load, seek (scrub → next frame) and frame interval while playing.
import { launch, stats, seekTimes, seekWork, frameIntervals } from '../../../../tests/bench/harness.mjs';

const LARGEST = 'events=100000&partitions=16&keys=8&interval=100&disorder=3000&stragglers=5&straggle=7000'
  + '&idle=5&idle_from=600000&idle_for=120000&bound=2000&timeout=5000&policy=advance&size=10000&slide=2000'
  + '&gap=2000&lateness=4000&late=side&seed=1';

const { base, page, close } = await launch(Number(process.env.BENCH_PORT ?? 8767));
const root = base + (process.env.BENCH_PATH ?? '');
try {
  await page.goto(root + '#/lab/watermarks');
  await page.waitForFunction(() => window.sdpBundle && window.sdpBundle.bench_watermarks);
  console.log(await page.evaluate(() => window.sdpBundle.bench_watermarks()));
  for (const window of ['tumbling', 'sliding', 'session']) {
    const hash = `#/lab/watermarks?${LARGEST}&window=${window}`;
    await page.goto(root + '#/');
    await page.waitForSelector('.lab-index');
    const t0 = Date.now();
    await page.goto(root + hash);
    await page.waitForSelector('.watermarks-plot canvas.watermarks-canvas');
    await page.evaluate(() => new Promise(r => requestAnimationFrame(() => r())));
    console.log(`browser: watermarks ${window}, largest page loaded and first step drawn in ${Date.now() - t0} ms (download + trace build + render)`);
    console.log(`browser: watermarks ${window} seek at the largest scenario (scrub → next frame): ${stats(await seekTimes(page))}`);
    console.log(`browser: watermarks ${window} seek work (scrub → rendered, drawn and laid out): ${stats(await seekWork(page))}`);
    // How long the view's canvases took to draw during those seeks (the view records it when
    // window.__wmTimings exists).
    await page.evaluate(() => { window.__wmTimings = {}; });
    await seekTimes(page);
    const t = await page.evaluate(() => window.__wmTimings);
    const both = (t.plot ?? []).map((v, i) => v + ((t.windows ?? [])[i] ?? 0));
    console.log(`browser: watermarks ${window} canvas drawing per step (plot + lanes + overview, then window bands): ${stats(both)}; plot ${stats(t.plot ?? [])}; bands ${stats(t.windows ?? [])}`);
    await page.evaluate(() => { delete window.__wmTimings; });
    const frames = await frameIntervals(page);
    const late = frames.filter(f => f > 1000 / 60 + 1).length;
    console.log(`browser: watermarks ${window} frame interval while playing at 8x: ${stats(frames)} over ${frames.length} frames (${late} over 17.7 ms)`);
    const stress = await page.evaluate(async () => {
      document.querySelector('button[aria-label="Pause"]')?.click();
      const scrub = document.querySelector('input.scrub');
      const gaps = []; let last = performance.now(); let k = 1;
      const end = last + 2000;
      while (performance.now() < end) {
        k = k % Number(scrub.max) + 1;
        scrub.value = String(k); scrub.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise(r => requestAnimationFrame(() => r()));
        const now = performance.now(); gaps.push(now - last); last = now;
      }
      return gaps;
    });
    console.log(`browser: watermarks ${window} frame interval with a new step drawn every frame: ${stats(stress)} over ${stress.length} frames`);
  }
} finally {
  await close();
}
