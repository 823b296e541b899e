// The content script. The build bundles it with everything it imports (and the Wasm core's bytes)
// into one classic script, content/bersih.js, which the browser runs at document_start on Blogger
// hosts and on the sites the user enabled; no file of the extension is reachable from pages.
//
// While the page streams in, every post is judged as soon as its end has been parsed, in the same
// task, and shown at once: a post body, title, footer or platform widget is held back
// (visibility: hidden, style.js) from the moment the parser inserts it until the core's answer for
// its post is applied, so spam is never painted. Later posts follow as they arrive; late content
// (lazy comments, infinite scroll, rewritten posts) is judged at the next animation frame. A
// failsafe shows every held element again if judging it takes too long.
//
// The page's platform (platform.js: Blogger, WordPress, ... from rules/platforms/) says where its
// posts and widgets are; it is known from the host, or from the first signal the parser inserts
// (a generator meta, a head link, a body class). Until then elements that any platform would hold
// wait, not held; a page no platform claims is the generic fallback's once parsed: its main
// article is judged then, for ads only, and nothing of it is ever held back.
//
// Holding back starts before the settings are read only where the site-on flag script ran
// (content/on.js, registered by the background on the enabled sites, lib/armed.js); anywhere
// else this script does nothing a page can see until the settings say to clean the page.
//
// Work per page is bounded (budget.js); a failure in one post leaves that post as served and the
// others cleaned; any other failure reverts everything this script did, logs once and stops.
//
// This module finds the posts, holds them back and judges them; the page's state is state.js,
// the report and the popup's requests report.js, the DOM's marks apply.js, the text collect.js.

import * as settingsStore from '../lib/settings.js';
import * as core from '../lib/core.js';
import { ext as api } from '../lib/protocol.js';
import {
  ANY_HELD, GENERIC, claimedBy, detect, heldSelector, ownFindings, pageWidgetSelector, postLikeSelector,
} from './platform.js';
import { collectUnit, containerOf, findUnits, isEditable, matches } from './collect.js';
import { applyFindings, revertMarks } from './apply.js';
import { rehearse } from './warm.js';
import { Limit } from './budget.js';
import { host, round, since, state } from './state.js';
import { onMessage, report } from './report.js';
import * as style from './style.js';

/** The page's platform's selectors (platform.js), once known; what it holds back (none: null). */
let S = null;
let HELD = null;
/** Where the page's posts are while it is parsed (`narrowTo`), or null: the whole document. */
let AREA = null;
let PAGE_WIDGETS = null;
let POST_LIKE = null;
/** Once the page as it arrived is judged: late units judged per animation frame (the rest wait). */
const UNITS_PER_FRAME = 24;
/** A unit that keeps changing after this many scans (a script fighting us) is left alone. */
const MAX_SCANS_PER_UNIT = 40;
/**
 * While its container streams in, a post already judged and shown is judged again (its later
 * parts) at most this often, and at once when the container's end is parsed. Far below the failsafe.
 */
const RESCAN_WAIT_MS = 100;
/** Failsafe: a held element is shown this long after its end was parsed, judged or not... */
const FAILSAFE_PARSED_MS = 1500;
/** ...and this long after it was held back, even if its end never came. */
const FAILSAFE_HELD_MS = 5000;
const considered = new WeakSet();
const closed = new WeakSet();
/** Post container → a number that stays the same when its unit is found again. */
const unitKeys = new WeakMap();
let nextUnitKey = 1;
let warned = false;

/**
 * Wraps a callback the browser calls (observer, event, timer) so that its time is added to
 * `timing.workMs`: the content script's own main-thread time on this page, as the bench reports
 * it; an exception in it reverts everything (`fail`).
 */
let depth = 0;
function timed(fn, name) {
  return (...args) => {
    const t = depth++ ? 0 : performance.now();
    try {
      return fn(...args);
    } catch (err) {
      fail(err);
    } finally {
      if (!--depth) {
        const ms = performance.now() - t;
        state.timing.workMs = round((state.timing.workMs ?? 0) + ms);
        const parts = (state.timing.work ??= {});
        parts[name] = round((parts[name] ?? 0) + ms);
      }
    }
  };
}

/** What the discovery observer is told of: every insertion, and `contenteditable` switched. */
const DISCOVERY = { childList: true, subtree: true, attributes: true, attributeFilter: ['contenteditable'] };
const discovery = new MutationObserver(
  timed((records) => {
    takeDiscovery(records);
    if (state.parsing) pump();
    else scheduleFrame();
  }, 'discovery'),
);
const changes = new MutationObserver(
  timed((records) => {
    takeChanges(records);
    scheduleFrame();
  }, 'changes'),
);
const pumpLater = timed(() => pump(), 'pump');
const rescanLater = timed(() => {
  state.rescan = 0;
  pump();
}, 'pump');
const onFrameTimed = timed(() => onFrame(), 'frame');


