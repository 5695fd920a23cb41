// Fan-out browser benchmark (prints figures, asserts nothing): each strategy's trace built in
// WebAssembly at the largest scenario (through bench_fan_out), then for each narrated strategy the
// largest page: load + first draw, seek time and frame interval while playing at 8×.
import { launch, stats, seekTimes, seekWork, frameIntervals } from '../../../../tests/bench/harness.mjs';

const LARGEST = 'mode=feed&users=100000&follows=1000000&skew=1&inactive=0.3&posts=10000&reads=10000&detailed=200' +
  '&threshold=100&workers=8&batch=100&cache=500&page=50&seed=7' +
  Array.from({ length: 8 }, (_, i) => `&a=post:${i}&a=read:${99999 - i}&a=wait:20&a=read:${99999 - i}`).join('');

const { base, page, close } = await launch(Number(process.env.BENCH_PORT ?? 8767));
try {
  await page.goto(base + '#/lab/fan-out');
  await page.waitForFunction(() => window.sdpBundle && window.sdpBundle.bench_fan_out);
  console.log(`machine: load average ${(await import('node:os')).loadavg().map(x => x.toFixed(2)).join(', ')} on ${(await import('node:os')).cpus().length} cores`);
  console.log(await page.evaluate(() => window.sdpBundle.bench_fan_out()));
  for (const strategy of ['push', 'pull', 'hybrid']) {
    for (const rank of [0, 1]) {
      const hash = `#/lab/fan-out?${LARGEST}&strategy=${strategy}&rank=${rank}`;
      await page.goto('about:blank');
      const t0 = Date.now();
      await page.goto(base + hash);
      await page.waitForSelector('.fanout-compare', { timeout: 120000 });
      const name = `${strategy}${rank ? ' + ranking' : ''}`;
      console.log(`browser: largest fan-out page (${name}) loaded and first step drawn in ${Date.now() - t0} ms (page load + wasm start + trace build + render), ${(await page.textContent('.counter')).trim()}`);
      console.log(`browser: fan-out seek (${name}, scrub → next frame): ${stats(await seekTimes(page))}`);
      console.log(`browser: fan-out seek work (${name}, scrub → rendered and laid out): ${stats(await seekWork(page))}`);
      const frames = await frameIntervals(page);
      console.log(`browser: fan-out frame interval while playing at 8x (${name}): ${stats(frames)} over ${frames.length} frames`);
    }
  }
  await page.goto('about:blank');
  await page.goto(base + `#/lab/fan-out?mode=chat&group=500&messages=300&online=0.7&seed=7${Array.from({ length: 32 }, (_, i) => `&a=send:${i}`).join('')}`);
  await page.waitForSelector('.fanout-chat');
  console.log(`browser: fan-out chat seek (500 members, 300 messages): ${stats(await seekTimes(page))}`);
  console.log(`browser: fan-out chat seek work (scrub → rendered and laid out): ${stats(await seekWork(page))}`);
  const frames = await frameIntervals(page);
  console.log(`browser: fan-out chat frame interval while playing at 8x: ${stats(frames)} over ${frames.length} frames`);
} finally {
  await close();
}
