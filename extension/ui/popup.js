/**
 * The toolbar popup: the site switch, the cleanup report of one tab, and "Enable on this site".
 *
 * The target tab is the active tab of the current window, or `?tab=ID` when the popup is opened
 * as a page of its own (tests, and browsers that open popups in a tab). Everything the page says
 * about itself (host, fragment text) is shown with textContent only.
 *
 * It asks the page for its report when something changed, never on a timer: when the tab's
 * content script says its count changed (`bersih:report` reaches extension pages too), when the
 * tab loads another page, when the settings change, and after the popup's own actions.
 */
import { ext, MSG } from '../lib/protocol.js';
import { loadMessages, localize, t, categoryName, formatNumber } from './i18n.js';
import { load, update, siteEnabled, ADS, CLUTTER, MAX_ORIGINS, MAX_SITES } from '../lib/settings.js';
import { registerOrigins, injectInto } from '../lib/origins.js';
import {
  setSite,
  addAllow,
  addOrigin,
  originPattern,
  matchesPattern,
  patternHost,
  notSpamPhrase,
  phraseRefusal,
} from './edits.js';

const $ = (id) => document.getElementById(id);

const state = { tab: null, settings: null, report: null, host: '', pattern: null, revealed: false };

async function targetTab() {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null && /^\d+$/.test(param)) return ext.tabs.get(Number(param));
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  // Firefox for Android shows the popup as a tab of its own: then the page is the tab used last.
  if (tab?.url?.startsWith(ext.runtime.getURL(''))) {
    const others = (await ext.tabs.query({})).filter((t) => t.id !== tab.id && !t.url?.startsWith(ext.runtime.getURL('')));
    return others.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))[0] ?? null;
  }
  return tab ?? null;
}

/** The content script's report, or null when no content script runs in the tab. */
async function askReport(tabId) {
  try {
    const report = await ext.tabs.sendMessage(tabId, { type: MSG.getReport });
    return report && typeof report === 'object' ? report : null;
  } catch {
    return null;
  }
}

function hostOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

/** Pages the manifest's content script already runs on (Blogger's own domains). */
function coveredByManifest(url) {
  const patterns = (ext.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []);
  return patterns.some((pattern) => matchesPattern(pattern, url));
}

function show(id, visible) {
  $(id).hidden = !visible;
}

function setStatus(messageId, ...subs) {
  const status = $('status');
  status.hidden = !messageId;
  status.textContent = messageId ? t(messageId, ...subs) : '';
}

/** Why the user's last action did nothing (a limit), until the next action; null clears it. */
function setMessage(text) {
  $('message').hidden = !text;
  $('message').textContent = text || '';
}

/** Collapses whitespace; a fragment with no text (a share widget) is named by its category. */
function fragmentLabel(item) {
  const text = String(item.text ?? '').replace(/\s+/gu, ' ').trim();
  return text || categoryName(item.category);
}

function renderGroups(counts) {
  const groups = $('groups');
  groups.replaceChildren();
  for (const [titleId, categories] of [
    ['groupAds', ADS],
    ['groupClutter', CLUTTER],
  ]) {
    const present = categories.filter((c) => counts[c] > 0);
    if (!present.length) continue;
    const total = present.reduce((sum, c) => sum + counts[c], 0);
    const group = document.createElement('div');
    group.className = 'group';
    group.dataset.group = titleId;
    const dt = document.createElement('dt');
    const name = document.createElement('span');
    name.textContent = t(titleId);
    const number = document.createElement('span');
    number.className = 'group-count';
    number.textContent = formatNumber(total);
    dt.append(name, number);
    const dd = document.createElement('dd');
    const list = document.createElement('ul');
    list.className = 'breakdown';
    for (const category of present) {
      const li = document.createElement('li');
      li.dataset.category = category;
      const label = document.createElement('span');
      label.textContent = categoryName(category);
      const n = document.createElement('b');
      n.textContent = formatNumber(counts[category]);
      li.append(label, ' ', n);
      list.append(li);
    }
    dd.append(list);
    group.append(dt, dd);
    groups.append(group);
  }
}

