// A scan request laid out as the core reads it (`api::handle` in src/api.rs): the blocks' texts as
// UTF-8 bytes one after another, three numbers a block in a Uint32Array (the text's length in
// bytes, its kind, its post), and the options' JSON as bytes. Read from JSON, the texts were most
// of the work of reading a request; laid out flat the core slices them where they lie.

/** Block kinds by their number in a layout: `BlockKind::ALL`'s order (a Rust test compares them). */
const KINDS = ['body', 'title', 'labels', 'footer', 'comments-header', 'comment', 'share', 'pager', 'feed', 'backlinks', 'comment-form'];
const KIND_NUMBERS = new Map(KINDS.map((kind, n) => [kind, n]));
/** The numbers a block has in a layout. */
const FIELDS = 3;
/** UTF-8 takes at most three bytes for a UTF-16 code unit. */
const MAX_BYTES_PER_UNIT = 3;
/** Bytes the texts' buffer starts with beyond one a code unit. */
const SLACK = 64;

const utf8 = new TextEncoder();

/**
 * `{blocks: [{text, kind?, post?}], options?}` as the core's three arguments: `[texts, layout,
 * options]`. Throws a plain Error on a block the core could not read (text not a string, unknown
 * kind, post not a 32-bit unsigned integer), as the core's own refusals are.
 */
export function flatten(request) {
  if (typeof request !== 'object' || request === null) throw new Error('bad scan request: not an object');
  const { blocks = [], options = {} } = request;
  if (!Array.isArray(blocks)) throw new Error('bad scan request: blocks is not a list');
  let units = 0;
  for (const block of blocks) {
    if (typeof block?.text !== 'string') throw new Error('bad scan request: a block without text');
    units += block.text.length;
  }
  // Most text is ASCII, a byte a code unit: sized for that with some room, and grown (doubling)
  // before a block that might not fit, so a long page does not zero three times its size.
  let texts = new Uint8Array(units + (units >> 3) + SLACK);
  const layout = new Uint32Array(blocks.length * FIELDS);
  let at = 0;
  blocks.forEach(({ text, kind = 'body', post = 0 }, n) => {
    const number = KIND_NUMBERS.get(kind);
    if (number === undefined) throw new Error(`bad scan request: unknown block kind ${JSON.stringify(kind)}`);
    if (!Number.isInteger(post) || post < 0 || post > 0xffff_ffff) throw new Error(`bad scan request: post ${post}`);
    const room = at + text.length * MAX_BYTES_PER_UNIT;
    if (room > texts.length) {
      const grown = new Uint8Array(Math.max(room, 2 * texts.length));
      grown.set(texts.subarray(0, at));
      texts = grown;
    }
    const { written } = utf8.encodeInto(text, texts.subarray(at));
    layout.set([written, number, post], n * FIELDS);
    at += written;
  });
  return [texts.subarray(0, at), layout, utf8.encode(JSON.stringify(options ?? {}))];
}

/** `flatten` of a request's JSON (as the background receives it from a content script). */
export function flattenJson(json) {
  let request;
  try {
    request = JSON.parse(json);
  } catch {
    throw new Error('bad scan request: not JSON');
  }
  return flatten(request);
}
