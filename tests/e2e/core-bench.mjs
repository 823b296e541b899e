// The Wasm core alone in headless Chromium, side by side in one run:
// - start-up the way the content script starts it (the module's bytes shipped gzipped as base64:
//   `compileCore` of extension/lib/wasm.js, then instantiate), each run in a fresh browser context so
//   no compiled module is reused; and, for comparison, what V8's code cache gives a module fetched
//   from a cacheable URL on later visits (the content script has no such URL: a page could probe it);
// - the first scan call after instantiating against later calls of the same request (the rule
//   tables are compiled in, so they should cost the same);
// - throughput of the one batched `scan` call, the request laid out as the content script does it
//   (lib/request.js) included, on typical posts (each dev-set post one call, pass after pass from a
//   fresh page: the first pass, the baseline code's passes, and later ones) and on pages of 100 KB
//   to 10 MB of post text (the dev set's posts repeated, one block a line), and how much of a call
//   is the boundary: the same request with every block a reader's comment (laid out, read and
//   answered, never judged) costs the request and the answer alone.
// Run by `cargo xtask bench` after the build (BERSIH_DIST); prints tables, asserts nothing.

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
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

const wasm = await fs.readFile(path.join(www, 'core/bersih_bg.wasm'));
const packed = zlib.gzipSync(wasm, { level: 9 }).toString('base64');

// A copy of the core served cacheably (the test server sends `no-store` unless told otherwise),
// for the code-cache comparison.
const cached = await fs.mkdtemp(path.join(os.tmpdir(), 'bersih-core-bench-'));
await fs.cp(path.join(www, 'core'), path.join(cached, 'core'), { recursive: true });
await fs.writeFile(path.join(cached, 'core/serve.json'), JSON.stringify({ headers: { 'cache-control': 'max-age=86400' } }));