/** Whether this script may act on the page: settings (or, before them, the flag) say so. */
function active() {
  return !state.failed && !state.stopped && (state.enabled ?? state.armed) === true;
}

export function start() {
  state.t0 = performance.now();
  if (state.platform) usePlatform(state.platform);
  api.runtime.onMessage.addListener(onMessage);
  api.storage.onChanged.addListener(onStorage);
  if (state.parsing) {
    watchDocument();
    document.addEventListener('DOMContentLoaded', timed(onParsed, 'parsed'), { once: true });
    // The flag script runs at document_start too, before or after this one but before the parser
    // inserts anything: it is read now if it ran, else at the first insertion.
    if (globalThis.__bersihOn) checkArmed();
  }
  settingsStore.load().then(timed(onSettings, 'settings')).catch(fail);
}

/** Discovery watches `target` (the document, or while parsing its post area) and nothing else. */
function watch(target) {
  discovery.disconnect();
  discovery.observe(target, DISCOVERY);
}

/** Discovery watches the whole document (not narrowed to a post area). */
function watchDocument() {
  state.aroundArea = null;
  watch(document);
}

/**
 * While the page is parsed, discovery narrows to the platform's post area (Blogger's Blog widget)
 * once the parser inserts it: every post and widget the page holds back is inside it, and the
 * sidebars and footers that follow it are most of a page's nodes, each a record to look at. Records
 * already queued are taken first; the area's own content so far came in them.
 */
function narrowTo(area) {
  const pending = discovery.takeRecords();
  watch(area);
  // The area's ancestors' own children (a few records): the first node the parser inserts after
  // the area's end is one of them, and tells that the area's last parts (the pager, the last post's
  // footer) are whole, so they are judged and shown then, not when the page is parsed.
  // Nothing they add is looked into: it is outside the area.
  state.aroundArea = new Set();
  for (let a = area.parentNode; a; a = a.parentNode) {
    state.aroundArea.add(a);
    discovery.observe(a, { childList: true });
  }
  if (pending.length) takeDiscovery(pending);
}

function checkArmed() {
  if (state.armed !== null) return;
  const flag = globalThis.__bersihOn;
  state.armed = flag === true || flag === 'defaults';
  state.presumed = flag === 'defaults';
  if (state.armed) core.warm(rehearse).then(timed(onCore, 'core'));
}

/**
 * Whether the options for the core are known: the settings are read, or the flag said they ask for
 * nothing but the defaults (content/on-defaults.js), so the first post need not wait for them.
 */
function optionsKnown() {
  return state.settings !== null || state.presumed;
}

// ---- Finding the posts as the page streams in ------------------------------------------------

/**
 * New elements of held kinds, from the observer's records. Indexed loops, nothing allocated per
 * node: while a page is parsed this sees every node the parser inserts. An element inserted with
 * its children already inside (by a script, in one record) is searched inside too; the parser
 * inserts an element and then, in the next record, its first child.
 */
function takeDiscovery(records) {
  checkArmed();
  if (!active()) return;
  const seen = (state.timing.discovery ??= { batches: 0, records: 0, subtrees: 0 });
  seen.batches++;
  seen.records += records.length;
  let area = null;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (r.type === 'attributes') {
      editableChanged(r.target);
      continue;
    }
    if (state.aroundArea?.has(r.target)) continue;
    const list = r.addedNodes;
    for (let j = 0; j < list.length; j++) {
      const n = list[j];
      if (n.nodeType !== Node.ELEMENT_NODE) continue;
      if (state.platform === null) {
        const claimed = claimedBy(n);
        if (claimed) decide(claimed);
      }
      const held = state.platform ? HELD : ANY_HELD;
      if (!held) continue;
      if (n.matches(held)) consider(n);
      if (AREA && state.parsing && !area && !state.aroundArea && n.matches(AREA)) area = n;
      if (n.firstElementChild && records[i + 1]?.target !== n) {
        seen.subtrees++;
        for (const el of n.querySelectorAll(held)) consider(el);
      }
    }
    if (!state.parsing && r.removedNodes.length) state.prune = true;
  }
  if (area) narrowTo(area);
}

function usePlatform(p) {
  S = p;
  HELD = p.holds ? heldSelector(p) : null;
  AREA = p.holds ? p.area : null;
  PAGE_WIDGETS = pageWidgetSelector(p);
  POST_LIKE = postLikeSelector(p);
}

