/**
 * Pure changes to a settings object (the schema in docs/ARCHITECTURE.md), one function per thing a
 * user can do in the popup or the options page. Each returns a new object and never touches
 * storage: `lib/settings.js` reads, normalizes and writes. Keeping them pure keeps them testable
 * without a browser.
 */

/** Characters trimmed from both ends of a phrase the user keeps or hides (spaces and separators). */
const EDGE = /^[\s\-–—|:·•,.;]+|[\s\-–—|:·•,;]+$/gu;

/** A phrase as stored: separators and spaces trimmed from the ends, inner spaces collapsed. */
export function cleanPhrase(text) {
  return String(text ?? '').replace(/\s+/gu, ' ').replace(EDGE, '').trim();
}

function copy(settings) {
  return structuredClone(settings);
}

function withPhrase(list, phrase) {
  const key = phrase.toLowerCase();
  return list.some((p) => p.toLowerCase() === key) ? list : [...list, phrase];
}

function withoutPhrase(list, phrase) {
  const key = phrase.toLowerCase();
  return list.filter((p) => p.toLowerCase() !== key);
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

/** Keeps `phrase` visible on `scope`: a host, or `*` for every site. */
export function addAllow(settings, scope, phrase) {
  const clean = cleanPhrase(phrase);
  if (!clean) return settings;
  const next = copy(settings);
  next.allow[scope] = withPhrase(next.allow[scope] ?? [], clean);
  return next;
}

export function removeAllow(settings, scope, phrase) {
  const next = copy(settings);
  const list = withoutPhrase(next.allow[scope] ?? [], phrase);
  if (list.length) next.allow[scope] = list;
  else delete next.allow[scope];
  return next;
}

/** Always hides `phrase`, on every site. */
export function addDeny(settings, phrase) {
  const clean = cleanPhrase(phrase);
  if (!clean) return settings;
  const next = copy(settings);
  next.deny = withPhrase(next.deny, clean);
  return next;
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
