// Playground timing: how long a paste takes to come back cleaned, and how long the page's main
// thread is ever blocked meanwhile (the longest "long task"), for pastes from 10 KB to 1 MB.
// Run by `cargo xtask bench` after the build (BERSIH_DIST); prints a table, asserts nothing.

import fs from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { ROOT } from './harness.mjs';
import { startServer } from './server.mjs';

const www = path.join(process.env.BERSIH_DIST ?? path.join(ROOT, 'dist'), 'www');
const sample = await fs.readFile(path.join(www, 'samples/cabai.txt'), 'utf8');
const server = await startServer({ resolve: (host, pathname) => path.join(www, pathname.endsWith('/') ? `${pathname}index.html` : pathname) });
const browser = await chromium.launch({ executablePath: process.env.BERSIH_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`http://127.0.0.1:${server.port}/?lang=en`);
  await page.waitForSelector('#status[data-state="ready"]');
  console.log(`playground in headless Chromium ${browser.version()}, the sample post repeated`);
  console.log('paste→shown includes the input debounce (120 ms, 400 ms above 100 KB)');
  console.log(`${'paste'.padStart(9)} ${'removals'.padStart(9)} ${'core+offsets ms'.padStart(16)} ${'paste→shown ms'.padStart(15)} ${'longest task ms'.padStart(16)}`);
  for (const size of [10_000, 100_000, 1_000_000]) {
    const text = sample.repeat(Math.ceil(size / sample.length));
    // Hand the text over first, so the measured task holds the paste, not the test's transfer.
    await page.evaluate((text) => { window.benchText = text; }, text);
    const numbers = await page.evaluate(async () => {
      const text = window.benchText;
      const longest = { ms: 0 };
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longest.ms = Math.max(longest.ms, entry.duration);
      });
      observer.observe({ type: 'longtask' });
      const status = document.getElementById('status');
      const input = document.getElementById('input');
      const started = performance.now();
      // Wait for this paste's answer: a change of the status to 'done' after the paste.
      await new Promise((resolve) => {
        new MutationObserver((changes, watcher) => {
          if (status.dataset.state === 'done') {
            watcher.disconnect();
            resolve();
          }
        }).observe(status, { attributes: true, attributeFilter: ['data-state'] });
        input.value = text;
        input.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste' }));
      });
      // Let the browser lay out and paint what was inserted, then collect the last long tasks.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
      const shown = performance.now() - started;
      observer.takeRecords().forEach((entry) => { longest.ms = Math.max(longest.ms, entry.duration); });
      observer.disconnect();
      return { removals: Number(status.dataset.count), core: Number(status.dataset.ms), shown, longest: longest.ms };
    });
    const kb = `${Math.round(text.length / 1000)} KB`;
    console.log(`${kb.padStart(9)} ${String(numbers.removals).padStart(9)} ${numbers.core.toFixed(1).padStart(16)} ${numbers.shown.toFixed(0).padStart(15)} ${numbers.longest.toFixed(0).padStart(16)}`);
  }
} finally {
  await browser.close();
  await server.close();
}
