/**
 * A text's CSV cell made from its UTF-8 bytes, the same bytes as csvCellText (server/summary/csv.ts) makes of
 * the decoded string: an apostrophe before a formula-like start (= + - @ tab CR), then RFC 4180 quoting when
 * it holds a quote, comma or line break, its quotes doubled. Byte for byte is exact: in UTF-8 these ASCII
 * bytes never occur inside another character's bytes. Native scans, no decoding: 456 MB of model output in
 * a fraction of the 2 s SQLite took to quote it.
 */

const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const FORMULA_START = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d]);
const QUOTED_IF = [QUOTE, 0x2c, 0x0a, 0x0d];

/** The most bytes the cell of `length` bytes of text can take: every byte a quote, an apostrophe, two quotes. */
export function csvCellBound(length: number): number {
  return 2 * length + 3;
}

/** Writes the cell of `text` into `out` at `at` (room for csvCellBound bytes); returns the bytes written. */
export function writeCsvCell(text: Buffer, out: Buffer, at: number): number {
  const from = at;
  const quoted = QUOTED_IF.some((b) => text.includes(b));
  if (quoted) out[at++] = QUOTE;
  if (text.length > 0 && FORMULA_START.has(text[0] ?? 0)) out[at++] = APOSTROPHE;
  let start = 0;
  for (let q = quoted ? text.indexOf(QUOTE) : -1; q !== -1; q = text.indexOf(QUOTE, q + 1)) {
    at += text.copy(out, at, start, q + 1);
    out[at++] = QUOTE;
    start = q + 1;
  }
  at += text.copy(out, at, start);
  if (quoted) out[at++] = QUOTE;
  return at - from;
}
