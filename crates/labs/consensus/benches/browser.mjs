// Consensus browser benchmark (prints figures, asserts nothing): trace builds in WebAssembly,
// then page load and seek times at the largest Raft scenario.
import { launch, stats, seekTimes, seekWork } from '../../../../tests/bench/harness.mjs';

const { base, page, close } = await launch(Number(process.env.BENCH_PORT ?? 8769));
try {
  await page.goto(base + '#/lab/consensus');
  await page.waitForFunction(() => window.sdpBundle && window.sdpBundle.bench_consensus);
  console.log(await page.evaluate(() => window.sdpBundle.bench_consensus()));
  const kinds = ['req:a', 'part:L', 'heal', 'req:a', 'crash:L', 'restart'];
  const acts = Array.from({ length: 24 }, (_, k) => `a=${kinds[k % 6]}@${300 + k * 400}`).join('&');
  const largest = `#/lab/consensus?mode=raft&servers=7&heartbeat=20&elect_min=50&elect_max=120&latency_min=1&latency_max=40&horizon=10000&${acts}`;
  const t0 = Date.now();
  await page.goto(base + largest);
  await page.waitForSelector('.counter');
  console.log(`browser: largest consensus page loaded and first step drawn in ${Date.now() - t0} ms`);
  console.log(`browser: consensus seek at the largest scenario (scrub → next frame): ${stats(await seekTimes(page))}`);
  console.log(`browser: consensus seek work (scrub → rendered, drawn and laid out): ${stats(await seekWork(page))}`);
} finally {
  await close();
}
