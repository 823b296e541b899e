/**
 * The site-on flag: `content/on.js`, a one-line content script registered on exactly the sites
 * where Bersih cleans (Blogger's domains and the user's granted origins, minus the sites switched
 * off; nothing when Bersih is off). The content script runs on every Blogger page (the popup needs
 * it there), but holds posts back before its settings are read only where the flag ran first; so
 * a switched-off site sees nothing of Bersih, and an enabled one never shows a post unjudged.
 *
 * Where the settings ask for nothing but the defaults (no phrase of the user's, every kind of clutter
 * hidden: what most readers keep), the flag is `content/on-defaults.js`, which says that too: the
 * content script then judges the first post at once instead of waiting for its storage read.
 *
 * Kept in step with the settings by the background (at start, on install, on every settings
 * change, when a permission changes). A page loaded in the moment between a switch and the new
 * registration is still right: the content script checks the settings and undoes or catches up.
 */
import { ext } from './protocol.js';
import { defaultOptions } from './settings.js';

export const ARMED_ID = 'bersih-on';
/** The flag: `content/on.js`, or `content/on-defaults.js` when the settings ask for nothing but the defaults. */
export const FLAG_SCRIPT = 'content/on.js';
export const DEFAULTS_FLAG_SCRIPT = 'content/on-defaults.js';

/** The match patterns the manifest's content script runs on (Blogger's domains). */
function manifestMatches() {
  return (ext.runtime.getManifest().content_scripts ?? []).flatMap((c) => c.matches ?? []);
}

/** The registration the flag should have for `settings`, or null when Bersih is off. */
export async function wantedFlag(settings) {
  if (!settings.enabled) return null;
  const origins = [];
  for (const pattern of settings.origins) {
    if (await ext.permissions.contains({ origins: [pattern] })) origins.push(pattern);
  }
  const off = Object.entries(settings.sites)
    .filter(([, on]) => on === false)
    .map(([host]) => `*://${host}/*`);
  return {
    id: ARMED_ID,
    matches: [...manifestMatches(), ...origins],
    ...(off.length ? { excludeMatches: off } : {}),
    js: [defaultOptions(settings) ? DEFAULTS_FLAG_SCRIPT : FLAG_SCRIPT],
    runAt: 'document_start',
    allFrames: false,
    persistAcrossSessions: true,
  };
}

let syncing = Promise.resolve();

/** Makes the flag's registration match `settings` (one sync at a time). */
export function syncArmed(settings) {
  syncing = syncing.then(async () => {
    const wanted = await wantedFlag(settings);
    const [current] = await ext.scripting.getRegisteredContentScripts({ ids: [ARMED_ID] });
    if (current && wanted) {
      // Firefox keeps a missing key as it was: clear the exclusions explicitly.
      await ext.scripting.updateContentScripts([{ excludeMatches: [], ...wanted }]);
    } else if (current) {
      await ext.scripting.unregisterContentScripts({ ids: [ARMED_ID] });
    } else if (wanted) {
      await ext.scripting.registerContentScripts([wanted]);
    }
  });
  return syncing;
}
