// Browser benchmark: prints figures, asserts nothing. Run through scripts/bench.sh, which builds
// the release site and serves it. Measures, in the system Chromium:
//  - core speed in WebAssembly (window.wasmBindings.bench_* exported by the web crate),
//  - seek time: from a scrub to the step drawn, at the largest hash-ring scenario,
//  - frame time while playing at 8x.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';

const PORT = Number(process.env.BENCH_PORT ?? 8766);
const BASE = `http://127.0.0.1:${PORT}/`;
const server = spawn('python3', ['-m', 'http.server', String(PORT), '--bind', '127.0.0.1', '--directory', 'dist'], { stdio: 'ignore' });
for (let i = 0; i < 100; i++) { try { if ((await fetch(BASE)).ok) break; } catch { } await new Promise(r => setTimeout(r, 100)); }
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });

const stats = xs => { const s = [...xs].sort((a, b) => a - b); const q = p => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms, max ${s[s.length - 1].toFixed(2)} ms`; };

try {
  await page.goto(BASE + '#/');
  await page.waitForFunction(() => window.wasmBindings);
  console.log(await page.evaluate(() => window.wasmBindings.bench_hash_ring()));

  const largest = '#/lab/hash-ring?servers=64&vnodes=500&keys=100000&detailed=2&format=f0&seed=1&a=rm:cache1:6379&a=add:extra:1';
  const t0 = Date.now();
  await page.goto(BASE + largest);
  await page.waitForSelector('.counter');
  console.log(`browser: largest hash-ring page loaded and first step drawn in ${Date.now() - t0} ms (includes download and trace build)`);
  const seeks = await page.evaluate(async () => {
    const scrub = document.querySelector('input.scrub');
    const counter = document.querySelector('.counter');
    const total = Number(scrub.max);
    const times = [];
    for (let i = 0; i < 40; i++) {
      const k = 1 + Math.floor(((i * 7919) % 1000) / 1000 * total);
      const want = `Step ${k} of ${total}`;
      if (counter.textContent === want) continue;
      const t = performance.now();
      scrub.value = String(k);
      scrub.dispatchEvent(new Event('input', { bubbles: true }));
      while (counter.textContent !== want) await new Promise(r => setTimeout(r, 0));
      await new Promise(r => requestAnimationFrame(() => r()));
      times.push(performance.now() - t);
    }
    return times;
  });
  console.log(`browser: seek to a step at the largest scenario (render + canvas + next frame): ${stats(seeks)}`);

  const frames = await page.evaluate(async () => {
    document.querySelector('button[aria-label="Reset"]').click();
    const speed = document.querySelector('select[aria-label="Speed"]');
    speed.value = '5'; speed.dispatchEvent(new Event('change', { bubbles: true }));
    document.querySelector('button[aria-label="Play"]').click();
    const gaps = []; let last = performance.now();
    const end = last + 3000;
    while (performance.now() < end) {
      await new Promise(r => requestAnimationFrame(() => r()));
      const now = performance.now(); gaps.push(now - last); last = now;
    }
    return gaps;
  });
  console.log(`browser: frame interval while playing at 8x, largest scenario: ${stats(frames)} over ${frames.length} frames`);
} finally {
  await browser.close();
  server.kill();
}
