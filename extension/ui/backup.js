/**
 * Export and import of all settings as one JSON file.
 *
 * The file is the stored settings object itself (it carries its schema `version`). Import is
 * strict where storage is lenient: `normalize` repairs a corrupt stored value field by field so the
 * extension keeps working, but a file the user picks is either entirely valid or refused with a
 * message naming the problem, and then nothing changes. A valid file is not applied at once:
 * `importPlan` says what merging it or replacing with it would change, and the user chooses.
 */
import { MAX_ORIGINS, MAX_PHRASES, MAX_PHRASE_CHARS, MAX_SITES, normalize, phraseKey } from '../lib/settings.js';

/**
 * Larger than the largest file Bersih writes (every list at its limit, non-Latin phrases: about
 * 1.2 MB); refuses a wrong pick (a video, a database) by its size, before reading it.
 */
export const MAX_IMPORT_BYTES = 2_000_000;

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringList = (v) => Array.isArray(v) && v.every((s) => typeof s === 'string');
const PATTERN = /^(https?|\*):\/\/[^/\s]+\/\*$/;

/** Checks of every known field; a field may be absent (normalize gives its default). */
const FIELDS = {
  enabled: (v) => typeof v === 'boolean',
  sites: (v) => isObject(v) && Object.values(v).every((x) => typeof x === 'boolean'),
  origins: (v) => isStringList(v) && v.every((p) => PATTERN.test(p)),
  allow: (v) => isObject(v) && Object.values(v).every(isStringList),
  deny: isStringList,
  clutter: (v) => isObject(v) && Object.values(v).every((x) => typeof x === 'boolean'),
};

/** The file name and text of an export. */
export function exportFile(settings, now = new Date()) {
  const day = now.toISOString().slice(0, 10);
  return { name: `bersih-settings-${day}.json`, text: JSON.stringify(settings, null, 2) + '\n' };
}

/**
 * Whether a picked file may be read at all: `{error, limit}` when it is too large to be a settings
 * file (checked on `file.size`, so a huge file is refused without being read), else null.
 */
export function checkFileSize(size) {
  return size > MAX_IMPORT_BYTES ? { error: 'importTooBig', limit: MAX_IMPORT_BYTES } : null;
}

/** Where a valid file goes over a limit: `{error, field?, count, limit}`, or null. */
function overLimit(raw) {
  const lists = [['deny', raw.deny ?? []], ...Object.values(raw.allow ?? {}).map((list) => ['allow', list])];
  let phrases = 0;
  for (const [field, list] of lists) {
    phrases += list.length;
    if (list.some((p) => p.trim().replace(/\s+/g, ' ').length > MAX_PHRASE_CHARS)) {
      return { error: 'importPhraseTooLong', field, limit: MAX_PHRASE_CHARS };
    }
  }
  if (phrases > MAX_PHRASES) return { error: 'importTooManyPhrases', count: phrases, limit: MAX_PHRASES };
  const sites = Object.keys(raw.sites ?? {}).length;
  if (sites > MAX_SITES) return { error: 'importTooManySites', field: 'sites', count: sites, limit: MAX_SITES };
  const origins = (raw.origins ?? []).length;
  if (origins > MAX_ORIGINS) return { error: 'importTooManySites', field: 'origins', count: origins, limit: MAX_ORIGINS };
  return null;
}

/**
 * Reads an imported file's text. Returns `{settings}` (still to be normalized by the caller) or
 * `{error, field?, count?, limit?}` where `error` is a message id of the interface.
 */
export function parseImport(text, currentVersion) {
  if (text.length > MAX_IMPORT_BYTES) return { error: 'importTooBig', limit: MAX_IMPORT_BYTES };
  let raw;
  try {
    raw = JSON.parse(text);
  } catch {
    return { error: 'importNotJson' };
  }
  if (!isObject(raw) || !Number.isInteger(raw.version) || raw.version < 1) {
    return { error: 'importNotSettings' };
  }
  if (raw.version > currentVersion) return { error: 'importNewer' };
  if (!Object.keys(FIELDS).some((k) => k in raw)) return { error: 'importNotSettings' };
  for (const [field, valid] of Object.entries(FIELDS)) {
    if (field in raw && !valid(raw[field])) return { error: 'importBadField', field };
  }
  return overLimit(raw) ?? { settings: raw };
}

/** Every phrase of `settings` as one key per list entry (`deny`, or `allow` with its scope). */
function phraseKeys(settings) {
  const keys = new Set(settings.deny.map((p) => `deny\n${phraseKey(p)}`));
  for (const [scope, list] of Object.entries(settings.allow)) {
    for (const p of list) keys.add(`allow\n${scope}\n${phraseKey(p)}`);
  }
  return keys;
}

/** Every site of `settings`: the ones switched off and the ones added. */
function siteKeys(settings) {
  const off = Object.keys(settings.sites).filter((h) => settings.sites[h] === false);
  return new Set([...off.map((h) => `off\n${h}`), ...settings.origins.map((o) => `origin\n${o}`)]);
}

/** `{added, removed, kept}` going from the keys `before` to the keys `after`. */
function difference(before, after) {
  let kept = 0;
  for (const key of after) if (before.has(key)) kept++;
  return { added: after.size - kept, removed: before.size - kept, kept };
}

/** The global switch and the clutter kinds that differ between `a` and `b`. */
function switchesChanged(a, b) {
  const kinds = Object.keys(a.clutter).filter((kind) => a.clutter[kind] !== b.clutter[kind]);
  return kinds.length + (a.enabled !== b.enabled ? 1 : 0);
}

/** `incoming`'s lists added to `current`'s; the switches (on/off, clutter) stay `current`'s. */
function merged(current, incoming) {
  const out = structuredClone(current);
  const add = (list, more) => {
    const seen = new Set(list.map(phraseKey));
    for (const p of more) {
      if (seen.has(phraseKey(p))) continue;
      seen.add(phraseKey(p));
      list.push(p);
    }
    return list;
  };
  add(out.deny, incoming.deny);
  for (const [scope, list] of Object.entries(incoming.allow)) out.allow[scope] = add(out.allow[scope] ?? [], list);
  for (const [host, on] of Object.entries(incoming.sites)) if (!Object.hasOwn(out.sites, host)) out.sites[host] = on;
  out.origins = [...new Set([...out.origins, ...incoming.origins])];
  return out;
}

/** The result of one way to import: the settings to store, what changes, and whether it fits. */
function outcome(current, next) {
  const after = phraseKeys(next);
  const phrases = difference(phraseKeys(current), after);
  const sites = difference(siteKeys(current), siteKeys(next));
  const fits =
    after.size <= MAX_PHRASES && Object.keys(next.sites).length <= MAX_SITES && next.origins.length <= MAX_ORIGINS;
  return { settings: next, phrases, sites, switches: switchesChanged(current, next), fits };
}

/**
 * What importing `raw` (from `parseImport`) into the `current` settings would do, both ways:
 * `{merge, replace}`, each `{settings, phrases, sites, switches, fits}`, where `phrases` and `sites`
 * count `{added, removed, kept}` entries, `switches` the switches that would change, and `fits`
 * whether the result stays within the limits (a merge may not; a valid file replacing always does).
 */
export function importPlan(current, raw) {
  const incoming = normalize(raw);
  return { merge: outcome(current, merged(current, incoming)), replace: outcome(current, incoming) };
}
