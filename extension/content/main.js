// The content script proper, loaded by loader.js: decides whether to clean this page, runs the
// scans (one batched core call each), keeps the marks and the per-page report, follows settings
// changes live and answers the popup.
//
// Any failure (an exception, a bad answer) reverts everything this script did, logs once and
// stops: the page is then exactly as the site sent it.

import * as settingsStore from '../lib/settings.js';
import * as core from '../lib/core.js';
import { collect, findUnits, isBlogger } from './collect.js';
import { applyFindings, revertMarks, ID_ATTR } from './apply.js';
import { Watcher } from './observe.js';
import { ext as api, MSG } from '../lib/protocol.js';

const PENDING = 'data-bersih-pending';
const REVEAL = 'data-bersih-reveal';
const FLASH = 'data-bersih-flash';
/** Units rescanned per animation frame; the rest wait for the next one. */
const UNITS_PER_FRAME = 24;
/** A unit that keeps changing after this many scans (a script fighting us) is left alone. */
const MAX_SCANS_PER_UNIT = 40;
/** What may start a new unit when it appears. */
const UNIT_HINT = '.post-body, [id^="post-body-"], #comments, #blog-pager, .blog-pager, .feed-links, #backlinks-container';

const host = location.hostname;
const state = {
  blogger: false,
  enabled: false,
  failed: false,
  settings: null,
  units: [],
  dirty: new Set(),
  rediscover: false,
  running: false,
  nextId: 1,
  generation: 0, // bumped when cleaning is switched on or off: older scans are dropped
  reported: { count: -1, max: 0 },
  timing: {},
};
let watcher = null;

function clearPending() {
  document.documentElement?.removeAttribute(PENDING);
}

const domReady = () =>
  document.readyState !== 'loading'
    ? Promise.resolve()
    : new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));

/** Called by loader.js with the time it started. */
export async function start({ t0 = performance.now(), blogspot = false } = {}) {
  state.timing.startMs = round(t0);
  api.runtime.onMessage.addListener(onMessage);
  try {
    // On Blogger's own hosts the core is needed unless switched off: load it while settings load.
    if (blogspot) core.warm();
    state.settings = await settingsStore.load();
    state.enabled = settingsStore.siteEnabled(state.settings, host);
    if (state.enabled) core.warm();
    else clearPending();
    await domReady();
    state.blogger = blogspot || isBlogger(document);
    if (!state.blogger) return clearPending();
    api.storage.onChanged.addListener(onStorage);
    if (state.enabled) await enable();
  } catch (err) {
    fail(err);
  } finally {
    clearPending();
    state.timing.doneMs = round(performance.now() - t0);
  }
}

async function enable() {
  state.generation++;
  watcher ??= new Watcher(onBatch);
  watcher.start(document.documentElement);
  state.units = findUnits(document).map(newUnit);
  await scanUnits(state.units);
}

function newUnit(u) {
  return { ...u, marks: [], items: [], scans: 0 };
}

function disable() {
  state.generation++;
  watcher?.stop();
  revertAll();
  state.units = [];
  state.dirty.clear();
  report();
}

function revertAll() {
  const units = state.units;
  const undo = () => units.forEach((u) => {
    revertMarks(u.marks);
    u.marks = [];
    u.items = [];
  });
  if (watcher) watcher.quiet(undo);
  else undo();
}

let warned = false;
function fail(err) {
  state.failed = true;
  try {
    watcher?.stop();
    revertAll();
  } catch (revertErr) {
    console.warn('Bersih: could not revert:', revertErr);
  }
  if (!warned) console.warn('Bersih: stopped on this page, which is left as it was:', err);
  warned = true;
  report();
}

const sameBlocks = (a, b) =>
  a.length === b.length &&
  a.every((x, i) => x.text === b[i].text && x.kind === b[i].kind && x.post === b[i].post);

