// DOM → blocks: what the reader sees of each post, cut into the units the core judges.
//
// A page is a list of units: one per post (its container plus, on a single-post page, a comment
// section that the theme put outside it) and one for Blogger widgets outside any post (pager,
// feed links). Each unit becomes blocks that share a `post` number. Body text is cut into lines at
// block elements and at <br>, as it is rendered, with whitespace collapsed the way CSS does, and
// every block keeps a map from its UTF-16 offsets back to the text nodes, so a finding can be
// hidden exactly where it is. Our own marker spans are inline, so a page that is already cleaned
// collects to the same text as the original.

/** Blogger's post body: the class most themes keep, or the id every theme's body carries. */
const POST_BODY = '.post-body, [id^="post-body-"]';
const POST_CONTAINER = '.post-outer';
const POST_FALLBACK = '.post, .hentry, article, .blog-post';
const TITLE = '.post-title, .entry-title';
const LABELS = '.post-labels';
const SHARE = '.post-share-buttons';
const FOOTER = '.post-footer';
/** The comment count or "Post a Comment" link by the post (classic footer, some themes' header). */
const COMMENT_LINK = '.post-comment-link, .entry-comments-link';
const COMMENTS = '#comments';
const COMMENT_TEXT = '.comment-content, .comment-body';
const COMMENT_FORM_HEADER = '#comment-post-message';
const PAGER = '#blog-pager, .blog-pager';
const FEED = '.feed-links';
const BACKLINKS = '#backlinks-container';

/** Elements that start and end a line when rendered (CSS display is not read: that forces style). */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIV', 'DL',
  'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY',
  'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);

/** Elements whose text a reader never sees as text. */
const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'CANVAS',
  'TEXTAREA', 'SELECT', 'INPUT', 'BUTTON', 'VIDEO', 'AUDIO', 'MATH',
]);

/** Kinds that are one widget each: sent as one block, hidden whole by marking their element. */
export const WIDGET_KINDS = new Set([
  'labels', 'share', 'pager', 'feed', 'backlinks', 'comment-form', 'comments-header',
]);

/** Widgets made of side-by-side buttons or links, often with no space between them. */
const SPACED_KINDS = new Set(['share', 'pager', 'feed', 'backlinks']);

const isSpace = (c) => c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
const COLLAPSIBLE = /[\t\n\r\f]| {2}/;

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

/** Builds the lines of one region: text with collapsed whitespace and a map back to text nodes. */
class LineBuilder {
  constructor(kind, post, single) {
    this.kind = kind;
    this.post = post;
    this.single = single; // one block for the whole region (widgets), boundaries become spaces
    this.spaced = single && SPACED_KINDS.has(kind); // and so do inline element boundaries
    this.blocks = [];
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
    if (text) {
      const block = { text, kind: this.kind, post: this.post };
      const map = { el: line.el ?? null, pieces: line.pieces, brs: br ? [br] : [] };
      this.blocks.push({ block, map });
      this.last = br ? map : null;
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
      if (!this.blocks.length) {
        // Structural widgets are judged even without text (share buttons are often icons).
        this.blocks.push({ block: { text: '', kind: this.kind, post: this.post }, map: { el, pieces: [], brs: [] } });
      }
      this.blocks[0].map.el = el;
    } else {
      this.exitBlock(el);
    }
    return this.blocks;
  }
}

/** Walks `root`'s subtree in document order, feeding `builder`; `skip` holds subtrees collected apart. */
function walk(root, builder, skip) {
  for (let node = root.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === Node.TEXT_NODE) {
      builder.text(node);
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      const tag = node.tagName.toUpperCase();
      if (SKIP_TAGS.has(tag) || skip.has(node) || node.hasAttribute('hidden')) continue;
      if (tag === 'BR') {
        builder.boundary(node);
      } else if (BLOCK_TAGS.has(tag)) {
        builder.enterBlock(node);
        walk(node, builder, skip);
        builder.exitBlock(node);
      } else if (builder.spaced) {
        // Buttons and links side by side (share, pager): read them as separate words.
        builder.boundary(null);
        walk(node, builder, skip);
        builder.boundary(null);
      } else {
        walk(node, builder, skip);
      }
    }
  }
}

/** The lines of `el` as blocks of `kind` (or one block when `single`), with their maps. */
export function linesOf(el, kind, post, { single = false, skip = new Set() } = {}) {
  const builder = new LineBuilder(kind, post, single);
  builder.newLine(el);
  walk(el, builder, skip);
  return builder.finish(el);
}

/** Outermost matches of `selector` inside `root` (or the document), optionally outside `exclude`. */
function outermost(root, selector, exclude = []) {
  const found = [...root.querySelectorAll(selector)];
  return found.filter(
    (el) =>
      !found.some((other) => other !== el && other.contains(el)) &&
      !exclude.some((ex) => ex.contains(el)),
  );
}

