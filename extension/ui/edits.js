/**
 * Pure changes to a settings object (the schema in docs/ARCHITECTURE.md), one function per thing a
 * user can do in the popup or the options page. Each returns a new object and never touches
 * storage: `lib/settings.js` reads, normalizes and writes. Keeping them pure keeps them testable
 * without a browser.
 */

import { MAX_PHRASES, MAX_PHRASE_CHARS, phraseKey } from '../lib/settings.js';

/** Characters trimmed from the start of a phrase (spaces and separators). */
const LEADING = new Set([' ', '-', '–', '—', '|', ':', '·', '•', ',', '.', ';']);
/** Characters trimmed from its end: the same but the period, which may end an abbreviation (`Tbk.`). */
const TRAILING = new Set([...LEADING].filter((c) => c !== '.'));

/**
 * A phrase as stored: separators and spaces trimmed from the ends, inner spaces collapsed. The
 * text comes from the page ("Not spam"), so the ends are found by one walk from each side: a
 * regular expression anchored at the end would retry from every separator (quadratic on a page
 * line of 32k separators).
 */
export function cleanPhrase(text) {
  const s = String(text ?? '').replace(/\s+/gu, ' ');
  let start = 0;
  let end = s.length;
  while (start < end && LEADING.has(s[start])) start++;
  while (end > start && TRAILING.has(s[end - 1])) end--;
  return s.slice(start, end);
}

/**
 * The phrase "Not spam" keeps for a fragment: its text cleaned and, when longer than a phrase may
 * be, cut at the last space before the limit. An allow phrase keeps every finding that contains
 * it, so the fragment's own beginning keeps that fragment just as its whole text would.
 */
export function notSpamPhrase(text) {
  const clean = cleanPhrase(text);
  if (clean.length <= MAX_PHRASE_CHARS) return clean;
  const cut = clean.slice(0, MAX_PHRASE_CHARS + 1);
  const space = cut.lastIndexOf(' ');
  return cleanPhrase(space > 0 ? cut.slice(0, space) : cut.slice(0, MAX_PHRASE_CHARS));
}

/** Phrases in every list of `settings` together (what MAX_PHRASES limits). */
export function phraseCount(settings) {
  let n = settings.deny.length;
  for (const list of Object.values(settings.allow)) n += list.length;
  return n;
}

/**
 * Why `phrase` cannot be added to `list` of `settings`, as `{error, limit}` with a message id of
 * the interface, or null when it can (or is there already, which changes nothing).
 */
export function phraseRefusal(settings, list, phrase) {
  const clean = cleanPhrase(phrase);
  if (clean.length > MAX_PHRASE_CHARS) return { error: 'phraseTooLong', limit: MAX_PHRASE_CHARS };
  const key = phraseKey(clean);
  if (list.some((p) => phraseKey(p) === key)) return null;
  if (phraseCount(settings) >= MAX_PHRASES) return { error: 'phrasesFull', limit: MAX_PHRASES };
  return null;
}

function copy(settings) {
  return structuredClone(settings);
}

function withoutPhrase(list, phrase) {
  const key = phraseKey(phrase);
  return list.filter((p) => phraseKey(p) !== key);
}

/** Whole-extension switch. */
export function setEnabled(settings, on) {
  const next = copy(settings);
  next.enabled = Boolean(on);
  return next;
}

/** Per-site switch; sites are on unless listed as `false`, so switching on removes the entry. */
export function setSite(settings, host, on) {
  const next = copy(settings);
  if (on) delete next.sites[host];
  else next.sites[host] = false;
  return next;
}

/** One footer-clutter kind on or off. */
export function setClutter(settings, kind, on) {
  const next = copy(settings);
  next.clutter[kind] = Boolean(on);
  return next;
}

/** `settings` with `clean` added to the list `pick(settings)`, or `settings` when it cannot be. */
function withPhrase(settings, pick, phrase, put) {
  const clean = cleanPhrase(phrase);
  const list = pick(settings) ?? [];
  if (!clean || phraseRefusal(settings, list, clean)) return settings;
  const key = phraseKey(clean);
  if (list.some((p) => phraseKey(p) === key)) return settings;
  const next = copy(settings);
  put(next, [...list, clean]);
  return next;
}

/**
 * Keeps `phrase` visible on `scope`: a host, or `*` for every site. Unchanged when the phrase is
 * empty, listed already, too long or the lists are full (`phraseRefusal` says which, for the user).
 */
export function addAllow(settings, scope, phrase) {
  return withPhrase(settings, (s) => s.allow[scope], phrase, (s, list) => {
    s.allow[scope] = list;
  });
}

export function removeAllow(settings, scope, phrase) {
  const next = copy(settings);
  const list = withoutPhrase(next.allow[scope] ?? [], phrase);
  if (list.length) next.allow[scope] = list;
  else delete next.allow[scope];
  return next;
}

/** Always hides `phrase`, on every site (unchanged in the cases `addAllow` lists). */
export function addDeny(settings, phrase) {
  return withPhrase(settings, (s) => s.deny, phrase, (s, list) => {
    s.deny = list;
  });
}

export function removeDeny(settings, phrase) {
  const next = copy(settings);
  next.deny = withoutPhrase(next.deny, phrase);
  return next;
}

export function addOrigin(settings, pattern) {
  const next = copy(settings);
  if (!next.origins.includes(pattern)) next.origins.push(pattern);
  return next;
}

export function removeOrigin(settings, pattern) {
  const next = copy(settings);
  next.origins = next.origins.filter((o) => o !== pattern);
  return next;
}

/**
 * The match pattern granting one site, from a page URL: scheme and host, any path. Ports are left
 * out because Firefox match patterns cannot carry one (Chrome's then match every port of the host).
 * Returns null for anything that is not http(s).
 */
export function originPattern(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return `${parsed.protocol}//${parsed.hostname}/*`;
}

/** The host a pattern from `originPattern` stands for (`https://a.org/*` → `a.org`). */
export function patternHost(pattern) {
  return /^[a-z]+:\/\/([^/]+)\//.exec(pattern)?.[1] ?? pattern;
}

/**
 * Whether `url` matches a WebExtension match pattern (`*://*.blogspot.com/*`, `https://a.org/*`):
 * how the popup tells a page the manifest already covers from one the user has to enable.
 */
export function matchesPattern(pattern, url) {
  if (pattern === '<all_urls>') return originPattern(url) !== null;
  const parts = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*]+)(\/.*)$/.exec(pattern);
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!parts) return false;
  const [, scheme, host, path] = parts;
  const protocol = parsed.protocol.slice(0, -1);
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : protocol !== scheme) return false;
  const hostname = parsed.hostname.toLowerCase();
  if (host.startsWith('*.')) {
    const domain = host.slice(2).toLowerCase();
    if (hostname !== domain && !hostname.endsWith('.' + domain)) return false;
  } else if (host !== '*' && hostname !== host.toLowerCase()) return false;
  const glob = new RegExp('^' + path.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return glob.test(parsed.pathname + parsed.search);
}
