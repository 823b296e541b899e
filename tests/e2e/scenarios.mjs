// Behaviour that a single static page cannot show, shared by every browser: late content, the
// strict-CSP path, no flash of spam while a page loads, and settings that change while a page is
// open. Each scenario takes the session from harness.mjs and asserts with node:assert.

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  PAGES, SCENARIOS, flagRegistration, getReport, patchSettings, tell, visibleText, waitFor, waitForScan,
} from './harness.mjs';

const expected = async (dir, file = 'expected-visible.txt') =>
  (await fs.readFile(path.join(dir, file), 'utf8')).trim();

/** Text (normalized) that must never be visible; a line containing one of these is spam. */
const containsAny = (text, needles) => needles.filter((n) => text.includes(n));

export const scenarios = {
  async 'hiding maps onto the exact text nodes, reverting restores them, a bad answer changes nothing'({ browser, server }) {
    const url = server.url('dom-mapping');
    const page = await browser.open(url);
    try {
      const { cases, refusals } = await page.eval(checkMapping);
      assert.ok(cases.length >= 8, 'every case ran');
      for (const c of cases) {
        assert.deepEqual(c.missing, [], `${c.id}: fragments found in the collected text`);
        assert.equal(c.shown, c.expect, `${c.id}: rendered text with the fragments hidden`);
        if (c.raw !== undefined) assert.equal(c.shownRaw, c.raw, `${c.id}: no empty line left where a line was hidden`);
        assert.ok(c.restored, `${c.id}: markup restored exactly`);
        assert.equal(c.nodes[0], c.nodes[1], `${c.id}: split text nodes joined again`);
      }
      assert.deepEqual(refusals, ['refused', 'refused', 'refused', 'refused', 'refused']);
    } finally {
      await page.close();
    }
  },

  async 'late content: lazy comments, an infinitely scrolled post and a rewritten paragraph'({ browser, server }) {
    const url = server.url('late-insert');
    const page = await browser.open(url);
    try {
      await waitForScan(browser, url);
      await page.eval(() => window.runLate());
      const want = await expected(path.join(SCENARIOS, 'late-insert'));
      // The last insertion lands one animation frame before it is cleaned; give the scan a moment.
      await waitFor(async () => (await visibleText(page)) === want, 'the late content cleaned', 3000).catch(() => {});
      assert.equal(await visibleText(page), want);
      const report = await getReport(browser, url);
      assert.ok(report.timing.scans > 1, 'late content was scanned after the first scan');
      // Readers' comments that arrived late stay visible.
      assert.match(await visibleText(page), /Terima kasih, ulasannya jelas sekali/);
    } finally {
      await page.close();
    }
  },

  async 'infinite scroll: sixty posts at once are cleaned in bounded batches'({ browser, server }) {
    const url = server.url('infinite-scroll');
    const page = await browser.open(url);
    try {
      await waitForScan(browser, url);
      await page.eval(() => window.scrollMore());
      const report = await waitFor(async () => {
        const r = await getReport(browser, url);
        return r.items.filter((i) => i.category === 'prefix').length === 60 ? r : null;
      }, 'all sixty dateline ads hidden');
      // 24 posts per animation frame at most: sixty new posts take at least three more scans.
      assert.ok(report.timing.scans >= 4, `scans: ${report.timing.scans}`);
      const text = await visibleText(page);
      assert.doesNotMatch(text, /BESTPROFIT/);
      assert.match(text, /Harga cabai di pasar 60 turun untuk hari ke-60\./);
    } finally {
      await page.close();
    }
  },

  async 'strict CSP: the background answers and the page ends up identical'({ driver, browser, server }) {
    const strict = server.url('strict-csp');
    const plain = server.url('strict-csp', 'page.html', '?plain');
    const results = {};
    for (const [name, url] of Object.entries({ strict, plain })) {
      const page = await browser.open(url);
      try {
        const report = await waitForScan(browser, url);
        results[name] = {
          path: report.timing.path,
          why: report.timing.fallbackReason,
          items: report.items.map(({ text, category }) => ({ text, category })),
          text: await visibleText(page),
          html: await page.eval(() => document.body.innerHTML),
          // The content script sends its report a moment after its scan: the badge follows.
          badge: await waitFor(async () => {
            const text = await browser.extension(async (url) => {
              const api = globalThis.browser ?? globalThis.chrome;
              const tab = (await api.tabs.query({})).find((t) => t.url === url);
              return api.action.getBadgeText({ tabId: tab.id });
            }, url);
            return text === String(report.items.length) ? text : null;
          }, `${name}: the badge shows the count`),
        };
      } finally {
        await page.close();
      }
    }
    assert.equal(results.strict.path, driver.cspBlocksContentWasm ? 'background' : 'page', `fell back: ${results.strict.why}`);
    assert.equal(results.plain.path, 'page', `fell back: ${results.plain.why}`);
    assert.ok(results.strict.items.length > 0, 'something was hidden under the strict CSP');
    assert.deepEqual(results.strict.items, results.plain.items);
    assert.equal(results.strict.text, results.plain.text);
    assert.equal(results.strict.html, results.plain.html, 'the same marks in the same places');
    assert.equal(results.strict.text, await expected(path.join(PAGES, 'strict-csp')));
    assert.equal(results.strict.badge, String(results.strict.items.length), 'badge shows the count');
  },

  async 'no flash: spam is never rendered visible while the page loads slowly'({ browser, server }) {
    const url = server.url('slow-load');
    const spam = JSON.parse(await expected(path.join(SCENARIOS, 'slow-load'), 'never-visible.json'));
    const page = await browser.open(url, { beforeLoad: { fn: installProbe, arg: { needles: spam } } });
    try {
      await waitForScan(browser, url);
      await waitFor(() => page.eval(() => window.bersihProbe.frames > 3), 'a few frames after the scan');
      const probe = await page.eval(() => window.bersihProbe);
      assert.ok(probe.frames > 3, 'the probe watched the page render');
      assert.ok(probe.sawHalf, 'the probe saw the half-loaded page (the server pauses mid-page)');
      assert.deepEqual(probe.seen, [], 'spam or clutter visible in a rendered frame');
      const text = await visibleText(page);
      assert.deepEqual(containsAny(text, spam), []);
      assert.match(text, /Pemerintah kota menyiapkan/, 'the article is shown after the scan');
    } finally {
      await page.close();
    }
  },

  async 'streamed at 100 KB/s: each post is shown as soon as it is judged, before the page has arrived, spam never'({ browser, server }) {
    const url = server.url('streamed');
    const spam = JSON.parse(await expected(path.join(SCENARIOS, 'streamed'), 'never-visible.json'));
    // The response stalls after the first post (serve.json): that post must be judged and shown
    // while the rest of the page has not arrived. Then the rest streams in.
    // Titles in the sidebar after the Blog widget, outside every post: shown as they arrive.
    const sidebar = ['Harga Beras di Pasar Induk Mulai Turun', 'Perbaikan Jalan Desa Dimulai Bulan Depan'];
    const opening = browser.open(url, {
      beforeLoad: { fn: installProbe, arg: { needles: spam, endMarker: '#last-post-marker', early: sidebar } },
    });
    try {
      await waitFor(async () => (await getReport(browser, url))?.items.length > 0, 'the first post judged while the page stalls', 20_000);
    } finally {
      server.release();
    }
    const page = await opening;
    try {
      const report = await waitForScan(browser, url);
      await waitFor(() => page.eval(() => window.bersihProbe.frames > 3), 'a few frames after the scan');
      const probe = await page.eval(() => window.bersihProbe);
      assert.ok(probe.sawHalf, 'the probe saw the page before all of it arrived');
      assert.deepEqual(probe.seen, [], 'spam or clutter visible in a rendered frame');
      assert.ok(probe.shownEarly, 'the first post was shown while the page was still arriving');
      assert.deepEqual(probe.early, sidebar, 'the sidebar titles were shown while the page was still arriving');
      const text = await visibleText(page);
      assert.deepEqual(containsAny(text, spam), []);
      for (let n = 1; n <= 6; n++) assert.match(text, new RegExp(`Laporan ke-${n}:`), `post ${n} shown`);
      assert.equal(report.items.filter((i) => i.text === 'BEST PROFIT').length, 6, 'every post judged');
      assert.ok(report.timing.scans > 1, 'judged post by post as they arrived');
    } finally {
      await page.close();
    }
  },

  async 'popup messages: report, show hidden, scroll to an item'({ browser, server }) {
    const url = server.url('classic-simple');
    const page = await browser.open(url);
    try {
      const report = await waitForScan(browser, url);
      assert.equal(report.host, new URL(url).hostname);
      assert.equal(report.enabled, true);
      assert.ok(report.items.length > 0, 'something hidden');
      const total = Object.values(report.counts).reduce((a, b) => a + b, 0);
      assert.equal(total, report.items.length, 'counts add up to the items');
      assert.deepEqual(new Set(report.items.map((i) => i.id)).size, report.items.length, 'ids are unique');

      const cleaned = await visibleText(page);
      const served = await page.eval(async () => {
        const html = await (await fetch(location.href, { cache: 'no-store' })).text();
        const frame = document.createElement('iframe');
        frame.style.cssText = 'position: absolute; width: 1000px; height: 1000px; left: -2000px';
        document.body.append(frame);
        frame.contentDocument.open();
        frame.contentDocument.write(html.replace(/<script[\s\S]*?<\/script>/gi, ''));
        frame.contentDocument.close();
        const text = frame.contentDocument.body.innerText;
        frame.remove();
        return text;
      });
      const revealed = await tell(browser, url, { type: 'bersih:reveal', on: true });
      assert.equal(revealed.revealed, true);
      const norm = (t) => t.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n');
      assert.equal(await visibleText(page), norm(served), 'every hidden item is shown while revealed');
      assert.equal((await tell(browser, url, { type: 'bersih:reveal', on: false })).revealed, false);
      assert.equal(await visibleText(page), cleaned, 'hidden again');

      const item = report.items.find((i) => i.category === 'line');
      assert.ok(item, 'a hidden line to scroll to');
      assert.deepEqual(await tell(browser, url, { type: 'bersih:scroll-to', id: item.id }), { found: true });
      assert.ok((await visibleText(page)).split('\n').includes(item.text), 'the item scrolled to is shown for a moment');
      await waitFor(async () => (await visibleText(page)) === cleaned, 'the flash to end', 5000);
      assert.deepEqual(await tell(browser, url, { type: 'bersih:scroll-to', id: 999999 }), { found: false });
    } finally {
      await page.close();
    }
  },

  async 'settings apply live: global switch, clutter kinds, deny and allow phrases'({ browser, server }) {
    const url = server.url('classic-simple');
    const page = await browser.open(url);
    try {
      const first = await waitForScan(browser, url);
      const cleaned = await visibleText(page);
      assert.ok(first.items.some((i) => i.category === 'share'), 'share buttons hidden by default');

      await patchSettings(browser, { enabled: false });
      await waitFor(async () => (await getReport(browser, url)).items.length === 0, 'everything shown');
      assert.match(await visibleText(page), /BESTPROFIT/);

      await patchSettings(browser, { enabled: true, clutter: { share: false } });
      await waitFor(async () => (await getReport(browser, url)).items.length > 0, 'cleaned again');
      const noShare = await getReport(browser, url);
      assert.ok(!noShare.items.some((i) => i.category === 'share'), 'share buttons kept when switched off');
      assert.match(await visibleText(page), /Berbagi ke Twitter/);
      assert.doesNotMatch(await visibleText(page), /BESTPROFIT FUTURES -/);

      await patchSettings(browser, { clutter: {}, deny: ['obligasi pemerintah'] });
      await waitFor(async () => !(await visibleText(page)).includes('obligasi pemerintah'), 'a deny phrase hidden');

      await patchSettings(browser, { deny: [], allow: { [new URL(url).hostname]: ['BEST PROFIT'] } });
      await waitFor(async () => (await visibleText(page)).split('\n').includes('BEST PROFIT'), 'a "Not spam" phrase shown');
      assert.match(await visibleText(page), /obligasi pemerintah/);

      await patchSettings(browser, { allow: {} });
      await waitFor(async () => (await visibleText(page)) === cleaned, 'back to the default cleaning');
    } finally {
      await patchSettings(browser, { enabled: true, sites: {}, clutter: {}, deny: [], allow: {} });
      await page.close();
    }
  },

  async 'a flag that still says "the defaults" after a phrase was added: the page ends up judged with the phrase'({ browser, server }) {
    const flagJs = async () => (await flagRegistration(browser))?.js ?? [];
    assert.deepEqual(await flagJs(), ['content/on-defaults.js'], 'the default settings give the defaults flag');
    // A phrase, and beside it a field `normalize` drops but the storage read carries (6 MB): the
    // settings then arrive after the first post was judged, as they may on a slow phone.
    await patchSettings(browser, { deny: ['obligasi pemerintah'], padding: 'x'.repeat(6_000_000) });
    let presumed = 0;
    try {
      await waitFor(async () => (await flagJs()).includes('content/on.js'), 'the flag to follow the phrase');
      // The moment between a settings change and the background's re-registration, held open.
      await browser.extension(async () => {
        const api = globalThis.browser ?? globalThis.chrome;
        await api.scripting.updateContentScripts([{ id: 'bersih-on', js: ['content/on-defaults.js'] }]);
      });
      for (let load = 0; load < 3 && !presumed; load++) {
        const url = server.url('classic-simple', 'page.html', `?lagging-flag=${load}`);
        const page = await browser.open(url);
        try {
          const report = await waitFor(async () => {
            const r = await getReport(browser, url);
            return r.items.some((i) => i.rule === 'deny:obligasi pemerintah') ? r : null;
          }, 'the phrase hidden');
          await waitFor(async () => !(await visibleText(page)).includes('obligasi pemerintah'), 'the phrase out of sight');
          assert.doesNotMatch(await visibleText(page), /BESTPROFIT FUTURES -/, 'the ads hidden too');
          presumed += report.timing.presumedScans ?? 0;
        } finally {
          await page.close();
        }
      }
    } finally {
      await browser.extension(async () => {
        const api = globalThis.browser ?? globalThis.chrome;
        await api.storage.local.set({ settings: { version: 1, enabled: true, sites: {}, origins: [], allow: {}, deny: [], clutter: {} } });
      });
    }
    assert.ok(presumed > 0, 'a post was judged with the presumed defaults before the settings were read');
    await waitFor(async () => (await flagJs()).includes('content/on-defaults.js'), 'the defaults flag back');
  },
};