/** The page is `p`'s: what waited for the decision is considered now, if `p` holds anything. */
function decide(p) {
  if (state.platform !== null) return;
  state.platform = p;
  usePlatform(p);
  const waiting = state.undecided;
  state.undecided = [];
  if (HELD) for (const el of waiting) if (el.matches(HELD)) consider(el);
}

/** A new element of a held kind: hold it back and give it to its post (or keep it for later). */
function consider(el) {
  if (considered.has(el) || !el.isConnected) return;
  if (state.platform === null) {
    const claimed = claimedBy(el);
    if (!claimed) {
      if (state.undecided.length < 1000) state.undecided.push(el);
      return;
    }
    decide(claimed);
    if (!HELD || !el.matches(HELD)) return;
  }
  considered.add(el);
  if (isEditable(el)) return;
  if (el.matches(S.postBody)) return addBody(el);
  const unit = unitAt(el);
  if (unit) return addPart(unit, el);
  if (matches(el, PAGE_WIDGETS) && outsidePosts(el)) return addPageWidget(el);
  if (!state.parsing) return;
  hold(el);
  state.orphans.push(el);
}

/**
 * Whether a widget outside every known post stands outside posts for good: no post-like element
 * holds it, or the one that does (a WordPress theme's `main`) holds a post already found, so the
 * widget follows that post instead of opening one.
 */
function outsidePosts(el) {
  const post = POST_LIKE ? el.parentElement?.closest(POST_LIKE) : null;
  if (!post) return true;
  for (const unit of state.posts) if (post.contains(unit.container)) return true;
  return false;
}

/** The unit whose root holds `node`: an ancestor walk, so linear in the page's depth. */
function unitAt(node) {
  for (let n = node; n; n = n.parentNode) {
    const unit = state.rootOf.get(n);
    if (unit) return unit;
  }
  return null;
}

function newUnit(container) {
  const unit = {
    container,
    roots: [],
    extra: [],
    bodies: [],
    open: [], // held parts the parser is still inside
    ready: [], // held parts parsed whole, waiting for the unit's scan
    needsScan: true,
    partial: false,
    marks: [],
    items: [],
    scans: 0,
    failed: false,
    solo: false,
    watched: new Set(),
    main: null, // the one body of a `pick: 'largest'` platform (collect.js)
    key: container ? keyOf(container) : 'page',
    scannedAt: 0,
    judged: null, // the blocks of its last judgement that was applied (`unchanged`)
  };
  if (container) addRoot(unit, container);
  return unit;
}

function keyOf(container) {
  if (!unitKeys.has(container)) unitKeys.set(container, nextUnitKey++);
  return unitKeys.get(container);
}

function addRoot(unit, root, extra = false) {
  unit.roots.push(root);
  if (extra) unit.extra.push(root);
  state.rootOf.set(root, unit);
}

function addBody(body) {
  const container = containerOf(body, S);
  let unit = container ? unitAt(container) : null;
  if (!unit || unit === state.page) {
    unit = newUnit(container ?? body);
    state.units.push(unit);
    state.posts.push(unit);
    // Titles held before their body: theirs now. Any other orphan (parsed before this post, as
    // the parser goes in page order) is no post's.
    for (const el of state.orphans) {
      if (unit.container.contains(el)) addPart(unit, el, false);
      else releaseHold(el);
    }
    state.orphans = [];
  }
  unit.bodies.push(body);
  addPart(unit, body);
}

function addPageWidget(el) {
  const posts = state.posts;
  if ((matches(el, S.comments) || matches(el, S.commentForm)) && posts.length === 1) {
    // A single post's comment section (or form) is part of that post wherever the theme put it.
    addRoot(posts[0], el, true);
    return addPart(posts[0], el);
  }
  if (!state.page) {
    state.page = newUnit(null);
    state.units.push(state.page);
  }
  addRoot(state.page, el);
  addPart(state.page, el);
}

/**
 * A part of `unit`: judged with it once parsed (a new part means the unit needs a scan). Held back
 * while the page is parsed; content a page's script adds later is judged at the next animation
 * frame, before it is painted, and is not held (so a script that adds a clean post sees nothing
 * of Bersih).
 */
function addPart(unit, el, holdIt = true) {
  if (holdIt && state.parsing) hold(el);
  (isClosed(el) ? unit.ready : unit.open).push(el);
  unit.needsScan = true;
  state.streaming.add(unit);
}

