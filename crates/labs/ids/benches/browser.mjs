// Identifier browser benchmark (prints figures, asserts nothing): core speed and trace builds in
// WebAssembly, then page load, seek and frame times at the largest Snowflake scenario.
import { launch, stats, seekTimes, seekWork, frameIntervals } from '../../../../tests/bench/harness.mjs';

const { base, page, close } = await launch(Number(process.env.BENCH_PORT ?? 8767));
try {
  await page.goto(base + '#/lab/ids');
  await page.waitForFunction(() => window.sdpBundle && window.sdpBundle.bench_ids);
  console.log(await page.evaluate(() => window.sdpBundle.bench_ids()));
  const jumps = Array.from({ length: 16 }, (_, k) => `a=back:${k}@${k * 60}:3000`).join('&');
  const largest = `#/lab/ids?mode=snowflake&nodes=16&duration=1000&per_ms=6&seq_bits=2&seq=3&drift=1000&detailed=200&${jumps}`;
  const t0 = Date.now();
  await page.goto(base + largest);
  await page.waitForSelector('.counter');
  console.log(`browser: largest ids page loaded and first step drawn in ${Date.now() - t0} ms (download + trace build + render)`);
  console.log(`browser: ids seek at the largest scenario (scrub → next frame): ${stats(await seekTimes(page))}`);
  console.log(`browser: ids seek work (scrub → rendered, drawn and laid out): ${stats(await seekWork(page))}`);
  const frames = await frameIntervals(page);
  console.log(`browser: ids frame interval while playing at 8x: ${stats(frames)} over ${frames.length} frames`);
} finally {
  await close();
}
