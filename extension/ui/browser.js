/**
 * The WebExtension namespace for the interface pages: Firefox's promise-based `browser`, or
 * Chrome's `chrome` (promise-returning in Manifest V3). Nothing else differs for these pages.
 */
export const ext = globalThis.browser ?? globalThis.chrome;
