// The user's settings: the one module that reads or writes them (schema in docs/ARCHITECTURE.md).
//
// Storage may hold anything (nothing yet, an older version, a hand-edited or corrupt object), so
// `normalize` rebuilds a valid object field by field and keeps every field that is valid on its own.
// It reads each stored value once, never recurses into it, and keeps at most the limits below, so
// a huge or deeply nested stored value costs one pass and cannot grow what every page pays.

import { ext as api } from './protocol.js';

export const VERSION = 1;
export const KEY = 'settings';
export const STATS_KEY = 'stats';

/** The core's categories of injected advertising (`Category` in src/model.rs). */
export const ADS = ['prefix', 'suffix', 'inline', 'line', 'link-line', 'label-list'];

/** Blogger clutter kinds the user can switch off; every one is hidden by default. */
export const CLUTTER = ['comment-count', 'comment-form', 'share', 'pager', 'feed', 'backlinks'];

/**
 * New default settings. Built by hand, not by `structuredClone(DEFAULTS)`: every page's content
 * script normalizes the settings once, and there the first `structuredClone` of the script's world
 * cost about 1 ms of the page's main thread (V8 CPU profile of the 13 real Blogger pages).
 */
function defaults() {
  return {
    version: VERSION,
    enabled: true,
    sites: {},
    origins: [],
    allow: {},
    deny: [],
    clutter: Object.fromEntries(CLUTTER.map((kind) => [kind, true])),
  };
}

export const DEFAULTS = Object.freeze(defaults());

/**
 * Phrases in all lists together (`deny` and every `allow` list). Every page's core call compiles
 * the deny list and checks each finding against the allow lists, so this bounds what the user's
 * phrases can cost a page; real use is a few dozen (a 90k-phrase file once made every blog page
 * wait ~24 s). Also keeps the largest settings file near 1 MB.
 */
export const MAX_PHRASES = 1000;
/** Characters in one phrase: more than any company name or ad line a user would name. */
export const MAX_PHRASE_CHARS = 200;
/** Entries of `sites` (sites switched off): far more than anyone switches off by hand. */
export const MAX_SITES = 1000;
/** Sites added on their own domain: each one is a registered content script and a granted origin. */
export const MAX_ORIGINS = 200;
/** The longest host name DNS allows. */
const MAX_HOST_CHARS = 253;

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The key two phrases share when the core treats them alike (it matches ignoring case). */
export const phraseKey = (phrase) => phrase.toLowerCase();

/**
 * Trimmed, non-empty strings of `list` of at most MAX_PHRASE_CHARS, first of each key only, at most
 * `room` of them; anything else is dropped. One pass, a Set for the keys seen.
 */
function phrases(list, room) {
  const out = [];
  if (!Array.isArray(list) || room <= 0) return out;
  const seen = new Set();
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const phrase = item.trim().replace(/\s+/g, ' ');
    const key = phraseKey(phrase);
    if (!phrase || phrase.length > MAX_PHRASE_CHARS || seen.has(key)) continue;
    seen.add(key);
    out.push(phrase);
    if (out.length >= room) break;
  }
  return out;
}

/** A lower-case host name, or '' when `host` does not look like one. */
export function normalizeHost(host) {
  if (typeof host !== 'string' || host.length > MAX_HOST_CHARS + 2) return '';
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  return /^[a-z0-9.-]+$/.test(h) && !h.startsWith('.') ? h : '';
}

/** A match pattern for a whole origin (`https://blog.example.org/*`), or '' when `value` is not one. */
export function normalizeOrigin(value) {
  if (typeof value !== 'string' || value.length > MAX_HOST_CHARS + 16) return '';
  const m = /^(https?|\*):\/\/([^/]+)\/\*?$/.exec(value.trim());
  if (!m) return '';
  const host = m[2] === '*' ? '' : normalizeHost(m[2].replace(/^\*\./, ''));
  if (!host) return '';
  return `${m[1]}://${m[2].startsWith('*.') ? '*.' : ''}${host}/*`;
}

