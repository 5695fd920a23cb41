// Sampled CPU profile of 40 seeks: the functions with the most self time (wasm names need a
// build with `data-keep-debug`). Usage: BENCH_DIST=dist-prof node tests/bench/cpuprofile.mjs '#/lab/…'
import { launch, seekWork, stats } from './harness.mjs';

const hash = process.argv[2] ?? '#/lab/hash-ring';
const { base, page, close } = await launch(Number(process.env.BENCH_PORT ?? 8798));
try {
  await page.goto(base + hash);
  await page.waitForSelector('.counter');
  await seekWork(page, 10);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const times = await seekWork(page, 40);
  const { profile } = await cdp.send('Profiler.stop');
  console.log(`seek work: ${stats(times)}`);
  const dt = {}; const ids = new Map(profile.nodes.map(n => [n.id, n]));
  for (let i = 0; i < profile.samples.length; i++) dt[profile.samples[i]] = (dt[profile.samples[i]] ?? 0) + (profile.timeDeltas[i] ?? 0);
  const self = {}; const total = {};
  const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  for (const [id, us] of Object.entries(dt)) {
    const n = ids.get(Number(id)); const name = n.callFrame.functionName || `(${n.callFrame.url.split('/').pop()})`;
    self[name] = (self[name] ?? 0) + us;
    const seen = new Set(); let cur = Number(id);
    while (cur !== undefined) { const f = ids.get(cur).callFrame.functionName || '(anon)'; if (!seen.has(f)) { total[f] = (total[f] ?? 0) + us; seen.add(f); } cur = parent.get(cur); }
  }
  const top = (m, k) => Object.entries(m).filter(([n]) => !['(idle)', '(program)', '(root)'].includes(n)).sort((a, b) => b[1] - a[1]).slice(0, k);
  console.log('--- self time (ms per seek)');
  for (const [n, us] of top(self, Number(process.env.TOP ?? 30))) console.log(`${(us / 1000 / times.length).toFixed(2).padStart(7)}  ${n.slice(0, 150)}`);
  console.log('--- total time (ms per seek)');
  for (const [n, us] of top(total, Number(process.env.TOP ?? 30))) console.log(`${(us / 1000 / times.length).toFixed(2).padStart(7)}  ${n.slice(0, 150)}`);
} finally {
  await close();
}