/** Scans `units` in one core call and replaces their marks with the answer. */
async function scanUnits(units) {
  if (!units.length) return;
  const t = performance.now();
  const first = collect(units);
  const seen = watcher.peek();
  const tCollect = performance.now();
  const options = settingsStore.coreOptions(state.settings, host);
  const generation = state.generation;
  const answer = await core.scan({ blocks: first.blocks, options });
  const tScan = performance.now();
  if (!state.enabled || state.failed || generation !== state.generation) return;

  watcher.quiet(() => {
    const changed = watcher.count !== seen;
    // Marks are inline and keep the text, so a collection with them in place compares as is.
    if (changed && (!units.every(isLive) || !sameBlocks(collect(units).blocks, first.blocks))) {
      // The page changed under us: keep the marks as they are and scan again next frame.
      units.forEach((u) => state.dirty.add(u));
      state.rediscover = true;
      return;
    }
    let fresh = first;
    if (changed || units.some((u) => u.marks.length)) {
      // Old marks split text nodes: undo them and map the answer onto the restored nodes.
      for (const u of units) {
        revertMarks(u.marks);
        u.marks = [];
        u.items = [];
      }
      fresh = collect(units);
      if (!sameBlocks(fresh.blocks, first.blocks)) throw new Error('the text changed when our marks were undone');
    }
    applyAnswer(units, fresh, answer.findings);
  });
  const tApply = performance.now();
  const numbers = {
    collectMs: round(tCollect - t),
    scanMs: round(tScan - tCollect),
    coreCallMs: round(core.stats.callMs),
    applyMs: round(tApply - tScan),
    blocks: first.blocks.length,
    chars: first.blocks.reduce((n, b) => n + b.text.length, 0),
  };
  state.timing.scans = (state.timing.scans ?? 0) + 1;
  state.timing.first ??= numbers;
  state.timing.last = numbers;
  state.timing.path = core.stats.path;
  state.timing.coreStartupMs = core.stats.startupMs === null ? null : round(core.stats.startupMs);
  state.timing.coreWarmUpMs = core.stats.warmUpMs === null ? null : round(core.stats.warmUpMs);
  state.timing.fallbackReason = core.stats.fallbackReason;
  report();
  if (state.dirty.size) watcher.schedule();
}

const round = (ms) => Math.round(ms * 10) / 10;

function applyAnswer(units, { blocks, maps, owners }, findings) {
  if (!Array.isArray(findings)) throw new Error('bad answer from the core: no findings list');
  const byUnit = new Map(units.map((u) => [u, []]));
  for (const f of findings) {
    const mine = byUnit.get(owners[f?.block]);
    if (!mine) throw new Error(`bad answer from the core: finding outside the request: ${JSON.stringify(f)}`);
    mine.push(f);
  }
  for (const [unit, mine] of byUnit) {
    const result = applyFindings(blocks, maps, mine, state.nextId);
    unit.marks = result.marks;
    unit.items = result.items;
    state.nextId = result.nextId;
  }
}

function isLive(unit) {
  return unit.roots.every((r) => r.isConnected);
}

/** One animation frame's worth of page changes. */
function onBatch({ targets, added, overflow }) {
  if (!state.enabled || state.failed) return;
  if (overflow) state.rediscover = true;
  for (const node of targets) {
    const unit = state.units.find((u) => u.roots.some((r) => r.contains(node)));
    if (unit) state.dirty.add(unit);
  }
  for (const el of added) {
    if (!el.isConnected) continue;
    if (el.matches(UNIT_HINT) || el.querySelector(UNIT_HINT)) state.rediscover = true;
  }
  if (state.rediscover) rediscover();
  run();
}

/** Finds the page's units again, keeping the state of units that are still there. */
function rediscover() {
  state.rediscover = false;
  const byContainer = new Map(state.units.map((u) => [u.container, u]));
  const next = [];
  for (const found of findUnits(document)) {
    const old = byContainer.get(found.container);
    if (!old) {
      const unit = newUnit(found);
      next.push(unit);
      state.dirty.add(unit);
      continue;
    }
    byContainer.delete(found.container);
    const moved =
      old.roots.length !== found.roots.length || old.roots.some((r, i) => r !== found.roots[i]);
    if (moved) {
      old.roots = found.roots;
      old.extra = found.extra;
      state.dirty.add(old);
    }
    next.push(old);
  }
  // Units gone from the page: undo what is left of them (a no-op when their nodes are gone).
  const gone = [...byContainer.values()];
  watcher.quiet(() => gone.forEach((u) => revertMarks(u.marks)));
  gone.forEach((u) => state.dirty.delete(u));
  state.units = next;
}