/**
 * Runs in the page's main world before any of its scripts: at every animation frame (just before
 * the browser renders it) records any of `needles` whose text node is rendered visible, whether
 * the page's last element (`endMarker`) had arrived yet, whether the first post body was already
 * shown then, and which of `early` (texts) were rendered visible then.
 */
export function installProbe({ needles, endMarker = '#late-half-marker', early = [] }) {
  const probe = { frames: 0, seen: [], sawHalf: false, shownEarly: false, early: [] };
  window.bersihProbe = probe;
  const check = (when) => {
    if (!document.body) return;
    if (!document.querySelector(endMarker)) {
      probe.sawHalf = true;
      const body = document.querySelector('.post-body');
      if (body?.checkVisibility({ visibilityProperty: true }) && body.getClientRects().length) probe.shownEarly = true;
      for (const text of early) {
        if (probe.early.includes(text)) continue;
        const el = [...document.querySelectorAll('body *')].find((e) => e.firstChild?.data === text);
        if (el?.checkVisibility({ visibilityProperty: true }) && el.getClientRects().length) probe.early.push(text);
      }
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const needle of needles) {
        if (!node.data.includes(needle)) continue;
        const el = node.parentElement;
        if (el?.checkVisibility({ visibilityProperty: true, opacityProperty: true })) {
          probe.seen.push(`${when}: ${needle}`);
        }
      }
    }
  };
  const frame = () => {
    probe.frames++;
    check(`frame ${probe.frames}`);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/**
 * Runs in the dom-mapping page: imports the content script's own collect and apply modules (their
 * sources, served by the test server: the built extension exposes no file to pages), hides each
 * case's fragments through them, compares, reverts; then feeds bad findings and checks that
 * nothing changed.
 */
async function checkMapping() {
  const { linesOf } = await import(`${location.origin}/extension/content/collect.js`);
  const { applyFindings, revertMarks } = await import(`${location.origin}/extension/content/apply.js`);
  const norm = (s) => s.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n');
  const textNodes = (el) => {
    const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let n = 0;
    while (w.nextNode()) n++;
    return n;
  };
  const prepare = (el) => {
    const collected = linesOf(el, 'body', 0);
    return { blocks: collected.map((c) => c.block), maps: collected.map((c) => c.map) };
  };
  const cases = [];
  for (const el of document.querySelectorAll('.case')) {
    const before = el.innerHTML;
    const nodes = textNodes(el);
    const { blocks, maps } = prepare(el);
    const findings = [];
    const missing = [];
    for (const fragment of JSON.parse(el.dataset.hide)) {
      const block = blocks.findIndex((b) => b.text.includes(fragment));
      if (block < 0) {
        missing.push(fragment);
        continue;
      }
      const start16 = blocks[block].text.indexOf(fragment);
      findings.push({ block, start16, end16: start16 + fragment.length, category: 'inline', rule: 'test' });
    }
    const { marks } = applyFindings(blocks, maps, findings, 1);
    const shownRaw = el.innerText.trim();
    const shown = norm(shownRaw);
    revertMarks(marks);
    cases.push({
      id: el.id,
      missing,
      shown,
      expect: norm(el.dataset.expect),
      shownRaw,
      raw: el.dataset.expectRaw?.replaceAll('\\n', '\n'),
      restored: el.innerHTML === before,
      nodes: [textNodes(el), nodes],
    });
  }
  const el = document.getElementById('split-prefix');
  const before = el.innerHTML;
  const { blocks, maps } = prepare(el);
  const good = { block: 0, start16: 0, end16: 5, category: 'prefix', rule: 'test' };
  const bad = [
    { ...good, end16: blocks[0].text.length + 1 },
    { ...good, block: blocks.length },
    { ...good, start16: 4, end16: 2 },
    { ...good, category: 'nonsense' },
    { ...good, start16: '0' },
  ];
  const refusals = bad.map((finding) => {
    try {
      applyFindings(blocks, maps, [good, finding], 1);
      return 'applied';
    } catch {
      return el.innerHTML === before ? 'refused' : 'refused after changing';
    }
  });
  return { cases, refusals };
}
