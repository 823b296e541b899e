// The Wasm core alone in headless Chromium: throughput of the one batched `scan` call on pages of
// 100 KB to 10 MB of post text (the dev set's posts, one block a line), the first call against
// later ones (the rule tables are compiled in, so they should cost the same), and how much of a
// call is the boundary: the same request with every block a reader's comment (parsed, never
// judged) costs the JSON parse and the answer alone.
// Run by `cargo xtask bench` after the build (BERSIH_DIST); prints a table, asserts nothing.

import fs from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

import { ROOT } from './harness.mjs';
import { startServer } from './server.mjs';

const www = path.join(process.env.BERSIH_DIST ?? path.join(ROOT, 'dist'), 'www');
const devset = path.join(ROOT, 'tests/devset');
const posts = [];
for (const sub of ['spam', 'clean']) {
  for (const name of (await fs.readdir(path.join(devset, sub))).sort()) {
    if (name.endsWith('.txt')) posts.push(await fs.readFile(path.join(devset, sub, name), 'utf8'));
  }
}
posts.sort();
const post = posts.join('');

const server = await startServer({ resolve: (host, pathname) => path.join(www, pathname === '/' ? 'index.html' : pathname) });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });

try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.port}/`);
  const startup = await page.evaluate(async () => {
    const t = performance.now();
    const core = await import('/core/bersih.js');
    await core.default();
    window.core = core;
    return performance.now() - t;
  });
  console.log(`Wasm core in headless Chromium ${browser.version()}: one scan call per page, the dev set's posts repeated, one block a line`);
  console.log(`start-up (fetch, compile, instantiate): ${startup.toFixed(1)} ms`);
  console.log(`${'page'.padStart(8)} ${'blocks'.padStart(8)} ${'first ms'.padStart(9)} ${'later ms'.padStart(9)} ${'MB/s'.padStart(7)} ${'boundary ms'.padStart(12)} ${'boundary %'.padStart(11)}`);
  for (const size of [100_000, 1_000_000, 10_000_000]) {
    const text = post.repeat(Math.ceil(size / post.length)).slice(0, size);
    await page.evaluate((text) => { window.benchText = text; }, text);
    const n = await page.evaluate(() => {
      const lines = window.benchText.split('\n');
      const request = (kind) => JSON.stringify({ blocks: lines.map((line) => ({ text: line, kind, post: 0 })), options: {} });
      const time = (json) => {
        const t = performance.now();
        window.core.scan(json);
        return performance.now() - t;
      };
      const median = (json, runs) => {
        const times = Array.from({ length: runs }, () => time(json)).sort((a, b) => a - b);
        return times[Math.floor(runs / 2)];
      };
      const body = request('body');
      const comments = request('comment');
      const first = time(body);
      const runs = body.length > 5_000_000 ? 3 : 7;
      return { blocks: lines.length, first, later: median(body, runs), boundary: median(comments, runs) };
    });
    const mb = size / (1024 * 1024);
    console.log(`${`${Math.round(size / 1000)} KB`.padStart(8)} ${String(n.blocks).padStart(8)} ${n.first.toFixed(1).padStart(9)} ${n.later.toFixed(1).padStart(9)} ${(mb / (n.later / 1000)).toFixed(1).padStart(7)} ${n.boundary.toFixed(1).padStart(12)} ${(100 * n.boundary / n.later).toFixed(0).padStart(10)}%`);
  }
  // Adversarial text through the playground's export: a run of UI lines.
  const home = await page.evaluate(() => {
    const text = 'Home\n'.repeat(100_000);
    const t = performance.now();
    window.core.scanText(text);
    return performance.now() - t;
  });
  console.log(`'Home\\n' x 100k through scanText: ${home.toFixed(0)} ms`);
} finally {
  await browser.close();
  server.close?.();
}
