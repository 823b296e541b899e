// What a web page can learn about Bersih, shared by every browser: no file of the extension can
// be loaded from any page; a switched-off site, and a page where nothing is found, end up exactly
// as served; a page that plants a guessed phrase sees only that its text is hidden (no category,
// rule or id); and the running total never counts an item twice.

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { domMatchesSource, flagRegistration, getReport, patchSettings, sleep, storedTotal, tell, visibleText, waitFor, waitForScan } from './harness.mjs';

/** Every file of the built extension, relative to its folder. */
async function extensionFiles(dir, base = '') {
  const out = [];
  for (const entry of await fs.readdir(path.join(dir, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await extensionFiles(dir, rel)));
    else out.push(rel);
  }
  return out;
}

/**
 * Runs in the page (main world): tries to load each of `files` from the extension's origin by
 * fetch, by import() and by the element that embeds its kind; returns those that loaded.
 */
async function tryLoading({ base, files }) {
  const byElement = (url) =>
    new Promise((resolve) => {
      let el;
      if (/\.(png|svg)$/.test(url)) el = new Image();
      else if (/\.css$/.test(url)) el = Object.assign(document.createElement('link'), { rel: 'stylesheet' });
      else if (/\.m?js$/.test(url)) el = document.createElement('script');
      else return resolve(false);
      el.onload = () => resolve(true);
      el.onerror = () => resolve(false);
      setTimeout(() => resolve(false), 3000);
      if (el instanceof HTMLLinkElement) el.href = url;
      else el.src = url;
      if (!(el instanceof HTMLImageElement)) document.head.append(el);
    });
  const attempt = async (file) => {
    const url = base + file;
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // refused: try the other ways
    }
    if (/\.m?js$/.test(file)) {
      try {
        await import(url);
        return true;
      } catch {
        // refused
      }
    }
    return byElement(url);
  };
  const results = await Promise.all(files.map(attempt));
  return files.filter((_, i) => results[i]);
}

/** Main world, from document start: every change anyone makes to the DOM, and the stylesheets. */
function recordMutations() {
  const log = (window.bersihMutations = { attributes: [], added: [] });
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') log.attributes.push(`${r.target.localName}@${r.attributeName}`);
      for (const n of r.addedNodes) if (n.nodeType === 1) log.added.push(n);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
  window.bersihMark = () => {
    log.afterLoad = log.added.length;
  };
}

const DEFAULTS = { enabled: true, sites: {}, origins: [], allow: {}, deny: [], clutter: {} };

