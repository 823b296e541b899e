// The popup and the options page driven as a user would, against the fixture pages of
// tests/scenarios/ui-*, in any browser whose driver offers the UI methods (see driver/chromium.mjs).
// The popup is opened as a page of its own, `popup.html?tab=ID`, for the page's tab.
//
// What a test expects is read from the page itself (the elements the content script marked), so
// the tests check that the interface tells the truth about the page, whatever the core decides.

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, flagRegistration, getReport, patchSettings, sleep, storedTotal, visibleText, waitFor, waitForScan } from './harness.mjs';

/** The phrase of the fixture that is HTML markup as text; the tests tell the core to hide it. */
export const MARKUP = '<img src=x onerror=alert(1)>';
const DEFAULTS = { enabled: true, sites: {}, origins: [], allow: {}, deny: [], clutter: {} };
/** Fixture pages of tests/pages (other Blogger themes) whose report is checked against the page too. */
const PAGE_FIXTURES = ['classic-simple', 'contempo-v3', 'awesome-inc'];

/**
 * Fragments the page hides now, in page order: `{id, category, text, hidden}` per item of the
 * content script's report, checked against the page itself. The page carries no id or category
 * (nothing a page could read), so what is checked there is the text: everything the page hides
 * now (nodes with Bersih's inline `display: none`), in page order, must be exactly the items'
 * text in their order; `hidden` says whether it is.
 */
export async function pageItems(page) {
  const report = await getReport(page.browser, page.url);
  const hiddenText = await page.eval(() => {
    const hidden = (el) => el?.closest('[style*="display: none !important"]');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let out = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (hidden(node.parentElement)) out += node.data;
    return out;
  });
  const squeeze = (text) => text.replace(/\s+/g, '');
  const hidden = squeeze(hiddenText) === squeeze(report.items.map((i) => i.text).join(''));
  return report.items.map(({ id, category, text }) => ({ id, category, text: text.replace(/\s+/g, ' ').trim(), hidden }));
}

/** What the popup shows, read from its DOM. */
export function popupState(popup) {
  return popup.eval(() => {
    const $ = (s) => document.querySelector(s);
    const visible = (s) => Boolean($(s)) && !$(s).closest('[hidden]');
    return {
      ready: document.body.dataset.ready === 'true',
      lang: document.documentElement.lang,
      host: $('#host').textContent,
      status: visible('#status') ? $('#status').textContent : null,
      message: visible('#message') ? $('#message').textContent : null,
      capped: visible('#capped') ? $('#capped').textContent : null,
      platform: visible('#platform') ? $('#platform').textContent : null,
      site: visible('#site') ? $('#site-switch').checked : null,
      enable: visible('#enable'),
      enableText: $('#enable-text').textContent,
      reload: visible('#reload'),
      report: visible('#report'),
      total: Number($('#total').textContent.replace(/\D/g, '')),
      revealed: $('#reveal-switch').checked,
      groups: Object.fromEntries(
        [...document.querySelectorAll('.breakdown li')].map((li) => [li.dataset.category, Number(li.querySelector('b').textContent)]),
      ),
      items: [...document.querySelectorAll('#fragments .fragment')].map((li) => ({
        id: Number(li.dataset.id),
        category: li.dataset.category,
        text: li.querySelector('.fragment-text').textContent,
        chip: li.querySelector('.chip').textContent,
      })),
      images: document.querySelectorAll('#fragments img').length,
    };
  });
}

/** The browser's tab id of `page` (its URL must be visible to the extension: host permission or activeTab). */
export async function tabId(browser, page) {
  const url = await page.eval(() => location.href);
  return browser.extension(async (url) => {
    const api = globalThis.browser ?? globalThis.chrome;
    return (await api.tabs.query({})).find((t) => t.url === url)?.id ?? null;
  }, url);
}

/** Opens the popup for `page`'s tab and waits until it has rendered. */
export async function openPopup(browser, page) {
  const id = await tabId(browser, page);
  assert.ok(Number.isInteger(id), `the tab of ${page.url} is known to the extension`);
  const popup = await browser.openExtensionPage(`popup.html?tab=${id}`);
  await waitFor(async () => (await popupState(popup)).ready, 'the popup to render');
  return popup;
}

/** Waits until the popup lists exactly the items the page hides (ids in page order); returns its state. */
export async function popupInStep(browser, page, popup) {
  await waitForScan(browser, page.url);
  return waitFor(async () => {
    const [items, state] = [await pageItems(page), await popupState(popup)];
    const same = items.length > 0 && items.map((i) => i.id).join() === state.items.map((i) => i.id).join();
    return same ? state : null;
  }, 'the popup to list what the page hides');
}

/** Waits until `check(state)` holds for the popup; returns that state. */
export async function popupUntil(popup, check, what) {
  return waitFor(async () => {
    const state = await popupState(popup);
    return check(state) ? state : null;
  }, what);
}

export function badge(browser, page) {
  return tabId(browser, page).then((tabId) =>
    browser.extension(async (tabId) => {
      const api = globalThis.browser ?? globalThis.chrome;
      return api.action.getBadgeText({ tabId });
    }, tabId),
  );
}

/** Waits until the badge says `want`: the content script sends its report a moment after a change. */
export function badgeShows(browser, page, want, what) {
  return waitFor(async () => (await badge(browser, page)) === want, `${what}: badge ${want}`);
}

export function storedSettings(browser) {
  return browser.extension(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    return (await api.storage.local.get('settings')).settings;
  });
}

/** A listed item with no text (an empty widget) is named by its category in the popup. */
const categoryText = (state, id) => state.items.find((i) => i.id === id)?.chip ?? '';
const counts = (items) => items.reduce((c, i) => ({ ...c, [i.category]: (c[i.category] ?? 0) + 1 }), {});

