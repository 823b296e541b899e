/**
 * Interface text from `_locales` through `i18n.getMessage`, so the pages follow the browser's
 * language (English or Indonesian, English otherwise).
 *
 * Static text sits in the HTML as `data-i18n="id"` (textContent), `data-i18n-placeholder`,
 * `data-i18n-aria-label` and `data-i18n-title`; `localize()` fills them. Messages are only ever set
 * as text, never parsed as HTML.
 */
import { ext } from '../lib/protocol.js';

/**
 * This translation's messages as a file, read once by `loadMessages()`. Chromium can leave an
 * extension page without its message bundle (every `i18n.getMessage` then answers ''), at its start
 * or after the extension's host permissions change, which is exactly when "Enable on this site" has
 * just been answered; the file keeps the interface readable then.
 */
let file = null;

/** Reads the messages of the language the browser picked (`id` or the default `en`). */
export async function loadMessages() {
  const lang = /^id\b/i.test(ext.i18n.getUILanguage?.() ?? '') ? 'id' : 'en';
  try {
    const response = await fetch(ext.runtime.getURL(`_locales/${lang}/messages.json`));
    file = await response.json();
  } catch {
    file = null;
  }
}

/** The message `id` from the file, with its named placeholders and `$1`.. filled in ('' if none). */
function fromFile(id, subs) {
  const entry = file?.[id];
  if (typeof entry?.message !== 'string') return '';
  const named = new Map(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v?.content]));
  return entry.message
    .replace(/\$([A-Za-z0-9_@]+)\$/g, (m, name) => named.get(name.toLowerCase()) ?? m)
    .replace(/\$(\d|\$)/g, (m, n) => (n === '$' ? '$' : (subs[Number(n) - 1] ?? '')));
}

/** The message `id` with `$1`.. substitutions; the id itself when missing, so a gap is visible. */
export function t(id, ...subs) {
  const strings = subs.map(String);
  return ext.i18n.getMessage(id, strings) || fromFile(id, strings) || id;
}

const ATTRIBUTES = [
  ['i18n', null],
  ['i18nPlaceholder', 'placeholder'],
  ['i18nAriaLabel', 'aria-label'],
  ['i18nTitle', 'title'],
];

/** Fills every `data-i18n*` element under `root` and sets the document language. */
export function localize(root = document) {
  for (const [key, attribute] of ATTRIBUTES) {
    const selector = `[data-${key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}]`;
    for (const el of root.querySelectorAll(selector)) {
      const text = t(el.dataset[key]);
      if (attribute) el.setAttribute(attribute, text);
      else el.textContent = text;
    }
  }
  if (root === document) document.documentElement.lang = t('lang');
}

/** The user-facing name of a finding category (`link-line` → message `cat_link_line`). */
export function categoryName(category) {
  return t('cat_' + String(category).replace(/-/g, '_'));
}

/** A number in the interface language's format (the browser's default if the tag is unusable). */
export function formatNumber(n) {
  const lang = t('lang');
  return new Intl.NumberFormat(lang && Intl.NumberFormat.supportedLocalesOf(lang).length ? lang : undefined).format(n);
}
