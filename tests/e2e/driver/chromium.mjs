// Chromium driver for the end-to-end tests: Debian's /usr/bin/chromium through playwright-core,
// headless, with the built extension loaded. Every browser driver exports the same `launch`,
// returning `{ name, open(url, {beforeLoad}), openExtensionPage(file), extension(fn, arg), close() }`
// where a page is `{ url, errors, console, eval(fn, arg), click(selector), type(selector, text),
// press(key), screenshot(selector, file), close() }`; the scenarios only use these.
//
// For the popup and options tests (ui-scenarios.mjs) a driver also offers: `launch` options
// `profile` (a user data dir kept across launches, for restarts), `lang` and `colorScheme`;
// `openExtensionPage(file, {width, height})`; `clickAction(page)` (what a click on
// the toolbar button grants: activeTab); `grantOrigin(pattern)` (what the user's "Allow" in the
// permission prompt grants); and on pages `upload(selector, file)`, `download(selector)` (the name
// and text of the file a click saves) and `shot(file, {selector})` (a full-page PNG).

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const name = 'chromium';
/** Chromium refuses to compile Wasm in a content script on a page with a strict CSP. */
export const cspBlocksContentWasm = true;
/** `launch({lang})` sets the browser's interface language (the extension's `_locales` follow it). */
export const setsLanguage = true;

export async function launch({
  extensionDir,
  executablePath = process.env.BERSIH_CHROMIUM ?? '/usr/bin/chromium',
  profile: keptProfile,
  lang,
  colorScheme = 'light',
}) {
  const profile = keptProfile ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'bersih-chromium-')));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    acceptDownloads: true,
    colorScheme,
    ...(lang ? { locale: lang } : {}),
    args: [
      ...(lang ? [`--lang=${lang}`] : []),
      // Lets the tests press the toolbar button through DevTools (Extensions.triggerAction).
      '--enable-unsafe-extension-debugging',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // Content scripts match Blogger hosts: send them all to the local test server, and the
      // `.test` hosts that stand for sites on their own domains (enabled through the popup); let
      // nothing else reach the network (saved pages refer to many outside hosts).
      '--host-resolver-rules=MAP *.blogspot.com 127.0.0.1, MAP *.test 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
  // Some test pages are huge on purpose (tests/e2e/hostile.mjs): give loads time on a busy machine.
  context.setDefaultNavigationTimeout(180_000);
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 10_000 });
  const extensionId = new URL(worker.url()).host;

  return {
    name,
    extensionId,
    async open(url, { beforeLoad } = {}) {
      const page = await context.newPage();
      const wrapped = wrap(page, url);
      wrapped.browser = this;
      if (beforeLoad) await page.addInitScript(beforeLoad.fn, beforeLoad.arg);
      await page.goto(url, { waitUntil: 'load' });
      return wrapped;
    },
    /** Opens one of the extension's own pages (`popup.html?tab=3`) in a tab of its own, of the given size. */
    async openExtensionPage(file, { width = 360, height = 600 } = {}) {
      const url = `chrome-extension://${extensionId}/${file}`;
      const page = await context.newPage();
      const wrapped = wrap(page, url);
      await page.setViewportSize({ width, height });
      await page.goto(url, { waitUntil: 'load' });
      // Chromium can start an extension page in a renderer that does not have the extension's
      // message bundle yet (seen about once in ten loads right after the toolbar popup closed):
      // every `i18n.getMessage` is then '' and the page names its language by the message id
      // (`lang`). A reader's popup opens from the toolbar, long after; here the page is loaded
      // again until its messages are there, and the tests check the text.
      for (let i = 0; i < 3 && (await page.evaluate(() => document.documentElement.lang)) === 'lang'; i++) {
        await page.reload({ waitUntil: 'load' });
      }
      return wrapped;
    },
    /**
     * Presses the extension's toolbar button on `page`'s tab (DevTools `Extensions.triggerAction`),
     * which grants activeTab for that tab exactly as a user's click does; the real popup it opens
     * is closed again (the tests drive popup.html?tab=ID in a tab of its own).
     */
    async clickAction(page) {
      const cdp = await context.browser().newBrowserCDPSession();
      try {
        const url = page.url;
        const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{}] });
        const tab = targetInfos.find((t) => t.type === 'tab' && t.url === url);
        if (!tab) throw new Error(`no tab target shows ${url}`);
        await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
        const popup = `chrome-extension://${extensionId}/popup.html`;
        for (let i = 0; i < 40; i++) {
          const { targetInfos: now } = await cdp.send('Target.getTargets', { filter: [{}] });
          const opened = now.find((t) => t.type === 'page' && t.url.startsWith(popup));
          if (opened) {
            await cdp.send('Target.closeTarget', { targetId: opened.targetId });
            break;
          }
          await new Promise((r) => setTimeout(r, 25));
        }
      } finally {
        await cdp.detach();
      }
    },
    /**
     * Grants the optional host permission `pattern` as the user's "Allow" in the permission prompt
     * would (the prompt cannot be answered in headless Chromium): chrome://extensions' own
     * `developerPrivate.addHostPermission`. The extension's `permissions.request` for it then
     * resolves true at once, without a prompt.
     */
    async grantOrigin(pattern) {
      const page = await context.newPage();
      try {
        await page.goto(`chrome://extensions/?id=${extensionId}`);
        await page.evaluate(
          ({ id, pattern }) => chrome.developerPrivate.addHostPermission(id, pattern),
          { id: extensionId, pattern },
        );
      } finally {
        await page.close();
      }
    },
    /** Runs `fn(arg)` in the extension's background, where `chrome.*` is available. */
    async extension(fn, arg) {
      let [sw] = context.serviceWorkers();
      sw ??= await context.waitForEvent('serviceworker', { timeout: 10_000 });
      return sw.evaluate(fn, arg);
    },
    profile,
    /** Closes the browser; its user data dir is removed unless it was passed in to be kept. */
    async close() {
      await context.close();
      if (!keptProfile) await fs.rm(profile, { recursive: true, force: true });
    },
  };
}

/** The driver's page object around a playwright page; collects its errors and console lines. */
function wrap(page, url) {
  const errors = [];
  const console = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
  // An alert() is a failure (page text run as code); dismiss it so the test can report it.
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  return {
    url,
    errors,
    console,
    eval: (fn, arg) => page.evaluate(fn, arg),
    /** Real input events: a click counts as a user gesture (`permissions.request` needs one). */
    click: (selector) => page.click(selector),
    type: (selector, text) => page.locator(selector).pressSequentially(text),
    press: (key) => page.keyboard.press(key),
    /** Saves a PNG of the first element matching `selector` (the demo's before/after pictures). */
    screenshot: (selector, file) => page.locator(selector).first().screenshot({ path: file, animations: 'disabled' }),
    /** Saves a PNG of the whole page, or of `selector`. */
    shot: (file, { selector } = {}) =>
      selector
        ? page.locator(selector).first().screenshot({ path: file, animations: 'disabled' })
        : page.screenshot({ path: file, fullPage: true, animations: 'disabled' }),
    upload: (selector, file) => page.locator(selector).first().setInputFiles(file),
    /** Clicks `selector` and returns the name and text of the file the click downloads. */
    async download(selector) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
      const file = await download.path();
      return { name: download.suggestedFilename(), text: await fs.readFile(file, 'utf8') };
    },
    close: () => page.close(),
  };
}
