// Builds the playground's views from a scan result. Page text only ever goes into text nodes
// (textContent / append of strings), and each view is built in one DocumentFragment so a large
// result is inserted with a single DOM update. Long text is cut at line ends into chunks that the
// stylesheet marks `content-visibility: auto`, so the browser lays out only what is on screen:
// a 1 MB paste then costs about what one screenful does.

import { t } from './i18n.js';

/** Above this many removals, the rest of the text is shown unmarked (the report still has all). */
export const MAX_MARKS = 20000;

/** Characters per chunk before the next line end starts a new one. */
const CHUNK = 4096;

/** Appends text and elements into a fragment of `div.chunk`s, cutting only at line ends. */
class Chunks {
  constructor() {
    this.fragment = document.createDocumentFragment();
    this.start();
  }

  start() {
    this.chunk = document.createElement('div');
    this.chunk.className = 'chunk';
    this.size = 0;
    this.fragment.append(this.chunk);
  }

  text(text) {
    let rest = text;
    while (this.size + rest.length > CHUNK) {
      const cut = rest.indexOf('\n', Math.max(0, CHUNK - this.size - 1));
      if (cut === -1) break;
      this.chunk.append(rest.slice(0, cut + 1));
      rest = rest.slice(cut + 1);
      this.start();
    }
    if (rest) {
      this.chunk.append(rest);
      this.size += rest.length;
    }
  }

  element(element, length) {
    this.chunk.append(element);
    this.size += length;
  }
}

/** Plain text as chunks (the cleaned text, the JSON report). */
export function chunkedText(text) {
  const chunks = new Chunks();
  chunks.text(text);
  return chunks.fragment;
}

/**
 * The input with every finding struck through and labeled with its category and rule.
 * `findings` carry string indices `from`/`to`; they are in text order and do not overlap.
 */
export function markedView(text, findings) {
  const chunks = new Chunks();
  let at = 0;
  const shown = findings.slice(0, MAX_MARKS);
  for (const finding of shown) {
    if (finding.from < at) continue; // overlapping answer: keep the first, never duplicate text
    if (finding.from > at) chunks.text(text.slice(at, finding.from));
    const removal = document.createElement('span');
    removal.className = 'removal';
    removal.dataset.category = finding.category;
    removal.title = t(`cat.${finding.category}`);
    const removed = text.slice(finding.from, finding.to);
    // A whole-line finding carries its line break: strike the line, then break after the label.
    const lineBreak = /\r?\n$/.exec(removed)?.[0] ?? '';
    const del = document.createElement('del');
    del.textContent = removed.slice(0, removed.length - lineBreak.length);
    const tag = document.createElement('span');
    tag.className = 'tag';
    const category = document.createElement('span');
    category.className = 'category';
    category.textContent = finding.category;
    const rule = document.createElement('span');
    rule.className = 'rule';
    rule.textContent = finding.rule;
    tag.append(category, rule);
    removal.append(del, tag, lineBreak);
    chunks.element(removal, finding.to - finding.from);
    at = finding.to;
  }
  chunks.text(text.slice(at));
  return chunks.fragment;
}

/** Counts per category, in the order the categories first appear. */
export function countByCategory(findings) {
  const counts = new Map();
  for (const { category } of findings) counts.set(category, (counts.get(category) ?? 0) + 1);
  return counts;
}

/** The legend: one chip per category found, with its count and a translated description. */
export function legendView(counts) {
  const fragment = document.createDocumentFragment();
  for (const [category, count] of counts) {
    const chip = document.createElement('li');
    chip.className = 'chip';
    chip.dataset.category = category;
    const name = document.createElement('span');
    name.className = 'category';
    name.textContent = category;
    const n = document.createElement('span');
    n.className = 'count';
    n.textContent = String(count);
    const about = document.createElement('span');
    about.className = 'about';
    about.textContent = t(`cat.${category}`);
    chip.append(name, n, about);
    fragment.append(chip);
  }
  return fragment;
}
