// The page's report: the hidden items in page order and their counts for the popup, the
// `bersih:report` message (badge, running total, the popup's cue) whenever the count, the cap or
// the newly hidden items change, and the popup's requests (report, "Show hidden", scroll to).

import { ext as api, MSG } from '../lib/protocol.js';
import { host, state } from './state.js';
import * as style from './style.js';

/** How long an item scrolled to from the popup stays shown. */
const FLASH_MS = 2500;

/**
 * The hidden items in page order, computed when the popup asks, once per change: one walk over
 * the page's elements numbers the items' first nodes (comparing nodes pairwise is not linear: the
 * browser counts siblings to order two posts of a long list).
 */
function items() {
  if (state.sorted) return state.sorted;
  const list = [];
  const first = new Map();
  for (const unit of state.units) {
    for (const item of unit.items) {
      list.push(item);
      if (item.nodes[0]) first.set(item.nodes[0], Infinity);
    }
  }
  if (first.size > 1) {
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_ELEMENT);
    let at = 0;
    for (let node = walker.currentNode; node; node = walker.nextNode()) if (first.has(node)) first.set(node, at++);
  }
  const place = (item) => (item.nodes[0] ? first.get(item.nodes[0]) : Infinity);
  state.sorted = list.sort((a, b) => place(a) - place(b) || a.id - b.id);
  return state.sorted;
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
    // The platform whose posts were found: `{name, label}` (no label for the generic fallback's
    // main article); null when no post was found (yet), which the popup says.
    platform: state.posts.length ? { name: state.platform.name, label: state.platform.label } : null,
    enabled: state.enabled === true && !state.failed,
    host,
    counts: counts(list),
    items: list.map(({ id, text, category, rule }) => ({ id, text, category, rule })),
    timing: { ...state.timing },
    revealed: style.isRevealed(),
    capped: state.capped,
    // Which `bersih:report` this report follows: the popup need not ask again for an older one.
    run: state.run,
    seq: state.reported.seq,
  };
}

/**
 * Items not counted before on this page: an item is the same across rescans, reveals and the site
 * switched off and on when its post, category, text and place among its post's alike items are.
 */
function newlyHidden(units) {
  let added = 0;
  for (const unit of units) {
    const seen = new Map();
    for (const item of unit.items) {
      const base = `${unit.key}\u0001${item.category}\u0001${item.text}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const key = `${base}\u0001${n}`;
      if (!state.counted.has(key)) {
        state.counted.add(key);
        added++;
      }
    }
  }
  return added;
}

/**
 * How long a changed report waits before it is sent, so the changes of a page's first scans (a
 * post judged as its body is parsed, again when its container and comments are, once more when
 * the document is) go in one message: each `runtime.sendMessage` cost the page 0.1 to 7 ms of main
 * thread (20 ms seen for a first one) on the real Blogger pages, in the task that shows the post.
 */
const REPORT_WAIT_MS = 200;
let sendTimer = 0;
/** Items newly hidden since the last message sent. */
let unsent = 0;

/**
 * Tells the background (badge, running total) and an open popup when the report changed; `units`
 * were judged since the last report. The message goes `REPORT_WAIT_MS` after the first change
 * and carries the report as it is then.
 */
export function report(units = []) {
  state.sorted = null;
  let count = 0;
  for (const unit of state.units) count += unit.items.length;
  const added = newlyHidden(units);
  // A post found (or gone) changes what the popup says even with nothing hidden.
  const found = state.posts.length > 0;
  if (count === state.reported.count && !added && state.capped === state.reported.capped && found === state.reported.found) return;
  state.reported = { count, capped: state.capped, found, seq: state.reported.seq + 1 };
  unsent += added;
  sendTimer ||= setTimeout(send, REPORT_WAIT_MS);
}

function send() {
  sendTimer = 0;
  const { count, capped, seq } = state.reported;
  const added = unsent;
  unsent = 0;
  api.runtime.sendMessage({ type: MSG.report, count, added, capped, run: state.run, seq }).catch(() => {});
}

function findItem(id) {
  for (const unit of state.units) for (const item of unit.items) if (item.id === id) return item;
  return null;
}

function scrollTo(id) {
  const nodes = findItem(Number(id))?.nodes.filter((n) => n.isConnected) ?? [];
  if (!nodes.length) return false;
  nodes.forEach(style.flash);
  // A hidden document (the popup shown as a tab, as on Firefox for Android) runs no smooth-scroll
  // animation: jump there instead, so the page is in place when the user comes back to it.
  const behavior = document.visibilityState === 'visible' ? 'smooth' : 'instant';
  nodes[0].scrollIntoView({ block: 'center', behavior });
  setTimeout(() => nodes.forEach(style.unflash), FLASH_MS);
  return true;
}

/**
 * Whether a message comes from the extension's own pages (the popup, the background): its id, and
 * a sender URL inside the extension. Pages cannot reach this listener today (no
 * `externally_connectable`); this keeps it so if the manifest ever changes.
 */
function fromExtension(sender) {
  return sender?.id === api.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(api.runtime.getURL(''));
}

/** The popup's requests: the report, "Show hidden", scroll to an item. */
export function onMessage(msg, sender, sendResponse) {
  if (!fromExtension(sender)) return false;
  switch (msg?.type) {
    case MSG.getReport:
      sendResponse(getReport());
      break;
    case MSG.reveal:
      style.setRevealed(msg.on);
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