async function run() {
  if (state.running || !state.dirty.size) return;
  state.running = true;
  try {
    const batch = [];
    for (const unit of state.dirty) {
      if (batch.length >= UNITS_PER_FRAME) break;
      state.dirty.delete(unit);
      if (++unit.scans > MAX_SCANS_PER_UNIT) continue;
      if (isLive(unit)) batch.push(unit);
    }
    await scanUnits(batch);
  } catch (err) {
    fail(err);
  } finally {
    state.running = false;
  }
  if (state.dirty.size && !state.failed) watcher.schedule();
}

async function onStorage(changes, area) {
  if (area !== 'local' || !(settingsStore.KEY in changes) || state.failed) return;
  const settings = settingsStore.normalize(changes[settingsStore.KEY].newValue);
  const wasEnabled = state.enabled;
  const before = JSON.stringify(settingsStore.coreOptions(state.settings, host));
  state.settings = settings;
  state.enabled = settingsStore.siteEnabled(settings, host);
  try {
    if (!state.enabled) {
      if (wasEnabled) disable();
    } else if (!wasEnabled) {
      await enable();
    } else if (JSON.stringify(settingsStore.coreOptions(settings, host)) !== before) {
      state.units.forEach((u) => {
        u.scans = 0;
        state.dirty.add(u);
      });
      run();
    }
  } catch (err) {
    fail(err);
  }
}

/** The hidden items in page order (ids follow the order units were scanned, not the page's). */
function items() {
  const order = new Map();
  for (const el of document.querySelectorAll(`[${ID_ATTR}]`)) {
    const id = Number(el.getAttribute(ID_ATTR));
    if (!order.has(id)) order.set(id, order.size);
  }
  const at = (item) => order.get(item.id) ?? Infinity;
  return state.units.flatMap((u) => u.items).sort((a, b) => at(a) - at(b) || a.id - b.id);
}

function counts(list) {
  const out = {};
  for (const item of list) out[item.category] = (out[item.category] ?? 0) + 1;
  return out;
}

/** The page's report for the popup (`bersih:get-report`). */
export function getReport() {
  const list = items();
  return {
    blogger: state.blogger,
    enabled: state.enabled && !state.failed,
    host,
    counts: counts(list),
    items: list.map(({ id, text, category, rule }) => ({ id, text, category, rule })),
    timing: { ...state.timing },
    revealed: document.documentElement.hasAttribute(REVEAL),
  };
}

function report() {
  const count = items().length;
  if (count === state.reported.count) return;
  const added = Math.max(0, count - state.reported.max);
  state.reported = { count, max: Math.max(count, state.reported.max) };
  api.runtime.sendMessage({ type: MSG.report, count, added }).catch(() => {});
}

function reveal(on) {
  document.documentElement.toggleAttribute(REVEAL, Boolean(on));
}

function scrollTo(id) {
  const nodes = document.querySelectorAll(`[${ID_ATTR}="${Number(id)}"]`);
  if (!nodes.length) return false;
  nodes.forEach((n) => n.setAttribute(FLASH, ''));
  // A hidden document (the popup shown as a tab, as on Firefox for Android) runs no smooth-scroll
  // animation: jump there instead, so the page is in place when the user comes back to it.
  const behavior = document.visibilityState === 'visible' ? 'smooth' : 'instant';
  nodes[0].scrollIntoView({ block: 'center', behavior });
  setTimeout(() => nodes.forEach((n) => n.removeAttribute(FLASH)), 2500);
  return true;
}

function onMessage(msg, _sender, sendResponse) {
  switch (msg?.type) {
    case MSG.getReport:
      sendResponse(getReport());
      break;
    case MSG.reveal:
      reveal(msg.on);
      sendResponse(getReport());
      break;
    case MSG.scrollTo:
      sendResponse({ found: scrollTo(msg.id) });
      break;
    default:
      return false;
  }
  return false;
}