/**
 * Whether the parser is done with `el`: the document is parsed, or a node follows `el` (so the
 * parser went past its end tag). Once true, always true.
 */
function isClosed(el) {
  if (!state.parsing || closed.has(el)) return true;
  const top = document.documentElement;
  for (let n = el; n && n !== top; n = n.parentNode) {
    if (n.nextSibling) {
      closed.add(el);
      return true;
    }
  }
  return false;
}

const isOpen = (el) => !isClosed(el);

// ---- Holding back, and the failsafe ----------------------------------------------------------

function hold(el) {
  if (state.held.has(el)) return;
  style.hold(el);
  state.held.set(el, { since: performance.now(), parsedAt: null });
  if (!state.failsafe) state.failsafe = setTimeout(timed(checkFailsafe, 'failsafe'), 250);
}

function releaseHold(el) {
  if (!state.held.delete(el)) return;
  style.release(el);
  state.timing.firstShownMs ??= since();
}

function releaseAll() {
  for (const el of [...state.held.keys()]) releaseHold(el);
  state.orphans = [];
}

function checkFailsafe() {
  state.failsafe = 0;
  const now = performance.now();
  for (const [el, h] of state.held) {
    if (h.parsedAt === null && isClosed(el)) h.parsedAt = now;
    if (now - h.since > FAILSAFE_HELD_MS || (h.parsedAt !== null && now - h.parsedAt > FAILSAFE_PARSED_MS)) {
      releaseHold(el);
    }
  }
  if (state.held.size) state.failsafe = setTimeout(timed(checkFailsafe, 'failsafe'), 250);
}

// ---- When the document is parsed, settings read, the core ready -------------------------------

function onParsed() {
  state.parsing = false;
  if (state.platform === null) decide(detect(document) ?? GENERIC);
  state.undecided = [];
  if (!active()) return;
  if (state.aroundArea) {
    // Late content may come anywhere: the whole document is watched again.
    const pending = discovery.takeRecords();
    if (pending.length) takeDiscovery(pending);
    watchDocument();
  }
  reconcile();
  pump();
}

function onSettings(settings) {
  state.settings = settings;
  state.timing.settingsMs ??= since();
  const was = state.enabled ?? state.armed;
  state.enabled = settingsStore.siteEnabled(settings, host);
  if (!state.enabled) {
    // The flag was stale (the site was switched off a moment ago): undo what was done.
    if (was) disable();
    discovery.disconnect();
    state.timing.doneMs ??= since();
    return report();
  }
  core.warm(rehearse).then(timed(onCore, 'core'));
  if (!was) return enable();
  // The flag said the defaults and the settings (changed a moment ago) say otherwise: what was
  // judged with the defaults is judged again.
  if (state.presumed && optionsKey(settings) !== optionsKey(settingsStore.DEFAULTS)) {
    return judgeAllAgain();
  }
  if (state.parsing) pump();
  else scheduleFrame();
}

function onCore() {
  state.timing.coreMs ??= since();
  if (!active() || !optionsKnown()) return;
  if (state.parsing) pump();
  else scheduleFrame();
}

/** Starts cleaning a page that was left alone so far (settings read late, or switched on). */
function enable() {
  state.generation++;
  if (!active()) return report();
  if (state.parsing) {
    watchDocument();
    if (state.platform === null) {
      const claimed = detect(document);
      if (claimed) decide(claimed);
    }
    const held = state.platform ? HELD : ANY_HELD;
    if (held) for (const el of document.querySelectorAll(held)) consider(el);
    const area = AREA && document.querySelector(AREA);
    if (area) narrowTo(area);
    pump();
  } else {
    if (state.platform === null) decide(detect(document) ?? GENERIC);
    watchDocument();
    reconcile();
    pump();
  }
}

/** Undoes everything (switched off); the script keeps listening for the switch coming back. */
function disable() {
  state.generation++;
  discovery.disconnect();
  changes.disconnect();
  revertAll();
  releaseAll();
  setUnits([]);
  state.rootOf.clear();
  state.streaming.clear();
  state.dirty.clear();
  report();
}

function revertAll() {
  quiet(() => {
    for (const unit of state.units) {
      revertMarks(unit.marks);
      unit.marks = [];
      unit.items = [];
      unit.judged = null;
      state.sorted = null;
    }
  });
}

function fail(err) {
  state.failed = true;
  try {
    discovery.disconnect();
    changes.disconnect();
    revertAll();
    releaseAll();
  } catch (revertErr) {
    console.warn('Bersih: could not revert:', revertErr);
  }
  if (!warned) console.warn('Bersih: stopped on this page, which is left as it was:', err);
  warned = true;
  state.timing.doneMs ??= since();
  report();
}