export const uiScenarios = {
  async 'popup: the report lists what the page hides, in page order, and the badge counts it'({ browser, server }) {
    await patchSettings(browser, { ...DEFAULTS, deny: [MARKUP] });
    const url = server.url('ui-blog');
    const page = await browser.open(url);
    const popup = await openPopup(browser, page);
    try {
      await waitForScan(browser, url);
      const hidden = await waitFor(async () => {
        const items = await pageItems(page);
        return items.some((i) => i.text === MARKUP) ? items : null;
      }, 'the markup phrase hidden');
      assert.ok(hidden.length >= 5, `the fixture hides several items (got ${hidden.length})`);
      assert.ok(hidden.every((i) => i.hidden), 'every marked item is hidden');
      const state = await popupUntil(popup, (s) => s.items.length === hidden.length, 'the popup to list every item');
      assert.equal(state.site, true);
      assert.equal(state.status, null);
      assert.equal(state.host, new URL(url).hostname);
      assert.equal(state.total, hidden.length);
      assert.deepEqual(state.groups, counts(hidden), 'counts per category match the page');
      // Texts compared without whitespace: a widget's report text joins its buttons with spaces.
      const squash = (t) => t.replace(/\s+/g, '');
      assert.deepEqual(
        state.items.map(({ id, category, text }) => ({ id, category, text: squash(text) })),
        hidden.map(({ id, category, text }) => ({ id, category, text: squash(text) || squash(categoryText(state, id)) })),
        'the list is the page’s hidden fragments, in page order',
      );
      assert.ok(state.groups.prefix >= 1 && state.groups['comment-form'] >= 1, 'ads and footer clutter both reported');

      // Page text that is markup is shown as text: literally, no element made of it, no script run.
      const markup = state.items.find((i) => i.text === MARKUP);
      assert.ok(markup, 'the markup fragment is listed with its literal text');
      assert.equal(state.images, 0, 'no <img> element was created in the popup');
      assert.deepEqual(popup.errors, [], 'no error and no alert in the popup');

      await badgeShows(browser, page, String(hidden.length), 'the badge shows the count');
    } finally {
      await popup.close();
      await page.close();
      await patchSettings(browser, DEFAULTS);
    }
    // The same on every fixture of tests/pages: the list is the page's hidden items in page order.
    for (const name of PAGE_FIXTURES) {
      const other = await browser.open(server.url(name));
      const otherPopup = await openPopup(browser, other);
      try {
        const state = await popupInStep(browser, other, otherPopup);
        assert.deepEqual(state.groups, counts(await pageItems(other)), `${name}: counts per category`);
        await badgeShows(browser, other, String(state.items.length), name);
      } finally {
        await otherPopup.close();
        await other.close();
      }
    }
  },

  async 'popup: a fragment scrolls into view and flashes; "Show hidden" strikes hidden text through'({ browser, server }) {
    await patchSettings(browser, DEFAULTS);
    const url = server.url('ui-blog');
    const page = await browser.open(url);
    const popup = await openPopup(browser, page);
    try {
      const state = await popupInStep(browser, page, popup);
      const pager = state.items.find((i) => i.category === 'pager');
      assert.equal(await page.eval(() => Math.round(scrollY)), 0, 'the page starts at the top');
      await popup.click(`.fragment[data-id="${pager.id}"] .fragment-main`);
      // The pager (the page's #blog-pager) is scrolled into view and shown for a moment.
      const flashed = await waitFor(
        () =>
          page.eval(() => {
            const el = document.getElementById('blog-pager');
            const box = el.getBoundingClientRect();
            return el.checkVisibility() && box.top >= 0 && box.bottom <= innerHeight && scrollY > 0 ? { top: box.top, scrollY } : null;
          }),
        'the pager scrolled into view and shown',
      );
      assert.ok(flashed.scrollY > 0);
      await waitFor(
        () => page.eval(() => !document.getElementById('blog-pager').checkVisibility()),
        'the flash to end and the pager to be hidden again',
        5000,
      );

      await popup.click('#reveal-switch');
      const struck = await waitFor(
        () =>
          page.eval(() => {
            const marks = [...document.querySelectorAll('[style*="line-through"]')];
            const hidden = document.querySelectorAll('[style*="display: none !important"]').length;
            return marks.length && !hidden && marks.every((el) => el.checkVisibility() && getComputedStyle(el).textDecorationLine.includes('line-through'))
              ? marks.length
              : null;
          }),
        'every hidden fragment shown struck through',
      );
      assert.ok(struck >= state.items.length);
      assert.equal((await getReport(browser, url)).revealed, true);
      assert.match(await visibleText(page), /BESTPROFIT/, 'the ad text is back on screen');
      await popup.click('#reveal-switch');
      await waitFor(async () => !(await visibleText(page)).includes('BESTPROFIT'), 'hidden again');
    } finally {
      await popup.close();
      await page.close();
    }
  },

  async 'popup: "Not spam" keeps that phrase visible on this site, at once and from then on'({ browser, server }) {
    await patchSettings(browser, DEFAULTS);
    const url = server.url('ui-blog');
    const host = new URL(url).hostname;
    const page = await browser.open(url);
    const popup = await openPopup(browser, page);
    try {
      const before = await popupInStep(browser, page, popup);
      const target = before.items.find((i) => i.category === 'comment-form');
      await popup.click(`.fragment[data-id="${target.id}"] .not-spam`);
      const settings = await waitFor(async () => (await storedSettings(browser))?.allow?.[host]?.length && storedSettings(browser), 'the phrase stored');
      assert.deepEqual(settings.allow[host], [target.text.replace(/[\s:]+$/, '')]);
      assert.deepEqual(settings.allow['*'] ?? [], [], 'kept on this site only');
      await waitFor(async () => (await visibleText(page)).includes(target.text), 'the phrase visible on the page at once');
      const after = await popupUntil(popup, (s) => !s.items.some((i) => i.text === target.text), 'the popup to drop it');
      // Whatever else went is an item containing the kept phrase; everything else is still hidden.
      const phrase = settings.allow[host][0].toLowerCase();
      const gone = before.items.filter((i) => !after.items.some((a) => a.text === i.text));
      assert.ok(gone.every((i) => i.text.toLowerCase().includes(phrase)), `only items with the phrase were shown: ${JSON.stringify(gone)}`);
      assert.ok(after.items.every((a) => before.items.some((i) => i.text === a.text)), 'nothing new hidden');
      assert.ok(after.items.length > 0, 'the rest stays hidden');

      // From then on: a fresh load of the site keeps it too.
      const againUrl = server.url('ui-blog', 'page.html', '?again');
      const again = await browser.open(againUrl);
      try {
        await waitForScan(browser, againUrl);
        assert.ok((await visibleText(again)).includes(target.text), 'kept visible on a new load');
        assert.ok((await pageItems(again)).length > 0, 'the rest is hidden on the new load');
      } finally {
        await again.close();
      }
    } finally {
      await popup.close();
      await page.close();
      await patchSettings(browser, DEFAULTS);
    }
  },

  async 'popup: follows the page on its reports, without asking it for one on a timer'({ browser, server }) {
    await patchSettings(browser, { ...DEFAULTS, deny: ['kalimat sisipan'] });
    const url = server.url('ui-blog');
    const page = await browser.open(url);
    const popup = await openPopup(browser, page);
    try {
      const first = await popupInStep(browser, page, popup);
      // Every report the popup asks of the tab, counted from now on.
      await popup.eval(() => {
        const api = globalThis.browser ?? globalThis.chrome;
        const send = api.tabs.sendMessage.bind(api.tabs);
        globalThis.reportsAsked = 0;
        api.tabs.sendMessage = (tabId, message, ...rest) => {
          if (message?.type === 'bersih:get-report') globalThis.reportsAsked++;
          return send(tabId, message, ...rest);
        };
      });
      await sleep(2500);
      assert.equal(await popup.eval(() => globalThis.reportsAsked), 0, 'nothing changed, nothing asked (it polled every second)');

      // Late content: the content script hides it and says so; the popup follows.
      await page.eval(() => {
        const line = document.createElement('p');
        line.textContent = 'Kalimat sisipan muncul belakangan di akhir tulisan.';
        document.querySelector('.post-body').append(line);
      });
      const later = await popupUntil(popup, (s) => s.items.length === first.items.length + 1, 'the popup to list the late item');
      assert.ok(later.items.some((i) => /kalimat sisipan/i.test(i.text)), JSON.stringify(later.items.map((i) => i.text)));
      assert.equal(later.total, first.total + 1);
      const asked = await popup.eval(() => globalThis.reportsAsked);
      assert.ok(asked >= 1 && asked <= 3, `asked ${asked} times for one change`);
      assert.equal(later.capped, null, 'a page within its budget says nothing about a cap');
      assert.deepEqual(popup.errors, []);
    } finally {
      await popup.close();
      await page.close();
      await patchSettings(browser, DEFAULTS);
    }
  },

  async 'popup: a page over the content script\'s page budget says it is too large to clean fully'({ browser, server }) {
    await patchSettings(browser, DEFAULTS);
    // Every report carries `capped`: null within the budget.
    const small = await browser.open(server.url('ui-blog'));
    try {
      const report = await waitForScan(browser, small.url);
      assert.equal(report.capped, null, 'a page within the budget is not capped');
    } finally {
      await small.close();
    }
    const url = server.url('ui-huge');
    const page = await browser.open(url);
    try {
      const report = await waitFor(async () => {
        const r = await getReport(browser, url);
        return r?.timing?.doneMs !== undefined ? r : null;
      }, 'the first scan of the huge page', 60_000);
      assert.ok(report.capped, `the huge page hit a cap: ${JSON.stringify(report.capped)}`);
      const popup = await openPopup(browser, page);
      try {
        const state = await popupUntil(popup, (s) => s.capped, 'the popup to say the page is too large');
        const id = report.capped === 'scans' ? 'pageCappedScans' : 'pageCapped';
        assert.equal(state.capped, await message(id));
        assert.equal(state.report, true, 'and still shows what it hid');
      } finally {
        await popup.close();
      }
    } finally {
      await page.close();
    }
  },

  async 'popup: "Not spam" when the phrase lists are full says so and changes nothing'({ browser, server }) {
    const full = { ...DEFAULTS, deny: Array.from({ length: 1000 }, (_, i) => `frasa penuh ${i}`) };
    await patchSettings(browser, full);
    const url = server.url('ui-blog');
    const page = await browser.open(url);
    const popup = await openPopup(browser, page);
    try {
      const state = await popupInStep(browser, page, popup);
      const stored = await storedSettings(browser);
      assert.equal(stored.deny.length, 1000);
      await popup.click(`.fragment[data-id="${state.items[0].id}"] .not-spam`);
      const said = await popupUntil(popup, (s) => s.message, 'the popup to say why');
      assert.equal(said.message, (await message('phrasesFull')).replace('$LIMIT$', new Intl.NumberFormat('en').format(1000)));
      assert.deepEqual(await storedSettings(browser), stored, 'nothing stored');
      assert.equal(said.items.length, state.items.length, 'the page still hides the same');
    } finally {
      await popup.close();
      await page.close();
      await patchSettings(browser, DEFAULTS);
    }
  },
};

