// Bersih's background (an ES module: Chrome's service worker, Firefox's background script).
//
// It answers `bersih:scan` with the same Wasm core as the content script, for pages whose CSP
// keeps the content script from compiling Wasm (tabs take turns, see lib/scanner.js); it shows the
// number of hidden items on the tab's badge; and it keeps the content script registered on the
// origins the user enabled (settings `origins`, each needing its optional host permission),
// re-checked at every start. Every message is checked first (lib/inbound.js): from this extension,
// from a tab's top frame, with its numbers in range; anything else is ignored.

import init, { scan, __wbg_reset_state as resetCore } from './core/bersih.js';
import * as settingsStore from './lib/settings.js';
import { syncRegistrations } from './lib/origins.js';
import { syncArmed } from './lib/armed.js';
import { ext as api, MSG } from './lib/protocol.js';
import { badgeText, clampCount, fromTopFrameOfTab } from './lib/inbound.js';
import { Scanner } from './lib/scanner.js';
import { flattenJson } from './lib/request.js';
import { loadShipped, WASM_FILE } from './lib/wasm.js';

const scanner = new Scanner({
  // Loaded on first use: service workers may not await at top level. The module comes from the
  // content script's own copy (lib/wasm.js): the extension ships it once.
  load: async () => init({ module_or_path: await loadShipped(api.runtime.getURL(WASM_FILE)) }),
  // The request comes as JSON (messages between the extension's parts are JSON in Chrome) and
  // goes into the core laid out flat, as the content script's does (lib/request.js).
  scan: (json) => scan(...flattenJson(json)),
  reset: resetCore,
});

function setBadge(tabId, count) {
  if (!api.action) return;
  api.action.setBadgeText({ tabId, text: badgeText(count) }).catch(() => {});
  api.action.setBadgeBackgroundColor?.({ tabId, color: '#3b7d2e' })?.catch?.(() => {});
}

let counting = Promise.resolve();

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!fromTopFrameOfTab(sender, api.runtime.id)) return false;
  const tabId = sender.tab.id;
  switch (msg?.type) {
    case MSG.scan:
      scanner.scan(tabId, msg.request).then(
        (response) => sendResponse({ response }),
        (err) => sendResponse({ error: String(err?.message ?? err) }),
      );
      return true;
    case MSG.report: {
      setBadge(tabId, clampCount(msg.count));
      const added = clampCount(msg.added);
      // One update at a time: the total is read, added to and written back.
      if (added) counting = counting.then(() => settingsStore.addHidden(added)).catch(() => {});
      return false;
    }
    default:
      return false;
  }
});

api.tabs.onRemoved.addListener((tabId) => scanner.forget(tabId));

let syncing = Promise.resolve();
/** Keeps the content script registered on the enabled origins whose permission is granted. */
function resync() {
  syncing = syncing
    .then(async () => syncRegistrations((await settingsStore.load()).origins))
    .catch((err) => console.warn('Bersih: cannot register the content script on enabled sites:', err));
  return syncing;
}

/** At start, install and update: stored settings put in normal form once, then registrations checked. */
function start() {
  return settingsStore
    .repair()
    .catch((err) => console.warn('Bersih: cannot check the stored settings:', err))
    .then(resync);
}

// The popup and options register a site when the user enables it; here the registrations are
// re-checked when the browser starts or the extension is installed or updated, and when the user
// revokes a site's permission in the browser's own settings.
api.permissions?.onRemoved?.addListener(resync);
api.runtime.onStartup?.addListener(start);
api.runtime.onInstalled?.addListener(start);

// A site the user allowed is a site enabled, even when the popup that asked could not finish:
// Firefox may close the popup while its permission prompt is shown, before the popup stores the
// site. Only "Enable on this site" and the options page ask for optional origins.
api.permissions?.onAdded?.addListener(({ origins = [] }) => {
  if (!origins.length) return;
  settingsStore
    .update((s) => {
      for (const origin of origins) if (!s.origins.includes(origin)) s.origins.push(origin);
    })
    .then(resync)
    .catch((err) => console.warn('Bersih: cannot store a newly allowed site:', err));
});

// The site-on flag follows the settings (lib/armed.js): when the browser starts, when the extension
// is installed or updated, when a site's permission is revoked, and whenever the settings change.
function syncFlag() {
  return settingsStore
    .load()
    .then(syncArmed)
    .catch((err) => console.warn('Bersih: cannot register the site-on flag:', err));
}
api.runtime.onStartup?.addListener(syncFlag);
api.runtime.onInstalled?.addListener(syncFlag);
api.permissions?.onRemoved?.addListener(syncFlag);
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && settingsStore.KEY in changes) syncFlag();
});