/**
 * A cap was hit (`kind`: 'blocks', 'chars' or 'scans'); with `stopAll` the page's budget is spent:
 * keep what is cleaned, judge nothing more, show what waits. The report says so at once.
 */
function capped(kind, stopAll) {
  state.capped ??= kind;
  if (stopAll) stopJudging();
  report();
}

function stopJudging() {
  state.stopped = true;
  discovery.disconnect();
  changes.disconnect();
  releaseAll();
  state.streaming.clear();
  state.dirty.clear();
}

// ---- Judging ------------------------------------------------------------------------------------

/** Moves parts of `unit` whose end was parsed from `open` to `ready`. */
function refresh(unit) {
  if (unit.open.length) {
    const still = [];
    for (const el of unit.open) (isClosed(el) ? unit.ready : still).push(el);
    if (still.length !== unit.open.length) unit.needsScan = true;
    unit.open = still;
  }
  // Judged while its container was still being parsed: once more when all of it is there.
  if (unit.partial && !unit.open.length && (unit.container ? isClosed(unit.container) : !state.parsing)) {
    unit.needsScan = true;
  }
}

function isDue(unit) {
  if (unit.failed || !unit.needsScan) return false;
  for (const body of unit.bodies) if (!isClosed(body)) return false;
  if (state.parsing && unit.scans && unit.container && !isClosed(unit.container)) {
    // Shown already, and more of it (footer, labels, comments) parsed since: those parts stay held
    // and are judged with the rest of the post once its container is parsed, or after a short
    // wait, not once each as they close (every judgement re-reads the whole post).
    const wait = unit.scannedAt + RESCAN_WAIT_MS - performance.now();
    if (wait > 0) {
      state.rescan ||= setTimeout(rescanLater, wait);
      return false;
    }
  }
  return true;
}

const isLive = (unit) => unit.roots.every((r) => r.isConnected);

/** Judges what is due: while parsing, at once; afterwards, once per animation frame. */
function pump() {
  if (state.running || !active() || !optionsKnown() || !core.settled()) return;
  const due = new Set();
  for (const unit of state.streaming) {
    refresh(unit);
    if (isDue(unit)) due.add(unit);
  }
  if (!state.parsing) for (const unit of state.dirty) due.add(unit);
  if (!due.size) return finished();
  // The page as it arrived is judged within the call's bounds; late content 24 posts a frame.
  scanUnits([...due], state.timing.doneMs === undefined ? Infinity : UNITS_PER_FRAME).catch(fail);
}

/** The page is parsed and every post judged once: the time the report calls done. */
function finished() {
  if (state.parsing || state.streaming.size) return;
  for (const el of state.orphans) releaseHold(el);
  state.orphans = [];
  if (state.timing.doneMs !== undefined) return;
  state.timing.doneMs = since();
  report();
}

function scheduleFrame() {
  if (state.frame || !active()) return;
  // A hidden tab gets no animation frames (Firefox pauses them): a settings change made in another
  // tab would wait until this one is shown, and its report (the popup, the badge) would be stale.
  // Nothing is painted there, so the next task is as good as the next frame.
  state.frame = document.hidden ? setTimeout(onFrameTimed, 0) : requestAnimationFrame(onFrameTimed);
}

function onFrame() {
  state.frame = 0;
  if (!active()) return;
  try {
    if (state.prune) prune();
    if (state.rediscover) reconcile();
  } catch (err) {
    return fail(err);
  }
  pump();
}

/** Scans up to `maxUnits` of `due` in one core call (within the budget), then goes on with the rest. */
async function scanUnits(due, maxUnits) {
  state.running = true;
  let more = false;
  try {
    more = await scanOnce(due, maxUnits);
  } finally {
    state.running = false;
  }
  if (state.stopped || state.failed || !active()) return;
  if (more || anyDue()) {
    if (state.parsing) setTimeout(pumpLater, 0);
    else scheduleFrame();
  } else {
    finished();
  }
}

function anyDue() {
  if (!state.parsing && state.dirty.size) return true;
  for (const unit of state.streaming) {
    refresh(unit);
    if (isDue(unit)) return true;
  }
  return false;
}

