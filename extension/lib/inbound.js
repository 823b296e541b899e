// What the background accepts from a message: who may send it and which numbers it may carry.
//
// Only the extension's own scripts can reach `runtime.onMessage`, but a content script runs inside
// pages that are not ours, so every message is still checked before it costs anything: it must come
// from this extension, from a tab, and from the tab's top frame (the content script runs only there),
// and its numbers are brought into range before they reach the badge or the running total.

/** More items than a page can hide within the content script's page budget; the rest is noise. */
export const MAX_REPORT_COUNT = 100_000;

/** Whether `sender` is this extension (`ownId`) in the top frame of a tab. */
export function fromTopFrameOfTab(sender, ownId) {
  const tabId = sender?.tab?.id;
  return sender?.id === ownId && Number.isSafeInteger(tabId) && tabId >= 0 && sender.frameId === 0;
}

/** `n` as a count: a whole number from 0 to MAX_REPORT_COUNT (anything that is not a number is 0). */
export function clampCount(n) {
  return typeof n === 'number' && n > 0 ? Math.min(MAX_REPORT_COUNT, Math.floor(n)) : 0;
}

/** The badge for `count` hidden items: nothing for none, and at most four characters. */
export function badgeText(count) {
  const n = clampCount(count);
  if (n === 0) return '';
  return n > 999 ? '999+' : String(n);
}
