// DOM → blocks: what the reader sees of each post, cut into the units the core judges.
//
// A page is a list of units: one per post (its container plus, on a single-post page, a comment
// section that the theme put outside it) and one for the platform's widgets outside any post
// (pager, feed links). Where they are is the platform's selectors (`s`, platform.js: generated
// from rules/platforms/); a widget a platform does not have is `null` and never looked for. Each unit becomes blocks that share a `post` number. Body text is cut into lines at
// block elements and at <br>, as it is rendered, with whitespace collapsed the way CSS does, and
// every block keeps a map from its UTF-16 offsets back to the text nodes, so a finding can be
// hidden exactly where it is. Our own marker spans are inline, so a page that is already cleaned
// collects to the same text as the original.
//
// Everything here is linear in the page: the walk is a loop (a page may nest elements thousands
// deep), nothing is spread into an argument list (a post may have 100k lines), and "outermost"
// passes keep the last kept element instead of comparing every pair. A `Limit` (budget.js) stops a
// collection early on a huge page; editable content (contenteditable, designMode) is never
// collected, so no mark ever ends up in what a page saves.

/** Elements that start and end a line when rendered (CSS display is not read: that forces style). */
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'center', 'dd', 'details', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

/** Elements whose text a reader never sees as text. */
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas',
  'textarea', 'select', 'input', 'button', 'video', 'audio', 'math',
]);

/** Kinds that are one widget each: sent as one block, hidden whole by marking their element. */
export const WIDGET_KINDS = new Set([
  'labels', 'share', 'pager', 'feed', 'backlinks', 'comment-form', 'comments-header',
]);

/** Widgets made of side-by-side buttons or links, often with no space between them. */
const SPACED_KINDS = new Set(['share', 'pager', 'feed', 'backlinks']);

const isSpace = (c) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
const COLLAPSIBLE = /[\t\n\r\f]| {2}/;

/** Values of `contenteditable` that make an element an editing host. */
const EDITABLE = new Set(['', 'true', 'plaintext-only']);

/** Whether `el` itself is an editing host (its `contenteditable` attribute says so). */
export function isEditingHost(el) {
  const value = el.getAttribute('contenteditable');
  return value !== null && EDITABLE.has(value.toLowerCase());
}

/** Whether `el` is editable by the page: the document in design mode, or `el` inside an editing host. */
export function isEditable(el) {
  if (el.ownerDocument?.designMode === 'on') return true;
  for (let host = el.closest('[contenteditable]'); host; host = host.parentElement?.closest('[contenteditable]')) {
    if (isEditingHost(host)) return true;
  }
  return false;
}

/**
 * Maps output offset `k` of a text node's collapsed text back to an offset in `data`.
 * `dropLead` is whether a leading whitespace run produced no output (line start or after a space).
 */
export function sourceOffset(data, dropLead, k) {
  let out = 0;
  let prevSpace = dropLead;
  let i = 0;
  while (i < data.length) {
    const c = data.charCodeAt(i);
    if (isSpace(c)) {
      let j = i + 1;
      while (j < data.length && isSpace(data.charCodeAt(j))) j++;
      if (!prevSpace) {
        if (out === k) return i;
        out++;
        prevSpace = true;
      }
      i = j;
    } else {
      if (out === k) return i;
      out++;
      i++;
      prevSpace = false;
    }
  }
  return data.length;
}

/** No limit: what a collection gets when its caller sets none. */
const UNLIMITED = { take: () => true, hit: null };

/** Builds the lines of one region: text with collapsed whitespace and a map back to text nodes. */
class LineBuilder {
  constructor(kind, post, single, keepEmpty, limit, out) {
    this.kind = kind;
    this.post = post;
    this.single = single; // one block for the whole region (widgets), boundaries become spaces
    this.spaced = single && SPACED_KINDS.has(kind); // and so do inline element boundaries
    this.keepEmpty = keepEmpty; // a widget with no text is still one (empty) block
    this.limit = limit;
    this.out = out; // collected `{block, map}`s are pushed here
    this.first = out.length;
    this.full = false; // the limit was reached: stop walking
    this.line = null;
    this.last = null; // the previous non-empty line when only <br>s came since
    this.newLine(null);
  }

  newLine(startEl) {
    this.line = { parts: [], pieces: [], len: 0, prevSpace: true, startEl };
  }

