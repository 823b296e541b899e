// Firefox driver for the end-to-end tests: Debian's /usr/bin/firefox-esr through puppeteer-core
// over WebDriver BiDi (no geckodriver), headless, with the built extension installed as a
// temporary add-on. Same interface as driver/chromium.mjs.
//
// Three Firefox facts shape it (all verified with Firefox ESR 153):
// - BiDi will not navigate a tab to a moz-extension:// URL (the navigation never completes). The
//   driver launches Firefox with `-remote-allow-system-access`, which lets BiDi run script in the
//   browser window itself, and opens extension pages from there with `gBrowser.addTab`, as the
//   browser does for its own UI. A fixed UUID for the add-on (`extensions.webextensions.uuids`)
//   makes the extension's origin known before it is installed.
// - There is no BiDi handle on an extension's background page. Every document of the extension's
//   origin gets the WebExtension API, so `extension(fn)` runs in a background tab showing the
//   extension's own manifest.json: a document that runs no script of its own.
// - Firefox resolves every host to the local test server with `network.dns.forceResolve`, so the
//   content script's blogspot match patterns apply; everything that would reach the network on
//   its own (updates, telemetry, remote settings, captive portal...) is switched off, because the
//   test machines have none and waiting on it only slows the tests down.

import fs from 'node:fs/promises';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

export const name = 'firefox';
/** Firefox compiles Wasm in a content script whatever the page's CSP says. */
export const cspBlocksContentWasm = false;

/** The add-on's moz-extension:// host, fixed through `extensions.webextensions.uuids`. */
const UUID = '6b1c2a4e-5f0d-4e3a-9c71-b3e5a0d2f7c8';

/** Preferences that keep a headless test browser quiet, offline-friendly and on 127.0.0.1. */
const PREFS = {
  // Every host name resolves to the local test server (the pages live on *.blogspot.com).
  'network.dns.forceResolve': '127.0.0.1',
  'network.dns.disableIPv6': true,
  'network.trr.mode': 5,
  'network.proxy.type': 0,
  // The extension's origin is known in advance: moz-extension://UUID/.
  'extensions.webextensions.uuids': '', // set per launch below
  // Optional host permissions are granted without a prompt (Firefox still requires the call to
  // come from a user input handler, so the tests click real buttons).
  'extensions.webextOptionalPermissionPrompts': false,
  // Nothing phones home.
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'app.update.auto': false,
  'app.update.enabled': false,
  'browser.aboutwelcome.enabled': false,
  'browser.discovery.enabled': false,
  'browser.newtabpage.activity-stream.feeds.section.topstories': false,
  'browser.newtabpage.activity-stream.feeds.topsites': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.ping-centre.telemetry': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.update.enabled': false,
  'browser.search.geoip.url': '',
  'browser.topsites.contile.enabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'extensions.update.enabled': false,
  'geo.provider.network.url': '',
  'media.gmp-manager.updateEnabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.predictor.enabled': false,
  'network.prefetch-next': false,
  'services.settings.server': 'http://127.0.0.1:9/',
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.server': '',
  'toolkit.telemetry.unified': false,
};

export async function launch({ extensionDir, executablePath = process.env.FIREFOX ?? '/usr/bin/firefox-esr' }) {
  const manifest = JSON.parse(await fs.readFile(path.join(extensionDir, 'manifest.json'), 'utf8'));
  const addonId = manifest.browser_specific_settings?.gecko?.id;
  if (!addonId) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);

  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    args: ['-remote-allow-system-access'],
    extraPrefsFirefox: { ...PREFS, 'extensions.webextensions.uuids': JSON.stringify({ [addonId]: UUID }) },
  });
  try {
    const installed = await browser.installExtension(path.resolve(extensionDir));
    if (installed !== addonId) throw new Error(`installed ${installed}, expected ${addonId}`);
  } catch (err) {
    await browser.close();
    throw err;
  }

  const bidi = (method, params) => browser.connection.send(method, params).then((r) => r.result);
  const { contexts } = await bidi('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
  const chromeWindow = contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  if (!chromeWindow) throw new Error('no browser window to open extension pages from (is -remote-allow-system-access honoured?)');

  /** Opens `url` in a new tab from the browser window itself; resolves to its puppeteer page. */
  let opening = Promise.resolve();
  function openPrivileged(url, { foreground }) {
    const run = async () => {
      const known = new Set((await browser.pages()).map((p) => p.mainFrame()._id));
      await bidi('script.callFunction', {
        functionDeclaration: String((url, foreground) => {
          const tab = gBrowser.addTab(url, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
          if (foreground) gBrowser.selectedTab = tab;
        }),
        arguments: [{ type: 'string', value: url }, { type: 'boolean', value: foreground }],
        target: { context: chromeWindow.context },
        awaitPromise: false,
      });
      let page;
      await until(async () => {
        page ??= (await browser.pages()).find((p) => !known.has(p.mainFrame()._id));
        return page && (await page.evaluate(() => [location.href, document.readyState]).catch(() => []))
          .join(' ') === `${url} complete`;
      }, `${url} to load`);
      return page;
    };
    const result = opening.then(run);
    opening = result.catch(() => {});
    return result;
  }

  const base = `moz-extension://${UUID}/`;
  // A quiet extension document to run `extension(fn)` in; kept open for the whole session.
  const helper = await openPrivileged(`${base}manifest.json`, { foreground: false });

  return {
    name,
    extensionId: UUID,
    extensionOrigin: base.slice(0, -1),
    async open(url, { beforeLoad } = {}) {
      const page = await browser.newPage();
      const wrapped = wrap(page, url);
      if (beforeLoad) await page.evaluateOnNewDocument(beforeLoad.fn, beforeLoad.arg);
      await page.goto(url, { waitUntil: 'load' });
      return wrapped;
    },
    /** Opens one of the extension's own pages (`popup.html?tab=3`) in a tab of its own. */
    async openExtensionPage(file) {
      const url = base + file;
      return wrap(await openPrivileged(url, { foreground: true }), url);
    },
    /** Runs `fn(arg)` in an extension page, where the WebExtension API (`browser.*`) is available. */
    extension: (fn, arg) => helper.evaluate(fn, arg),
    close: () => browser.close(),
  };
}

/** The driver's page object (see driver/chromium.mjs) around a puppeteer page. */
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
    /** A real click (user input, as `permissions.request` requires). */
    click: (selector) => page.click(selector),
    /** Real key presses into the element (focused first). */
    type: (selector, text) => page.type(selector, text),
    press: (key) => page.keyboard.press(key),
    /** Saves a PNG of the first element matching `selector`. */
    async screenshot(selector, file) {
      const element = await page.$(selector);
      if (!element) throw new Error(`nothing matches ${selector} on ${url}`);
      await element.screenshot({ path: file });
    },
    close: () => page.close(),
  };
}

async function until(probe, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
