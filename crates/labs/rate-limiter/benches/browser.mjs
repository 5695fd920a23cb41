// Rate-limiter browser benchmark (prints figures, asserts nothing): core speed and trace builds in
// WebAssembly, then page load, seek and frame times at the largest compare scenario (5 000 Poisson requests).
import { launch, stats, seekTimes, seekWork, frameIntervals } from '../../../../tests/bench/harness.mjs';

const { base, page, close } = await launch(Number(process.env.BENCH_PORT ?? 8766));
try {
  await page.goto(base + '#/lab/rate-limiter');
  await page.waitForFunction(() => window.sdpBundle && window.sdpBundle.bench_rate_limiter);
  console.log(await page.evaluate(() => window.sdpBundle.bench_rate_limiter()));
  const largest = '#/lab/rate-limiter?mode=compare&traffic=poisson&count=5000';
  const t0 = Date.now();
  await page.goto(base + largest);
  await page.waitForSelector('.counter');
  console.log(`browser: largest rate-limiter page loaded and first step drawn in ${Date.now() - t0} ms (download + trace build + render)`);
  console.log(`browser: rate-limiter seek at the largest scenario (scrub → next frame): ${stats(await seekTimes(page))}`);
  console.log(`browser: rate-limiter seek work (scrub → rendered, drawn and laid out): ${stats(await seekWork(page))}`);
  const frames = await frameIntervals(page);
  console.log(`browser: rate-limiter frame interval while playing at 8x: ${stats(frames)} over ${frames.length} frames`);
} finally {
  await close();
}
