// Firefox driver for the end-to-end tests: Debian's /usr/bin/firefox-esr through puppeteer-core
// over WebDriver BiDi (no geckodriver), headless. Same interface as driver/chromium.mjs.
//
// How, and why (each verified with Firefox ESR 153):
// - The extension is installed for good, not as a temporary add-on: an extension proxy file in the
//   profile (`extensions/<add-on id>`, holding the build folder's path) is read at start-up, and
//   ESR honours `xpinstall.signatures.required = false` for the unsigned build. A temporary add-on
//   (BiDi `webExtension.install`) is removed when the browser quits, so the restart tests would
//   test nothing. As with a user's install, the manifest's host permissions are granted at install.
// - BiDi will not navigate a tab to a moz-extension:// URL (the navigation never completes).
//   Firefox starts with `-remote-allow-system-access`, which lets BiDi run script in the browser
//   window itself; extension pages are opened from there with `gBrowser.addTab`, as the browser
//   opens its own pages. A fixed UUID (`extensions.webextensions.uuids`) fixes the extension's
//   origin in advance.
// - There is no BiDi handle on an extension's background page. Every document of the extension's
//   origin gets the WebExtension API, so `extension(fn)` runs in a background tab showing the
//   extension's own manifest.json, a document that runs no script of its own.
// - What the user's hand does is done from the browser window with the browser's own code: a click
//   on the toolbar button grants activeTab (`tabManager.addActiveTabPermission`), and "Allow" in
//   the permission prompt resolves the prompt's request (`webextension-optional-permission-prompt`).
// - `network.dns.forceResolve` sends every host to 127.0.0.1, so the blogspot match patterns
//   apply to the test server; everything that would reach the network on its own (updates,
//   telemetry, remote settings, captive portal...) is off: the test machines have no network and
//   waiting on it only slows the tests.

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

export const name = 'firefox';
/** Firefox compiles Wasm in a content script whatever the page's CSP says. */
export const cspBlocksContentWasm = false;
/** `launch({lang})` sets the browser's interface language (its language pack must be installed). */
export const setsLanguage = true;

/** The add-on's moz-extension:// host, fixed through `extensions.webextensions.uuids`. */
const UUID = '6b1c2a4e-5f0d-4e3a-9c71-b3e5a0d2f7c8';

