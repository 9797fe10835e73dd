/**
 * Model answers as extraction reads them: markdown emphasis and code marks removed (`**D**` is `D`), LaTeX
 * `\boxed{...}` (how reasoning models often state the result) rewritten as "final answer: ...", typographic
 * quotes and dashes made plain, runs of spaces collapsed. Line breaks are kept: they end clauses.
 */
export function normalizeAnswer(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\\boxed\s*\{\s*(?:\\text(?:bf)?\s*\{\s*)?([^{}]*?)\s*\}?\s*\}/g, ' final answer: $1 ')
    .replace(/[*`]+/g, '')
    .replace(/__([^_\n]+)__/g, '$1')
    .replace(/(^|[^\p{L}\p{N}_])_([^_\n]+)_(?![\p{L}\p{N}_])/gu, '$1$2')
    .replace(/^[ \t]*#{1,6}[ \t]*/gm, '')
    .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000\t]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Option text as compared with answers: lower case, plain punctuation, no trailing period, single spaces. */
export function normalizeOptionText(text: string): string {
  return normalizeAnswer(text)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.;:,]+$/, '')
    .trim();
}

/** A short excerpt around `[start, end)` for display, cut at clause ends where possible. */
export function excerpt(text: string, start: number, end: number, radius = 60): string {
  let from = Math.max(0, start - radius);
  let to = Math.min(text.length, end + radius);
  const before = text.slice(from, start);
  const cut = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('. '));
  if (cut >= 0) from += cut + 1;
  const after = text.slice(end, to);
  const stop = after.search(/\n|\.(\s|$)/);
  if (stop >= 0) to = end + stop + 1;
  return text.slice(from, to).trim();
}

/** True when the character at `i` is a letter or digit (a word continues there). */
export function isWordChar(text: string, i: number): boolean {
  return i >= 0 && i < text.length && /[\p{L}\p{N}]/u.test(text[i] ?? '');
}