  text(node) {
    const data = node.data;
    if (!data) return;
    const line = this.line;
    let out;
    let ident;
    if (!COLLAPSIBLE.test(data) && !(line.prevSpace && isSpace(data.charCodeAt(0)))) {
      out = data;
      ident = true;
    } else {
      out = data.replace(/[ \t\n\r\f]+/g, ' ');
      if (line.prevSpace && out.charCodeAt(0) === 32) out = out.slice(1);
      ident = false;
    }
    if (!out) return;
    line.pieces.push({ node, at: line.len, len: out.length, ident, dropLead: line.prevSpace });
    line.parts.push(out);
    line.len += out.length;
    line.prevSpace = out.charCodeAt(out.length - 1) === 32;
  }

  /** A boundary that renders as a break: a new line, or a space inside a one-block widget. */
  boundary(br) {
    const line = this.line;
    if (this.single) {
      if (!line.prevSpace) {
        line.pieces.push({ node: null, at: line.len, len: 1 });
        line.parts.push(' ');
        line.len += 1;
        line.prevSpace = true;
      }
      return;
    }
    this.flush(br);
  }

  enterBlock(el) {
    if (this.single) return this.boundary(null);
    this.flush(null);
    this.last = null;
    this.newLine(el);
  }

  exitBlock(el) {
    if (this.single) return this.boundary(null);
    // Nothing flushed since `el` began: this line is the whole element.
    if (this.line.startEl === el) this.line.el = el;
    this.flush(null);
    this.last = null;
  }

  flush(br) {
    const line = this.line;
    let text = line.parts.join('');
    if (text.endsWith(' ')) {
      text = text.slice(0, -1);
      const tail = line.pieces[line.pieces.length - 1];
      if (--tail.len === 0) line.pieces.pop();
    }
    if (text && !this.full) {
      if (!this.limit.take(text.length)) {
        this.full = true;
      } else {
        const block = { text, kind: this.kind, post: this.post };
        const map = { el: line.el ?? null, pieces: line.pieces, brs: br ? [br] : [] };
        this.out.push({ block, map });
        this.last = br ? map : null;
      }
    } else if (br && this.last?.brs.length === 1) {
      // An empty line right after a hidden-able line: hiding both keeps the spacing as it was.
      this.last.brs.push(br);
      this.last = null;
    }
    this.newLine(null);
  }

  finish(el) {
    if (this.single) {
      this.line.el = el;
      this.flush(null);
      if (this.keepEmpty && this.out.length === this.first && !this.full && this.limit.take(0)) {
        // Structural widgets are judged even without text (share buttons are often icons).
        this.out.push({ block: { text: '', kind: this.kind, post: this.post }, map: { el, pieces: [], brs: [] } });
      }
      if (this.out.length > this.first) this.out[this.first].map.el = el;
    } else {
      this.exitBlock(el);
    }
  }
}

/** Enters `node` during the walk; returns whether its children are walked (and `leave` is due). */
function enter(node, builder, skip) {
  if (node.nodeType === Node.TEXT_NODE) {
    builder.text(node);
    return false;
  }
  if (node.nodeType !== Node.ELEMENT_NODE) return false;
  const tag = node.localName;
  if (SKIP_TAGS.has(tag) || skip.has(node) || node.hasAttribute('hidden') || isEditingHost(node)) return false;
  if (tag === 'br') {
    builder.boundary(node);
    return false;
  }
  if (BLOCK_TAGS.has(tag)) builder.enterBlock(node);
  else if (builder.spaced) builder.boundary(null); // buttons and links side by side: separate words
  return true;
}

function leave(el, builder) {
  if (BLOCK_TAGS.has(el.localName)) builder.exitBlock(el);
  else if (builder.spaced) builder.boundary(null);
}

/**
 * Walks `root`'s subtree in document order, feeding `builder`; `skip` holds subtrees collected
 * apart. A loop over firstChild / nextSibling / parentNode: the depth of the page costs no stack.
 */
function walk(root, builder, skip) {
  let node = root.firstChild;
  while (node && !builder.full) {
    if (enter(node, builder, skip)) {
      if (node.firstChild) {
        node = node.firstChild;
        continue;
      }
      leave(node, builder);
    }
    while (!node.nextSibling) {
      node = node.parentNode;
      if (!node || node === root) return;
      leave(node, builder);
    }
    node = node.nextSibling;
  }
}

/**
 * Appends the lines of `el` as `{block, map}`s of `kind` (one block when `single`) to `out`, within
 * `limit`. Returns `out`.
 */
export function linesOf(
  el,
  kind,
  post,
  { single = false, keepEmpty = true, skip = new Set(), limit = UNLIMITED, out = [] } = {},
) {
  const builder = new LineBuilder(kind, post, single, keepEmpty, limit, out);
  builder.newLine(el);
  walk(el, builder, skip);
  builder.finish(el);
  return out;
}