/** Preferences that keep a headless test browser quiet, offline-friendly and on 127.0.0.1. */
const PREFS = {
  // Every host name resolves to the local test server (the pages live on *.blogspot.com).
  'network.dns.forceResolve': '127.0.0.1',
  'network.dns.disableIPv6': true,
  'network.trr.mode': 5,
  'network.proxy.type': 0,
  // The unsigned build installs from the profile (ESR only honours this) and stays enabled.
  'xpinstall.signatures.required': false,
  'extensions.autoDisableScopes': 0,
  'extensions.startupScanScopes': 1,
  // Downloads (the options page's backup) land in a known folder without asking.
  'browser.download.folderList': 2,
  'browser.download.useDownloadDir': true,
  'browser.download.always_ask_before_handling_new_types': false,
  'browser.download.start_downloads_in_tmp_dir': false,
  'browser.download.panel.shown': true,
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

/**
 * Starts Firefox with the extension of `extensionDir` installed. `profile` keeps the profile
 * folder (for restarts: launch again with the same one); `lang` asks for that interface language;
 * `colorScheme` is 'light' or 'dark'.
 */
export async function launch({
  extensionDir,
  executablePath = process.env.BERSIH_FIREFOX ?? '/usr/bin/firefox-esr',
  profile: keptProfile,
  lang,
  colorScheme = 'light',
}) {
  const manifest = JSON.parse(await fs.readFile(path.join(extensionDir, 'manifest.json'), 'utf8'));
  const addonId = manifest.browser_specific_settings?.gecko?.id;
  if (!addonId) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);

  const profile = keptProfile ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'bersih-firefox-')));
  const downloads = path.join(profile, 'downloads');
  await fs.mkdir(path.join(profile, 'extensions'), { recursive: true });
  await fs.mkdir(downloads, { recursive: true });
  await fs.writeFile(path.join(profile, 'extensions', addonId), `${path.resolve(extensionDir)}\n`);

  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    userDataDir: profile,
    args: ['-remote-allow-system-access'],
    extraPrefsFirefox: {
      ...PREFS,
      'extensions.webextensions.uuids': JSON.stringify({ [addonId]: UUID }),
      'browser.download.dir': downloads,
      // 0 dark, 1 light: what `prefers-color-scheme` answers in every page.
      'layout.css.prefers-color-scheme.content-override': colorScheme === 'dark' ? 0 : 1,
      ...(lang ? { 'intl.locale.requested': lang, 'intl.accept_languages': lang } : {}),
    },
  });

  const bidi = (method, params) => browser.connection.send(method, params).then((r) => r.result);
  let chromeWindow;
  /** Calls `fn(...args)` in the browser window (privileged script); JSON in, JSON out. */
  async function inBrowserWindow(fn, ...args) {
    const { result, exceptionDetails } = await bidi('script.callFunction', {
      functionDeclaration: `async (json) => JSON.stringify(await (${fn})(...JSON.parse(json)) ?? null)`,
      arguments: [{ type: 'string', value: JSON.stringify(args) }],
      target: { context: chromeWindow },
      awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(`in the browser window: ${exceptionDetails.text}`);
    return JSON.parse(result.value);
  }

  try {
    const { contexts } = await bidi('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
    chromeWindow = contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml')?.context;
    if (!chromeWindow) throw new Error('BiDi shows no browser window (is -remote-allow-system-access honoured?)');
    await until(
      () => inBrowserWindow((id) => Boolean(WebExtensionPolicy.getByID(id)?.extension), addonId),
      `the add-on ${addonId} to start from ${extensionDir} (release builds of Firefox refuse unsigned add-ons: use firefox-esr)`,
    );
    if (lang) {
      const locale = await inBrowserWindow(() => Services.locale.appLocaleAsBCP47);
      if (locale.split('-')[0] !== lang.split('-')[0]) {
        throw new Error(`Firefox speaks ${locale}, not ${lang}: install its language pack (Debian: firefox-esr-l10n-${lang})`);
      }
    }
  } catch (err) {
    await browser.close();
    if (!keptProfile) await fs.rm(profile, { recursive: true, force: true });
    throw err;
  }

  /** Opens `url` in a new tab from the browser window; resolves to its puppeteer page. */
  let opening = Promise.resolve();
  function openPrivileged(url, { foreground }) {
    const run = async () => {
      const known = new Set((await browser.pages()).map((p) => p.mainFrame()._id));
      await inBrowserWindow((url, foreground) => {
        const tab = gBrowser.addTab(url, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
        if (foreground) gBrowser.selectedTab = tab;
      }, url, foreground);
      let page;
      await until(async () => {
        page ??= (await browser.pages()).find((p) => !known.has(p.mainFrame()._id));
        const state = page && (await page.evaluate(() => [location.href, document.readyState]).catch(() => []));
        return state?.[0] === url && state[1] === 'complete';
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
  const pages = new WeakMap();

  /** The browser's tab (a XUL element, found in the browser window) showing `page`, as a script. */
  const findTab = String((href) => gBrowser.tabs.find((t) => t.linkedBrowser.currentURI.spec === href));

  /** Runs `body(tab, ...args)` in the browser window on the tab showing the driver page `page`. */
  async function onTab(page, body, ...args) {
    const href = await page.eval(() => location.href);
    return inBrowserWindow(
      `async (href, ...args) => { const tab = (${findTab})(href); if (!tab) throw new Error('no tab shows ' + href); return (${body})(tab, ...args); }`,
      href,
      ...args,
    );
  }

  return {
    name,
    extensionId: UUID,
    profile,
    async open(url, { beforeLoad } = {}) {
      const page = await browser.newPage();
      // Some test pages are huge on purpose (tests/e2e/hostile.mjs): give loads time on a busy machine.
      page.setDefaultNavigationTimeout(180_000);
      const wrapped = wrap(page, url, downloads);
      wrapped.browser = this;
      pages.set(wrapped, page);
      if (beforeLoad) await page.evaluateOnNewDocument(beforeLoad.fn, beforeLoad.arg);
      await page.goto(url, { waitUntil: 'load' });
      return wrapped;
    },
    /** Opens `file` of the extension (`popup.html?tab=3`, `options.html`) in a tab of the given size. */
    async openExtensionPage(file, { width = 360, height = 600 } = {}) {
      const url = base + file;
      const page = await openPrivileged(url, { foreground: true });
      await page.setViewport({ width, height });
      const wrapped = wrap(page, url, downloads);
      page.on('dialog', (d) => {
        wrapped.errors.push(`dialog: ${d.message()}`);
        d.dismiss().catch(() => {});
      });
      return wrapped;
    },
    /**
     * What a click on the extension's toolbar button gives it: the tab becomes the selected one and
     * the extension gets activeTab for it (the browser action's own `addActiveTabPermission`). The
     * tests then drive popup.html?tab=ID in a tab of its own.
     */
    clickAction(page) {
      return onTab(page, (tab, id) => {
        gBrowser.selectedTab = tab;
        WebExtensionPolicy.getByID(id).extension.tabManager.addActiveTabPermission(tab);
      }, addonId);
    },
    /**
     * Answers "Allow" to the extension's next permission prompt that asks for `pattern` (a
     * headless browser cannot show one to click): the browser window listens for the prompt's
     * own notification, `webextension-optional-permission-prompt`, and resolves it with true, as
     * the prompt's button does. Nothing is granted before the extension asks.
     */
    grantOrigin(pattern) {
      return inBrowserWindow((pattern) => {
        const topic = 'webextension-optional-permission-prompt';
        const observer = {
          observe(subject) {
            const prompt = subject.wrappedJSObject;
            if (!prompt?.permissions?.origins?.includes(pattern)) return;
            Services.obs.removeObserver(observer, topic);
            prompt.resolve(true);
          },
        };
        Services.obs.addObserver(observer, topic);
      }, pattern);
    },
    /** Runs `fn(arg)` in an extension page, where the WebExtension API (`browser.*`) is available. */
    extension: (fn, arg) => helper.evaluate(fn, arg),
    /** Closes the browser; its profile is removed unless it was passed in to be kept. */
    async close() {
      await browser.close();
      if (!keptProfile) await fs.rm(profile, { recursive: true, force: true });
    },
  };
}

/** The driver's page object (see driver/chromium.mjs) around a puppeteer page. */
function wrap(page, url, downloads) {
  const errors = [];
  const console = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
  const element = async (selector) => {
    const found = await page.$(selector);
    if (!found) throw new Error(`nothing matches ${selector} on ${url}`);
    return found;
  };
  return {
    url,
    errors,
    console,
    eval: (fn, arg) => page.evaluate(fn, arg),
    /**
     * A real click (trusted input: a user gesture, as `permissions.request` requires) on the tab
     * brought to the front, once the element holds still and nothing covers it: puppeteer clicks
     * where the element was, so a re-render that moves it would swallow the click.
     */
    async click(selector) {
      await page.bringToFront();
      await until(() => page.evaluate(settledAt, selector), `${selector} to hold still on ${url}`);
      await page.click(selector);
    },
    /** Replaces the field's value by typing `text` into it. */
    type: (selector, text) => page.locator(selector).fill(text),
    press: (key) => page.keyboard.press(key),
    upload: async (selector, file) => (await element(selector)).uploadFile(file),
    /** Clicks `selector` and returns the name and text of the file the click downloads. */
    async download(selector) {
      const before = new Set(await fs.readdir(downloads));
      await page.click(selector);
      let name;
      await until(async () => {
        const files = (await fs.readdir(downloads)).filter((f) => !before.has(f));
        name = files.find((f) => !f.endsWith('.part'));
        return name && !files.some((f) => f.endsWith('.part'));
      }, `a download from ${selector}`);
      return { name, text: await fs.readFile(path.join(downloads, name), 'utf8') };
    },
    /** Saves a PNG of the whole page, or of `selector`. */
    shot: async (file, { selector } = {}) =>
      selector ? (await element(selector)).screenshot({ path: file }) : page.screenshot({ path: file, fullPage: true }),
    /** Saves a PNG of the first element matching `selector`. */
    screenshot: async (selector, file) => (await element(selector)).screenshot({ path: file }),
    close: () => page.close(),
  };
}

/**
 * In the page: whether the element matching `selector` is in view, kept its place over two frames,
 * and is what a click at its centre would hit (itself, its content or its label).
 */
async function settledAt(selector) {
  const el = document.querySelector(selector);
  if (!el) return false;
  el.scrollIntoView({ block: 'center', inline: 'center' });
  const box = () => JSON.stringify(el.getBoundingClientRect());
  const before = box();
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  if (box() !== before) return false;
  const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
  return Boolean(hit) && (el.contains(hit) || hit.closest('label')?.contains(el) === true);
}

async function until(probe, what, timeout = 10_000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      if (await probe()) return;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last: ${last.message})` : ''}`);
}
