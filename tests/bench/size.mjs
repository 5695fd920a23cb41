// What each page downloads before its first step shows (prints figures; asserts nothing): every
// file with its size gzipped, the total against the budget (home and indexes ≤ 80 KB, a lab or
// design page ≤ 250 KB gzipped: html + css + js + wasm + data fetched before the first step).
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';

const PORT = Number(process.env.BENCH_PORT ?? 8767);
const base = `http://127.0.0.1:${PORT}/${process.env.BENCH_PATH ?? ''}`;
const server = spawn('python3', ['-m', 'http.server', String(PORT), '--bind', '127.0.0.1',
  '--directory', process.env.BENCH_DIST ?? 'dist'], { stdio: 'ignore' });
for (let i = 0; i < 100; i++) { try { if ((await fetch(base)).ok) break; } catch { } await new Promise(r => setTimeout(r, 100)); }
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });

// Every bundle the build has (the manifest in index.html), unless BENCH_LABS names the labs.
const html = await (await fetch(base)).text();
const manifest = JSON.parse(/<script id="?sdp-bundles"? type="?application\/json"?>(.*?)<\/script>/s.exec(html)?.[1] ?? '{}');
// A split lab's mode bundle (manifest entry with lab and modes) is measured on its first mode.
const labs = process.env.BENCH_LABS !== undefined
  ? process.env.BENCH_LABS.split(' ').filter(Boolean).map(id => [id, `#/lab/${id}`])
  : Object.entries(manifest).filter(([k]) => k.startsWith('lab-')).map(([k, entry]) => entry.lab
    ? [`${entry.lab} (${k.slice(4 + entry.lab.length + 2)}: ${entry.modes.join(', ')})`, `#/lab/${entry.lab}?mode=${entry.modes[0]}`]
    : [k.slice(4), `#/lab/${k.slice(4)}`]);
const pages = [
  ['home', '#/', '.lab-index', 80],
  ['labs index', '#/labs', '.lab-index', 80],
  ['designs index', '#/designs', '.designs-index', 80],
  ...labs.map(([name, hash]) => [`lab ${name}`, hash, '.counter', 250]),
  ...(manifest.designs ? [['design url-shortener', '#/design/url-shortener', '.counter', 250]] : []),
];
try {
  for (const [name, hash, selector, budget] of pages) {
    // A first visit as a learner has it, without the service worker's background precache.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const files = [];
    page.on('response', async r => {
      if (!r.url().startsWith(base)) return;
      try { files.push([r.url().slice(base.length) || 'index.html', gzipSync(await r.body(), { level: 9 }).length]); } catch { }
    });
    await page.goto(base + hash);
    await page.waitForSelector(selector, { timeout: 30000 });
    await page.waitForLoadState('networkidle');
    const total = files.reduce((s, [, n]) => s + n, 0);
    const kb = total / 1000;
    console.log(`size: ${name} (${hash}): ${kb.toFixed(1)} KB gzipped, budget ${budget} KB: ${kb <= budget ? 'within' : 'OVER'}`);
    for (const [file, n] of files.sort((a, b) => b[1] - a[1])) console.log(`size:   ${file.padEnd(48)} ${(n / 1000).toFixed(1)} KB`);
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}
