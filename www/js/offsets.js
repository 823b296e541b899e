// Converts the core's UTF-8 byte offsets into JavaScript string (UTF-16) indices.
//
// The core counts bytes of the UTF-8 text it was given; the DOM and String.slice count UTF-16 code
// units. One pass over the text serves every finding: the offsets are sorted, then the text is
// walked once, adding each character's UTF-8 length, so a 1 MB paste costs one linear scan.

/** UTF-8 length of the code point starting at `i`, and how many UTF-16 units it takes. */
function step(text, i) {
  const unit = text.charCodeAt(i);
  if (unit < 0x80) return [1, 1];
  if (unit < 0x800) return [2, 1];
  if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return [4, 2];
  }
  // Other BMP characters, and lone surrogates (the encoder turns those into U+FFFD: 3 bytes).
  return [3, 1];
}

/**
 * Maps each byte offset in `offsets` to the UTF-16 index of the same position in `text`.
 * Returns a Map from byte offset to index. Throws when an offset is past the end or falls inside
 * a character, since that means the answer does not belong to this text.
 */
export function byteOffsetsToIndices(text, offsets) {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const indices = new Map();
  let byte = 0;
  let index = 0;
  for (const target of sorted) {
    while (byte < target && index < text.length) {
      const [bytes, units] = step(text, index);
      byte += bytes;
      index += units;
    }
    if (byte !== target) {
      throw new Error(`byte offset ${target} is not a character boundary of the text (${byte} bytes scanned)`);
    }
    indices.set(target, index);
  }
  return indices;
}

/** Adds `from`/`to` string indices to each finding (which carries UTF-8 `start`/`end`). */
export function withStringIndices(text, findings) {
  const indices = byteOffsetsToIndices(text, findings.flatMap((f) => [f.start, f.end]));
  return findings.map((f) => ({ ...f, from: indices.get(f.start), to: indices.get(f.end) }));
}