const server = await startServer({
  resolve: (host, pathname) => (host.startsWith('cached.') ? path.join(cached, pathname) : path.join(www, pathname === '/' ? 'index.html' : pathname)),
});
const userData = await fs.mkdtemp(path.join(os.tmpdir(), 'bersih-core-bench-profile-'));
const launch = { executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', `--host-resolver-rules=MAP *.blogspot.com 127.0.0.1`] };
const browser = await chromium.launch(launch);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => value.toFixed(1);

/** In the page: what the content script does with the shipped bytes (`extension/lib/wasm.js`). */
async function inlineStartup({ packed, request }) {
  const core = await import('/core/bersih.js');
  const { compileCore } = await import('/extension/lib/wasm.js');
  // The request laid out flat on every call, as the content script does (lib/request.js).
  const { flatten } = await import('/extension/lib/request.js');
  const t0 = performance.now();
  const module = await compileCore(packed);
  const t1 = performance.now();
  core.initSync({ module });
  const t2 = performance.now();
  core.scan(...flatten(request));
  const t3 = performance.now();
  const later = [];
  for (let i = 0; i < 9; i++) {
    const t = performance.now();
    core.scan(...flatten(request));
    later.push(performance.now() - t);
  }
  later.sort((a, b) => a - b);
  return { compile: t1 - t0, instantiate: t2 - t1, total: t2 - t0, first: t3 - t2, later: later[4] };
}

try {
  console.log(`Wasm core in headless Chromium ${browser.version()}; module ${wasm.length} bytes, ${Buffer.byteLength(packed)} as gzip base64`);

  // A typical post as the content script sends it: the median-length dev-set post, a block a line.
  const typical = [...posts].sort((a, b) => a.length - b.length)[Math.floor(posts.length / 2)];
  const typicalRequest = { blocks: typical.split('\n').map((text) => ({ text, kind: 'body', post: 0 })), options: {} };
  const runs = [];
  for (let i = 0; i < 7; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${server.port}/`);
    runs.push(await page.evaluate(inlineStartup, { packed, request: typicalRequest }));
    await context.close();
  }
  const pick = (key) => ms(median(runs.map((r) => r[key])));
  console.log(`\nstart-up as the content script does it, fresh context each run, median of ${runs.length}:`);
  console.log(`  decode + inflate + compile ${pick('compile')} ms, instantiate ${pick('instantiate')} ms: total ${pick('total')} ms`);
  console.log(`  then a typical post (${typical.length} chars, ${typical.split('\n').length} blocks): first call ${pick('first')} ms, later calls ${pick('later')} ms (median of 9)`);

  // V8's code cache: the module fetched from a cacheable URL, one new tab per visit in one profile
  // (the HTTP and code caches persist across tabs; a new tab gets a new renderer, so no module is
  // reused in memory). Chromium writes the cache once a module's code has tiered up.
  const persistent = await chromium.launchPersistentContext(userData, launch);
  const visits = [];
  for (let i = 0; i < 5; i++) {
    const page = await persistent.newPage();
    await page.goto(`http://cached.blogspot.com:${server.port}/core/bersih.js`);
    visits.push(
      await page.evaluate(async (request) => {
        const core = await import('/core/bersih.js');
        const { flatten } = await import('/extension/lib/request.js');
        const t = performance.now();
        const module = await WebAssembly.compileStreaming(fetch('/core/bersih_bg.wasm'));
        const compiled = performance.now() - t;
        core.initSync({ module });
        const total = performance.now() - t;
        // Work enough for the functions to tier up, so the cache gets written.
        for (let n = 0; n < 200; n++) core.scan(...flatten(request));
        await new Promise((r) => setTimeout(r, 1500));
        return { compiled, total };
      }, typicalRequest),
    );
    await page.close();
  }
  await persistent.close();
  console.log(`\nfor comparison, fetched from a cacheable URL, visit by visit (V8 code cache): ${visits.map((v) => `${ms(v.total)} ms`).join(', ')} (fetch + compile + instantiate)`);

  // Typical posts: every dev-set post, one call each, pass after pass on a fresh page. V8 compiles
  // each Wasm function on its first call, into baseline code (Liftoff), and recompiles the hot ones
  // optimized (TurboFan) once they have run enough: a page makes a few calls, so what a reader gets
  // is the first pass's cost and then the baseline code's; the optimized code's comes after many.
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.port}/`);
  await page.evaluate(async () => {
    const core = await import('/core/bersih.js');
    await core.default();
    window.core = core;
    // A request in, as the content script hands it over: laid out flat on every call.
    const { flatten } = await import('/extension/lib/request.js');
    window.flatten = flatten;
    window.scanRequest = (request) => core.scan(...flatten(request));
  });
  const PASSES = 15;
  const each = await page.evaluate(({ posts, passes }) => {
    const requests = posts.map((p) => ({ blocks: p.split('\n').map((text) => ({ text, kind: 'body', post: 0 })), options: {} }));
    const pass = () => {
      const t = performance.now();
      for (const r of requests) window.scanRequest(r);
      return performance.now() - t;
    };
    return { times: Array.from({ length: passes }, pass), bytes: posts.reduce((n, p) => n + new TextEncoder().encode(p).length, 0) };
  }, { posts, passes: PASSES });
  const rate = (passMs) => ((each.bytes / (1024 * 1024)) / (passMs / 1000)).toFixed(1);
  const [first, ...rest] = each.times;
  const baseline = median(rest.slice(0, 3));
  const optimized = median(rest.slice(-5));
  console.log(`\ntypical posts: ${posts.length} dev-set posts (${each.bytes} bytes), one call each, ${PASSES} passes on a fresh page: ${each.times.map(ms).join(', ')} ms`);
  console.log(`  first pass (each function compiled on first use) ${ms(first)} ms, ${rate(first)} MB/s; passes 2-4 (baseline code) median ${ms(baseline)} ms, ${rate(baseline)} MB/s; passes ${PASSES - 4}-${PASSES} (hot functions optimized, when V8 has got to them) median ${ms(optimized)} ms, ${rate(optimized)} MB/s`);

  console.log(`\nboundary: the same request with every block a reader's comment (laid out, read and answered, not judged); layout: lib/request.js laying the request out in JS, included in every call's time`);
  console.log(`${'page'.padStart(8)} ${'blocks'.padStart(8)} ${'first ms'.padStart(9)} ${'later ms'.padStart(9)} ${'MB/s'.padStart(7)} ${'boundary ms'.padStart(12)} ${'boundary %'.padStart(11)} ${'layout ms'.padStart(10)}`);
  for (const size of [100_000, 1_000_000, 10_000_000]) {
    const text = post.repeat(Math.ceil(size / post.length)).slice(0, size);
    await page.evaluate((text) => {
      window.benchText = text;
    }, text);
    const n = await page.evaluate(() => {
      const lines = window.benchText.split('\n');
      const request = (kind) => ({ blocks: lines.map((line) => ({ text: line, kind, post: 0 })), options: {} });
      const time = (request) => {
        const t = performance.now();
        window.scanRequest(request);
        return performance.now() - t;
      };
      const median = (request, runs) => {
        const times = Array.from({ length: runs }, () => time(request)).sort((a, b) => a - b);
        return times[Math.floor(runs / 2)];
      };
      const timed = (f, runs) => {
        const times = Array.from({ length: runs }, () => {
          const t = performance.now();
          f();
          return performance.now() - t;
        }).sort((a, b) => a - b);
        return times[Math.floor(runs / 2)];
      };
      const body = request('body');
      const comments = request('comment');
      const first = time(body);
      const runs = window.benchText.length > 5_000_000 ? 3 : 7;
      const layout = timed(() => window.flatten(body), runs);
      return { blocks: lines.length, first, later: median(body, runs), boundary: median(comments, runs), layout };
    });
    const mb = size / (1024 * 1024);
    console.log(`${`${Math.round(size / 1000)} KB`.padStart(8)} ${String(n.blocks).padStart(8)} ${n.first.toFixed(1).padStart(9)} ${n.later.toFixed(1).padStart(9)} ${(mb / (n.later / 1000)).toFixed(1).padStart(7)} ${n.boundary.toFixed(1).padStart(12)} ${(100 * n.boundary / n.later).toFixed(0).padStart(10)}% ${n.layout.toFixed(1).padStart(10)}`);
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
  await server.close?.();
  await fs.rm(cached, { recursive: true, force: true });
  await fs.rm(userData, { recursive: true, force: true });
}