/** One core call; returns whether units were left for another call. */
async function scanOnce(due, maxUnits) {
  const limit = state.budget.nextCall();
  if (!limit) {
    capped('scans', true);
    return false;
  }
  const t = performance.now();
  const start = limit.blocks;
  const chosen = [];
  const got = [];
  let more = false;
  let truncated = null;
  for (const unit of due) {
    if (unit.failed || !isLive(unit)) {
      leaveAlone(unit);
      state.prune = true;
      continue;
    }
    if (unit.scans >= MAX_SCANS_PER_UNIT) {
      leaveAlone(unit);
      capped('scans', false);
      continue;
    }
    if (chosen.length >= maxUnits || (chosen.length && (unit.solo || chosen[0].solo))) {
      more = true;
      break;
    }
    const saved = limit.save();
    let blocks;
    try {
      blocks = collectUnit(unit, chosen.length, { isOpen, limit, s: S });
    } catch (err) {
      unitFailed(unit, err);
      continue;
    }
    if (unchanged(unit, blocks)) {
      // Judged already with exactly this text, and its marks still in place: nothing to ask.
      limit.restore(saved);
      unit.needsScan = false;
      settle(unit);
      continue;
    }
    if (chosen.length && (limit.hit || start - limit.blocks > state.budget.call.batchBlocks)) {
      // Too much for this call: the unit goes first in the next one.
      limit.restore(saved);
      more = true;
      break;
    }
    chosen.push(unit);
    got.push(blocks);
    if (limit.hit) {
      truncated = limit.hit;
      break;
    }
  }
  if (!chosen.length) return more;
  const first = flatten(chosen, got);
  const used = { blocks: first.blocks.length, chars: first.chars };
  state.budget.spend(used.blocks, used.chars);
  for (const unit of chosen) {
    unit.scans++;
    unit.scannedAt = t;
    unit.needsScan = false;
    state.dirty.delete(unit);
  }
  const tCollect = performance.now();
  const options = coreOptions();
  // Judged before the settings were read, with the defaults the flag presumes (content/on-defaults.js).
  if (state.settings === null) state.timing.presumedScans = (state.timing.presumedScans ?? 0) + 1;
  const generation = state.generation;
  const sync = core.ready();
  let answer;
  try {
    answer = sync ? core.scanNow({ blocks: first.blocks, options }) : await core.scan({ blocks: first.blocks, options });
  } catch (err) {
    if (generation === state.generation) coreFailed(chosen, err);
    return more;
  }
  const tScan = performance.now();
  if (generation !== state.generation || !active()) return false;
  const applied = quiet(() => applyAnswer(chosen, first, used, answer?.findings, !sync));
  if (applied) {
    chosen.forEach((unit, i) => {
      unit.judged = unit.failed ? null : got[i].map((b) => b.block);
      settle(unit);
    });
  }
  record(t, tCollect, tScan, used, chosen);
  // A unit larger than a whole call is judged up to the call's bound; a spent page stops here.
  if (truncated) capped(truncated, state.budget.pageSpent(limit));
  return more;
}

/**
 * Whether `unit`, collected again as `blocks` while the page is parsed, is what it was when last
 * judged and marked (the same texts and kinds, under the same options, its marks still in the
 * page): a post whose later parts added no text, or whose container's end came, is not judged
 * again. Only while parsing: afterwards a page's script may have rewritten the post, and a changed
 * post is judged again whatever its text.
 */
function unchanged(unit, blocks) {
  const before = unit.judged;
  if (!state.parsing || !before || before.length !== blocks.length) return false;
  for (let i = 0; i < blocks.length; i++) {
    const a = before[i];
    const b = blocks[i].block;
    if (a.text !== b.text || a.kind !== b.kind) return false;
  }
  return unit.marks.every((m) => (m.el ?? m.span).isConnected);
}

/**
 * The user's options for this site (the settings read, else the defaults the flag presumes); on a
 * platform without clutter (the generic fallback: an unknown site's "Share" or "Komentar" may be
 * its own text) every clutter category is switched off.
 */
function coreOptions() {
  const options = settingsStore.coreOptions(state.settings ?? settingsStore.DEFAULTS, host);
  if (!S.clutter) options.disabled = [...settingsStore.CLUTTER];
  return options;
}

/** The blocks of one call: every unit's blocks numbered by the unit's position. */
function flatten(units, got) {
  const blocks = [];
  const maps = [];
  const owners = [];
  let chars = 0;
  units.forEach((unit, i) => {
    for (const { block, map } of got[i]) {
      blocks.push(block);
      maps.push(map);
      owners.push(unit);
      chars += block.text.length;
    }
  });
  return { blocks, maps, owners, chars };
}

/** Collects `units` again within what the first collection used, so the same blocks come back. */
function collectAgain(units, used) {
  const limit = new Limit(used.blocks, used.chars);
  return flatten(units, units.map((unit, i) => collectUnit(unit, i, { isOpen, limit, s: S })));
}

