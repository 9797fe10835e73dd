import { TextEncoder } from 'node:util';
import { PairTokenIds } from './pairTokenIds';
import { DIGIT_OF_I, DIGIT_OF_K, scanTokensFunction } from './scanCode';
import { TokenizedText } from './tokenizedText';
import { charDigit, TokenVocabulary } from './vocabulary';
import { compileFunctions, WasmInstance } from './wasmRuntime';

/**
 * rouge-score's default tokenizer: lower-case, then every run of characters other than `[a-z0-9]` is a
 * separator (so accents, CJK, emoji and punctuation vanish and split words); optionally Porter-stem.
 *
 * The text is scanned as UTF-8 bytes, which the native encoder writes straight into the scan kernel's memory
 * (scanCode.ts, WebAssembly: a byte loop there costs a fraction of one in JavaScript). After Python's
 * `str.lower()`, the only non-ASCII characters that yield `[a-z0-9]` are U+0130 (I with dot above: "i" then
 * a combining dot, which separates) and U+212A (Kelvin sign: "k"); every other non-ASCII character, including
 * a lone surrogate (encoded as U+FFFD), separates tokens. In UTF-8 those two are C4 B0 and E2 84 AA, so C4 and
 * E2 are marked for a closer look; all other bytes >= 0x80 separate.
 *
 * The scan gives each token a key (see vocabulary.ts), exact up to ten characters; then the pair's ids are
 * looked up by key, and only longer tokens are read again.
 */

/** In the digit table: a lead byte worth a closer look. */
const LEAD = 1;

const scanModule = compileFunctions([scanTokensFunction]);
const scanner = new WasmInstance(scanModule);
const scanTokens = scanner.exports.scanTokens as (
  bytes: number,
  length: number,
  digits: number,
  keys: number,
  starts: number,
  ends: number,
  lineEnds: number,
  lineCount: number,
) => number;

// The scanner's memory, in bytes: the digit table, the line count cell, then per text its token keys
// (8-byte aligned), starts, ends, line ends and UTF-8 bytes.
const DIGITS_AT = 0;
const LINE_COUNT_AT = 256;
const KEYS_AT = 264;

/** The key digit of each byte after lower-casing, LEAD, or 0 for a separator. */
for (let c = 48; c <= 57; c++) scanner.bytes[DIGITS_AT + c] = charDigit(c);
for (let c = 97; c <= 122; c++) scanner.bytes[DIGITS_AT + c] = charDigit(c);
for (let c = 65; c <= 90; c++) scanner.bytes[DIGITS_AT + c] = charDigit(c + 32);
scanner.bytes[DIGITS_AT + 0xc4] = LEAD;
scanner.bytes[DIGITS_AT + 0xe2] = LEAD;
if (charDigit(105) !== DIGIT_OF_I || charDigit(107) !== DIGIT_OF_K) throw new Error('scan kernel digits disagree with the keys');

const encoder = new TextEncoder();
let foldedBytes = new Uint8Array(256);

/** Tokenizes `text` into `out`, numbering its tokens with `pairIds`. */
export function tokenizeInto(text: string, pairIds: PairTokenIds, out: TokenizedText): void {
  // A token needs at least one code unit, so the text length bounds the token count (tokens need not be
  // apart: U+0130 ends its token by itself); one UTF-16 code unit takes at most three UTF-8 bytes (a
  // surrogate pair, two units, takes four).
  const capacity = text.length + 1;
  const startsAt = KEYS_AT + 8 * capacity;
  const endsAt = startsAt + 4 * capacity;
  const lineEndsAt = endsAt + 4 * capacity;
  const bytesAt = lineEndsAt + 4 * (capacity + 1);
  scanner.reserve((bytesAt + 3 * text.length + 3) >>> 2);
  const written = encoder.encodeInto(text, scanner.bytes.subarray(bytesAt, bytesAt + 3 * text.length)).written;
  const count = scanTokens(bytesAt, written, DIGITS_AT, KEYS_AT, startsAt, endsAt, lineEndsAt, LINE_COUNT_AT);
  const { view, doubles, bytes } = scanner;
  out.clear(capacity);
  out.setLines(count, view, lineEndsAt >>> 2, view[LINE_COUNT_AT >>> 2]!);
  const ids = out.ids;
  pairIds.idsOfKeys(doubles, KEYS_AT >>> 3, count, ids);
  // Token starts and ends are byte offsets into the text.
  for (let k = 0; k < count; k++) {
    if (ids[k]! >= 0) continue;
    ids[k] = longTokenId(doubles[(KEYS_AT >>> 3) + k]!, bytes, bytesAt + view[(startsAt >>> 2) + k]!, bytesAt + view[(endsAt >>> 2) + k]!, pairIds);
  }
}

/**
 * Id of a token longer than a key can hold exactly: `key` is its rounded key, `bytes[from..to)` its UTF-8
 * bytes. A token holding U+0130 or U+212A (the only multi-byte characters in a token) is first spelled out in
 * ASCII.
 */
function longTokenId(key: number, bytes: Uint8Array, from: number, to: number, pairIds: PairTokenIds): number {
  let ascii = true;
  for (let k = from; k < to; k++) if (bytes[k]! >= 0x80) ascii = false;
  if (ascii) return pairIds.idOfLongToken(key, bytes, from, to);
  if (foldedBytes.length < to - from) foldedBytes = new Uint8Array((to - from) * 2);
  let length = 0;
  for (let k = from; k < to; k++) {
    const b = bytes[k]!;
    if (b === 0xe2) {
      foldedBytes[length++] = 107;
      k += 2;
    } else if (b === 0xc4) {
      foldedBytes[length++] = 105;
      k += 1;
    } else {
      foldedBytes[length++] = b;
    }
  }
  return pairIds.idOfLongToken(key, foldedBytes, 0, length);
}

/** Tokenizes one text on its own, with ids spelled out by the returned `pairIds`. */
function tokenizeAlone(text: string, useStemmer: boolean): { pairIds: PairTokenIds; out: TokenizedText } {
  const pairIds = new PairTokenIds(new TokenVocabulary());
  pairIds.reset(useStemmer);
  const out = new TokenizedText();
  tokenizeInto(text, pairIds, out);
  return { pairIds, out };
}

/** rouge-score's `tokenize(text, stemmer)`: the token strings, for inspection and tests. */
export function tokenize(text: string, useStemmer = false): string[] {
  const { pairIds, out } = tokenizeAlone(text, useStemmer);
  return Array.from(out.ids.subarray(0, out.length), (id) => pairIds.tokenOf(id));
}

/** The lines ROUGE-Lsum compares, as token strings (lines without tokens omitted). */
export function tokenizeLines(text: string, useStemmer = false): string[][] {
  const { pairIds, out } = tokenizeAlone(text, useStemmer);
  const lines: string[][] = [];
  for (let k = 0; k < out.lineCount; k++) {
    const ids = out.ids.subarray(out.lineStart(k), out.lineEnd(k));
    lines.push(Array.from(ids, (id) => pairIds.tokenOf(id)));
  }
  return lines;
}
