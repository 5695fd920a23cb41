// Where a seek's time goes: traces 40 seeks on a page with Chrome's timeline and sums the
// main-thread time by event (script, style, layout, paint…). Usage:
//   BENCH_DIST=dist-bench node tests/bench/profile.mjs '#/lab/hash-ring?servers=64…'
import { launch, seekWork, frameIntervals, stats } from './harness.mjs';

const hash = process.argv[2] ?? '#/lab/hash-ring';
const { base, page, close } = await launch(Number(process.env.BENCH_PORT ?? 8799));
try {
  await page.goto(base + hash);
  await page.waitForSelector('.counter');
  if (process.env.PROFILE_CSS) await page.addStyleTag({ content: process.env.PROFILE_CSS });
  await seekWork(page, 10);
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', e => events.push(...e.value));
  const done = new Promise(r => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { categories: process.env.PROFILE_CATEGORIES ?? 'devtools.timeline,v8.execute,blink', transferMode: 'ReportEvents' });
  const play = process.env.PROFILE_PLAY;
  const times = play ? await frameIntervals(page) : await seekWork(page, 40);
  await cdp.send('Tracing.end');
  await done;
  console.log(`${play ? 'frame interval' : 'seek work'}: ${stats(times)} (${times.length} ${play ? 'frames' : 'seeks'}, traced)`);
  const main = events.filter(e => e.name === 'UpdateLayoutTree' || e.name === 'Layout');
  const tid = String(main.length ? main[0].tid : '');
  if (process.env.PROFILE_NAMES) { const c = {}; for (const e of events) c[e.name] = (c[e.name] ?? 0) + 1; console.log(c); }
  const sums = {};
  for (const e of events) {
    if (e.ph !== 'X' || String(e.tid) !== tid) continue;
    if (['UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'FunctionCall', 'EventDispatch', 'TimerFire', 'RunMicrotasks', 'v8.run', 'ParseHTML', 'HitTest', 'IntersectionObserverController::computeIntersections', 'UpdateLayer', 'Commit', 'RunTask', 'V8.GCScavenger', 'MajorGC', 'MinorGC', 'V8.GC_MC_BACKGROUND_MARKING', 'ScheduleStyleRecalculation', 'Document::updateStyle', 'LocalFrameView::updateAllLifecyclePhasesInternal'].includes(e.name) || e.name.startsWith('V8.GC'))
      sums[e.name] = (sums[e.name] ?? 0) + e.dur / 1000;
  }
  for (const [k, v] of Object.entries(sums).sort((a, b) => b[1] - a[1])) console.log(`${k.padEnd(50)} ${(v / times.length).toFixed(2)} ms/${play ? 'frame' : 'seek'}`);
  if (process.env.PROFILE_THREADS) {
    const names = {}; for (const e of events) if (e.name === 'thread_name') names[`${e.pid}:${e.tid}`] = e.args.name;
    const byThread = {};
    for (const e of events) if (e.ph === 'X' && e.dur) { const k = `${names[`${e.pid}:${e.tid}`] ?? e.tid} ${e.name}`; byThread[k] = (byThread[k] ?? 0) + e.dur / 1000; }
    for (const [k, v] of Object.entries(byThread).sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${k.padEnd(60)} ${(v / times.length).toFixed(2)}`);
  }
  const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  console.log(`DOM elements: ${nodes}`);
} finally {
  await close();
}
