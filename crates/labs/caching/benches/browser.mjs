// Caching browser benchmark (prints figures, asserts nothing): core speed and trace builds in
// WebAssembly, then page load, seek and frame times at the largest eviction scenario.
import { launch, stats, seekTimes, seekWork, frameIntervals } from '../../../../tests/bench/harness.mjs';

const { base, page, close } = await launch(Number(process.env.BENCH_PORT ?? 8767));
try {
  await page.goto(base + '#/lab/caching');
  await page.waitForFunction(() => window.sdpBundle && window.sdpBundle.bench_caching);
  console.log(await page.evaluate(() => window.sdpBundle.bench_caching()));
  const largest = '#/lab/caching?mode=eviction&trace=scan&capacity=500&distinct=5000&length=10000&scan=1000&detailed=200&aging=1000';
  const t0 = Date.now();
  await page.goto(base + largest);
  await page.waitForSelector('.counter');
  console.log(`browser: largest caching page loaded and first step drawn in ${Date.now() - t0} ms (download + trace build + render)`);
  console.log(`browser: caching seek at the largest scenario (scrub → next frame): ${stats(await seekTimes(page))}`);
  console.log(`browser: caching seek work (scrub → rendered, drawn and laid out): ${stats(await seekWork(page))}`);
  const frames = await frameIntervals(page);
  console.log(`browser: caching frame interval while playing at 8x: ${stats(frames)} over ${frames.length} frames`);
} finally {
  await close();
}
