// Builds the playground's views from a scan result. Page text only ever goes into text nodes
// (textContent / append of strings). Long text is cut at line ends into chunks that the stylesheet
// marks `content-visibility: auto`, so the browser lays out only what is on screen, and the marked
// view is produced chunk by chunk (a generator) so the page can insert a large result in slices
// that never block it for long: a 1 MB paste with thousands of removals stays responsive.

import { t } from './i18n.js';

/** Above this many removals, the rest of the text is shown unmarked (the report still has all). */
export const MAX_MARKS = 20000;

/** Characters per chunk before the next line end starts a new one. */
const CHUNK = 4096;

/** Collects text and elements into `div.chunk`s, cutting only at line ends. */
class Chunks {
  constructor() {
    this.ready = [];
    this.start();
  }

  start() {
    this.chunk = document.createElement('div');
    this.chunk.className = 'chunk';
    this.size = 0;
  }

  /** Closes the current chunk: it goes to `ready` and a new one begins. */
  cut() {
    if (this.chunk.hasChildNodes()) this.ready.push(this.chunk);
    this.start();
  }

  text(text) {
    let rest = text;
    while (this.size + rest.length > CHUNK) {
      const cut = rest.indexOf('\n', Math.max(0, CHUNK - this.size - 1));
      if (cut === -1) break;
      this.chunk.append(rest.slice(0, cut + 1));
      rest = rest.slice(cut + 1);
      this.cut();
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

  /** The chunks finished so far (each handed out once). */
  take() {
    return this.ready.splice(0);
  }
}

/** Plain text as one fragment of chunks (the cleaned text, the JSON report). */
export function chunkedText(text) {
  const chunks = new Chunks();
  chunks.text(text);
  chunks.cut();
  const fragment = document.createDocumentFragment();
  fragment.append(...chunks.take());
  return fragment;
}

/** One removal: the struck text, then its label (category and rule), then a kept line break. */
function removalElement(removed, category, rule, titles) {
  // A whole-line finding carries its line break: strike the line, then break after the label.
  const lineBreak = /\r?\n$/.exec(removed)?.[0] ?? '';
  const removal = document.createElement('span');
  removal.className = 'removal';
  removal.dataset.category = category;
  if (!titles.has(category)) titles.set(category, t(`cat.${category}`));
  removal.title = titles.get(category);
  const del = document.createElement('del');
  del.textContent = removed.slice(0, removed.length - lineBreak.length);
  const tag = document.createElement('span');
  tag.className = 'tag';
  const name = document.createElement('span');
  name.className = 'category';
  name.textContent = category;
  const why = document.createElement('span');
  why.className = 'rule';
  why.textContent = rule;
  tag.append(name, why);
  removal.append(del, tag, lineBreak);
  return removal;
}

/**
 * The input with every finding struck through and labeled with its category and rule, as a
 * sequence of chunk elements in text order. `findings` carry string indices `from`/`to`; they
 * are in text order and do not overlap.
 */
export function* markedChunks(text, findings) {
  const chunks = new Chunks();
  const titles = new Map();
  let at = 0;
  for (const finding of findings.slice(0, MAX_MARKS)) {
    if (finding.from < at) continue; // overlapping answer: keep the first, never duplicate text
    if (finding.from > at) chunks.text(text.slice(at, finding.from));
    const removed = text.slice(finding.from, finding.to);
    chunks.element(removalElement(removed, finding.category, finding.rule, titles), removed.length);
    at = finding.to;
    yield* chunks.take();
  }
  chunks.text(text.slice(at));
  chunks.cut();
  yield* chunks.take();
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
