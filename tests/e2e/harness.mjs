// What every browser test file shares: one browser with the built extension, the test server,
// and small steps in terms of the driver interface (see driver/chromium.mjs), so the same test
// files run in every browser (`BERSIH_BROWSER=chromium|firefox`).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PAGES = path.join(ROOT, 'tests/pages');
/** The build's folder per browser (docs/ARCHITECTURE.md). */
export const distOf = (browser) => path.join(process.env.BERSIH_DIST ?? path.join(ROOT, 'dist'), { chromium: 'chrome', firefox: 'firefox' }[browser] ?? browser);
export const SCENARIOS = path.join(ROOT, 'tests/scenarios');
export const BROWSER = process.env.BERSIH_BROWSER ?? 'chromium';
export const UPDATE = process.env.BERSIH_UPDATE_EXPECTED === '1';

// Every override is named BERSIH_*; an old name would be ignored without a word, so it stops the run.
for (const [old, now] of [['CHROMIUM', 'BERSIH_CHROMIUM'], ['FIREFOX', 'BERSIH_FIREFOX'], ['UPDATE_EXPECTED', 'BERSIH_UPDATE_EXPECTED']]) {
  if (process.env[old] !== undefined && process.env[now] === undefined) {
    throw new Error(`${old} is now called ${now} (README.md, "Environment variables")`);
  }
}

/**
 * The declared reason to skip the test `name` in this browser, or false: tests/e2e/skips.txt,
 * `browser | test name | reason` a line. `cargo xtask test` fails on any skip not listed there.
 */
export function declaredSkip(name) {
  const lines = readFileSync(path.join(ROOT, 'tests/e2e/skips.txt'), 'utf8').split('\n');
  for (const line of lines) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const [browser, test, ...reason] = line.split('|').map((f) => f.trim());
    if (browser === BROWSER && test === name) return reason.join('|');
  }
  return false;
}

/**
 * Starts the server and one browser with the extension; `close()` ends both. `launch` passes
 * options to the driver (`profile`, `lang`, `colorScheme`); `restart()` closes the browser and
 * starts it again on the same user data dir, as a user quitting and reopening it.
 */
export async function startSession({ roots = [PAGES, SCENARIOS], resolve, launch = {} } = {}) {
  const driver = await import(`./driver/${BROWSER}.mjs`);
  const extensionDir = process.env.BERSIH_EXTENSION_DIR ?? distOf(BROWSER);
  const server = await startServer({ roots, resolve });
  let browser;
  try {
    browser = await driver.launch({ extensionDir, ...launch });
    await waitForFlag(browser);
  } catch (err) {
    await browser?.close().catch(() => {});
    await server.close();
    throw new Error(`cannot launch ${BROWSER} with the extension from ${extensionDir} (run \`cargo xtask build\`): ${err.message}`);
  }
  return {
    driver,
    browser,
    server,
    async restart() {
      if (!launch.profile) throw new Error('restart() needs a session started with launch.profile');
      await this.browser.close();
      this.browser = await driver.launch({ extensionDir, ...launch });
      await waitForFlag(this.browser);
      return this.browser;
    },
    async close() {
      await this.browser.close();
      await server.close();
    },
  };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the background has registered the site-on flag (extension/lib/armed.js), which it
 * does when the extension is installed or the browser starts: a page loaded before that is still
 * cleaned, but without being held back from its first paint.
 */
export function waitForFlag(browser) {
  const off = () =>
    browser.extension(async () => {
      const api = globalThis.browser ?? globalThis.chrome;
      const { settings } = await api.storage.local.get('settings');
      return settings?.enabled === false;
    });
  return waitFor(
    async () => (await off()) || (await flagRegistration(browser)) !== undefined,
    'the site-on flag to be registered',
    10_000,
  );
}

/** The site-on flag's registration (extension/lib/armed.js: matches, exclusions, file), or undefined. */
export function flagRegistration(browser) {
  return browser.extension(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    const [flag] = await api.scripting.getRegisteredContentScripts({ ids: ['bersih-on'] });
    return flag;
  });
}

/** Polls `probe()` until it returns something truthy; fails with `what` after `timeout` ms. */
export async function waitFor(probe, what, timeout = 5000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      last = await probe();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
}

/** Sends `message` to the content script of the tab showing `url`; resolves to its answer. */
export function tell(browser, url, message) {
  return browser.extension(
    async ({ url, message }) => {
      const api = globalThis.browser ?? globalThis.chrome;
      const tabs = await api.tabs.query({});
      const tab = tabs.find((t) => t.url === url);
      if (!tab) throw new Error(`no tab shows ${url}`);
      return api.tabs.sendMessage(tab.id, message);
    },
    { url, message },
  );
}

/** The content script's report for `url` (`bersih:get-report`). */
export const getReport = (browser, url) => tell(browser, url, { type: 'bersih:get-report' });

/** The hidden items counted so far by the background: the running total (`stats.hidden`), 0 before any. */
export const storedTotal = (browser) =>
  browser.extension(async () => (await (globalThis.browser ?? globalThis.chrome).storage.local.get('stats')).stats?.hidden ?? 0);

/** Waits until the content script is done with `url` (parsed, every post judged once); returns the report. */
export function waitForScan(browser, url, what = `the first scan of ${url}`, timeout = 5000) {
  return waitFor(async () => {
    const r = await getReport(browser, url);
    return r?.timing?.doneMs !== undefined ? r : null;
  }, what, timeout);
}

/** Merges `patch` into the stored settings' top-level fields (as the popup would write them). */
export function patchSettings(browser, patch) {
  return browser.extension(async (patch) => {
    const api = globalThis.browser ?? globalThis.chrome;
    const got = await api.storage.local.get('settings');
    const settings = { version: 1, ...(got.settings ?? {}), ...patch };
    await api.storage.local.set({ settings });
    return settings;
  }, patch);
}

/** The page's rendered text, whitespace normalized: one trimmed line per rendered line, no blanks. */
export function normalizeText(text) {
  return text
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

export async function visibleText(page) {
  return normalizeText(await page.eval(() => document.body.innerText));
}

/**
 * Compares the live DOM of `page` with the page as served (parsed without scripts): same body
 * markup and the same number of text nodes (so no split node was left behind).
 */
export function domMatchesSource(page) {
  return page.eval(async () => {
    const html = await (await fetch(location.href, { cache: 'no-store' })).text();
    const source = new DOMParser().parseFromString(html, 'text/html');
    const textNodes = (root) => {
      const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let n = 0;
      while (w.nextNode()) n++;
      return n;
    };
    const live = document.body;
    return {
      same: live.innerHTML === source.body.innerHTML,
      textNodes: [textNodes(live), textNodes(source.body)],
      // Bersih hides with inline styles and wraps text in spans: neither may be left behind.
      marks: live.querySelectorAll('[style*="display: none !important"], [style*="visibility: hidden !important"]').length,
    };
  });
}