/**
 * Needs a session started with a kept profile (restart). Switching a site off reveals it in every
 * open tab of the site and clears the badge; on cleans again; the choice survives a restart.
 */
export async function siteSwitchScenario(session) {
  const { server } = session;
  let browser = session.browser;
  await patchSettings(browser, DEFAULTS);
  const url = server.url('ui-blog');
  const other = server.url('ui-blog', 'page.html', '?second');
  const host = new URL(url).hostname;
  const page = await browser.open(url);
  const second = await browser.open(other);
  const popup = await openPopup(browser, page);
  try {
    await waitForScan(browser, url);
    await waitForScan(browser, other);
    const cleaned = await visibleText(page);
    assert.doesNotMatch(cleaned, /BESTPROFIT/);
    await popupUntil(popup, (s) => s.site === true && s.items.length > 0, 'the site switch on');

    await popup.click('#site-switch');
    for (const p of [page, second]) {
      await waitFor(async () => (await pageItems(p)).length === 0 && /BESTPROFIT/.test(await visibleText(p)), `everything shown in ${p.url}`);
    }
    assert.deepEqual((await storedSettings(browser)).sites, { [host]: false });
    await waitFor(async () => (await badge(browser, page)) === '', 'the badge cleared');
    const off = await popupUntil(popup, (s) => s.site === false && s.status, 'the popup to show the site off');
    assert.equal(off.report, false);
    assert.ok(off.status, 'the popup says cleaning is off here');

    await popup.click('#site-switch');
    for (const p of [page, second]) {
      await waitFor(async () => (await visibleText(p)) === cleaned, `cleaned again in ${p.url}`);
    }
    assert.deepEqual((await storedSettings(browser)).sites, {});
    await waitFor(async () => Number(await badge(browser, page)) > 0, 'the badge back');

    // Off again, then quit and reopen the browser: still off.
    await popup.click('#site-switch');
    await waitFor(async () => (await storedSettings(browser)).sites?.[host] === false, 'stored off');
  } finally {
    await popup.close().catch(() => {});
    await page.close().catch(() => {});
    await second.close().catch(() => {});
  }
  browser = await session.restart();
  const reopened = await browser.open(url);
  const popup2 = await openPopup(browser, reopened);
  try {
    assert.equal((await storedSettings(browser)).sites[host], false, 'the choice survived the restart');
    const report = await waitFor(() => getReport(browser, url), 'the content script to answer');
    assert.equal(report.enabled, false);
    assert.match(await visibleText(reopened), /BESTPROFIT/, 'the site is shown as it is after the restart');
    const state = await popupUntil(popup2, (s) => s.site === false && s.status, 'the switch off after restart');
    assert.equal(state.report, false);
    await popup2.click('#site-switch');
    await waitFor(async () => !(await visibleText(reopened)).includes('BESTPROFIT'), 'cleaned after switching on again');
  } finally {
    await popup2.close();
    await reopened.close();
    await patchSettings(browser, DEFAULTS);
  }
}

