/**
 * Content-script registration for sites the user enabled themselves (Blogger blogs on their own
 * domain). The manifest covers blogspot.com; every other origin needs the user's permission for
 * that one origin, then a persistent registration of the same scripts the manifest declares, so
 * the site stays cleaned across browser restarts.
 *
 * One registration per origin pattern, with an id derived from the pattern, so registering is
 * idempotent and removing a site removes exactly its registration.
 */
import { ext } from './protocol.js';

/** How often, and how far apart, a refused registration looks for the same one made elsewhere. */
export const REGISTRATION_LOOKS = 20;
const REGISTRATION_WAIT_MS = 25;

/** Registration id for a pattern such as `https://blog.example.org/*`. */
export function scriptId(pattern) {
  return 'bersih-site:' + pattern;
}

/**
 * The scripts and styles the manifest injects on blogspot.com, reused for added sites, as paths
 * inside the extension: Firefox's `getManifest()` gives them as full moz-extension:// URLs, which
 * `scripting.registerContentScripts` rejects ("must be a relative URL").
 */
function manifestScripts() {
  const [entry] = ext.runtime.getManifest().content_scripts ?? [];
  if (!entry?.js?.length) throw new Error('manifest has no content script to register');
  const root = ext.runtime.getURL('');
  const inside = (file) => (file.startsWith(root) ? file.slice(root.length) : file);
  return { js: entry.js.map(inside), css: (entry.css ?? []).map(inside), runAt: entry.run_at ?? 'document_idle' };
}

/** Registers the content script for every pattern not registered yet; returns those patterns. */
export async function registerOrigins(patterns) {
  const { js, css, runAt } = manifestScripts();
  const registered = new Set((await ext.scripting.getRegisteredContentScripts()).map((s) => s.id));
  const scripts = patterns
    .filter((p) => !registered.has(scriptId(p)))
    .map((p) => ({
      id: scriptId(p),
      matches: [p],
      js,
      ...(css.length ? { css } : {}),
      runAt,
      persistAcrossSessions: true,
    }));
  if (scripts.length) {
    try {
      await ext.scripting.registerContentScripts(scripts);
    } catch (err) {
      // The popup or the options page and the background (on the settings' change) may register
      // the same site at once; theirs is as good. Chrome refuses the second as a duplicate id while
      // the first is still being stored, before it is listed: look again for a moment.
      for (let look = 1; ; look++) {
        const now = new Set((await ext.scripting.getRegisteredContentScripts()).map((s) => s.id));
        if (scripts.every((s) => now.has(s.id))) break;
        if (look === REGISTRATION_LOOKS) throw err;
        await new Promise((resolve) => setTimeout(resolve, REGISTRATION_WAIT_MS));
      }
    }
  }
  return scripts.map((s) => s.matches[0]);
}

/** Removes the registrations of `patterns` (unknown ones are ignored). */
export async function unregisterOrigins(patterns) {
  const wanted = new Set(patterns.map(scriptId));
  const ids = (await ext.scripting.getRegisteredContentScripts())
    .map((s) => s.id)
    .filter((id) => wanted.has(id));
  if (ids.length) await ext.scripting.unregisterContentScripts({ ids });
}

/**
 * Makes the registrations match `origins` from the settings, keeping only patterns the browser
 * still grants (the user may have revoked one in the browser's own settings).
 */
export async function syncRegistrations(origins) {
  const granted = [];
  for (const pattern of origins) {
    if (await ext.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  const current = (await ext.scripting.getRegisteredContentScripts())
    .map((s) => s.id)
    .filter((id) => id.startsWith(scriptId('')));
  const keep = new Set(granted.map(scriptId));
  const stale = current.filter((id) => !keep.has(id));
  if (stale.length) await ext.scripting.unregisterContentScripts({ ids: stale });
  const added = await registerOrigins(granted);
  // Tabs that loaded before the registration existed (restored at browser start) get it now;
  // the loader runs once per page, so a tab that already has it is left as it is.
  if (added.length) {
    for (const tab of await ext.tabs.query({ url: added })) {
      await injectInto(tab.id).catch(() => {});
    }
  }
}

/** Runs the content script in an already open tab, so enabling works without a reload. */
export async function injectInto(tabId) {
  const { js, css } = manifestScripts();
  if (css.length) await ext.scripting.insertCSS({ target: { tabId }, files: css });
  await ext.scripting.executeScript({ target: { tabId }, files: js });
}
