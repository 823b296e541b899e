/**
 * Interface text from `_locales` through `i18n.getMessage`, so the pages follow the browser's
 * language (English or Indonesian, English otherwise).
 *
 * Static text sits in the HTML as `data-i18n="id"` (textContent), `data-i18n-placeholder`,
 * `data-i18n-aria-label` and `data-i18n-title`; `localize()` fills them. Messages are only ever set
 * as text, never parsed as HTML.
 */
import { ext } from '../lib/protocol.js';

/** The message `id` with `$1`.. substitutions; the id itself when missing, so a gap is visible. */
export function t(id, ...subs) {
  return ext.i18n.getMessage(id, subs.map(String)) || id;
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

/**
 * A number in the interface language's format. When the messages cannot be read (Chromium can open
 * an extension page before its renderer has the message bundle: every message is then the empty
 * string) the browser's default format is used rather than an invalid language tag.
 */
export function formatNumber(n) {
  const lang = ext.i18n.getMessage('lang');
  return new Intl.NumberFormat(lang && Intl.NumberFormat.supportedLocalesOf(lang).length ? lang : undefined).format(n);
}