/**
 * "Enable on this site" for a Blogger blog on its own domain (the fixture served on 127.0.0.1):
 * the toolbar click gives the popup the tab's origin (activeTab), the user's "Allow" is given
 * through the driver (headless browsers cannot answer the prompt), then the popup's own button
 * requests the permission (resolved at once), stores the origin, registers the content script and
 * runs it in the tab. After a restart the registration still cleans the site.
 */
export async function enableSiteScenario(session, { customUrl, plainUrl }) {
  let browser = session.browser;
  await patchSettings(browser, DEFAULTS);
  const page = await browser.open(customUrl);
  const pattern = `${new URL(customUrl).protocol}//${new URL(customUrl).hostname}/*`;
  try {
    assert.match(await visibleText(page), /BESTPROFIT/, 'not cleaned before it is enabled');
    await browser.clickAction(page);
    const popup = await openPopup(browser, page);
    try {
      const offer = await popupUntil(popup, (s) => s.enable, 'the enable offer');
      assert.match(offer.enableText, new RegExp(new URL(customUrl).hostname.replace(/\./g, '\\.')));
      await browser.grantOrigin(pattern);
      await popup.click('#enable-button');
      await waitFor(async () => !(await visibleText(page)).includes('BESTPROFIT'), 'the open tab cleaned at once');
      const state = await popupUntil(popup, (s) => s.report && s.items.length > 0, 'the popup to show the report');
      assert.equal(state.enable, false);
      assert.equal(state.status, null, 'no error or notice in the popup');
      assert.deepEqual((await storedSettings(browser)).origins, [pattern]);
      const scripts = await browser.extension(async () => {
        const api = globalThis.browser ?? globalThis.chrome;
        return api.scripting.getRegisteredContentScripts();
      });
      // The site's content script, and the site-on flag (extension/lib/armed.js) now there too.
      const site = scripts.filter((s) => s.id !== 'bersih-on');
      assert.deepEqual(site.map((s) => [s.matches, s.persistAcrossSessions]), [[[pattern], true]]);
      await waitFor(
        async () => (await flagRegistration(browser))?.matches.includes(pattern),
        'the site-on flag registered on the site',
      );
      await badgeShows(browser, page, String(state.items.length), 'the granted site');
    } finally {
      await popup.close();
    }
  } finally {
    await page.close();
  }

  browser = await session.restart();
  const again = await browser.open(customUrl);
  try {
    await waitForScan(browser, customUrl);
    assert.doesNotMatch(await visibleText(again), /BESTPROFIT/, 'still cleaned after a restart');
  } finally {
    await again.close();
  }
  // A page of the enabled origin with no post of any platform (no article) is left alone, and the
  // popup says so.
  const plain = await browser.open(plainUrl);
  const popup = await openPopup(browser, plain);
  try {
    const state = await popupUntil(popup, (s) => s.status, 'the popup status');
    assert.equal(state.report, false);
    assert.equal(state.site, null);
    assert.equal((await getReport(browser, plainUrl)).platform, null, 'no post found on the plain page');
    assert.match(await visibleText(plain), /BEST PROFIT adalah nama warung/);
  } finally {
    await popup.close();
    await plain.close();
  }

  // Removing the site in the options page takes back its registration and its permission.
  const options = await openOptions(browser);
  try {
    const listed = await waitFor(async () => (await optionsState(options)).sitesAdded, 'the added site listed');
    assert.deepEqual(listed, [new URL(customUrl).hostname]);
    await options.click('#sites-added li .entry-actions .button:last-child');
    await waitFor(async () => (await storedSettings(browser)).origins.length === 0, 'the origin removed');
    // The registration and the permission go after the stored origin, each in its own step.
    const left = () =>
      browser.extension(async (pattern) => {
        const api = globalThis.browser ?? globalThis.chrome;
        const scripts = (await api.scripting.getRegisteredContentScripts()).filter((s) => s.id !== 'bersih-on');
        return { scripts: scripts.length, granted: await api.permissions.contains({ origins: [pattern] }) };
      }, pattern);
    await waitFor(async () => {
      const now = await left();
      return now.scripts === 0 && now.granted === false;
    }, 'the registration and the permission gone').catch(() => {});
    assert.deepEqual(await left(), { scripts: 0, granted: false });
  } finally {
    await options.close();
  }
  const after = await browser.open(`${customUrl}?after`);
  try {
    await new Promise((r) => setTimeout(r, 500));
    assert.match(await visibleText(after), /BESTPROFIT/, 'no longer cleaned once removed');
  } finally {
    await after.close();
  }
}

