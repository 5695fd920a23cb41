// Geohash browser benchmark (prints figures, asserts nothing): grid drawing on a full-screen
// canvas, proximity search over 100,000 businesses and encode throughput in WebAssembly, trace
// builds at the largest scenarios, then page load, seek, frame and map-redraw times at the
// largest search scenario.
import { launch, stats as baseStats, seekTimes, seekWork, frameIntervals } from '../../../../tests/bench/harness.mjs';

// The machine may be shared: the minimum is the least disturbed sample, so print it too.
const stats = xs => `${baseStats(xs)}, min ${Math.min(...xs).toFixed(2)} ms`;

const { base: origin, page, close } = await launch(Number(process.env.BENCH_PORT ?? 8767));
const base = origin + (process.env.BENCH_PATH ?? '');
try {
  // The lab's own bundle carries the benchmark exports (feature `bench`).
  await page.goto(base + '#/lab/geohash');
  await page.waitForFunction(() => window.sdpBundle && window.sdpBundle.bench_geohash);
  const coast = await page.evaluate(() => fetch('data/coastline.json').then(r => (r.ok ? r.text() : null)).catch(() => null));
  console.log(await page.evaluate(c => window.sdpBundle.bench_geohash(c), coast));

  for (const mode of ['search', 'shards', 'cache']) {
    const query = await page.evaluate(m => window.sdpBundle.geohash_largest_query(m), mode);
    const t0 = Date.now();
    await page.goto(base + '#/lab/geohash?' + query);
    await page.waitForSelector('canvas.geohash-canvas[data-view]');
    console.log(`browser: largest geohash ${mode} page loaded and first step drawn in ${Date.now() - t0} ms (trace build + render)`);
    console.log(`browser: geohash ${mode} seek at the largest scenario (scrub → next frame): ${stats(await seekTimes(page))}`);
    console.log(`browser: geohash ${mode} seek work (scrub → rendered, drawn and laid out): ${stats(await seekWork(page))}`);
    const frames = await frameIntervals(page);
    console.log(`browser: geohash ${mode} frame interval while playing at 8x: ${stats(frames)} over ${frames.length} frames`);
    await page.evaluate(() => document.querySelector('button[aria-label="Pause"]')?.click());
  }

  // Map redraw on interaction: a key on the focused map pans it; time to the next frame.
  for (const [name, hash] of [
    ['encode (one map, full width)', '#/lab/geohash?mode=encode&lat=37.7749&lng=-122.4194&precision=6&seed=42&step=20'],
    ['search, 100,000 businesses (three maps)', '#/lab/geohash?' + await page.evaluate(() => window.sdpBundle.geohash_largest_query('search')) + '&step=2'],
  ]) {
    await page.goto(base + hash);
    await page.waitForSelector('canvas.geohash-canvas[data-view]');
    await page.waitForTimeout(500);
    const times = await page.evaluate(async () => {
      const canvas = document.querySelector('canvas.geohash-canvas');
      canvas.focus();
      const out = [];
      for (let i = 0; i < 30; i++) {
        const before = canvas.getAttribute('data-view');
        const t = performance.now();
        canvas.dispatchEvent(new KeyboardEvent('keydown', { key: i % 2 ? 'ArrowLeft' : 'ArrowRight', bubbles: true }));
        while (canvas.getAttribute('data-view') === before) await new Promise(r => setTimeout(r, 0));
        await new Promise(r => requestAnimationFrame(() => r()));
        out.push(performance.now() - t);
      }
      return out;
    });
    console.log(`browser: geohash map pan redraw, ${name} (key → next frame): ${stats(times)}`);
  }
} finally {
  await close();
}