/** Whether `el` is inside (or is) one of the elements of `set`. */
function insideAny(el, set) {
  if (!set.size) return false;
  for (let node = el; node; node = node.parentNode) if (set.has(node)) return true;
  return false;
}

/**
 * Outermost matches of `selector` (none when null) inside `root`, not inside any element of
 * `exclude` (a Set). Matches come in document order, so a match inside an earlier kept one is
 * inside the last kept one.
 */
function outermost(root, selector, exclude = new Set()) {
  const out = [];
  if (!selector) return out;
  let last = null;
  for (const el of root.querySelectorAll(selector)) {
    if (last?.contains(el) || insideAny(el, exclude)) continue;
    out.push(el);
    last = el;
  }
  return out;
}

/** Joins selector lists, leaving out the ones a platform does not have; null when none is left. */
export const anyOf = (...lists) => lists.filter(Boolean).join(', ') || null;

/** Whether `el` matches `selector` (never when null). */
export const matches = (el, selector) => Boolean(selector) && el.matches(selector);

const closest = (el, selector) => (selector ? el.closest(selector) : null);

/** The post container of a post body: the element whose units the page is cut into. */
export function containerOf(body, s) {
  return closest(body, s.postContainer) ?? closest(body, s.postFallback) ?? body.parentElement;
}

const textLength = (el) => el.textContent.length;

/**
 * The post bodies of `doc`. `pick: 'all'`: every outermost body. `pick: 'largest'` (one main
 * article): the first selector of the list with a match of at least `minChars` characters gives
 * its match with the most text; with `bodyFallback: 'largest-text-block'` and none found, the
 * element whose `<p>` children hold the most text (at least `minChars`). Linear in the page: each
 * selector's matches and each paragraph are measured once.
 */
export function findBodies(doc, s) {
  if (s.pick !== 'largest') return outermost(doc, s.postBody);
  for (const selector of s.bodyList) {
    let best = null;
    let most = -1;
    for (const el of outermost(doc, selector)) {
      const n = textLength(el);
      if (n >= s.minChars && n > most) {
        best = el;
        most = n;
      }
    }
    if (best) return [best];
  }
  if (s.bodyFallback !== 'largest-text-block') return [];
  const sums = new Map();
  let best = null;
  let most = -1;
  for (const p of doc.querySelectorAll('p')) {
    const parent = p.parentElement;
    if (!parent) continue;
    const n = (sums.get(parent) ?? 0) + textLength(p);
    sums.set(parent, n);
    if (n >= s.minChars && n > most) {
      best = parent;
      most = n;
    }
  }
  return best ? [best] : [];
}

/**
 * The page's units: `{container, roots, extra, main}` per post in document order, then one page unit
 * (`container` null) whose roots are the widgets outside every post. `roots` are the subtrees whose
 * changes make the unit stale; `extra` the roots outside the container (a lone post's comments);
 * `main` the one body of a `pick: 'largest'` platform (null otherwise).
 */
export function findUnits(doc, s) {
  // Containers in the order of their bodies; an ancestor of earlier kept ones replaces them.
  const posts = [];
  const seen = new Set();
  const mains = new Map();
  for (const body of s.pick === 'largest' ? findBodies(doc, s) : doc.querySelectorAll(s.postBody)) {
    const c = containerOf(body, s);
    if (s.pick === 'largest') mains.set(c, body);
    if (!c || seen.has(c)) continue;
    seen.add(c);
    while (posts.length && c.contains(posts[posts.length - 1])) posts.pop();
    if (posts.length && posts[posts.length - 1].contains(c)) continue;
    posts.push(c);
  }
  const units = posts.map((container) => ({ container, roots: [container], extra: [], main: mains.get(container) ?? null }));
  const strays = outermost(doc, anyOf(s.comments, s.commentForm, s.pager, s.feed, s.backlinks), new Set(posts));
  const page = { container: null, roots: [], extra: [] };
  for (const el of strays) {
    // A single post's comment section (or form) is part of that post wherever the theme put it.
    if (matches(el, anyOf(s.comments, s.commentForm)) && units.length === 1) {
      units[0].roots.push(el);
      units[0].extra.push(el);
    } else {
      page.roots.push(el);
    }
  }
  if (page.roots.length) units.push(page);
  return units;
}

/** What a collection may take: regions still being parsed are left for later, editable ones always. */
function usable(el, isOpen) {
  return !isOpen(el) && !isEditable(el);
}