/** The English interface text of message `id` (the tests run the browser in English). */
async function message(id) {
  const messages = JSON.parse(await fs.readFile(path.join(ROOT, 'extension/_locales/en/messages.json'), 'utf8'));
  return messages[id].message;
}

/** Opens the options page and waits until it has rendered. */
export async function openOptions(browser) {
  const options = await browser.openExtensionPage('options.html', { width: 420, height: 900 });
  await waitFor(() => options.eval(() => document.body.dataset.ready === 'true'), 'the options page to render');
  return options;
}

/** What the options page shows, read from its DOM. */
export function optionsState(options) {
  return options.eval(() => {
    const texts = (sel) => [...document.querySelectorAll(sel)].map((el) => el.textContent);
    const message = document.querySelector('#backup-message');
    return {
      enabled: document.querySelector('#enabled').checked,
      total: Number(document.querySelector('#total-hidden').textContent.replace(/\D/g, '')),
      clutter: Object.fromEntries([...document.querySelectorAll('#clutter input')].map((i) => [i.dataset.kind, i.checked])),
      sitesOff: texts('#sites-off li:not(.empty) .entry-text'),
      sitesAdded: texts('#sites-added li:not(.empty) .entry-text'),
      deny: texts('#deny li:not(.empty) .entry-text'),
      allow: texts('#allow li:not(.empty) .entry-text'),
      allowSites: Object.fromEntries([...document.querySelectorAll('#allow-sites .entries')].map((ul) => [ul.dataset.scope, [...ul.querySelectorAll('.entry-text')].map((e) => e.textContent)])),
      backup: message.hidden ? null : { text: message.textContent, error: message.classList.contains('error') },
      phraseError: document.querySelector('#phrase-error').hidden ? null : document.querySelector('#phrase-error').textContent,
      preview: document.querySelector('#import-preview').hidden
        ? null
        : {
            title: document.querySelector('#import-preview-title').textContent,
            mode: document.querySelector('input[name="import-mode"]:checked').value,
            phrases: [...document.querySelectorAll('tr[data-row="phrases"] td')].map((td) => Number(td.textContent.replace(/\D/g, ''))),
            sites: [...document.querySelectorAll('tr[data-row="sites"] td')].map((td) => Number(td.textContent.replace(/\D/g, ''))),
            switches: document.querySelector('#import-switches').textContent,
            over: document.querySelector('#import-over').hidden ? null : document.querySelector('#import-over').textContent,
            applyDisabled: document.querySelector('#import-apply').disabled,
          },
    };
  });
}

const RICH = {
  version: 1,
  enabled: true,
  sites: { 'lain.blogspot.com': false },
  origins: [],
  allow: { '*': ['Monex Investindo'], 'ui-blog.blogspot.com': ['Posting Komentar'] },
  deny: ['penjemuran bersama'],
  clutter: { 'comment-count': true, 'comment-form': true, share: true, pager: false, feed: true, backlinks: true },
};

