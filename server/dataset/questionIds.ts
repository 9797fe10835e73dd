/**
 * A 64-bit hash of a question's exact (trimmed) text, as 16 hex digits: the key answers are matched
 * by without keeping every question's text in memory, and the base of derived ids. Two independent
 * FNV-1a-style lanes (different offsets and multipliers) over the UTF-16 code units, then a final mix;
 * written out here because an import hashes hundreds of thousands of texts and node:crypto's per-call
 * cost (about 5 µs for a typical question) would dominate.
 */
export function questionTextKey(text: string): string {
  const t = text.trim();
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x2f8b1a4d);
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  return hex16(a ^ (b >>> 7), b ^ (a >>> 11));
}

const HEX_DIGITS = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
const hexCodes: number[] = new Array<number>(16).fill(0);

/**
 * Two 32-bit numbers as 16 hex digits, built as one flat string: joining two 8-digit halves made a
 * two-part string (V8 joins strings of 13 or more characters lazily) that every index entry kept, and
 * `toString(16)` was the slowest step of the key.
 */
function hex16(hi: number, lo: number): string {
  for (let i = 0; i < 8; i++) {
    hexCodes[i] = HEX_DIGITS[(hi >>> (28 - 4 * i)) & 15] as number;
    hexCodes[8 + i] = HEX_DIGITS[(lo >>> (28 - 4 * i)) & 15] as number;
  }
  return String.fromCharCode(...hexCodes);
}

/**
 * The id of a question whose dataset has none (medical-o1, MedQA): derived from its text, so the same
 * question gets the same id in every import and on every machine.
 */
export function derivedQuestionId(prefix: string, textKey: string): string {
  return `${prefix}-${textKey.slice(0, 12)}`;
}