const sameBlocks = (a, b) =>
  a.length === b.length && a.every((x, i) => x.text === b[i].text && x.kind === b[i].kind && x.post === b[i].post);

function applyAnswer(units, first, used, findings, waited) {
  if (!Array.isArray(findings)) throw new Error('bad answer from the core: no findings list');
  const byUnit = new Map(units.map((u) => [u, []]));
  for (const f of ownFindings(S, findings)) {
    const mine = byUnit.get(first.owners[f?.block]);
    if (!mine) throw new Error(`bad answer from the core: finding outside the request: ${JSON.stringify(f)}`);
    mine.push(f);
  }
  let fresh = first;
  if (waited) {
    // The page went on while the background worked: apply only to the text that was judged.
    const now = units.every(isLive) ? collectAgain(units, used) : null;
    if (!now || !sameBlocks(now.blocks, first.blocks)) {
      for (const unit of units) {
        unit.needsScan = true;
        state.streaming.add(unit);
      }
      return false;
    }
  }
  if (waited || units.some((u) => u.marks.length)) {
    // Old marks split text nodes: undo them and map the answer onto the restored nodes.
    for (const unit of units) {
      revertMarks(unit.marks);
      unit.marks = [];
      unit.items = [];
      state.sorted = null;
    }
    fresh = collectAgain(units, used);
    if (!sameBlocks(fresh.blocks, first.blocks)) throw new Error('the text changed when our marks were undone');
  }
  for (const [unit, mine] of byUnit) {
    try {
      const result = applyFindings(fresh.blocks, fresh.maps, mine, state.nextId);
      unit.marks = result.marks;
      unit.items = result.items;
      state.sorted = null;
      state.nextId = result.nextId;
    } catch (err) {
      unitFailed(unit, err);
    }
  }
  return true;
}

/** After a unit's scan: show its judged parts; a unit parsed whole is watched for changes from now on. */
function settle(unit) {
  for (const el of unit.ready) releaseHold(el);
  unit.ready = [];
  unit.partial = state.parsing && (unit.open.length > 0 || (unit.container ? !isClosed(unit.container) : true));
  if (!unit.partial && !unit.open.length && !unit.needsScan) {
    state.streaming.delete(unit);
    watchChanges(unit);
  }
}

/** One unit could not be judged or marked: it is left as served, the others go on. */
function unitFailed(unit, err) {
  if (!warned) console.warn('Bersih: one post is left as it was:', err);
  warned = true;
  abandon(unit);
}

/** Takes `unit`'s marks away and never judges it again. */
function abandon(unit) {
  quiet(() => revertMarks(unit.marks));
  unit.marks = [];
  unit.judged = null;
  unit.items = [];
  state.sorted = null;
  leaveAlone(unit);
  unit.failed = true;
}

function leaveAlone(unit) {
  for (const el of [...unit.open, ...unit.ready]) releaseHold(el);
  unit.open = [];
  unit.ready = [];
  unit.needsScan = false;
  state.streaming.delete(unit);
  state.dirty.delete(unit);
}

/** The core threw on a call: with several posts, each is tried alone next; one post alone fails. */
function coreFailed(units, err) {
  if (units.length === 1) return unitFailed(units[0], err);
  for (const unit of units) {
    unit.solo = true;
    unit.needsScan = true;
    state.streaming.add(unit);
  }
}

/** Forgets a unit whose nodes left the page (callers rebuild the unit lists). */
function dropUnit(unit) {
  abandon(unit);
  for (const root of unit.roots) if (state.rootOf.get(root) === unit) state.rootOf.delete(root);
}

function setUnits(units) {
  state.units = units;
  state.posts = units.filter((u) => u.container);
  state.page = units.find((u) => !u.container) ?? null;
}

function record(t, tCollect, tScan, used, units) {
  const numbers = {
    collectMs: round(tCollect - t),
    scanMs: round(tScan - tCollect),
    coreCallMs: round(core.stats.callMs ?? 0),
    applyMs: round(performance.now() - tScan),
    blocks: used.blocks,
    chars: used.chars,
  };
  state.timing.scans = (state.timing.scans ?? 0) + 1;
  state.timing.first ??= numbers;
  state.timing.last = numbers;
  state.timing.path = core.stats.path;
  state.timing.coreStartupMs = core.stats.startupMs === null ? null : round(core.stats.startupMs);
  state.timing.coreWarmUpMs = core.stats.warmUpMs === null ? null : round(core.stats.warmUpMs);
  state.timing.coreMainThreadMs = core.stats.mainThreadMs === null ? null : round(core.stats.mainThreadMs);
  state.timing.fallbackReason = core.stats.fallbackReason;
  report(units);
}

