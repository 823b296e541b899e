// Which platform a page is, and that platform's selectors in the shape the collector and the
// streaming script use. The tables themselves are data: `./platforms.js` is generated at build
// time from rules/platforms/*.toml (`cargo xtask build`, xtask/src/platforms.rs; the schema is
// rules/platforms/README.md) and never kept by hand.
//
// A page is tried against the platforms in priority order; any one `detect` signal claims it (its
// host, a generator meta, a head or page selector). The platform without `detect` (generic) takes
// an enabled page nothing else claims, once the page is parsed: it is never held back.

import { PLATFORMS } from './platforms.js';
import { anyOf } from './collect.js';

/** The platform's selectors, flat; a widget the platform does not have is `null`. */
function flatten(p) {
  const w = p.widgets ?? {};
  const post = p.post;
  return Object.freeze({
    name: p.name,
    label: p.label ?? null,
    ui: p.ui,
    clutter: p.clutter,
    /** Known platforms' posts are held back while they stream in; the fallback's never are. */
    holds: Boolean(p.detect),
    detect: p.detect ?? null,
    postBody: post.body,
    bodyList: post.bodyList,
    pick: post.pick,
    minChars: post.minChars,
    bodyFallback: post.bodyFallback,
    postContainer: post.container ?? null,
    postFallback: post.containerFallback ?? null,
    title: post.title ?? null,
    /** While the page is parsed, only this element's insertions are watched once it is found. */
    area: post.area ?? null,
    labels: w.labels ?? null,
    share: w.share ?? null,
    commentLink: w.commentLink ?? null,
    footer: w.footer ?? null,
    comments: w.comments ?? null,
    commentsHeader: w.commentsHeader ?? null,
    commentForm: w.commentForm ?? null,
    pager: w.pager ?? null,
    feed: w.feed ?? null,
    backlinks: w.backlinks ?? null,
  });
}

export const ALL = PLATFORMS.map(flatten);
const DETECTED = ALL.filter((p) => p.detect);
/** The fallback: an enabled page that no platform claims (ads only). */
export const GENERIC = ALL.find((p) => !p.detect);

/** Parts of a page that may carry spam or clutter: held back from the first paint until judged. */
export const heldSelector = (s) =>
  anyOf(s.title, s.postBody, s.footer, s.labels, s.share, s.comments, s.commentForm, s.pager, s.feed, s.backlinks);

/** Widgets that may stand outside every post (then they belong to the page, or to a lone post). */
export const pageWidgetSelector = (s) => anyOf(s.comments, s.commentForm, s.pager, s.feed, s.backlinks);

/** Elements that may wrap a post. */
export const postLikeSelector = (s) => anyOf(s.postContainer, s.postFallback);

/** What any known platform holds back: elements seen before the page's platform is known. */
export const ANY_HELD = anyOf(...DETECTED.map(heldSelector));

/** The platform whose hosts include `host` (or a parent domain of it), else null. */
export function byHost(host) {
  const h = host.toLowerCase();
  for (const p of DETECTED) {
    for (const domain of p.detect.hosts) if (h === domain || h.endsWith(`.${domain}`)) return p;
  }
  return null;
}

/** Whether a `<meta name="generator">` content names one of `words` (`WordPress 6.4.2`). */
function generatorSays(content, words) {
  const c = (content ?? '').trim().toLowerCase();
  return words.some((w) => c === w || (c.startsWith(w) && ' ./'.includes(c[w.length])));
}

/**
 * The platform one element just inserted by the parser claims the page for, or null: a generator
 * meta, a head signal or a page signal. Cheap: a few `matches` per element, and only while the
 * page's platform is unknown.
 */
export function claimedBy(el) {
  const meta = el.localName === 'meta' && (el.getAttribute('name') ?? '').toLowerCase() === 'generator';
  for (const p of DETECTED) {
    const d = p.detect;
    if (meta && generatorSays(el.getAttribute('content'), d.generator)) return p;
    if (d.head && el.matches(d.head)) return p;
    if (d.page && el.matches(d.page)) return p;
  }
  return null;
}

/** The first platform whose signals are on `doc` (as parsed so far), else null. */
export function detect(doc) {
  const metas = [...doc.querySelectorAll('meta[name="generator" i]')].map((m) => m.getAttribute('content'));
  for (const p of DETECTED) {
    const d = p.detect;
    if (d.generator.length && metas.some((c) => generatorSays(c, d.generator))) return p;
    if (d.head && doc.querySelector(d.head)) return p;
    if (d.page && doc.querySelector(d.page)) return p;
  }
  return null;
}

/**
 * Drops the findings of UI strings that are not this platform's (`<dir>:<lang>` rules of a
 * `rules/<dir>/` the platform does not list): a WordPress page is not judged by Blogger's strings.
 */
export function ownFindings(s, findings) {
  return findings.filter((f) => {
    const rule = typeof f?.rule === 'string' ? f.rule : '';
    const colon = rule.indexOf(':');
    const set = colon > 0 ? rule.slice(0, colon) : '';
    return !set.endsWith('-ui') || s.ui.includes(set);
  });
}
