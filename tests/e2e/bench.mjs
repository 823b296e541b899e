// `node tests/e2e/bench.mjs` (run by `cargo xtask bench`): what Bersih costs a reader, side by side
// with the same page without it, in one headless Chromium. Prints numbers; asserts nothing.
//
// Pages: this project's own Blogger fixture pages (tests/pages), and a generated page with 1 MB of
// post text. Each page is loaded with the extension and without it (a second browser profile),
// alternating, BERSIH_BENCH_RUNS times (default 5): served at once, and streamed at 100 KB/s by the test
// server in 4 KB pieces (fixture pages only). Per page, medians:
// - delay: how much later the first post body is first rendered visible after its end was parsed,
//   with the extension than without. A page script (main world, from document start) notes when
//   the first node after the first post body is inserted, and checks at every animation frame
//   whether that body is rendered visible (visibility, opacity, a box on screen).
// - extra main-thread time: DevTools Performance metrics once the page settled, with the extension
//   minus without: TaskDuration (wall time of the main thread's tasks) and ThreadTime (its CPU
//   time, which other processes on a busy machine do not inflate).
// - Readability.parse() of a clone of the same page (without the extension), in the same two
//   clocks, and the extension's extra time as a multiple of it.
// - The floor: the same extra time for an extension whose content script does nothing (generated
//   here: one empty script at document_start on the same hosts), a third browser profile in the
//   same alternation. No content script can cost less: it is what the browser spends on giving a
//   page an extension world at all, and Bersih's own share is its extra time above it.
// Then the content script's own report: Wasm start-up (decode, inflate, compile, instantiate), the first
// call, core calls, its self-measured work, and when (ms after the script's start) the core was
// ready, the settings were read and the first held element was shown, with the scans made before
// the settings arrived ("early": the defaults flag, content/on-defaults.js).

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { PAGES, ROOT } from './harness.mjs';
import { startServer } from './server.mjs';

const RUNS = Number(process.env.BERSIH_BENCH_RUNS ?? 5);
const SETTLE_MS = 400;
const STREAM_KBPS = 100;
const extensionDir = path.join(process.env.BERSIH_DIST ?? path.join(ROOT, 'dist'), 'chrome');
const readability = await fs.readFile(createRequire(import.meta.url).resolve('@mozilla/readability/Readability.js'), 'utf8');

/** A Blogger page whose post body holds about `bytes` of text, with some injected ad lines. */
function bigPage(bytes) {
  const sentences = [
    'Harga komoditas bergerak beragam sepanjang pekan karena pelaku pasar menunggu data ekonomi.',
    'Pedagang di pasar induk menyebut pasokan sayur dari dataran tinggi mulai normal kembali.',
    'Pemerintah daerah menyiapkan anggaran perbaikan jalan desa yang rusak akibat banjir.',
    'Analis menilai permintaan ekspor masih kuat meski biaya pengapalan naik.',
  ];
  const paras = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    let p = `${sentences[i % 4]} ${sentences[(i + 1) % 4]} ${sentences[(i + 2) % 4]}`;
    if (i % 40 === 0) p = `BESTPROFIT FUTURES - ${p}`;
    if (i % 40 === 20) p = 'BEST PROFIT';
    paras.push(`<p>${p}</p>`);
    size += p.length;
  }
  return `<!DOCTYPE html><html><head><meta charset='UTF-8'><meta content='blogger' name='generator'><title>Besar</title></head>
<body><div class='widget Blog' id='Blog1'><div class='blog-posts hfeed'><div class='post-outer'><div class='post hentry'>
<h3 class='post-title entry-title'>Satu Megabita Teks</h3><div class='post-body entry-content'>
${paras.join('\n')}
</div></div></div></div></div></body></html>`;
}

