// Z-order / Hilbert browser benchmark (prints figures, asserts nothing): Z and Hilbert encode
// throughput and trace builds in WebAssembly, then seek time and the frame interval while
// playing at the largest skip scenario (100 000 rows x 3 columns, 1 000 files, 1 000-query
// batch) and the largest grid (256 x 256).
import { launch, stats, seekTimes, seekWork, frameIntervals } from '../../../../tests/bench/harness.mjs';

const { base, page, close } = await launch(Number(process.env.BENCH_PORT ?? 8768));
const root = base + (process.env.BENCH_PATH ?? '');
// The same scenarios as largest_scenarios() in src/view/bench.rs.
const queries = [...Array(16).keys()].map(i => `a=q:${i * 3000}-${i * 3000 + 8000},${i * 3000}-${i * 3000 + 12000},*`);
const skip = `#/lab/z-order?mode=skip&rows=100000&columns=3&value_bits=16&rows_per_file=100&sort=x&data=clustered&batch=1000&width=10&kind=mixed&seed=42&${queries.join('&')}`;
const curves = '#/lab/z-order?mode=curves&order=8&box=37,90,200,170&seed=42';
try {
  await page.goto(root + '#/lab/z-order');
  await page.waitForFunction(() => window.sdpBundle && window.sdpBundle.bench_z_order);
  console.log(await page.evaluate(() => window.sdpBundle.bench_z_order()));
  for (const [name, hash, sel] of [['skip', skip, 'canvas.zorder-scatter'], ['curves', curves, 'canvas.zorder-grid']]) {
    await page.goto(root + '#/');
    await page.waitForSelector('.lab-index');
    const t0 = Date.now();
    await page.goto(root + hash);
    await page.waitForSelector(sel);
    const total = await page.getAttribute('input.scrub', 'max');
    console.log(`browser: largest z-order ${name} page loaded and first step drawn in ${Date.now() - t0} ms (${total} steps)`);
    console.log(`browser: z-order ${name} seek at the largest scenario (scrub → next frame): ${stats(await seekTimes(page))}`);
    console.log(`browser: z-order ${name} seek work (scrub → rendered, drawn and laid out): ${stats(await seekWork(page))}`);
    const frames = await frameIntervals(page);
    console.log(`browser: z-order ${name} frame interval while playing at 8x: ${stats(frames)} over ${frames.length} frames`);
    // Pause before the next page: a playing player rewrites the URL on every step.
    await page.evaluate(() => document.querySelector('button[aria-label="Pause"]')?.click());
  }
} finally {
  await close();
}
