// One rehearsal of a post's judgement, which lib/core.js runs as the core's first call, right
// after instantiating it (before the first post is parsed on most pages): a small made-up post in
// a detached document (never the page's) is collected, judged by the core and marked, then the
// marks are reverted. The first real post then runs code the engine has already compiled
// (collect.js, apply.js and the core's Wasm functions are compiled lazily, on first use); without
// this, that compiling happened while the reader waited for the first post. Nothing of it is in
// the page, so no page can see it.

import { WIDGET_KINDS, linesOf } from './collect.js';
import { applyFindings, revertMarks } from './apply.js';

/**
 * A post as a theme serves one, part by part (`[kind, tree]`, a tree as `[tag, ...children]`, a
 * string a text node), so the call passes through the paths a real post takes: a title; a body
 * with paragraphs, line breaks, inline markup, collapsible spaces, a dateline, a link line, a
 * listed broker opening, closing and standing alone, an unknown repeated name (so the answer has
 * findings to mark); labels, a comment count, share buttons, a pager. Built
 * node by node: no HTML parsing, which a page's Trusted Types policy could refuse.
 */
const POST = [
  ['title', ['h3', 'Harga Cabai Turun Menjelang Panen']],
  ['body', ['div',
    ['p', 'JAKARTA - Harga cabai di pasar induk ', ['b', 'turun'], ' dua hari berturut-turut,\n   kata pedagang   kepada wartawan.'],
    ['p', 'BESTPROFIT FUTURES - Pedagang menyebut pasokan dari ', ['i', 'Jawa Tengah'], ' mulai pulih.', ['br'],
      'Pemerintah daerah memantau harga setiap pagi. - BEST PROFIT'],
    ['div', 'BEST PROFIT'],
    ['p', ['a', 'BACA JUGA : PT Contoh Berjangka - Harga Emas Naik']],
    ['div', ['span', 'Kontak Sejahtera Futures'], ' | Kabar pasar pagi ini', ['br'], ['br'], 'Kontak Sejahtera Futures'],
    ['ul', ['li', 'Satu'], ['li', 'Dua & tiga']],
  ]],
  ['labels', ['span', 'Label: ', ['a', 'Ekonomi'], ', ', ['a', 'PT Contoh Berjangka']]],
  ['footer', ['div', '0 komentar:']],
  ['share', ['div', ['a', 'Kirimkan Ini lewat Email'], ['a', 'BlogThis!']]],
  ['pager', ['div', ['a', 'Posting Lebih Baru'], ' ', ['a', 'Beranda']]],
];

function build(doc, parent, children) {
  for (const child of children) {
    if (typeof child === 'string') {
      parent.append(doc.createTextNode(child));
    } else {
      const [tag, ...inner] = child;
      build(doc, parent.appendChild(doc.createElement(tag)), inner);
    }
  }
}

/**
 * Rehearses collect → `scan` (a synchronous core call: `{blocks, options}` → `{findings}`) →
 * apply → revert → collect, on a detached copy of `POST`.
 */
export function rehearse(scan, options = { allow: [], deny: [], disabled: [] }) {
  const doc = document.implementation.createHTMLDocument('');
  const collected = [];
  const roots = [];
  for (const [kind, tree] of POST) {
    build(doc, doc.body, [tree]);
    const el = doc.body.lastElementChild;
    roots.push(el);
    linesOf(el, kind, 0, { single: WIDGET_KINDS.has(kind), out: collected });
  }
  const blocks = collected.map((c) => c.block);
  const answer = scan({ blocks, options });
  const { marks } = applyFindings(blocks, collected.map((c) => c.map), answer.findings, 1);
  revertMarks(marks);
  linesOf(roots[1], 'body', 0);
}
