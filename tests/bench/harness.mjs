// Shared browser-benchmark harness: serves dist/ on 127.0.0.1 and opens the system Chromium.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';

export async function launch(port) {
  const base = `http://127.0.0.1:${port}/`;
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', process.env.BENCH_DIST ?? 'dist'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) { try { if ((await fetch(base)).ok) break; } catch { } await new Promise(r => setTimeout(r, 100)); }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  // No service worker: its precache would download the whole site while the figures are taken.
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  return { base, page, close: async () => { await browser.close(); server.kill(); } };
}

/** "median …, p95 …, max …" of a list of milliseconds. */
export function stats(xs) {
  if (xs.length === 0) return 'no samples';
  const s = [...xs].sort((a, b) => a - b);
  const q = p => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms, max ${s[s.length - 1].toFixed(2)} ms`;
}

/** Seeks the player to `count` spread-out steps; returns the time from scrub to next frame. */
export async function seekTimes(page, count = 40) {
  return page.evaluate(async count => {
    const scrub = document.querySelector('input.scrub');
    const counter = document.querySelector('.counter');
    const total = Number(scrub.max);
    const times = [];
    for (let i = 0; i < count; i++) {
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
  }, count);
}

/** Main-thread work of a seek: scrub, let Yew render (it renders in microtasks, so the page is
 * drawn before any task runs), force style and layout. A `setTimeout` poll here would also count
 * the wait for the next vsync-aligned frame (8–16 ms that are not work): the time to the next
 * frame is `seekTimes`. Bundles that render later are polled through a message channel. */
export async function seekWork(page, count = 40) {
  return page.evaluate(async count => {
    const scrub = document.querySelector('input.scrub');
    const counter = document.querySelector('.counter');
    const total = Number(scrub.max);
    const channel = new MessageChannel();
    const task = () => new Promise(r => { channel.port1.onmessage = () => r(); channel.port2.postMessage(0); });
    const times = [];
    for (let i = 0; i < count; i++) {
      const k = 1 + Math.floor(((i * 7919) % 1000) / 1000 * total);
      const want = `Step ${k} of ${total}`;
      if (counter.textContent === want) continue;
      await new Promise(r => setTimeout(r, 30));
      const t = performance.now();
      scrub.value = String(k);
      scrub.dispatchEvent(new Event('input', { bubbles: true }));
      for (let m = 0; m < 20 && counter.textContent !== want; m++) await Promise.resolve();
      while (counter.textContent !== want) await task();
      void document.body.getBoundingClientRect().height;
      times.push(performance.now() - t);
    }
    return times;
  }, count);
}

/** Plays from the first step at 8× for `ms` and returns the intervals between frames. */
export async function frameIntervals(page, ms = 3000) {
  return page.evaluate(async ms => {
    document.querySelector('button[aria-label="Reset"]').click();
    const speed = document.querySelector('select[aria-label="Speed"]');
    speed.value = '5'; speed.dispatchEvent(new Event('change', { bubbles: true }));
    document.querySelector('button[aria-label="Play"]').click();
    // The frames' own start times (the callback's argument): a frame the page made late shows
    // as a gap of two frames or more. The time the callback runs would also count the
    // playback's render when it shares the frame and runs first, which delays no frame.
    const frame = () => new Promise(r => requestAnimationFrame(t => r(t)));
    const gaps = []; let last = await frame();
    const end = last + ms;
    while (last < end) {
      const now = await frame(); gaps.push(now - last); last = now;
    }
    return gaps;
  }, ms);
}
