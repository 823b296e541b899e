// The headless half of `cargo xtask demo`: the built extension in real headless Chromium on a
// sample Blogger page, reported on the terminal.
//
// Opens the page twice: in a plain Chromium (what a reader sees without Bersih) and in one with
// dist/chrome loaded; prints both visible texts, marking what changed, then the extension's own
// report (the popup's `bersih:get-report` answer: counts per category and every hidden fragment).
// With --screenshot DIR it also saves the post area as DIR/before.png and DIR/after.png.
//
// The page is served by xtask on 127.0.0.1; --map-host names the Blogger host that Chromium
// resolves to 127.0.0.1, so the content script (which runs on Blogger hosts only) runs.
//
// usage: node tests/e2e/demo.mjs --url http://demo.blogspot.com:PORT/samples/NAME.html
//          --map-host demo.blogspot.com [--screenshot DIR]
// env: BERSIH_DIST (the dist/ folder), BERSIH_CHROMIUM (default /usr/bin/chromium)

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

import { launch } from './driver/chromium.mjs';
import { waitForScan } from './harness.mjs';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    'map-host': { type: 'string' },
    screenshot: { type: 'string' },
  },
});
if (!args.url || !args['map-host']) {
  console.error('usage: node tests/e2e/demo.mjs --url URL --map-host HOST [--screenshot DIR]');
  process.exit(2);
}
const dist = path.resolve(process.env.BERSIH_DIST ?? 'dist');
const executablePath = process.env.BERSIH_CHROMIUM ?? '/usr/bin/chromium';
const mapHost = `--host-resolver-rules=MAP ${args['map-host']} 127.0.0.1`;
/** The blog column of the sample pages is 760 px wide; the screenshots are of the post only. */
const viewport = { width: 800, height: 900 };
const tty = process.stdout.isTTY;
const paint = (code, text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);

/** The text a reader sees in the blog column (hidden elements excluded), one trimmed line each. */
function readVisibleLines() {
  const text = (document.getElementById('Blog1') ?? document.body).innerText;
  return text.split('\n').map((line) => line.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** The blog column only (date, post, footer, comments, pager, feed links): small and to the point. */
const POST_AREA = '.main-inner';

/** Before: a Chromium without the extension. */
async function before() {
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', mapHost] });
  try {
    const page = await browser.newPage({ viewport });
    const response = await page.goto(args.url);
    if (!response?.ok()) throw new Error(`${args.url} answered ${response?.status()}`);
    const lines = await page.evaluate(readVisibleLines);
    if (args.screenshot) {
      const file = path.join(args.screenshot, 'before.png');
      await page.locator(POST_AREA).first().screenshot({ path: file, animations: 'disabled' });
      console.log(`saved ${file}`);
    }
    return { lines, version: browser.version() };
  } finally {
    await browser.close();
  }
}

/** After: the same page with dist/chrome loaded, and the extension's report. */
async function after() {
  const extensionDir = path.join(dist, 'chrome');
  const browser = await launch({ extensionDir, executablePath }).catch((error) => {
    throw new Error(`cannot start Chromium with the extension from ${extensionDir}: ${error.message}`);
  });
  try {
    const page = await browser.open(args.url);
    const report = await waitForScan(browser, args.url, `the extension's scan of ${args.url}`);
    const lines = await page.eval(readVisibleLines);
    if (args.screenshot) {
      const file = path.join(args.screenshot, 'after.png');
      await page.screenshot(POST_AREA, file);
      console.log(`saved ${file}`);
    }
    return { lines, report };
  } finally {
    await browser.close();
  }
}

function printText(title, lines, marks = new Map()) {
  console.log(`\n${paint('1', `── ${title} (${lines.length} lines) ──`)}`);
  for (const line of lines) {
    const mark = marks.get(line);
    if (mark === 'removed') console.log(paint('31', `  - ${line}`));
    else if (mark === 'changed') console.log(paint('33', `  ~ ${line}`));
    else console.log(`    ${line}`);
  }
}

/** Which lines of `before` are gone in `after` ("removed") or shortened ("changed"). */
function compare(beforeLines, afterLines) {
  const kept = new Set(afterLines);
  const marks = new Map();
  for (const line of beforeLines) {
    if (kept.has(line)) continue;
    const shortened = afterLines.some((a) => a.length >= 12 && line.includes(a));
    marks.set(line, shortened ? 'changed' : 'removed');
  }
  return marks;
}

function printReport(report) {
  const items = report.items ?? [];
  const { doneMs, first } = report.timing ?? {};
  const timing = doneMs === undefined ? '' : `, done ${Math.round(doneMs)} ms after the content script started (core scan ${first?.scanMs} ms)`;
  console.log(`\n${paint('1', `── REPORT from the extension: ${items.length} hidden on ${report.host}${timing} ──`)}`);
  const counts = Object.entries(report.counts ?? {}).filter(([, n]) => n > 0);
  const width = Math.max(0, ...counts.map(([category]) => category.length));
  for (const [category, n] of counts) console.log(`  ${category.padEnd(width)}  ${n}`);
  console.log('\n  hidden fragments:');
  for (const item of items) {
    console.log(`  ${`[${item.category}]`.padEnd(width + 2)}  ${JSON.stringify(item.text)}  ${paint('2', item.rule)}`);
  }
}

try {
  if (args.screenshot) await mkdir(args.screenshot, { recursive: true });
  const plain = await before();
  const cleaned = await after();
  console.log(`Bersih demo: the built extension (${path.join(dist, 'chrome')}) in headless Chromium ${plain.version}`);
  console.log(`page: ${args.url} (${args['map-host']} resolved to 127.0.0.1 inside Chromium)`);
  printText('BEFORE: what a reader sees without Bersih', plain.lines, compare(plain.lines, cleaned.lines));
  console.log(paint('2', '  (- hidden by Bersih, ~ shortened by Bersih)'));
  printText('AFTER: the same page with Bersih', cleaned.lines);
  printReport(cleaned.report);
  if (!cleaned.report.items?.length) {
    console.log('\nnothing was hidden on this page.');
  }
} catch (error) {
  console.error(`demo failed: ${error.message}`);
  process.exit(1);
}