function renderFragments(items) {
  const list = $('fragments');
  const template = $('fragment-template');
  list.replaceChildren();
  for (const item of items) {
    const li = template.content.firstElementChild.cloneNode(true);
    const label = fragmentLabel(item);
    li.dataset.id = String(item.id);
    li.dataset.category = item.category;
    li.classList.add(CLUTTER.includes(item.category) ? 'clutter' : 'ad');
    const chip = li.querySelector('.chip');
    chip.textContent = categoryName(item.category);
    li.querySelector('.fragment-text').textContent = label;
    const main = li.querySelector('.fragment-main');
    main.title = label;
    main.setAttribute('aria-label', t('scrollToLabel', label));
    main.addEventListener('click', () => scrollTo(item.id));
    const notSpam = li.querySelector('.not-spam');
    notSpam.textContent = t('notSpam');
    notSpam.setAttribute('aria-label', t('notSpamLabel', label));
    if (!String(item.text ?? '').trim()) notSpam.hidden = true;
    notSpam.addEventListener('click', () => markNotSpam(item.text, notSpam));
    list.append(li);
  }
}

/** Which platform's posts the page was cleaned as: its name, or a news site's main article. */
function renderPlatform(platform) {
  const label = typeof platform?.label === 'string' ? platform.label : '';
  $('platform').textContent = label ? t('platformFound', label) : platform ? t('platformArticle') : '';
}

function renderReport(report) {
  const counts = report.counts ?? {};
  const items = Array.isArray(report.items) ? report.items : [];
  const total = Object.values(counts).reduce((sum, n) => sum + (Number(n) || 0), 0);
  $('total').textContent = formatNumber(total);
  $('reveal-switch').checked = Boolean(report.revealed ?? state.revealed);
  renderGroups(counts);
  renderFragments(items);
  show('fragments-hint', items.length > 0);
  show('nothing', items.length === 0);
  $('reveal-switch').disabled = items.length === 0;
  // The content script says when it stopped short of the whole page (`capped`: 'blocks',
  // 'chars' or 'scans'; absent or null otherwise).
  const capped = typeof report.capped === 'string' && report.capped ? report.capped : null;
  show('capped', Boolean(capped));
  $('capped').textContent = !capped ? '' : capped === 'scans' ? t('pageCappedScans') : t('pageCapped');
  const ms = report.timing?.doneMs;
  $('timing').textContent = Number.isFinite(ms) ? t('timing', ms.toFixed(1)) : '';
}

/** What the rendering depends on; an unchanged view is not rebuilt (keeps focus and scroll). */
let shown = '';

function render() {
  const { tab, settings, report } = state;
  const view = JSON.stringify([tab?.id, tab?.url, settings, report && { ...report, timing: report.timing?.doneMs }]);
  if (view === shown) return;
  shown = view;
  for (const id of ['site', 'enable', 'reload', 'report']) show(id, false);
  setStatus(null);
  $('host').textContent = state.host;
  if (!tab) return setStatus('unsupportedPage');

  if (report) {
    // Cleaning here, and no post of any platform found: nothing to switch.
    if (report.enabled && !report.platform) return setStatus('noPost');
    if (!settings.enabled) return setStatus('globalOff');
    show('site', true);
    $('site-switch').checked = settings.sites[state.host] !== false;
    if (!siteEnabled(settings, state.host)) return setStatus('siteOff');
    show('report', true);
    renderPlatform(report.platform);
    return renderReport(report);
  }

  if (!state.pattern) return setStatus('unsupportedPage');
  if (coveredByManifest(state.tab.url) || settings.origins.includes(state.pattern)) {
    return show('reload', true);
  }
  $('enable-text').textContent = t('enableText', patternHost(state.pattern));
  show('enable', true);
}

async function refresh() {
  // The tab may have moved on to another page since the popup opened.
  if (state.tab) state.tab = (await ext.tabs.get(state.tab.id).catch(() => null)) ?? state.tab;
  state.settings = await load();
  state.report = state.tab ? await askReport(state.tab.id) : null;
  state.host = state.report?.host || hostOf(state.tab?.url);
  state.pattern = originPattern(state.tab?.url);
  render();
}

/** The shortest time between two reports asked of the page, however often it says it changed. */
const MIN_REFRESH_MS = 200;

let refreshing = null;
let refreshAgain = false;
/** The latest `bersih:report` that came while a refresh was under way. */
let cueAgain = null;
let lastRefresh = -Infinity;

/**
 * Whether the report shown already follows the page's `bersih:report` `cue` (the same run of the
 * content script, as late or later): then asking again would fetch the same report.
 */
function shows(cue) {
  const r = state.report;
  return Boolean(r) && typeof r.run === 'string' && r.run === cue.run && Number(r.seq) >= Number(cue.seq);
}

/**
 * Refreshes now, or once the refresh under way ends (requests in between make one refresh), so
 * two refreshes never interleave. Resolves when the refresh it started or joined has rendered.
 */