/**
 * A comment section: its header (the first match, unless it is the comment form's), the comment
 * form and backlinks. Readers' comments are not read at all: the core never hides or counts them
 * (`BlockKind::Comment`), so their text would only cost collecting, sending and parsing, and use
 * up the page's budget (budget.js) that the posts need.
 */
function commentSection(section, post, out, o) {
  const s = o.s;
  const header = s.commentsHeader ? section.querySelector(s.commentsHeader) : null;
  const forms = outermost(section, s.commentForm);
  if (header && !matches(header, s.commentForm) && !insideAny(header, new Set(forms))) {
    linesOf(header, 'comments-header', post, { single: true, limit: o.limit, out });
  }
  for (const el of forms) linesOf(el, 'comment-form', post, { single: true, limit: o.limit, out });
  for (const el of outermost(section, s.backlinks)) {
    linesOf(el, 'backlinks', post, { single: true, limit: o.limit, out });
  }
}

function widgets(roots, post, out, o) {
  const kinds = [[o.s.commentForm, 'comment-form'], [o.s.pager, 'pager'], [o.s.feed, 'feed'], [o.s.backlinks, 'backlinks']];
  for (const root of roots) {
    for (const [selector, kind] of kinds) {
      for (const el of matches(root, selector) ? [root] : outermost(root, selector)) {
        if (usable(el, o.isOpen)) linesOf(el, kind, post, { single: true, limit: o.limit, out });
      }
    }
  }
}

/**
 * The blocks of one unit, each `{block, map}`, all with `post` number `post`.
 * Options: `isOpen(el)` (a region the parser is still inside: left out until it is complete),
 * `limit` (budget.js: stops early on a huge page), `s` (the platform's selectors).
 */
export function collectUnit(unit, post, { isOpen = () => false, limit = UNLIMITED, s }) {
  const o = { isOpen, limit, s };
  const out = [];
  if (!unit.container) {
    for (const root of unit.roots) {
      if (!usable(root, isOpen)) continue;
      if (matches(root, s.comments)) commentSection(root, post, out, o);
      else widgets([root], post, out, o);
    }
    return out;
  }
  const c = unit.container;
  if (isEditable(c)) return out;
  const comments = [...outermost(c, s.comments), ...unit.extra];
  const labels = outermost(c, s.labels, new Set(comments));
  const shares = outermost(c, s.share, new Set(comments));
  const others = outermost(c, anyOf(s.commentForm, s.pager, s.feed, s.backlinks), new Set(comments));
  const links = outermost(c, s.commentLink, new Set([...comments, ...labels, ...shares, ...others]));
  // Widgets are collected apart, never as lines of the text around them.
  const skip = new Set([...comments, ...labels, ...shares, ...others, ...links]);
  const title = s.title ? c.querySelector(s.title) : null;
  if (title && !skip.has(title) && usable(title, isOpen)) linesOf(title, 'title', post, { skip, limit, out });
  // One main article: the body chosen when the unit was found (`findUnits`), nothing else in it.
  const bodies = s.pick === 'largest' ? (unit.main && c.contains(unit.main) ? [unit.main] : []) : outermost(c, s.postBody, skip);
  for (const body of bodies) {
    if (usable(body, isOpen)) linesOf(body, 'body', post, { skip, limit, out });
  }
  const single = (els, kind, keepEmpty = true) => {
    for (const el of els) {
      if (usable(el, isOpen)) linesOf(el, kind, post, { single: true, keepEmpty, limit, out });
    }
  };
  single(labels, 'labels');
  single(shares, 'share');
  single(links, 'footer', false);
  for (const footer of outermost(c, s.footer, skip)) {
    if (usable(footer, isOpen)) linesOf(footer, 'footer', post, { skip, limit, out });
  }
  for (const section of comments) if (usable(section, isOpen)) commentSection(section, post, out, o);
  widgets(others, post, out, o);
  return out;
}

/**
 * Blocks and maps of `units`, numbered by position: the input of one scan call. A unit whose
 * collection throws is left out (`failed`), so one strange post does not stop the others.
 */
export function collect(units, options = {}) {
  const blocks = [];
  const maps = [];
  const owners = [];
  const failed = [];
  units.forEach((unit, post) => {
    let got;
    try {
      got = collectUnit(unit, post, options);
    } catch (err) {
      failed.push({ unit, err });
      return;
    }
    for (const { block, map } of got) {
      blocks.push(block);
      maps.push(map);
      owners.push(unit);
    }
  });
  return { blocks, maps, owners, failed };
}
