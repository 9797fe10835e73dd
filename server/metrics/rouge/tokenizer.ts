import { charDigit, KEY_BASE, LONGEST_NUMERIC_KEY, TokenVocabulary } from './vocabulary';

/**
 * A text as rouge-score's default tokenizer sees it: lower-cased, every run of characters other than
 * `[a-z0-9]` a separator (so accents, CJK, emoji and punctuation vanish and split words), optionally
 * Porter-stemmed. Tokens are vocabulary ids.
 *
 * ROUGE-Lsum needs the same tokens grouped by line (rouge-score splits on "\n" only, so "\r" is just another
 * separator). Because "\n" is itself a separator, tokenizing line by line gives exactly the whole-text tokens
 * cut at line ends, so one pass serves all four metrics. Lines without tokens are not recorded: they add
 * nothing to either the union-LCS or its denominators.
 */
export class TokenizedText {
  ids = new Int32Array(256);
  length = 0;
  /** Exclusive end (token index) of each line that has tokens. */
  lineEnds = new Int32Array(16);
  lineCount = 0;

  lineStart(line: number): number {
    return line === 0 ? 0 : (this.lineEnds[line - 1] ?? 0);
  }

  lineEnd(line: number): number {
    return this.lineEnds[line] ?? 0;
  }

  /** Empties the text and makes room for `capacity` tokens. */
  clear(capacity: number): void {
    this.length = 0;
    this.lineCount = 0;
    if (this.ids.length < capacity) this.ids = new Int32Array(Math.max(capacity, this.ids.length * 2));
  }

  /** Sets the token count to `length` and closes the current line if it received any token. */
  endLine(length: number): void {
    this.length = length;
    const start = this.lineCount === 0 ? 0 : this.lineEnds[this.lineCount - 1]!;
    if (length === start) return;
    if (this.lineCount === this.lineEnds.length) this.lineEnds = grow(this.lineEnds);
    this.lineEnds[this.lineCount++] = length;
  }
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}

// Local copies: a bundler's module interop can turn every read of an imported binding into a getter call.
const BASE = KEY_BASE;
const LONGEST_KEYED = LONGEST_NUMERIC_KEY;
const CH_NEWLINE = 10;

/** Marks U+0130 in DIGIT: Python lower-cases it to "i" followed by a combining dot, which separates. */
const I_THEN_BREAK = 1;

/**
 * The key digit (see vocabulary.ts) each UTF-16 code unit contributes after Python's `str.lower()`, or 0
 * for a separator. Checked over every code point: besides `A-Z`, the only characters whose lower case
 * contains `[a-z0-9]` are U+0130 (I with dot above, see I_THEN_BREAK) and U+212A (Kelvin sign, "k"); every
 * other non-ASCII character, including each half of a surrogate pair, separates tokens.
 */
const DIGIT = new Uint8Array(0x10000);
for (let c = 48; c <= 57; c++) DIGIT[c] = charDigit(c);
for (let c = 97; c <= 122; c++) DIGIT[c] = charDigit(c);
for (let c = 65; c <= 90; c++) DIGIT[c] = charDigit(c + 32);
DIGIT[0x212a] = charDigit(107);
DIGIT[0x130] = I_THEN_BREAK;
const DIGIT_OF_I = charDigit(105);

/** The folded ASCII byte for each key digit. */
const BYTE_OF_DIGIT = new Uint8Array(KEY_BASE);
for (let b = 48; b <= 57; b++) BYTE_OF_DIGIT[charDigit(b)] = b;
for (let b = 97; b <= 122; b++) BYTE_OF_DIGIT[charDigit(b)] = b;
BYTE_OF_DIGIT[I_THEN_BREAK] = 105;

let longTokenBytes = new Uint8Array(256);

/** Id of a token too long for a numeric key: its code units `text[from..to)` folded to bytes. */
function longTokenId(text: string, from: number, to: number, vocabulary: TokenVocabulary): number {
  const length = to - from;
  if (longTokenBytes.length < length) longTokenBytes = new Uint8Array(length * 2);
  for (let k = 0; k < length; k++) longTokenBytes[k] = BYTE_OF_DIGIT[DIGIT[text.charCodeAt(from + k)]!]!;
  return vocabulary.idOfBytes(longTokenBytes, length);
}

/**
 * Tokenizes `text` into `out` (cleared first) in one pass over its UTF-16 code units. Tokens of up to ten
 * characters are identified by a number accumulated during the scan; only longer ones are read twice.
 */
export function tokenizeInto(text: string, useStemmer: boolean, vocabulary: TokenVocabulary, out: TokenizedText): void {
  const n = text.length;
  // A token needs at least one code unit, so the text length bounds the token count.
  out.clear(n + 1);
  const ids = out.ids;
  let count = 0;
  let key = 0;
  let length = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const d = DIGIT[c]!;
    if (d > I_THEN_BREAK) {
      key = key * BASE + d;
      length++;
      continue;
    }
    let end = i;
    if (d === I_THEN_BREAK) {
      key = key * BASE + DIGIT_OF_I;
      length++;
      end = i + 1;
    }
    if (length > 0) {
      const id = length <= LONGEST_KEYED ? vocabulary.idOfKey(key) : longTokenId(text, end - length, end, vocabulary);
      ids[count++] = useStemmer ? vocabulary.stemmedId(id) : id;
      key = 0;
      length = 0;
    }
    if (c === CH_NEWLINE) out.endLine(count);
  }
  if (length > 0) {
    const id = length <= LONGEST_KEYED ? vocabulary.idOfKey(key) : longTokenId(text, n - length, n, vocabulary);
    ids[count++] = useStemmer ? vocabulary.stemmedId(id) : id;
  }
  out.endLine(count);
}

/** rouge-score's `tokenize(text, stemmer)`: the token strings, for inspection and tests. */
export function tokenize(text: string, useStemmer = false): string[] {
  const vocabulary = new TokenVocabulary();
  const out = new TokenizedText();
  tokenizeInto(text, useStemmer, vocabulary, out);
  return Array.from(out.ids.subarray(0, out.length), (id) => vocabulary.tokenOf(id));
}

/** The lines ROUGE-Lsum compares, as token strings (lines without tokens omitted). */
export function tokenizeLines(text: string, useStemmer = false): string[][] {
  const vocabulary = new TokenVocabulary();
  const out = new TokenizedText();
  tokenizeInto(text, useStemmer, vocabulary, out);
  const lines: string[][] = [];
  for (let k = 0; k < out.lineCount; k++) {
    const ids = out.ids.subarray(out.lineStart(k), out.lineEnd(k));
    lines.push(Array.from(ids, (id) => vocabulary.tokenOf(id)));
  }
  return lines;
}
