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
  return hex8(a ^ (b >>> 7)) + hex8(b ^ (a >>> 11));
}

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/**
 * The id of a question whose dataset has none (medical-o1, MedQA): derived from its text, so the same
 * question gets the same id in every import and on every machine.
 */
export function derivedQuestionId(prefix: string, textKey: string): string {
  return `${prefix}-${textKey.slice(0, 12)}`;
}
