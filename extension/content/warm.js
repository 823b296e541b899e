// One rehearsal of a post's judgement, run once the core is ready and before the first post is
// parsed: a small made-up post in a detached document (never the page's) is collected, judged by
// the core and marked, then the marks are reverted. The first post of a page then runs code the
// engine has already compiled (collect.js, apply.js and the core's Wasm functions are compiled
// lazily, on first use); without this, that compiling happened while the reader waited for the
// first post. Nothing of it is in the page, so no page can see it.

import { linesOf } from './collect.js';
import { applyFindings, revertMarks } from './apply.js';

/**
 * A post as a theme serves one, as `[tag, ...children]` (a string is a text node): paragraphs,
 * line breaks, inline markup, collapsible spaces, a link line, a broker's name opening, closing
 * and standing alone (so the answer has findings to mark), a list. Built node by node: no HTML
 * parsing, which a page's Trusted Types policy could refuse.
 */
const POST = [
  ['p', 'JAKARTA - Harga cabai di pasar induk ', ['b', 'turun'], ' dua hari berturut-turut,\n   kata pedagang   kepada wartawan.'],
  ['p', 'BESTPROFIT FUTURES - Pedagang menyebut pasokan dari ', ['i', 'Jawa Tengah'], ' mulai pulih.', ['br'],
    'Pemerintah daerah memantau harga setiap pagi. - BEST PROFIT'],
  ['div', 'BEST PROFIT'],
  ['p', ['a', 'BACA JUGA : PT Contoh Berjangka - Harga Emas Naik']],
  ['div', ['span', 'Kontak Sejahtera Futures'], ' | Kabar pasar pagi ini', ['br'], ['br'], 'Kontak Sejahtera Futures'],
  ['ul', ['li', 'Satu'], ['li', 'Dua & tiga']],
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
export function rehearse(scan, options) {
  const doc = document.implementation.createHTMLDocument('');
  const body = doc.createElement('div');
  build(doc, body, POST);
  doc.body.append(body);
  const collected = linesOf(body, 'body', 0);
  const blocks = collected.map((c) => c.block);
  const answer = scan({ blocks, options });
  const { marks } = applyFindings(blocks, collected.map((c) => c.map), answer.findings, 1);
  revertMarks(marks);
  linesOf(body, 'body', 0);
}
