// Findings → hidden nodes on the page, and back.
//
// Nothing is removed: a whole block or widget is hidden as it is, an inline fragment is wrapped
// (text node by text node) in a `<span>` that is hidden (style.js). Neither carries an attribute of
// Bersih's: which node belongs to which item, category and rule is kept here, in the content
// script's memory. Reverting unhides, unwraps the spans and joins the text nodes that wrapping
// split, so the DOM is exactly what it was.

import { WIDGET_KINDS, sourceOffset } from './collect.js';
import { ADS, CLUTTER } from '../lib/settings.js';
import * as style from './style.js';

const CATEGORIES = new Set([...ADS, ...CLUTTER]);

/** Content that hiding a whole element would take with it although it is not the finding's text. */
const MEDIA = 'img, picture, video, audio, iframe, object, embed, canvas, svg, table, form';

/** Checks one finding against its request; a bad answer must never touch the page. */
function validate(f, blocks) {
  const block = blocks[f?.block];
  const ok =
    block &&
    CATEGORIES.has(f.category) &&
    Number.isInteger(f.start16) &&
    Number.isInteger(f.end16) &&
    f.start16 >= 0 &&
    f.start16 <= f.end16 &&
    f.end16 <= block.text.length &&
    (f.start16 < f.end16 || block.text === '');
  if (!ok) throw new Error(`bad finding from the core: ${JSON.stringify(f)}`);
  return block;
}

/** Text node ranges `[node, from, to)` covering block offsets `[start, end)`. */
function ranges(map, start, end) {
  const out = [];
  for (const p of map.pieces) {
    if (!p.node || p.at + p.len <= start || p.at >= end) continue;
    const a = Math.max(start, p.at) - p.at;
    const b = Math.min(end, p.at + p.len) - p.at;
    const data = p.node.data;
    const from = p.ident ? a : sourceOffset(data, p.dropLead, a);
    // The end maps to where the next output character starts, so a collapsed run goes whole.
    const to = p.ident ? b : b === p.len && p.at + p.len <= end ? data.length : sourceOffset(data, p.dropLead, b);
    if (from < to) out.push({ node: p.node, from, to });
  }
  return out;
}

/**
 * Applies `findings` (the core's answer for `blocks`) using `maps` from the same collection.
 * Returns `{marks, items}`: marks to revert later, and one item `{id, text, category, rule, block,
 * nodes}` per finding (`nodes`: what hides it, in page order). `nextId` numbers the items.
 * Throws on a bad finding before changing anything.
 */
export function applyFindings(blocks, maps, findings, nextId) {
  if (!Array.isArray(findings)) throw new Error('bad answer from the core: no findings list');
  for (const f of findings) validate(f, blocks);

  const items = [];
  const elMarks = [];
  const wraps = new Map(); // text node → [{from, to, item}]
  for (const f of findings) {
    const block = blocks[f.block];
    const map = maps[f.block];
    const item = {
      id: nextId++,
      text: block.text.slice(f.start16, f.end16),
      category: f.category,
      rule: String(f.rule ?? ''),
      block: f.block,
      nodes: [],
    };
    items.push(item);
    const whole = f.start16 === 0 && f.end16 === block.text.length;
    const el = map.el;
    if (whole && el && (WIDGET_KINDS.has(block.kind) || !el.querySelector(MEDIA))) {
      elMarks.push({ el, item });
      continue;
    }
    for (const r of ranges(map, f.start16, f.end16)) {
      if (!wraps.has(r.node)) wraps.set(r.node, []);
      wraps.get(r.node).push({ from: r.from, to: r.to, item });
    }
    // A whole line between <br>s: its line break goes too, or an empty line would remain.
    if (whole) for (const br of map.brs) elMarks.push({ el: br, item });
  }

  const marks = [];
  const marked = new Set();
  for (const m of elMarks) {
    if (marked.has(m.el)) continue;
    marked.add(m.el);
    style.hide(m.el);
    m.item.nodes.push(m.el);
    marks.push({ el: m.el });
  }
  for (const [node, list] of wraps) {
    // From the end backwards: the original node keeps the prefix, so earlier offsets stay valid.
    list.sort((x, y) => y.from - x.from);
    let limit = node.data.length;
    for (const w of list) {
      const to = Math.min(w.to, limit);
      if (w.from >= to) continue;
      const mark = wrap(node, w.from, to);
      w.item.nodes.push(mark.span);
      marks.push(mark);
      limit = w.from;
    }
  }
  for (const item of items) if (item.nodes.length > 1) item.nodes.sort(inPageOrder);
  return { marks, items, nextId };
}

/** Sort order of nodes as they appear in the page. */
export function inPageOrder(a, b) {
  if (a === b) return 0;
  return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

function wrap(node, from, to) {
  const length = node.data.length;
  if (to < length) node.splitText(to);
  const piece = from > 0 ? node.splitText(from) : node;
  const span = node.ownerDocument.createElement('span');
  style.hide(span);
  piece.parentNode.insertBefore(span, piece);
  span.appendChild(piece);
  return { span, joinPrev: from > 0, joinNext: to < length };
}

/** Undoes `marks` (newest first), restoring the text nodes as they were. */
export function revertMarks(marks) {
  for (let i = marks.length - 1; i >= 0; i--) {
    const m = marks[i];
    if (m.el) {
      style.unhide(m.el);
      continue;
    }
    const { span } = m;
    style.unhide(span);
    const parent = span.parentNode;
    if (!parent) continue;
    let text = span.firstChild;
    if (!text || text.nodeType !== Node.TEXT_NODE || text.nextSibling) {
      // The page changed our span: keep its content, drop the wrapper.
      while (span.firstChild) parent.insertBefore(span.firstChild, span);
      span.remove();
      continue;
    }
    parent.insertBefore(text, span);
    span.remove();
    const prev = text.previousSibling;
    if (m.joinPrev && prev?.nodeType === Node.TEXT_NODE) {
      prev.appendData(text.data);
      text.remove();
      text = prev;
    }
    const next = text.nextSibling;
    if (m.joinNext && next?.nodeType === Node.TEXT_NODE) {
      text.appendData(next.data);
      next.remove();
    }
  }
}