export const optionsScenarios = {
  async 'options: global switch, clutter kinds, phrases, sites and the total apply live to an open page'({ browser, server }) {
    await patchSettings(browser, DEFAULTS);
    const url = server.url('ui-blog');
    const host = new URL(url).hostname;
    const page = await browser.open(url);
    const options = await openOptions(browser);
    try {
      await waitForScan(browser, url);
      const cleaned = await visibleText(page);
      const items = await pageItems(page);
      // The background adds a page's count to the stored total after the report, so it may still
      // grow: both are read in each probe, until the options page shows the stored total.
      await waitFor(async () => {
        const [stored, shown] = [await storedTotal(browser), (await optionsState(options)).total];
        return stored >= items.length && shown === stored;
      }, `the options page to show the stored total, counting this page's ${items.length} items`);

      await options.click('#enabled');
      await waitFor(async () => (await pageItems(page)).length === 0, 'everything shown when switched off');
      assert.equal((await storedSettings(browser)).enabled, false);
      await waitFor(async () => (await badge(browser, page)) === '', 'no badge when off');
      await options.click('#enabled');
      await waitFor(async () => (await visibleText(page)) === cleaned, 'cleaned again');

      await options.click('#clutter input[data-kind="share"]');
      await waitFor(async () => /Berbagi ke Twitter/.test(await visibleText(page)), 'share buttons shown');
      assert.ok(!(await pageItems(page)).some((i) => i.category === 'share'));
      assert.equal((await storedSettings(browser)).clutter.share, false);
      await options.click('#clutter input[data-kind="share"]');
      await waitFor(async () => (await visibleText(page)) === cleaned, 'share buttons hidden again');

      await options.type('#add-deny-input', 'penjemuran bersama');
      await options.click('#add-deny button');
      await waitFor(async () => !(await visibleText(page)).includes('penjemuran bersama'), 'the deny phrase hidden');
      await waitFor(async () => (await optionsState(options)).deny.join() === 'penjemuran bersama', 'the deny phrase listed');
      await options.click('#deny li .button');
      await waitFor(async () => (await visibleText(page)) === cleaned, 'the phrase shown again once removed');
      assert.deepEqual((await storedSettings(browser)).deny, []);

      await options.type('#add-allow-input', 'Monex Investindo');
      await options.click('#add-allow button');
      await waitFor(async () => (await optionsState(options)).allow.length === 1, 'the allow phrase listed');
      assert.deepEqual((await storedSettings(browser)).allow, { '*': ['Monex Investindo'] });
      await options.click('#allow li .button');
      await waitFor(async () => (await optionsState(options)).allow.length === 0, 'the allow phrase removed');

      // A phrase over the length limit is refused with the reason; nothing is stored.
      await options.type('#add-deny-input', 'x'.repeat(201));
      await options.click('#add-deny button');
      const tooLong = await waitFor(async () => (await optionsState(options)).phraseError, 'the phrase error');
      assert.equal(tooLong, (await message('phraseTooLong')).replace('$LIMIT$', '200'));
      assert.deepEqual((await storedSettings(browser)).deny, []);
      await options.eval(() => {
        document.querySelector('#add-deny-input').value = '';
      });

      await patchSettings(browser, { sites: { [host]: false } });
      await waitFor(async () => (await optionsState(options)).sitesOff.join() === host, 'the site listed as switched off');
      await waitFor(async () => (await pageItems(page)).length === 0, 'the site shown as it is');
      await options.click('#sites-off li .button');
      await waitFor(async () => (await visibleText(page)) === cleaned, 'turned on again from the options page');
      assert.deepEqual((await storedSettings(browser)).sites, {});
      assert.deepEqual(options.errors, []);
    } finally {
      await options.close();
      await page.close();
      await patchSettings(browser, DEFAULTS);
    }
  },

  async 'options: an import shows what merging or replacing changes and applies only the choice confirmed'({ browser }) {
    await patchSettings(browser, RICH);
    const options = await openOptions(browser);
    if (typeof options.download !== 'function' || typeof options.upload !== 'function') {
      await options.close();
      throw new Error(`the ${browser.name} driver's pages lack download/upload`);
    }
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bersih-backup-'));
    try {
      const stored = await storedSettings(browser);
      const file = await options.download('#export');
      assert.match(file.name, /^bersih-settings-\d{4}-\d\d-\d\d\.json$/);
      assert.deepEqual(JSON.parse(file.text), stored, 'the file holds every setting');
      const good = path.join(dir, file.name);
      await fs.writeFile(good, file.text);

      // Into the defaults: nothing is stored until the user confirms; cancelling changes nothing.
      await patchSettings(browser, DEFAULTS);
      await waitFor(async () => (await optionsState(options)).deny.length === 0, 'the page to show the defaults');
      const defaults = await storedSettings(browser);
      await options.upload('#import-file', good);
      let preview = await waitFor(async () => (await optionsState(options)).preview, 'the import preview');
      assert.deepEqual(preview, {
        title: (await message('importPreviewTitle')).replace('$FILE$', file.name),
        mode: 'merge',
        phrases: [3, 0, 0],
        sites: [1, 0, 0],
        switches: await message('importSwitchesKept'),
        over: null,
        applyDisabled: false,
      });
      assert.deepEqual(await storedSettings(browser), defaults, 'nothing stored before the choice');
      await options.click('#import-cancel');
      await waitFor(async () => (await optionsState(options)).preview === null, 'the preview closed');
      assert.deepEqual(await storedSettings(browser), defaults, 'cancelled: nothing changed');

      // Replace: the counts of that choice, then exactly the file.
      await options.upload('#import-file', good);
      await waitFor(async () => (await optionsState(options)).preview, 'the import preview again');
      await options.click('input[name="import-mode"][value="replace"]');
      preview = await waitFor(async () => {
        const p = (await optionsState(options)).preview;
        return p?.mode === 'replace' ? p : null;
      }, 'the replace counts');
      assert.deepEqual([preview.phrases, preview.sites], [[3, 0, 0], [1, 0, 0]]);
      assert.equal(preview.switches, (await message('importSwitchesChanged')).replace('$COUNT$', '1'), 'pager differs');
      await options.click('#import-apply');
      const done = await waitFor(async () => (await optionsState(options)).backup, 'the import message');
      assert.deepEqual(done, { text: await message('importDone'), error: false });
      assert.deepEqual(await storedSettings(browser), stored, 'the import restored every setting');
      const shown = await waitFor(async () => {
        const s = await optionsState(options);
        return s.deny.length ? s : null;
      }, 'the page to show the imported settings');
      assert.deepEqual(shown.deny, ['penjemuran bersama']);
      assert.deepEqual(shown.allow, ['Monex Investindo']);
      assert.deepEqual(shown.allowSites, { 'ui-blog.blogspot.com': ['Posting Komentar'] });
      assert.deepEqual(shown.sitesOff, ['lain.blogspot.com']);
      assert.equal(shown.clutter.pager, false);
      assert.equal(shown.preview, null);

      // Merge into other settings: the lists join, the user's own switches stay.
      const mine = { ...DEFAULTS, sites: { 'mine.blogspot.com': false }, deny: ['BPF', 'Penjemuran Bersama'], clutter: { pager: true } };
      await patchSettings(browser, mine);
      await waitFor(async () => (await optionsState(options)).deny.length === 2, 'the page to show my settings');
      await options.upload('#import-file', good);
      preview = await waitFor(async () => (await optionsState(options)).preview, 'the merge preview');
      assert.deepEqual([preview.mode, preview.phrases, preview.sites], ['merge', [2, 0, 2], [1, 0, 1]]);
      await options.click('#import-apply');
      await waitFor(async () => (await optionsState(options)).backup?.text === (await message('importDone')), 'merged');
      const merged = await storedSettings(browser);
      assert.deepEqual(merged.deny, ['BPF', 'Penjemuran Bersama'], 'the same phrase in another case is kept once');
      assert.deepEqual(merged.allow, RICH.allow);
      assert.deepEqual(merged.sites, { 'mine.blogspot.com': false, 'lain.blogspot.com': false });
      assert.equal(merged.clutter.pager, true, 'my pager choice stayed');
      assert.deepEqual(options.errors, []);
    } finally {
      await options.close();
      await fs.rm(dir, { recursive: true, force: true });
      await patchSettings(browser, DEFAULTS);
    }
  },

  async 'options: a bad settings file (corrupt, wrong types, 90k phrases, 50 MB) says why and loses nothing'({ browser }) {
    await patchSettings(browser, RICH);
    const options = await openOptions(browser);
    if (typeof options.upload !== 'function') {
      await options.close();
      throw new Error(`the ${browser.name} driver's pages lack upload`);
    }
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bersih-backup-'));
    try {
      const stored = await storedSettings(browser);
      const phrases = Array.from({ length: 90_000 }, (_, i) => `frasa iklan ${i}`);
      const number = (n) => new Intl.NumberFormat('en').format(n);
      const bad = [
        ['not-json.json', '{"version": 1, "enabled": fals', await message('importNotJson')],
        ['other.json', '{"theme": "dark"}', await message('importNotSettings')],
        ['bad-field.json', '{"version": 1, "enabled": true, "sites": {"a.blogspot.com": "off"}}', (await message('importBadField')).replace('$FIELD$', 'sites')],
        ['wrong-type.json', '{"version": 1, "deny": "BPF"}', (await message('importBadField')).replace('$FIELD$', 'deny')],
        ['newer.json', '{"version": 99, "enabled": false}', await message('importNewer')],
        [
          'ninety-thousand.json',
          JSON.stringify({ version: 1, deny: phrases }),
          (await message('importTooManyPhrases')).replace('$COUNT$', number(90_000)).replace('$LIMIT$', number(1000)),
        ],
        [
          'long-phrase.json',
          JSON.stringify({ version: 1, deny: ['x'.repeat(201)] }),
          (await message('importPhraseTooLong')).replace('$FIELD$', 'deny').replace('$LIMIT$', '200'),
        ],
      ];
      for (const [name, text, want] of bad) {
        const badFile = path.join(dir, name);
        await fs.writeFile(badFile, text);
        await options.upload('#import-file', badFile);
        const said = await waitFor(async () => {
          const b = (await optionsState(options)).backup;
          return b?.text === want ? b : null;
        }, `the message for ${name}`);
        assert.equal(said.error, true);
        assert.equal((await optionsState(options)).preview, null, `${name}: nothing offered`);
        assert.deepEqual(await storedSettings(browser), stored, `${name} changed nothing`);
      }

      // A 50 MB file is refused on its size: the page never reads it (every way of reading a
      // File in the page is counted), while a small file is read once.
      await options.eval(() => {
        globalThis.fileReads = 0;
        for (const method of ['text', 'arrayBuffer', 'bytes', 'stream', 'slice']) {
          const original = Blob.prototype[method];
          if (!original) continue;
          Blob.prototype[method] = function (...args) {
            globalThis.fileReads++;
            return original.apply(this, args);
          };
        }
        for (const method of ['readAsText', 'readAsArrayBuffer', 'readAsDataURL', 'readAsBinaryString']) {
          const original = FileReader.prototype[method];
          FileReader.prototype[method] = function (...args) {
            globalThis.fileReads++;
            return original.apply(this, args);
          };
        }
      });
      const huge = path.join(dir, 'huge.json');
      await fs.writeFile(huge, '{"version": 1, "deny": [');
      await fs.truncate(huge, 50_000_000);
      await options.upload('#import-file', huge);
      const tooBig = (await message('importTooBig')).replace('$SIZE$', '2');
      await waitFor(async () => (await optionsState(options)).backup?.text === tooBig, 'the message for the 50 MB file');
      assert.equal(await options.eval(() => globalThis.fileReads), 0, 'the 50 MB file was not read');
      assert.deepEqual(await storedSettings(browser), stored, 'the 50 MB file changed nothing');
      const small = path.join(dir, 'small.json');
      await fs.writeFile(small, '{"version": 1, "deny": ["BPF"]}');
      await options.upload('#import-file', small);
      await waitFor(async () => (await optionsState(options)).preview, 'the small file previewed');
      assert.equal(await options.eval(() => globalThis.fileReads), 1, 'the counting sees a read');
      await options.click('#import-cancel');
      assert.deepEqual(await storedSettings(browser), stored);
      assert.deepEqual(options.errors, []);
    } finally {
      await options.close();
      await fs.rm(dir, { recursive: true, force: true });
      await patchSettings(browser, DEFAULTS);
    }
  },

  async 'corrupt, huge or deeply nested stored settings: every valid field is kept within its limit, nothing breaks'({ browser, server }) {
    const writeRaw = (raw) =>
      browser.extension(async (raw) => (globalThis.browser ?? globalThis.chrome).storage.local.set({ settings: raw }), raw);
    const url = server.url('ui-blog');
    try {
      await writeRaw({
        version: 1,
        enabled: 'yes',
        sites: 7,
        origins: 'everywhere',
        allow: { '*': 'Monex', 'ui-blog.blogspot.com': ['Posting Komentar', 3] },
        deny: ['penjemuran bersama', { x: 1 }],
        clutter: { pager: false, share: 'no' },
        later: true,
      });
      const page = await browser.open(url);
      const options = await openOptions(browser);
      const popup = await openPopup(browser, page);
      try {
        await waitForScan(browser, url);
        const text = await visibleText(page);
        assert.doesNotMatch(text, /BESTPROFIT/, 'still cleaning (enabled falls back to on)');
        assert.doesNotMatch(text, /penjemuran bersama/, 'the valid deny phrase is kept');
        assert.match(text, /Posting Lebih Baru/, 'the valid clutter choice (pager shown) is kept');
        const state = await optionsState(options);
        assert.equal(state.enabled, true);
        assert.equal(state.clutter.pager, false);
        assert.equal(state.clutter.share, true);
        assert.deepEqual(state.deny, ['penjemuran bersama']);
        assert.deepEqual(state.allowSites, { 'ui-blog.blogspot.com': ['Posting Komentar'] });
        const shown = await popupInStep(browser, page, popup);
        assert.equal(shown.site, true);
        assert.deepEqual([...options.errors, ...popup.errors], []);
      } finally {
        await popup.close();
        await options.close();
        await page.close();
      }

      // Huge and deeply nested values: each field kept within its limit, the page cleaned as usual.
      // Built in the extension itself (sending 200k items through the driver is slow for nothing).
      await browser.extension(async () => {
        let deep = ['nested'];
        for (let i = 0; i < 1000; i++) deep = { deep };
        const settings = {
          version: 1,
          enabled: true,
          sites: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`s${i}.blogspot.com`, false])),
          origins: Array(100_000).fill('https://a.example.org/*'),
          allow: { '*': deep, 'ui-blog.blogspot.com': ['Posting Komentar'] },
          deny: ['penjemuran bersama', ...Array(200_000).fill('BPF'), ...Array.from({ length: 500 }, (_, i) => `frasa ${i}`)],
          clutter: deep,
        };
        await (globalThis.browser ?? globalThis.chrome).storage.local.set({ settings });
      });
      // A page reading this directly is still cleaned with the valid fields (reading ~3 MB from
      // storage is slow on a loaded machine, hence the longer wait).
      const huge = await browser.open(url);
      try {
        await waitFor(async () => (await getReport(browser, url))?.timing?.doneMs !== undefined, 'the scan with huge settings', 30_000);
        const text = await visibleText(huge);
        assert.doesNotMatch(text, /BESTPROFIT|penjemuran bersama/, 'cleaned, with the stored deny phrase');
        assert.match(text, /Posting Komentar/, 'the stored allow phrase kept');
      } finally {
        await huge.close();
      }
      // The options page shows what was kept and puts storage in normal form, once: every reader
      // after it reads the settings within their limits, not the 3 MB.
      const options3 = await browser.openExtensionPage('options.html', { width: 420, height: 900 });
      try {
        const state = await waitFor(async () => {
          const ready = await options3.eval(() => document.body.dataset.ready === 'true');
          const s = await optionsState(options3);
          return ready && s.deny.length && s.sitesAdded.length ? s : null;
        }, 'the options page to show the stored lists', 30_000);
        assert.equal(state.deny.length, 502, 'one BPF, the rest distinct');
        assert.deepEqual(state.deny.slice(0, 3), ['penjemuran bersama', 'BPF', 'frasa 0']);
        assert.equal(state.sitesOff.length, 1000, 'sites switched off, up to the limit');
        assert.deepEqual(state.sitesAdded, ['a.example.org']);
        assert.deepEqual(state.allowSites, { 'ui-blog.blogspot.com': ['Posting Komentar'] });
        assert.ok(Object.values(state.clutter).every(Boolean), 'clutter falls back to the defaults');
        const repaired = await waitFor(async () => {
          const s = await storedSettings(browser);
          return s.deny.length === 502 ? s : null;
        }, 'the stored settings put in normal form', 30_000);
        assert.equal(Object.keys(repaired.sites).length, 1000);
        assert.deepEqual(repaired.origins, ['https://a.example.org/*']);
        assert.deepEqual(repaired.allow, { 'ui-blog.blogspot.com': ['Posting Komentar'] });
        assert.ok(JSON.stringify(repaired).length < 100_000, `${JSON.stringify(repaired).length} characters stored`);
        assert.deepEqual(options3.errors, []);
      } finally {
        await options3.close();
      }
      const after = await browser.open(url);
      try {
        await waitForScan(browser, url);
        assert.doesNotMatch(await visibleText(after), /BESTPROFIT|penjemuran bersama/, 'cleaned as usual once repaired');
      } finally {
        await after.close();
      }

      await writeRaw('{not json at all');
      const again = await browser.open(url);
      const options2 = await openOptions(browser);
      try {
        await waitForScan(browser, url);
        assert.doesNotMatch(await visibleText(again), /BESTPROFIT/, 'defaults clean the page');
        const state = await optionsState(options2);
        assert.equal(state.enabled, true);
        assert.ok(Object.values(state.clutter).every(Boolean));
        assert.deepEqual(options2.errors, []);
      } finally {
        await options2.close();
        await again.close();
      }
    } finally {
      await patchSettings(browser, DEFAULTS);
    }
  },
};

