// Sketches browser benchmark (prints figures, asserts nothing): core speed and trace builds in
// WebAssembly, then page load, seek and frame times at the largest count-min scenario.
import { launch, stats, seekTimes, seekWork, frameIntervals } from '../../../../tests/bench/harness.mjs';

const { base, page, close } = await launch(Number(process.env.BENCH_PORT ?? 8766));
try {
  await page.goto(base + '#/lab/sketches');
  await page.waitForFunction(() => window.sdpBundle && window.sdpBundle.bench_sketches);
  console.log(await page.evaluate(() => window.sdpBundle.bench_sketches()));
  const largest = '#/lab/sketches?mode=cms&width=100000&depth=10&distinct=100000&length=100000&detailed=50&queries=20';
  const t0 = Date.now();
  await page.goto(base + largest);
  await page.waitForSelector('.counter');
  console.log(`browser: largest sketches page loaded and first step drawn in ${Date.now() - t0} ms (download + trace build + render)`);
  console.log(`browser: sketches seek at the largest scenario (scrub → next frame): ${stats(await seekTimes(page))}`);
  console.log(`browser: sketches seek work (scrub → rendered, drawn and laid out): ${stats(await seekWork(page))}`);
  const frames = await frameIntervals(page);
  console.log(`browser: sketches frame interval while playing at 8x: ${stats(frames)} over ${frames.length} frames`);
} finally {
  await close();
}