/** Turns anything into valid settings, keeping every valid field of `raw`. */
export function normalize(raw) {
  const src = isObject(raw) ? raw : {};
  const out = defaults();
  if (typeof src.enabled === 'boolean') out.enabled = src.enabled;
  if (isObject(src.sites)) {
    let kept = 0;
    for (const host of Object.keys(src.sites)) {
      if (kept >= MAX_SITES) break;
      const h = normalizeHost(host);
      const on = src.sites[host];
      if (h && typeof on === 'boolean' && !Object.hasOwn(out.sites, h)) {
        out.sites[h] = on;
        kept++;
      }
    }
  }
  if (Array.isArray(src.origins)) {
    const kept = new Set();
    for (const value of src.origins) {
      if (kept.size >= MAX_ORIGINS) break;
      const origin = normalizeOrigin(value);
      if (origin) kept.add(origin);
    }
    out.origins = [...kept];
  }
  // The phrase limit is shared: deny first, then the phrases kept everywhere, then per site.
  out.deny = phrases(src.deny, MAX_PHRASES);
  let room = MAX_PHRASES - out.deny.length;
  if (isObject(src.allow)) {
    const scopes = Object.keys(src.allow).filter((scope) => scope !== '*');
    if (Object.hasOwn(src.allow, '*')) scopes.unshift('*');
    for (const scope of scopes) {
      if (room <= 0) break;
      const key = scope === '*' ? '*' : normalizeHost(scope);
      if (!key || Object.hasOwn(out.allow, key)) continue;
      const kept = phrases(src.allow[scope], room);
      if (!kept.length) continue;
      out.allow[key] = kept;
      room -= kept.length;
    }
  }
  if (isObject(src.clutter)) {
    for (const kind of CLUTTER) {
      if (typeof src.clutter[kind] === 'boolean') out.clutter[kind] = src.clutter[kind];
    }
  }
  return out;
}

/** The stored settings, normalized (defaults when nothing is stored or storage fails). */
export async function load() {
  try {
    const got = await api.storage.local.get(KEY);
    return normalize(got?.[KEY]);
  } catch (err) {
    console.warn('Bersih: cannot read settings, using defaults:', err);
    return normalize(undefined);
  }
}

/**
 * Rewrites the stored settings when they are not in normal form (an older version's, or a corrupt
 * or oversized value), so every later reader (each page's content script) reads only what
 * `normalize` keeps: a 90k-phrase list stored by an older version is read once, not on every page.
 * Nothing stored stays nothing. Called where the write cannot undo a change the user is making:
 * by the background when the extension is installed or updated and when the browser starts, and by
 * the options page when it opens. Returns the normalized settings.
 */
export async function repair() {
  const raw = (await api.storage.local.get(KEY))?.[KEY];
  const clean = normalize(raw);
  if (raw !== undefined && !sameJson(raw, clean)) await api.storage.local.set({ [KEY]: clean });
  return clean;
}

/** Whether `a` and `b` have the same JSON text (false when `a` cannot be written as JSON at all). */
function sameJson(a, b) {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/** Stores `settings` (normalized first) and returns what was stored. */
export async function save(settings) {
  const clean = normalize(settings);
  await api.storage.local.set({ [KEY]: clean });
  return clean;
}

/** Loads, applies `change(settings)` (which mutates or returns a new object) and saves. */
export async function update(change) {
  const current = await load();
  const next = (await change(current)) ?? current;
  return save(next);
}

/** Whether Bersih should clean pages of `host`: the global switch and the site's own switch. */
export function siteEnabled(settings, host) {
  return settings.enabled && settings.sites[normalizeHost(host)] !== false;
}

/** The core's `options` for a page of `host`: `{allow, deny, disabled}` (see src/model.rs). */
export function coreOptions(settings, host) {
  const h = normalizeHost(host);
  return {
    allow: [...(settings.allow['*'] ?? []), ...(settings.allow[h] ?? [])],
    deny: [...settings.deny],
    disabled: CLUTTER.filter((kind) => !settings.clutter[kind]),
  };
}

/**
 * Whether `settings` ask the core for nothing but the defaults on every site: no phrase kept or
 * hidden, every kind of clutter hidden. The site-on flag says so (lib/armed.js), so that a page
 * there is judged before its content script has read the settings (a storage read that can come
 * after the first post on a fast load).
 */
export function defaultOptions(settings) {
  return !settings.deny.length && !Object.keys(settings.allow).length && CLUTTER.every((kind) => settings.clutter[kind]);
}

/** The running total of hidden items across pages, `{hidden}`. */
export async function loadStats() {
  try {
    const got = await api.storage.local.get(STATS_KEY);
    const hidden = got?.[STATS_KEY]?.hidden;
    return { hidden: Number.isSafeInteger(hidden) && hidden >= 0 ? hidden : 0 };
  } catch {
    return { hidden: 0 };
  }
}

/** Adds `n` newly hidden items to the running total. */
export async function addHidden(n) {
  if (!Number.isSafeInteger(n) || n <= 0) return;
  const stats = await loadStats();
  await api.storage.local.set({ [STATS_KEY]: { hidden: Math.min(Number.MAX_SAFE_INTEGER, stats.hidden + n) } });
}
