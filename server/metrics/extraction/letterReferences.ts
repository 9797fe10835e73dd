import { escapeRegExp, normalizeOptionText } from './answerText';
import type { Occurrence } from './occurrence';

/**
 * Option letters in an answer. A single letter is a dangerous thing to look for: "a" is an article, "A" starts
 * sentences ("A 45-year-old..."), "I" is a pronoun. So a letter only counts where its form or its context
 * makes it one:
 * - explicit: "(D)", "[D]", "option D", "choice d", or a list continuing one ("options A and B");
 * - after an answer cue ("the answer is D", "Answer: d.", "I would choose D"), and then followed by
 *   punctuation, the end, a connective ("because", "as", ...) or that option's own text; "the answer is a
 *   bacterial infection" stays an article;
 * - an upper-case letter with a verdict after it ("D is correct") or a negation ("not D", "A and B are wrong");
 * - the whole answer ("D", "(d).", "Answer: D") or its first line starting "D." / "D)" when it is not one of
 *   several such lines (an enumeration of options is not a choice).
 */

interface LetterPatterns {
  reference: RegExp;
  cueBefore: RegExp;
  listBefore: RegExp;
  negationBefore: RegExp;
  negationAfter: RegExp;
  verdictAfter: RegExp;
  whole: RegExp;
  lineStart: RegExp;
}

const CONNECTIVE_AFTER = /^(?:\s*$|\s*[.,;:!?)\]\n]|\s*[-(]|\s+(?:because|as|since|which|and|or|is|was|would|with|for|given|due)\b)/i;

function patternsFor(keys: readonly string[]): LetterPatterns {
  const alternatives = [...keys].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  // Whitespace belongs only to the separator, never to the item as well: an ambiguous split of the same
  // spaces between the two makes a long list ("A, A, A, ...") backtrack exponentially.
  const item = `(?:(?:options?|choices?)\\s+)?[(\\[]?(?:${alternatives})[)\\]]?`;
  const listSeparator = `\\s*(?:,|\\/|&|\\bor\\b|\\band\\b)\\s*`;
  const priorItems = `(?:${item}${listSeparator})*`;
  return {
    reference: new RegExp(`(?<![\\p{L}\\p{N}])(?:(options?|choices?|letter)\\s+)?(?:([(\\[])\\s*)?(${alternatives})(?:\\s*([)\\]]))?(?![\\p{L}\\p{N}])`, 'dgiu'),
    cueBefore: new RegExp(
      `(?:\\b(?:final|correct|right|best|most\\s+(?:likely|appropriate|accurate))\\s+(?:answers?|options?|choices?|responses?)(?:\\s+choice)?` +
        `|\\banswers?(?:\\s+(?:choice|option))?` +
        `|\\b(?:i\\s+(?:would\\s+|will\\s+)?|i'd\\s+|we\\s+(?:should\\s+)?)(?:choose|pick|select|go\\s+with|opt\\s+for)` +
        `|\\b(?:so|thus|hence|therefore)\\s*,?)` +
        `\\s*(?:(?:is|are|would\\s+be|should\\s+be|will\\s+be|must\\s+be|seems\\s+to\\s+be|appears\\s+to\\s+be)\\s+)?` +
        `(?:likely\\s+|probably\\s+|clearly\\s+)?[:=-]?\\s*${priorItems}$`,
      'iu',
    ),
    listBefore: new RegExp(`\\b(?:options?|choices?)\\s+${priorItems}$`, 'iu'),
    negationBefore: new RegExp(
      `(?:\\bnot|\\brather\\s+than|\\binstead\\s+of|\\b(?:rule|rules|ruled|ruling)\\s+out|\\bexclud(?:e|es|ed|ing)|\\beliminat(?:e|es|ed|ing))\\s+${priorItems}$`,
      'iu',
    ),
    negationAfter: new RegExp(
      `^(?:${listSeparator}${item})*\\s+(?:is|are)\\s+(?:both\\s+|all\\s+|also\\s+|clearly\\s+)?` +
        `(?:wrong|incorrect|false|not\\s+(?:correct|right|true|the\\s+(?:correct\\s+|right\\s+|best\\s+)?answer)|eliminated|ruled\\s+out|excluded)\\b`,
      'iu',
    ),
    verdictAfter: /^\s*(?:is|would\s+be|seems\s+to\s+be|appears\s+to\s+be|remains)\s+(?:the\s+)?(?:correct|right|best|most\s+(?:likely|appropriate|accurate|correct)|answer)\b/i,
    whole: new RegExp(`^\\s*(?:(?:the\\s+)?(?:final\\s+)?(?:answer|option|choice)\\s*(?:is)?\\s*[:=-]?\\s*)?[(\\[]?\\s*(${alternatives})\\s*[)\\]]?\\s*[.:!]?\\s*$`, 'iu'),
    lineStart: new RegExp(`^[ \\t]*[(\\[]?(${alternatives})[)\\].:][ \\t]`, 'dgimu'),
  };
}

function isUpperCaseLetter(s: string): boolean {
  return s.length === 1 && s >= 'A' && s <= 'Z';
}

export function findLetterReferences(text: string, options: Readonly<Record<string, string>>): Occurrence[] {
  const keys = Object.keys(options);
  if (keys.length === 0) return [];
  const byLowerKey = new Map(keys.map((k) => [k.toLowerCase(), k]));
  const canonical = (matched: string): string => byLowerKey.get(matched.toLowerCase()) ?? matched;
  const p = patternsFor(keys);

  const whole = p.whole.exec(text);
  if (whole?.[1]) return [{ key: canonical(whole[1]), start: whole.index, end: text.length, declared: true, negation: null }];

  const optionText = new Map(keys.map((k) => [k, normalizeOptionText(options[k] ?? '')]));
  // Where each line-start letter ("D. ...", "(B) ...") itself stands.
  const lineStartLetters = [...text.matchAll(p.lineStart)].map((s) => s.indices?.[1]?.[0] ?? -1);
  const found: Occurrence[] = [];
  for (const m of text.matchAll(p.reference)) {
    const [all, prefix, open, letter = '', close] = m;
    const start = m.index;
    const end = start + all.length;
    const key = canonical(letter);
    const before = text.slice(Math.max(0, start - 120), start);
    const after = text.slice(end, end + 160);
    const explicit = prefix !== undefined || (open !== undefined && close !== undefined) || p.listBefore.test(before);
    const upper = isUpperCaseLetter(letter);
    const followedWell = CONNECTIVE_AFTER.test(after) || followedByOwnText(after, optionText.get(key));
    const negation = (p.negationBefore.test(before) || p.negationAfter.test(after)) && (explicit || upper) ? 'strong' : null;
    const cued = p.cueBefore.test(before) && (explicit || followedWell);
    const verdict = p.verdictAfter.test(after) && (explicit || upper);
    const letterStart = m.indices?.[3]?.[0] ?? start;
    const atLineStart = lineStartLetters.includes(letterStart);
    const firstLine = text.slice(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'));
    const heading = atLineStart && lineStartLetters.length === 1 && letterStart < firstLine.length && (upper || followedByOwnText(after, optionText.get(key)));
    const declared = negation === null && (cued || verdict || heading);
    if (!declared && negation === null && !explicit && !(upper && atLineStart)) continue;
    found.push({ key, start, end, declared, negation });
  }
  return found;
}

function followedByOwnText(after: string, optionText: string | undefined): boolean {
  if (!optionText) return false;
  return after.replace(/^[\s.):\]-]+/, '').toLowerCase().startsWith(optionText);
}