/** Main world, before the page's scripts: when the first post was parsed, and first seen. */
const PROBE = `(() => {
  const p = (window.__benchProbe = {});
  let body = null;
  new MutationObserver((records) => {
    if (!body) body = document.querySelector('.post-body, [id^="post-body-"]');
    if (!body || 'parsed' in p) return;
    for (const r of records) for (const n of r.addedNodes) {
      if (!body.contains(n) && body.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING) {
        p.parsed = performance.now();
        return;
      }
    }
  }).observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', () => { p.parsed ??= performance.now(); });
  const frame = () => {
    if ('parsed' in p && body?.isConnected && body.getClientRects().length &&
        body.checkVisibility({ visibilityProperty: true, opacityProperty: true })) {
      p.visible = performance.now();
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : NaN;
};
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const cell = (x, width = 9) => f1(x).padStart(width);

/** The side-by-side table's measured columns (the ratios are derived from them). */
const COLUMNS = ['delay', 'streamed', 'task', 'thread', 'readability', 'readabilityCpu', 'floor'];

/** One line of the side-by-side table: a page's medians, or the medians over the pages. */
const tableLine = (label, v) =>
  `${label.padEnd(24)}${cell(v.delay)}${cell(v.streamed, 10)}${cell(v.task, 11)}${cell(v.thread, 10)}` +
  `${cell(v.readability)}${cell(v.readabilityCpu)}${(v.task / v.readability).toFixed(2).padStart(7)}` +
  `${(v.thread / v.readabilityCpu).toFixed(2).padStart(10)}${cell(v.floor, 8)}${(v.floor / v.readability).toFixed(2).padStart(9)}`;

/** An extension whose content script does nothing, on the hosts Bersih runs on: the floor. */
async function noopExtension() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bersih-bench-noop-'));
  const manifest = JSON.parse(await fs.readFile(path.join(extensionDir, 'manifest.json'), 'utf8'));
  await fs.writeFile(
    path.join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'no-op',
      version: '1',
      content_scripts: [{ matches: manifest.content_scripts[0].matches, js: ['noop.js'], run_at: 'document_start' }],
    }),
  );
  await fs.writeFile(path.join(dir, 'noop.js'), '// Nothing: the cost of a content script as such.\n');
  return dir;
}

/** A browser with `extension` (a directory) loaded, or none. */
async function launch(extension) {
  const withExtension = extension !== null;
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'bersih-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.BERSIH_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      ...(withExtension ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--host-resolver-rules=MAP *.blogspot.com 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  let worker = null;
  if (extension === extensionDir) {
    [worker] = context.serviceWorkers();
    worker ??= await context.waitForEvent('serviceworker', { timeout: 10_000 });
    // The site-on flag (extension/lib/armed.js) is registered when the extension is installed.
    for (let i = 0; i < 200; i++) {
      const ready = await worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts({ ids: ['bersih-on'] })).length === 1);
      if (ready) break;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  return { context, worker, profile };
}

const metrics = async (cdp) =>
  Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value * 1000]));

/**
 * One load of `url` on `side` ('ext': Bersih, 'noop': the floor, 'none'); with Bersih, also its
 * report; without any extension, Readability's cost.
 */
async function load({ context, worker }, url, side) {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.addInitScript(PROBE);
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForFunction(() => 'visible' in window.__benchProbe, null, { timeout: 4000 }).catch(() => {});
    await page.waitForTimeout(SETTLE_MS);
    const probe = await page.evaluate(() => window.__benchProbe);
    const m = await metrics(cdp);
    const out = {
      delay: probe.visible - probe.parsed,
      task: m.TaskDuration,
      thread: m.ThreadTime,
    };
    if (side === 'ext') {
      out.report = await worker.evaluate(async (url) => {
        const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
        return tab ? chrome.tabs.sendMessage(tab.id, { type: 'bersih:get-report' }) : null;
      }, url);
    } else if (side === 'none') {
      // Runtime.evaluate, not a <script>: a page's CSP must not keep the yardstick out.
      await cdp.send('Runtime.evaluate', { expression: `${readability}\nwindow.__Readability = Readability;` });
      const before = await metrics(cdp);
      const wall = await page.evaluate(() => {
        const times = [];
        for (let i = 0; i < 5; i++) {
          const t = performance.now();
          new window.__Readability(document.cloneNode(true)).parse();
          times.push(performance.now() - t);
        }
        return times.sort((a, b) => a - b)[2];
      });
      const after = await metrics(cdp);
      out.readability = { wall, thread: (after.ThreadTime - before.ThreadTime) / 5 };
    }
    return out;
  } finally {
    await page.close();
  }
}

const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'bersih-bench-pages-'));
await fs.mkdir(path.join(tmp, 'big'));
await fs.writeFile(path.join(tmp, 'big', 'page.html'), bigPage(1 << 20));
// Blogger's pages only: the others are sites on their own domains, cleaned once enabled (pages.mjs).
const names = (await fs.readdir(PAGES, { withFileTypes: true }))
  .filter((e) => e.isDirectory() && !/^(wordpress|generic)-/.test(e.name))
  .map((e) => e.name)
  .sort();
const server = await startServer({ roots: [PAGES, tmp] });
const noopDir = await noopExtension();
const browsers = { ext: await launch(extensionDir), noop: await launch(noopDir), none: await launch(null) };

try {
  const version = browsers.ext.context.browser()?.version() ?? '';
  console.log(`Bersih beside the same page without it: headless Chromium ${version}, ${RUNS} loads each, alternating; medians in ms`);
  console.log('delay: the first post shown later than without Bersih, after its end was parsed; extra: main-thread time with minus without');
  console.log('floor: the extra task time of an extension whose content script does nothing, and its ratio to Readability');
  console.log(`${'page'.padEnd(24)}${'delay'.padStart(9)}${`@${STREAM_KBPS}KB/s`.padStart(10)}${'extra task'.padStart(11)}${'extra cpu'.padStart(10)}${'readab.'.padStart(9)}${'r. cpu'.padStart(9)}${'ratio'.padStart(7)}${'cpu ratio'.padStart(10)}${'floor'.padStart(8)}${'f. ratio'.padStart(9)}`);
  const rows = [];
  for (const name of [...names, 'big']) {
    const side = () => ({ delay: [], streamed: [], task: [], thread: [] });
    const acc = { ext: side(), noop: side(), none: side(), readability: [], readabilityCpu: [], reports: [] };
    const modes = name === 'big' ? [''] : ['', `?trickle=${STREAM_KBPS}`];
    for (let run = 0; run < RUNS; run++) {
      for (const query of modes) {
        // The floor is a cost of the page's load, not of its speed: measured on fast loads only.
        for (const which of query ? ['ext', 'none'] : ['ext', 'noop', 'none']) {
          const url = server.url(name, 'page.html', `${query}${query ? '&' : '?'}run=${run}${which}`);
          const got = await load(browsers[which], url, which);
          const mine = acc[which];
          if (query) {
            mine.streamed.push(got.delay);
            continue;
          }
          mine.delay.push(got.delay);
          mine.task.push(got.task);
          mine.thread.push(got.thread);
          if (got.report) acc.reports.push(got.report);
          if (got.readability) {
            acc.readability.push(got.readability.wall);
            acc.readabilityCpu.push(got.readability.thread);
          }
        }
      }
    }
    const extra = (key, which = 'ext') => median(acc[which][key]) - median(acc.none[key]);
    const r = {
      name,
      delay: extra('delay'),
      streamed: extra('streamed'),
      task: extra('task'),
      thread: extra('thread'),
      floor: extra('task', 'noop'),
      readability: median(acc.readability),
      readabilityCpu: median(acc.readabilityCpu),
      reports: acc.reports,
    };
    rows.push(r);
    console.log(tableLine(name, r));
  }
  const fixtures = rows.filter((r) => r.name !== 'big');
  const med = (key) => median(fixtures.map((r) => r[key]));
  const medians = Object.fromEntries(COLUMNS.map((key) => [key, med(key)]));
  console.log(tableLine('median (fixture pages)', medians));
  console.log(`worst delay (fixture pages): ${f1(Math.max(...fixtures.map((r) => r.delay)))} fast, ${f1(Math.max(...fixtures.map((r) => r.streamed)))} at ${STREAM_KBPS} KB/s`);

  console.log('\nthe content script\'s own report (medians over the fast loads):');
  console.log(`${'page'.padEnd(24)}${'wasm start'.padStart(11)}${'main thr.'.padStart(10)}${'1st call'.padStart(9)}${'calls'.padStart(6)}${'core ms'.padStart(8)}${'work ms'.padStart(8)}${'blocks'.padStart(7)}${'hidden'.padStart(7)}${'core at'.padStart(9)}${'settings'.padStart(9)}${'shown'.padStart(8)}${'early'.padStart(6)}`);
  for (const r of rows) {
    const t = (f) => median(r.reports.map((x) => f(x.timing ?? {})));
    const last = r.reports[0] ?? { timing: {}, items: [] };
    console.log(
      `${r.name.padEnd(24)}${cell(t((x) => x.coreStartupMs), 11)}${cell(t((x) => x.coreMainThreadMs), 10)}${cell(t((x) => x.coreWarmUpMs))}${String(last.timing.scans ?? 0).padStart(6)}${cell(t((x) => x.first?.coreCallMs), 8)}${cell(t((x) => x.workMs), 8)}${String(last.timing.first?.blocks ?? 0).padStart(7)}${String(last.items.length).padStart(7)}${cell(t((x) => x.coreMs))}${cell(t((x) => x.settingsMs))}${cell(t((x) => x.firstShownMs), 8)}${String(last.timing.presumedScans ?? 0).padStart(6)}`,
    );
  }
  const typical = rows.find((r) => r.name === 'classic-simple') ?? rows[0];
  const startup = median(typical.reports.map((x) => x.timing?.coreStartupMs));
  console.log(`\nWasm start-up on a typical page (${typical.name}): ${f1(startup)} ms median (content/wasm.js: decode, inflate, compile, instantiate, all in the promise jobs after document_start)`);
} finally {
  for (const b of Object.values(browsers)) await b.context.close();
  await server.close();
  const dirs = [...Object.values(browsers).map((b) => b.profile), noopDir, tmp];
  await Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true })));
}