/** The options page adds a site by address (after the user's "Allow") and refuses a bad address. */
export async function addSiteScenario({ browser }) {
  await patchSettings(browser, DEFAULTS);
  const options = await openOptions(browser);
  const registered = () =>
    browser.extension(async () =>
      (await (globalThis.browser ?? globalThis.chrome).scripting.getRegisteredContentScripts()).filter((s) => s.id !== 'bersih-on').map((s) => s.matches));
  try {
    await options.type('#add-site-input', 'blog tanpa alamat');
    await options.click('#add-site button');
    const error = await waitFor(() => options.eval(() => !document.querySelector('#add-site-error').hidden && document.querySelector('#add-site-error').textContent), 'the address error');
    assert.equal(error, await message('badSite'));
    assert.deepEqual((await storedSettings(browser)).origins, []);

    await browser.grantOrigin('http://localhost/*');
    await options.eval(() => { document.querySelector('#add-site-input').value = ''; });
    await options.type('#add-site-input', 'http://localhost:8080/2024/06/kopi.html');
    await options.click('#add-site button');
    await waitFor(async () => (await optionsState(options)).sitesAdded.join() === 'localhost', 'the site listed');
    assert.deepEqual((await storedSettings(browser)).origins, ['http://localhost/*']);
    // The list shows the stored site; the registration follows a moment later.
    await waitFor(async () => JSON.stringify(await registered()) === '[["http://localhost/*"]]', 'the site registered');
    assert.equal(await options.eval(() => document.querySelector('#add-site-error').hidden), true);

    await options.click('#sites-added li .entry-actions .button:last-child');
    await waitFor(async () => (await storedSettings(browser)).origins.length === 0, 'the site removed');
    await waitFor(async () => (await registered()).length === 0, 'the registration removed');
    assert.deepEqual(options.errors, []);
  } finally {
    await options.close();
    await patchSettings(browser, DEFAULTS);
  }
}
