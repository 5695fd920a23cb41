// Hash-ring browser benchmark (prints figures, asserts nothing): core speed in WebAssembly,
// trace build, seek and frame times at the largest scenario.
import { launch, stats, seekTimes, seekWork, frameIntervals } from '../../../../tests/bench/harness.mjs';

const { base, page, close } = await launch(Number(process.env.BENCH_PORT ?? 8766));
try {
  await page.goto(base + '#/lab/hash-ring');
  await page.waitForFunction(() => window.sdpBundle && window.sdpBundle.bench_hash_ring);
  console.log(await page.evaluate(() => window.sdpBundle.bench_hash_ring()));
  const largest = '#/lab/hash-ring?servers=64&vnodes=500&keys=100000&detailed=2&format=f0&seed=1&a=rm:cache1:6379&a=add:extra:1';
  const t0 = Date.now();
  await page.goto(base + largest);
  await page.waitForSelector('.counter');
  console.log(`browser: largest hash-ring page loaded and first step drawn in ${Date.now() - t0} ms (download + trace build + render)`);
  console.log(`browser: hash-ring seek at the largest scenario (scrub → next frame): ${stats(await seekTimes(page))}`);
  console.log(`browser: hash-ring seek work (scrub → rendered, drawn and laid out): ${stats(await seekWork(page))}`);
  const frames = await frameIntervals(page);
  console.log(`browser: hash-ring frame interval while playing at 8x: ${stats(frames)} over ${frames.length} frames`);
} finally {
  await close();
}
