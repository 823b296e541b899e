// The fixture-page check, shared by every browser: a folder of tests/pages is one case.
//
// A folder's name says its platform: `wordpress-...` and `generic-...` pages are sites on their own
// domains, loaded on `<folder>.test` and first enabled the way a reader does it (`enableThroughPopup`:
// the toolbar button, "Enable on this site", the browser's "Allow"), and the popup must name the
// platform; every other page is Blogger, loaded on `<folder>.blogspot.com`. `checkPage` checks what must hold on every
// page: no rescan once done, "show hidden" brings back exactly the original text, switching the site off
// restores the DOM exactly as served, switching it on cleans it the same way again. Then
// `checkExpected` compares the cleaned page with `expected-visible.txt` (the rendered text) and
// `expected-hidden.json` (the hidden items, text and category, in page order); with
// BERSIH_UPDATE_EXPECTED=1 it writes them instead. A page without `expected-visible.txt` fails (it
// would test nothing), and so does one with a `known-miss.txt`: a miss is a failing test until
// fixed, never a TODO that passes.

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  PAGES, ROOT, UPDATE, domMatchesSource, getReport, patchSettings, sleep, tell, visibleText, waitFor, waitForScan,
} from './harness.mjs';
import { openPopup, popupState, popupUntil } from './ui-scenarios.mjs';
import { installProbe } from './scenarios.mjs';
import { ADS } from '../../extension/lib/settings.js';

const exists = (file) => fs.access(file).then(() => true, () => false);

/** The cases: the names of the folders of tests/pages with a `page.html`, sorted. */
export async function pageCases() {
  const out = [];
  for (const entry of await fs.readdir(PAGES, { withFileTypes: true })) {
    if (entry.isDirectory() && (await exists(path.join(PAGES, entry.name, 'page.html')))) out.push(entry.name);
  }
  return out.sort((a, b) => a.localeCompare(b));
}

/** The platform a fixture folder is written for (rules/platforms/): its name's prefix, else Blogger. */
export const platformOf = (name) => ['wordpress', 'generic'].find((p) => name.startsWith(`${p}-`)) ?? 'blogger';

/** Where a fixture is loaded: Blogger on blogspot, any other platform on a custom domain. */
export function pageUrl(server, name) {
  return platformOf(name) === 'blogger' ? server.url(name) : `http://${name}.test:${server.port}/page.html`;
}

/** What the popup says it recognised on a page of `platform`, in the browser's language. */
async function platformText(lang, platform) {
  const file = path.join(ROOT, `extension/_locales/${lang}/messages.json`);
  const messages = JSON.parse(await fs.readFile(file, 'utf8'));
  return platform === 'generic' ? messages.platformArticle.message : messages.platformFound.message.replace('$PLATFORM$', {
    wordpress: 'WordPress',
    blogger: 'Blogger',
  }[platform]);
}

/**
 * "Enable on this site" for a fixture on its own domain, as a reader does it: the page is served
 * untouched, the toolbar button opens the popup (activeTab), the user allows the site (given
 * through the driver: headless browsers cannot answer the prompt), the popup's button registers
 * the content script and runs it in the tab. Then the popup names the page's platform. Returns
 * the popup's platform line.
 */
export async function enableThroughPopup({ browser, server }, name) {
  const url = pageUrl(server, name);
  const expected = JSON.parse(await fs.readFile(path.join(PAGES, name, 'expected-hidden.json'), 'utf8'));
  const page = await browser.open(url);
  try {
    const before = await visibleText(page);
    // Every injected line is there as served (widgets are spread over lines: not compared).
    for (const item of expected.filter((i) => ADS.includes(i.category))) {
      assert.ok(before.includes(item.text.trim()), `${name}: "${item.text}" shown before the site is enabled`);
    }
    await browser.clickAction(page);
    const popup = await openPopup(browser, page);
    try {
      await popupUntil(popup, (s) => s.enable, 'the enable offer');
      await browser.grantOrigin(`http://${new URL(url).hostname}/*`);
      await popup.click('#enable-button');
      const state = await popupUntil(popup, (s) => s.report && s.items.length > 0, `${name}: the popup's report`).catch(async (err) => {
        throw new Error(`${err.message}; the popup shows ${JSON.stringify(await popupState(popup))}`);
      });
      await waitFor(async () => (await getReport(browser, url)).items.length === expected.length, `${name}: every item hidden`);
      await popupUntil(popup, (s) => s.items.length === expected.length, `${name}: the popup lists every item`).catch(async (err) => {
        throw new Error(`${err.message}; the popup shows ${JSON.stringify(await popupState(popup))}`);
      });
      assert.equal(state.status, null, 'no error or notice in the popup');
      const lang = await popup.eval(() => (globalThis.browser ?? globalThis.chrome).i18n.getUILanguage());
      const wanted = await platformText(lang.startsWith('id') ? 'id' : 'en', platformOf(name));
      assert.equal(state.platform, wanted, `${name}: the popup names the platform`);
      return state.platform;
    } finally {
      await popup.close();
    }
  } finally {
    await page.close();
  }
}

