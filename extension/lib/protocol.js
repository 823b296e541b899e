// The extension's protocol in one place: the WebExtension namespace every script uses, and the
// names of the messages its parts exchange (payloads in docs/ARCHITECTURE.md, "Messages").
//
// Firefox has the promise-based `browser`; Chrome's `chrome` returns promises in Manifest V3.
// Nothing else differs for Bersih, so every script takes `ext` from here instead of spelling the
// shim again, and a message name is written once.

export const ext = globalThis.browser ?? globalThis.chrome;

/**
 * The longest `bersih:scan` request (characters of its JSON) the background accepts. The core is
 * linear, so this bounds how long one tab's request holds the shared background (every tab whose
 * page forbids Wasm waits on it); the content script's page budget keeps real pages far below.
 */
export const MAX_SCAN_REQUEST_CHARS = 2_000_000;

/** Message `type`s: content → background, and popup → content. */
export const MSG = Object.freeze({
  /** content → background `{request}` → `{response}` | `{error}`: the core when the page's CSP forbids Wasm. */
  scan: 'bersih:scan',
  /** content → background and open extension pages `{count, added}`: the tab's badge, the running total, the popup's cue to refresh. */
  report: 'bersih:report',
  /** popup → content → the page's report. */
  getReport: 'bersih:get-report',
  /** popup → content `{on}` → the report: show hidden items struck through, or hide them again. */
  reveal: 'bersih:reveal',
  /** popup → content `{id}` → `{found}`: scroll to an item and flash it. */
  scrollTo: 'bersih:scroll-to',
});
