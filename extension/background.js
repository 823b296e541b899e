// Bersih's background (an ES module: Chrome's service worker, Firefox's background script).
//
// It answers `bersih:scan` with the same Wasm core as the content script, for pages whose CSP
// keeps the content script from compiling Wasm; it shows the number of hidden items on the
// tab's badge; and it keeps the content script registered on the origins the user enabled
// (settings `origins`, each needing its optional host permission), re-checked at every start.

import init, { scan } from './core/bersih.js';
import * as settingsStore from './lib/settings.js';

const api = globalThis.browser ?? globalThis.chrome;
const SCRIPT_ID = 'bersih-user-origins';

let ready = null;
/** Loads the core once, on first use (service workers may not await at top level). */
const coreReady = () => (ready ??= init({ module_or_path: api.runtime.getURL('core/bersih_bg.wasm') }));

async function answerScan(request) {
  if (typeof request !== 'string') throw new Error('bersih:scan needs the request as a JSON string');
  await coreReady();
  return scan(request);
}

function setBadge(tabId, count) {
  if (tabId === undefined || !api.action) return;
  const text = Number.isSafeInteger(count) && count > 0 ? String(count) : '';
  api.action.setBadgeText({ tabId, text }).catch(() => {});
  api.action.setBadgeBackgroundColor?.({ tabId, color: '#3b7d2e' })?.catch?.(() => {});
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  switch (msg?.type) {
    case 'bersih:scan':
      answerScan(msg.request).then(
        (response) => sendResponse({ response }),
        (err) => sendResponse({ error: String(err?.message ?? err) }),
      );
      return true;
    case 'bersih:report':
      setBadge(sender.tab?.id, msg.count);
      settingsStore.addHidden(msg.added).catch(() => {});
      return false;
    default:
      return false;
  }
});

/** Registers the content script on the enabled origins whose permission is granted, and only those. */
async function syncOrigins() {
  if (!api.scripting?.registerContentScripts) return;
  const settings = await settingsStore.load();
  const granted = [];
  for (const origin of settings.origins) {
    if (await api.permissions.contains({ origins: [origin] })) granted.push(origin);
  }
  const existing = await api.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (!granted.length) {
    if (existing.length) await api.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    return;
  }
  const script = {
    id: SCRIPT_ID,
    matches: granted,
    js: ['content/loader.js'],
    css: ['content/bersih.css'],
    runAt: 'document_start',
    persistAcrossSessions: true,
  };
  if (existing.length) await api.scripting.updateContentScripts([script]);
  else await api.scripting.registerContentScripts([script]);
}

let syncing = Promise.resolve();
function resync() {
  syncing = syncing
    .then(syncOrigins)
    .catch((err) => console.warn('Bersih: cannot register the content script on enabled sites:', err));
  return syncing;
}

api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && settingsStore.KEY in changes) resync();
});
api.permissions?.onAdded?.addListener(resync);
api.permissions?.onRemoved?.addListener(resync);
api.runtime.onStartup?.addListener(resync);
api.runtime.onInstalled?.addListener(resync);