/** Whether `doc` is a Blogger page: the generator meta, or the Blog widget around post bodies. */
export function isBlogger(doc) {
  const generator = doc.querySelector('meta[name="generator" i]')?.getAttribute('content');
  if (generator?.trim().toLowerCase() === 'blogger') return true;
  return Boolean(doc.querySelector('.widget.Blog .post-body, .widget.Blog .post-outer'));
}

/**
 * The page's units: `{key, container, roots}` per post in document order, then one page unit
 * (`container` null) whose roots are the widgets outside every post. `roots` are the subtrees whose
 * changes make the unit stale.
 */
export function findUnits(doc) {
  const containers = [];
  for (const body of doc.querySelectorAll(POST_BODY)) {
    const c = body.closest(POST_CONTAINER) ?? body.closest(POST_FALLBACK) ?? body.parentElement;
    if (c && !containers.includes(c)) containers.push(c);
  }
  const posts = containers.filter((c) => !containers.some((o) => o !== c && o.contains(c)));
  const units = posts.map((container) => ({ container, roots: [container], extra: [] }));
  const strays = outermost(doc, `${COMMENTS}, ${PAGER}, ${FEED}, ${BACKLINKS}`, posts);
  const page = { container: null, roots: [], extra: [] };
  for (const el of strays) {
    // A single post's comment section is part of that post wherever the theme put it.
    if (el.matches(COMMENTS) && units.length === 1) {
      units[0].roots.push(el);
      units[0].extra.push(el);
    } else {
      page.roots.push(el);
    }
  }
  if (page.roots.length) units.push(page);
  return units;
}

function commentSection(section, post, out) {
  const header = [...section.children].find((el) => /^H[2-6]$/.test(el.tagName.toUpperCase()));
  if (header && header.id !== 'comment-post-message') {
    out.push(...linesOf(header, 'comments-header', post, { single: true }));
  }
  for (const el of outermost(section, COMMENT_TEXT)) out.push(...linesOf(el, 'comment', post));
  for (const el of section.querySelectorAll(COMMENT_FORM_HEADER)) {
    out.push(...linesOf(el, 'comment-form', post, { single: true }));
  }
  for (const el of section.querySelectorAll(BACKLINKS)) {
    out.push(...linesOf(el, 'backlinks', post, { single: true }));
  }
}

function widgets(roots, post, out, exclude = []) {
  const kinds = [[PAGER, 'pager'], [FEED, 'feed'], [BACKLINKS, 'backlinks']];
  for (const root of roots) {
    for (const [selector, kind] of kinds) {
      const els = root.matches(selector) ? [root] : outermost(root, selector, exclude);
      for (const el of els) out.push(...linesOf(el, kind, post, { single: true }));
    }
  }
}

/** The blocks of one unit, each `{block, map}`, all with `post` number `post`. */
export function collectUnit(unit, post) {
  const out = [];
  if (!unit.container) {
    for (const root of unit.roots) {
      if (root.matches(COMMENTS)) commentSection(root, post, out);
      else widgets([root], post, out);
    }
    return out;
  }
  const c = unit.container;
  const comments = [...outermost(c, COMMENTS), ...unit.extra];
  const labels = outermost(c, LABELS, comments);
  const shares = outermost(c, SHARE, comments);
  const others = outermost(c, `${PAGER}, ${FEED}, ${BACKLINKS}`, comments);
  const links = outermost(c, COMMENT_LINK, [...comments, ...labels, ...shares, ...others]);
  // Widgets are collected apart, never as lines of the text around them.
  const skip = new Set([...comments, ...labels, ...shares, ...others, ...links]);
  const title = c.querySelector(TITLE);
  if (title && !skip.has(title)) out.push(...linesOf(title, 'title', post, { skip }));
  for (const body of outermost(c, POST_BODY, [...skip])) {
    out.push(...linesOf(body, 'body', post, { skip }));
  }
  for (const el of labels) out.push(...linesOf(el, 'labels', post, { single: true }));
  for (const el of shares) out.push(...linesOf(el, 'share', post, { single: true }));
  for (const el of links) out.push(...linesOf(el, 'footer', post, { single: true }).filter((b) => b.block.text));
  for (const footer of outermost(c, FOOTER, [...skip])) {
    out.push(...linesOf(footer, 'footer', post, { skip }));
  }
  for (const section of comments) commentSection(section, post, out);
  widgets(others, post, out);
  return out;
}

/** Blocks and maps of `units`, numbered by position: the input of one scan call. */
export function collect(units) {
  const blocks = [];
  const maps = [];
  const owners = [];
  units.forEach((unit, post) => {
    for (const { block, map } of collectUnit(unit, post)) {
      blocks.push(block);
      maps.push(map);
      owners.push(unit);
    }
  });
  return { blocks, maps, owners };
}