// ---- Late content -------------------------------------------------------------------------------

/** Our own DOM edits, with the records they cause dropped (a page's own, before them, are taken). */
function quiet(change) {
  const pending = discovery.takeRecords();
  if (pending.length) takeDiscovery(pending);
  const pendingChanges = changes.takeRecords();
  if (pendingChanges.length) takeChanges(pendingChanges);
  try {
    return change();
  } finally {
    discovery.takeRecords();
    changes.takeRecords();
  }
}

function watchChanges(unit) {
  for (const root of unit.roots) {
    if (unit.watched.has(root)) continue;
    unit.watched.add(root);
    changes.observe(root, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['contenteditable'],
    });
  }
}

function takeChanges(records) {
  if (!active()) return;
  for (const r of records) {
    if (r.type === 'attributes') {
      editableChanged(r.target);
      continue;
    }
    // Text edited in place is not ours to chase, unless the page made the post editable.
    if (r.type === 'characterData' && !isEditable(r.target.parentNode ?? document.body)) continue;
    const unit = unitAt(r.target);
    if (unit && !unit.failed) state.dirty.add(unit);
  }
}

/**
 * `contenteditable` changed on `el`: its post is judged again (an editable one collects to nothing,
 * so its marks go); on an element above the posts, the page's posts are found again.
 */
function editableChanged(el) {
  const unit = unitAt(el);
  if (unit) state.dirty.add(unit);
  else state.rediscover = true;
}

/** Units whose nodes left the page: their marks go (a no-op when the nodes are gone). */
function prune() {
  state.prune = false;
  const live = [];
  for (const unit of state.units) {
    if (isLive(unit)) live.push(unit);
    else dropUnit(unit);
  }
  setUnits(live);
  report();
}

/**
 * Finds the page's units again (once when it is parsed, and when late content overwhelms the
 * observer), keeping the state of units that are still there.
 */
function reconcile() {
  state.rediscover = false;
  const known = new Map(state.units.map((u) => [u.container, u]));
  const next = [];
  for (const found of findUnits(document, S)) {
    if (found.container && isEditable(found.container)) continue;
    const old = known.get(found.container);
    if (!old) {
      const unit = newUnit(found.container);
      unit.main = found.main;
      for (const root of found.container ? found.roots.slice(1) : found.roots) {
        addRoot(unit, root, found.extra.includes(root));
      }
      unit.needsScan = true;
      state.streaming.add(unit);
      next.push(unit);
      continue;
    }
    known.delete(found.container);
    const moved =
      old.main !== found.main || old.roots.length !== found.roots.length || old.roots.some((r, i) => r !== found.roots[i]);
    old.main = found.main;
    if (moved) {
      for (const root of old.roots) if (state.rootOf.get(root) === old) state.rootOf.delete(root);
      old.roots = [];
      old.extra = [];
      old.watched = new Set();
      for (const root of found.roots) addRoot(old, root, found.extra.includes(root));
      old.needsScan = true;
      state.streaming.add(old);
    }
    next.push(old);
  }
  for (const gone of known.values()) dropUnit(gone);
  setUnits(next);
}

/** What `settings` ask of the core on this host, comparable as a string. */
function optionsKey(settings) {
  return JSON.stringify(settingsStore.coreOptions(settings, host));
}

/** The options changed: every post is judged again (once the page is parsed, if it still is). */
function judgeAllAgain() {
  for (const unit of state.units) {
    if (unit.failed) continue;
    unit.scans = 0;
    unit.judged = null;
    state.dirty.add(unit);
  }
  scheduleFrame();
}

async function onStorage(changes, area) {
  if (area !== 'local' || !(settingsStore.KEY in changes) || state.failed || !state.settings) return;
  const settings = settingsStore.normalize(changes[settingsStore.KEY].newValue);
  const wasEnabled = state.enabled;
  const before = optionsKey(state.settings);
  state.settings = settings;
  state.enabled = settingsStore.siteEnabled(settings, host);
  try {
    if (!state.enabled) {
      if (wasEnabled) disable();
    } else if (!wasEnabled) {
      core.warm(rehearse).then(timed(onCore, 'core'));
      enable();
    } else if (optionsKey(settings) !== before) {
      judgeAllAgain();
    }
  } catch (err) {
    fail(err);
  }
}

// Run once per page, however often the script is injected (the popup injects it into open tabs).
if (!globalThis.__bersihContent) {
  globalThis.__bersihContent = true;
  start();
}