export const privacyScenarios = {
  async 'no file of the extension can be loaded by a page, on a Blogger page or any other site'({ driver, browser, server }, { dist }) {
    const files = await extensionFiles(dist);
    assert.ok(files.includes('content/bersih.js') && files.includes('manifest.json'), 'the build is there');
    const base = `${driver.name === 'firefox' ? 'moz-extension' : 'chrome-extension'}://${browser.extensionId}/`;
    const blog = server.url('classic-simple');
    for (const url of [blog, `http://127.0.0.1:${server.port}/unrelated/page.html`]) {
      const page = await browser.open(url);
      try {
        if (url === blog) await waitForScan(browser, url);
        const loaded = await page.eval(tryLoading, { base, files });
        assert.deepEqual(loaded, [], `loadable from ${url}`);
      } finally {
        await page.close();
      }
    }
    // The extension did act on the Blogger page: a broken extension cannot pass the test above.
    const page = await browser.open(blog);
    try {
      await waitForScan(browser, blog);
      assert.doesNotMatch(await visibleText(page), /BESTPROFIT/);
    } finally {
      await page.close();
    }
  },

  async 'a switched-off site is left untouched from its first byte: no attribute, node or stylesheet'({ browser, server }) {
    const url = server.url('classic-simple', 'page.html', '?off');
    const host = new URL(url).hostname;
    await patchSettings(browser, { ...DEFAULTS, sites: { [host]: false } });
    try {
      // The site-on flag follows the settings: wait until it leaves this site out.
      await waitFor(
        async () => (await flagRegistration(browser))?.excludeMatches?.includes(`*://${host}/*`),
        'the flag to leave the site out',
      );
      const page = await browser.open(url, { beforeLoad: { fn: recordMutations } });
      try {
        const report = await waitForScan(browser, url);
        assert.equal(report.enabled, false, 'the content script runs there, switched off');
        await sleep(200);
        const seen = await page.eval(() => ({
          attributes: window.bersihMutations.attributes,
          sheets: document.styleSheets.length + document.adoptedStyleSheets.length,
        }));
        assert.deepEqual(seen.attributes, [], 'no attribute was ever set');
        assert.equal(seen.sheets, await page.eval(async () => {
          const html = await (await fetch(location.href, { cache: 'no-store' })).text();
          return new DOMParser().parseFromString(html, 'text/html').querySelectorAll('style, link[rel=stylesheet]').length;
        }), 'no stylesheet but the page\'s own');
        assert.ok((await domMatchesSource(page)).same, 'the DOM exactly as served');
        // Nothing reacts to the marks Bersih used to put on pages either (no stylesheet to probe).
        const probed = await page.eval(() => {
          const body = document.querySelector('.post-body');
          const span = document.createElement('span');
          span.textContent = 'x';
          span.setAttribute('data-bersih', 'line');
          body.append(span);
          document.documentElement.setAttribute('data-bersih-pending', '');
          const out = [getComputedStyle(span).display, getComputedStyle(body).visibility];
          span.remove();
          document.documentElement.removeAttribute('data-bersih-pending');
          return out;
        });
        assert.deepEqual(probed, ['inline', 'visible'], 'no rule of Bersih\'s applies to a page\'s own marks');
        assert.match(await visibleText(page), /BESTPROFIT/);
      } finally {
        await page.close();
      }
    } finally {
      await patchSettings(browser, DEFAULTS);
    }
  },

  async 'a page where nothing is found ends up exactly as served, with no mark or stylesheet'({ browser, server }) {
    await patchSettings(browser, DEFAULTS);
    const url = server.url('clean-post');
    const page = await browser.open(url, { beforeLoad: { fn: recordMutations } });
    try {
      const report = await waitForScan(browser, url);
      assert.equal(report.enabled, true);
      assert.equal(report.items.length, 0);
      await sleep(200);
      const seen = await page.eval(() => ({
        attributes: [...new Set(window.bersihMutations.attributes)],
        styled: document.querySelectorAll('[style]').length,
        sheets: document.styleSheets.length + document.adoptedStyleSheets.length,
      }));
      // While it was parsed, the post was held back with its own inline style, and then let go.
      assert.ok(seen.attributes.every((a) => a.endsWith('@style')), `only inline styles touched: ${seen.attributes}`);
      assert.equal(seen.styled, 0, 'no inline style left');
      assert.equal(seen.sheets, 0, 'no stylesheet');
      assert.ok((await domMatchesSource(page)).same, 'the DOM exactly as served');
    } finally {
      await page.close();
    }
  },

  async 'a page planting guessed phrases learns that a text is hidden, never why'({ browser, server }) {
    await patchSettings(browser, { ...DEFAULTS, deny: ['kebun salak'] });
    const url = server.url('clean-post', 'page.html', '?probe');
    const page = await browser.open(url, { beforeLoad: { fn: recordMutations } });
    try {
      await waitForScan(browser, url);
      await sleep(100);
      // The page's own script adds two posts, one with the user's phrase, one with a guess.
      const before = await page.eval(() => {
        window.bersihMark();
        const area = document.getElementById('probe-area');
        const posts = ['Kami menanam kebun salak di lereng bukit.', 'Kami menanam kebun durian di lereng bukit.'];
        area.innerHTML = posts
          .map((text, i) => `<div class='post-outer'><div class='post hentry'><div class='post-body' id='guess-${i}'><p>${text}</p></div></div></div>`)
          .join('');
        return [0, 1].map((i) => document.getElementById(`guess-${i}`).innerHTML);
      });
      await waitFor(async () => !(await visibleText(page)).includes('kebun salak'), 'the phrase hidden');
      await sleep(200);
      const seen = await page.eval(() => {
        const log = window.bersihMutations;
        // Added after the page's own insertion and not by it: Bersih's.
        const ours = log.added.slice(log.afterLoad).filter((n) => !n.matches('#probe-area > .post-outer'));
        return {
          guess: document.getElementById('guess-1').innerHTML,
          attributes: [...new Set(log.attributes)],
          ours: ours.map((n) => [n.localName, ...n.getAttributeNames().map((a) => `${a}=${n.getAttribute(a)}`)]),
          named: [...document.querySelectorAll('*')].flatMap((el) => el.getAttributeNames()).filter((a) => /bersih/i.test(a)),
        };
      });
      assert.equal(seen.guess, before[1], 'the guess that is not a phrase of the user: untouched');
      assert.ok(seen.attributes.every((a) => a.endsWith('@style')), `only inline styles: ${seen.attributes}`);
      assert.deepEqual(seen.ours, [['span', 'style=display: none !important;']], 'one bare span hides the phrase, nothing names it');
      assert.deepEqual(seen.named, [], 'no attribute of Bersih\'s anywhere on the page');
      const report = await getReport(browser, url);
      assert.deepEqual(report.items.map((i) => i.rule), ['deny:kebun salak'], 'the reason stays with the extension');
    } finally {
      await page.close();
      await patchSettings(browser, DEFAULTS);
    }
  },

  async 'the running total counts each hidden item once, across rescans, "Show hidden" and the site switched off and on'({ browser, server }) {
    await patchSettings(browser, DEFAULTS);
    const url = server.url('classic-simple', 'page.html', '?count');
    const host = new URL(url).hostname;
    const start = await storedTotal(browser);
    const page = await browser.open(url);
    try {
      const report = await waitForScan(browser, url);
      const n = report.items.length;
      assert.ok(n > 0);
      await waitFor(async () => (await storedTotal(browser)) === start + n, 'the total to count the page once');

      await tell(browser, url, { type: 'bersih:reveal', on: true });
      await tell(browser, url, { type: 'bersih:reveal', on: false });
      // A rewritten paragraph: the post is judged again, its items are the same ones.
      const scans = (await getReport(browser, url)).timing.scans;
      await page.eval(() => {
        const p = document.createElement('p');
        p.textContent = 'Paragraf tambahan dari skrip halaman.';
        document.querySelector('.post-body').append(p);
      });
      await waitFor(async () => (await getReport(browser, url)).timing.scans > scans, 'the post judged again');
      await patchSettings(browser, { sites: { [host]: false } });
      await waitFor(async () => (await getReport(browser, url)).items.length === 0, 'switched off');
      await patchSettings(browser, { sites: {} });
      await waitFor(async () => (await getReport(browser, url)).items.length === n, 'cleaned again');
      await sleep(300);
      assert.equal(await storedTotal(browser), start + n, 'nothing counted twice');
    } finally {
      await page.close();
      await patchSettings(browser, DEFAULTS);
    }
  },
};