const itemsOf = (report) => report.items.map(({ text, category }) => ({ text, category }));

/** Runs the checks every page must pass; `seen` receives the cleaned page's text and hidden items. */
export async function checkPage({ browser, server }, name, seen) {
  const url = pageUrl(server, name);
  const host = new URL(url).hostname;
  const page = await browser.open(url);
  try {
    const report = await waitForScan(browser, url);
    assert.equal(report.platform?.name, platformOf(name), `page seen as ${platformOf(name)}`);
    // The generic fallback's article is judged once the page is parsed: nothing is held back.
    if (platformOf(name) === 'generic') assert.equal(report.timing.firstShownMs, undefined, 'nothing held back');
    const visible = await visibleText(page);
    Object.assign(seen, { visible, hidden: itemsOf(report) });
    // Our own marks must not look like new content to the observer: once the page is done (each
    // post judged as it streamed in), a static page is never scanned again.
    await sleep(150);
    assert.equal((await getReport(browser, url)).timing.scans, report.timing.scans, 'no rescan caused by our own changes');

    await tell(browser, url, { type: 'bersih:reveal', on: true });
    const revealed = await visibleText(page);
    await tell(browser, url, { type: 'bersih:reveal', on: false });
    assert.equal(await visibleText(page), visible, 'hiding again after "show hidden"');

    await patchSettings(browser, { sites: { [host]: false } });
    await waitFor(async () => (await getReport(browser, url)).enabled === false, 'the site switched off');
    const dom = await domMatchesSource(page);
    assert.equal(dom.marks, 0, 'no marks left after switching the site off');
    assert.ok(dom.same, 'the DOM is exactly as served after switching the site off');
    assert.equal(dom.textNodes[0], dom.textNodes[1], 'split text nodes are joined again');
    assert.equal(revealed, await visibleText(page), '"show hidden" shows the original text');

    await patchSettings(browser, { sites: {} });
    await waitFor(async () => (await getReport(browser, url)).items.length === report.items.length, 'cleaning again');
    assert.equal(await visibleText(page), visible, 'the same cleaning after switching the site on again');
  } finally {
    await page.close();
  }
}

/**
 * A page of another platform than Blogger with a `never-visible.json` (text that is an ad or
 * clutter wherever it stands), streamed slowly (`?trickle`, 4 KB pieces, each rendered as it
 * arrives) on its enabled domain: none of it is visible in any rendered frame, since the
 * platform's posts and widgets are held back until judged. (The generic fallback holds nothing
 * back, so its pages have no such file.)
 */
export async function checkStreamed({ browser, server }, name) {
  const needles = JSON.parse(await fs.readFile(path.join(PAGES, name, 'never-visible.json'), 'utf8'));
  const url = `${pageUrl(server, name)}?trickle=8`;
  const endMarker = '#colophon, body > .wp-site-blocks > footer';
  const page = await browser.open(url, { beforeLoad: { fn: installProbe, arg: { needles, endMarker } } });
  try {
    await waitForScan(browser, url);
    await waitFor(() => page.eval(() => window.bersihProbe.frames > 3), 'a few frames after the scan');
    const probe = await page.eval(() => window.bersihProbe);
    assert.ok(probe.sawHalf, 'the probe saw the page before all of it arrived');
    assert.deepEqual(probe.seen, [], 'an ad or clutter visible in a rendered frame');
    const text = await visibleText(page);
    assert.deepEqual(needles.filter((n) => text.includes(n)), [], 'hidden once loaded');
  } finally {
    await page.close();
  }
}

/** Compares what `checkPage` saw with the page's expected files (or rewrites them). */
export async function checkExpected(name, { visible, hidden }) {
  assert.ok(visible !== undefined, 'the page was loaded and scanned');
  const dir = path.join(PAGES, name);
  assert.ok(
    !(await exists(path.join(dir, 'known-miss.txt'))),
    `${name}: known-miss.txt no longer turns a miss into a TODO; fix the miss or write what the page shows into its expected files`,
  );
  if (UPDATE) {
    await fs.writeFile(path.join(dir, 'expected-visible.txt'), `${visible}\n`);
    const lines = hidden.map((item) => ` ${JSON.stringify(item)}`);
    await fs.writeFile(path.join(dir, 'expected-hidden.json'), `[\n${lines.join(',\n')}\n]\n`);
    return;
  }
  const visibleFile = path.join(dir, 'expected-visible.txt');
  assert.ok(
    await exists(visibleFile),
    `${name}: no expected-visible.txt; write it with BERSIH_UPDATE_EXPECTED=1 node --test tests/e2e/pages.test.mjs and review it`,
  );
  const expected = (await fs.readFile(visibleFile, 'utf8')).trim();
  assert.equal(visible, expected, `${name}: visible text after cleaning`);
  const hiddenFile = path.join(dir, 'expected-hidden.json');
  if (await exists(hiddenFile)) {
    assert.deepEqual(hidden, JSON.parse(await fs.readFile(hiddenFile, 'utf8')), `${name}: hidden items`);
  }
}
