// Replication browser benchmark (prints figures, asserts nothing): trace builds in WebAssembly,
// then page load, seek and frame times at the largest quorum scenario.
import { launch, stats, seekTimes, seekWork, frameIntervals } from '../../../../tests/bench/harness.mjs';

const { base, page, close } = await launch(Number(process.env.BENCH_PORT ?? 8767));
try {
  await page.goto(base + '#/lab/replication');
  await page.waitForFunction(() => window.sdpBundle && window.sdpBundle.bench_replication);
  console.log(await page.evaluate(() => window.sdpBundle.bench_replication()));
  const faults = Array.from({ length: 32 }, (_, k) => {
    const node = 'ABCDEFG'[k % 7];
    const op = (k % 12) + 1;
    return ['crash', 'recover', 'delay'][k % 3] === 'delay' ? `a=delay%3A${node}%2B200%40${op}` : `a=${['crash', 'recover'][k % 3]}%3A${node}%40${op}`;
  }).join('&');
  const largest = `#/lab/replication?mode=quorum&nodes=7&n=7&w=4&r=4&jitter=40&history=wrwrwrwrwrwr&${faults}`;
  const t0 = Date.now();
  await page.goto(base + largest);
  await page.waitForSelector('.counter');
  console.log(`browser: largest replication page loaded and first step drawn in ${Date.now() - t0} ms (download + trace build + render)`);
  console.log(`browser: replication seek at the largest scenario (scrub → next frame): ${stats(await seekTimes(page))}`);
  console.log(`browser: replication seek work (scrub → rendered, drawn and laid out): ${stats(await seekWork(page))}`);
  const frames = await frameIntervals(page);
  console.log(`browser: replication frame interval while playing at 8x: ${stats(frames)} over ${frames.length} frames`);
} finally {
  await close();
}
