/**
 * Export and import of all settings as one JSON file.
 *
 * The file is the stored settings object itself (it carries its schema `version`). Import is
 * strict where storage is lenient: `normalize` repairs a corrupt stored value field by field so the
 * extension keeps working, but a file the user picks is either entirely valid or refused with a
 * message naming the problem, and then nothing changes.
 */

/** Larger than any real settings file; refuses a wrong pick (a video, a database) quickly. */
export const MAX_IMPORT_BYTES = 1_000_000;

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
 * Reads an imported file's text. Returns `{settings}` (still to be normalized by the caller) or
 * `{error, field?}` where `error` is a message id of the interface.
 */
export function parseImport(text, currentVersion) {
  if (text.length > MAX_IMPORT_BYTES) return { error: 'importTooBig' };
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
  return { settings: raw };
}
