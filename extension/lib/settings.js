// The user's settings: the one module that reads or writes them (schema in docs/ARCHITECTURE.md).
//
// Storage may hold anything (nothing yet, an older version, a hand-edited or corrupt object), so
// `normalize` rebuilds a valid object field by field and keeps every field that is valid on its own.

import { ext as api } from './protocol.js';

export const VERSION = 1;
export const KEY = 'settings';
export const STATS_KEY = 'stats';

/** The core's categories of injected advertising (`Category` in src/model.rs). */
export const ADS = ['prefix', 'suffix', 'inline', 'line', 'link-line', 'label-list'];

/** Blogger clutter kinds the user can switch off; every one is hidden by default. */
export const CLUTTER = ['comment-count', 'comment-form', 'share', 'pager', 'feed', 'backlinks'];

export const DEFAULTS = Object.freeze({
  version: VERSION,
  enabled: true,
  sites: {},
  origins: [],
  allow: {},
  deny: [],
  clutter: Object.fromEntries(CLUTTER.map((kind) => [kind, true])),
});

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Trimmed, non-empty, de-duplicated strings of `list`; anything else is dropped. */
function phrases(list) {
  if (!Array.isArray(list)) return [];
  const out = [];
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const phrase = item.trim().replace(/\s+/g, ' ');
    if (phrase && !out.includes(phrase)) out.push(phrase);
  }
  return out;
}

/** A lower-case host name, or '' when `host` does not look like one. */
export function normalizeHost(host) {
  if (typeof host !== 'string') return '';
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  return /^[a-z0-9.-]+$/.test(h) && !h.startsWith('.') ? h : '';
}

/** A match pattern for a whole origin (`https://blog.example.org/*`), or '' when `value` is not one. */
export function normalizeOrigin(value) {
  if (typeof value !== 'string') return '';
  const m = /^(https?|\*):\/\/([^/]+)\/\*?$/.exec(value.trim());
  if (!m) return '';
  const host = m[2] === '*' ? '' : normalizeHost(m[2].replace(/^\*\./, ''));
  if (!host) return '';
  return `${m[1]}://${m[2].startsWith('*.') ? '*.' : ''}${host}/*`;
}

/** Turns anything into valid settings, keeping every valid field of `raw`. */
export function normalize(raw) {
  const src = isObject(raw) ? raw : {};
  const out = structuredClone(DEFAULTS);
  if (typeof src.enabled === 'boolean') out.enabled = src.enabled;
  if (isObject(src.sites)) {
    for (const [host, on] of Object.entries(src.sites)) {
      const h = normalizeHost(host);
      if (h && typeof on === 'boolean') out.sites[h] = on;
    }
  }
  if (Array.isArray(src.origins)) {
    out.origins = [...new Set(src.origins.map(normalizeOrigin).filter(Boolean))];
  }
  if (isObject(src.allow)) {
    for (const [scope, list] of Object.entries(src.allow)) {
      const key = scope === '*' ? '*' : normalizeHost(scope);
      const kept = phrases(list);
      if (key && kept.length) out.allow[key] = kept;
    }
  }
  out.deny = phrases(src.deny);
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
  await api.storage.local.set({ [STATS_KEY]: { hidden: stats.hidden + n } });
}