function requestRefresh() {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  const wait = Math.max(0, lastRefresh + MIN_REFRESH_MS - performance.now());
  refreshing = new Promise((resolve) => setTimeout(resolve, wait))
    .then(() => {
      lastRefresh = performance.now();
      return refresh();
    })
    .catch(fail)
    .finally(() => {
      refreshing = null;
      const cue = cueAgain;
      cueAgain = null;
      if (refreshAgain || (cue && !shows(cue))) {
        refreshAgain = false;
        requestRefresh();
      }
    });
  return refreshing;
}

/**
 * After a settings change: soon, and once more a moment later, since content scripts apply a
 * change asynchronously and a change that leaves the count as it was sends no `bersih:report`.
 */
let pending = [];
function refreshSoon() {
  pending.forEach(clearTimeout);
  pending = [100, 1000].map((ms) => setTimeout(requestRefresh, ms));
}

/** The tab's content script said its count changed (messages from elsewhere are not for us). */
function onRuntimeMessage(msg, sender) {
  if (msg?.type === MSG.report && sender?.id === ext.runtime.id && state.tab && sender.tab?.id === state.tab.id) {
    if (refreshing) cueAgain = msg;
    else if (!shows(msg)) requestRefresh();
  }
  return false;
}

function fail(error) {
  setStatus('errorGeneric', error?.message ?? String(error));
}

async function scrollTo(id) {
  if (!state.tab) return;
  await ext.tabs.sendMessage(state.tab.id, { type: MSG.scrollTo, id }).catch(fail);
}

async function markNotSpam(text, button) {
  const phrase = notSpamPhrase(text);
  const refusal = phraseRefusal(state.settings, state.settings.allow[state.host] ?? [], phrase);
  setMessage(refusal && t(refusal.error, formatNumber(refusal.limit)));
  if (refusal) return;
  button.disabled = true;
  await update((s) => addAllow(s, state.host, phrase));
}

/** The site switch; switching a site off adds an entry, which the limit may refuse. */
async function onSiteSwitch(on) {
  const sites = state.settings.sites;
  const full = !on && !Object.hasOwn(sites, state.host) && Object.keys(sites).length >= MAX_SITES;
  setMessage(full && t('sitesFull', formatNumber(MAX_SITES)));
  if (full) {
    $('site-switch').checked = true;
    return;
  }
  await update((s) => setSite(s, state.host, on));
}

async function setReveal(on) {
  if (!state.tab) return;
  state.revealed = on;
  await ext.tabs.sendMessage(state.tab.id, { type: MSG.reveal, on }).catch(fail);
  requestRefresh();
}

/**
 * "Enable on this site". The permission request must be the first thing the click does (Firefox
 * only grants it inside the user's gesture); the rest runs once the user answered.
 */
function onEnableClick() {
  const pattern = state.pattern;
  const tabId = state.tab.id;
  if (state.settings.origins.length >= MAX_ORIGINS) return setMessage(t('sitesFull', formatNumber(MAX_ORIGINS)));
  const answer = ext.permissions.request({ origins: [pattern] });
  $('enable-button').disabled = true;
  finishEnable(answer, pattern, tabId)
    .catch((error) => setStatus('enableFailed', error?.message ?? String(error)))
    .finally(() => {
      $('enable-button').disabled = false;
    });
}

async function finishEnable(answer, pattern, tabId) {
  if (!(await answer)) return setStatus('enableDenied');
  await update((s) => addOrigin(s, pattern));
  await registerOrigins([pattern]);
  await injectInto(tabId);
  refreshSoon();
}

async function main() {
  await loadMessages();
  localize();
  // Firefox for Android opens the options tab behind the popup, which stays in front: close the
  // popup once the tab is open (a desktop popup closes by itself; a popup opened as a page of its
  // own, `?tab=`, stays).
  $('open-settings').addEventListener('click', () =>
    ext.runtime
      .openOptionsPage()
      .then(() => {
        if (!new URLSearchParams(location.search).has('tab')) window.close();
      })
      .catch(fail),
  );
  $('site-switch').addEventListener('change', (e) => onSiteSwitch(e.target.checked).catch(fail));
  $('reveal-switch').addEventListener('change', (e) => setReveal(e.target.checked));
  $('enable-button').addEventListener('click', onEnableClick);
  $('reload-button').addEventListener('click', async () => {
    await ext.tabs.reload(state.tab.id);
    refreshSoon();
  });
  ext.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.settings) refreshSoon();
  });
  ext.runtime.onMessage.addListener(onRuntimeMessage);
  ext.tabs.onUpdated.addListener((tabId, change) => {
    if (tabId === state.tab?.id && change.status) requestRefresh();
  });
  state.tab = await targetTab();
  await requestRefresh();
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  fail(error);
  document.body.dataset.ready = 'true';
});
