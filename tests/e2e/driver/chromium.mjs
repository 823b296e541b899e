// Chromium driver for the end-to-end tests: Debian's /usr/bin/chromium through playwright-core,
// headless, with the built extension loaded. Every browser driver exports the same `launch`,
// returning `{ name, open(url, {beforeLoad}), openExtensionPage(file), extension(fn, arg), close() }`
// where a page is `{ url, errors, console, eval(fn, arg), click(selector), type(selector, text),
// press(key), screenshot(selector, file), close() }`; the scenarios only use these.

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const name = 'chromium';
/** Chromium refuses to compile Wasm in a content script on a page with a strict CSP. */
export const cspBlocksContentWasm = true;

export async function launch({ extensionDir, executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium' }) {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'bersih-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // Content scripts match Blogger hosts: send them all to the local test server, and let
      // nothing else reach the network (saved pages refer to many outside hosts).
      '--host-resolver-rules=MAP *.blogspot.com 127.0.0.1, MAP * ~NOTFOUND',
    ],
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 10_000 });
  const extensionId = new URL(worker.url()).host;

  return {
    name,
    extensionId,
    async open(url, { beforeLoad } = {}) {
      const page = await context.newPage();
      const wrapped = wrap(page, url);
      if (beforeLoad) await page.addInitScript(beforeLoad.fn, beforeLoad.arg);
      await page.goto(url, { waitUntil: 'load' });
      return wrapped;
    },
    /** Opens one of the extension's own pages (`popup.html?tab=3`) in a tab of its own. */
    async openExtensionPage(file) {
      const url = `chrome-extension://${extensionId}/${file}`;
      const page = await context.newPage();
      const wrapped = wrap(page, url);
      await page.goto(url, { waitUntil: 'load' });
      return wrapped;
    },
    /** Runs `fn(arg)` in the extension's background, where `chrome.*` is available. */
    async extension(fn, arg) {
      let [sw] = context.serviceWorkers();
      sw ??= await context.waitForEvent('serviceworker', { timeout: 10_000 });
      return sw.evaluate(fn, arg);
    },
    async close() {
      await context.close();
      await fs.rm(profile, { recursive: true, force: true });
    },
  };
}

/** The driver's page object around a playwright page; collects its errors and console lines. */
function wrap(page, url) {
  const errors = [];
  const console = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
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
    close: () => page.close(),
  };
}
