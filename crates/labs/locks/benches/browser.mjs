// Locks browser benchmark (prints figures, asserts nothing): trace builds in WebAssembly, then
// page load and seek times at the largest race scenario.
import { launch, stats, seekTimes, seekWork } from '../../../../tests/bench/harness.mjs';

const { base, page, close } = await launch(Number(process.env.BENCH_PORT ?? 8768));
try {
  await page.goto(base + '#/lab/locks');
  await page.waitForFunction(() => window.sdpBundle && window.sdpBundle.bench_locks);
  console.log(await page.evaluate(() => window.sdpBundle.bench_locks()));
  const pauses = Array.from({ length: 8 }, (_, k) => `a=pause:${'ABCDEF'[k % 6]}@${k * 60}:400`).join('&');
  const largest = `#/lab/locks?mode=redis&clients=6&writes=20&ttl=300&horizon=600&jitter=60&release=unsafe&${pauses}`;
  const t0 = Date.now();
  await page.goto(base + largest);
  await page.waitForSelector('.counter');
  console.log(`browser: largest locks page loaded and first step drawn in ${Date.now() - t0} ms`);
  console.log(`browser: locks seek at the largest scenario (scrub → next frame): ${stats(await seekTimes(page))}`);
  console.log(`browser: locks seek work (scrub → rendered, drawn and laid out): ${stats(await seekWork(page))}`);
} finally {
  await close();
}
