import { escapeRegExp, isWordChar, normalizeOptionText } from './answerText';
import type { Occurrence } from './occurrence';

/**
 * Option texts named in an answer ("Nitrofurantoin", "parvovirus b19 infection"), in any case, as whole words.
 * When one option's text contains another's ("Iron deficiency" inside "Iron deficiency anemia"), the place
 * where the longer one matched belongs to it alone.
 *
 * Context decides how a mention counts: after a cue such as "the most likely diagnosis is", "answer:",
 * "I would choose", or followed by "is the correct/best/most likely ...", it is the answer; after "not",
 * "rather than", "rule out" or followed by "is incorrect", it is rejected; "X is unlikely / contraindicated /
 * less likely", as in a differential, keeps it from counting as a bare mention.
 */

const CUE_BEFORE = new RegExp(
  '(?:' +
    [
      String.raw`\b(?:answer|diagnosis|cause|treatment|management|step|choice|option|drug|medication|agent|explanation|mechanism|finding|organism|pathogen|test|investigation|intervention|therapy|condition|association|structure|complication|factor|etiology|aetiology|lesion|disease|disorder|deficiency)s?\b[^.\n]{0,60}?\b(?:is|are|would\s+be|should\s+be|remains)`,
      String.raw`\b(?:answer|diagnosis)\s*[:-]`,
      String.raw`\b(?:i\s+would\s+|i'd\s+|we\s+should\s+)?(?:choose|select|pick|recommend|go\s+with|opt\s+for)`,
      String.raw`\bmost\s+(?:likely|consistent\s+with)`,
      String.raw`\b(?:consistent|compatible)\s+with`,
      String.raw`\b(?:suggestive|indicative|characteristic|diagnostic)\s+of`,
      String.raw`\bpoints?\s+(?:to|towards)`,
      String.raw`\b(?:diagnosed|treated)\s+with`,
    ].join('|') +
    String.raw`)\s*(?:likely\s+|probably\s+|most\s+likely\s+|clearly\s+)?(?:the\s+|a\s+|an\s+)?["'(]?$`,
  'i',
);

const VERDICT_AFTER =
  /^["')]?\s*(?:is|would\s+be|remains|seems\s+to\s+be|appears\s+to\s+be)\s+(?:the\s+)?(?:correct|right|best|most\s+likely|most\s+appropriate|likely|probable|answer|(?:treatment|drug|test|investigation|choice)\s+of\s+choice|first[-\s]line)\b/i;

const NEGATION_BEFORE = /\b(?:not|rather\s+than|instead\s+of)\s+(?:the\s+|a\s+|an\s+)?["'(]?$/i;

const NEGATION_AFTER =
  /^["')]?\s*(?:is|are|would\s+be)\s+(?:also\s+|clearly\s+)?(?:incorrect|wrong|not\s+(?:correct|right|the\s+(?:correct\s+|right\s+|best\s+)?answer))\b/i;

/**
 * Clinical "rule out X" / "exclude X" usually means testing for X, not rejecting it as the answer: it only
 * keeps X from counting as a bare mention, like "X is unlikely".
 */
const DOUBT_BEFORE =
  /(?:\b(?:unlikely|less\s+likely|not\s+likely|contraindicated|avoid|avoiding)\b[^.\n]{0,30}|\b(?:distinguish\w*|differentiat\w*|unlike|as\s+opposed\s+to)\b[^.\n]{0,80}|\b(?:(?:rule|rules|ruled|ruling)\s+out|exclud(?:e|es|ed|ing)|eliminat(?:e|es|ed|ing))\s+(?:the\s+|a\s+|an\s+)?["'(]?)$/i;
/** "less likely than X" favours X. */
const COMPARED_BEFORE = /\bthan\s+(?:the\s+|a\s+|an\s+)?["'(]?$/i;

const DOUBT_AFTER =
  /^["')]?\s*(?:is|are|would\s+be)\s+(?:also\s+|generally\s+|usually\s+)?(?:unlikely|less\s+likely|not\s+likely|contraindicated|inappropriate|ruled\s+out|excluded|eliminated|not\s+(?:recommended|indicated|appropriate|preferred|ideal|suitable|the\s+best))\b/i;

interface Span {
  key: string;
  start: number;
  end: number;
}

/**
 * A pattern for an option's text that tolerates what answers change when they quote an option: case,
 * hyphens versus spaces between words ("beta-blocker", "beta blocker"), a possessive ("Hoigne's syndrome"
 * for "Hoigne Syndrome"), markdown already stripped. Whole words only.
 */
function optionPattern(optionText: string): RegExp | null {
  const words = optionText.split(/[\s-]+/).filter((w) => w !== '');
  if (words.length === 0) return null;
  const body = words.map(escapeRegExp).join(String.raw`(?:'s)?[\s-]+`) + "(?:'s)?";
  const open = isWordChar(optionText, 0) ? String.raw`(?<![\p{L}\p{N}])` : '';
  const close = isWordChar(optionText, optionText.length - 1) ? String.raw`(?![\p{L}\p{N}])` : '';
  return new RegExp(open + body + close, 'giu');
}

export function findOptionTexts(text: string, options: Readonly<Record<string, string>>): Occurrence[] {
  const spans: Span[] = [];
  for (const [key, raw] of Object.entries(options)) {
    const optionText = normalizeOptionText(raw);
    // A one-character option text would match everywhere.
    if (optionText.length < 2) continue;
    const pattern = optionPattern(optionText);
    if (!pattern) continue;
    for (const m of text.matchAll(pattern)) spans.push({ key, start: m.index, end: m.index + m[0].length });
  }
  // Longest first: a shorter option's text inside a longer option's match is part of that match.
  spans.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Span[] = [];
  for (const span of spans) {
    const inside = kept.some((k) => k.key !== span.key && k.start <= span.start && span.end <= k.end);
    if (!inside) kept.push(span);
  }
  return kept.map((span) => classify(text, span));
}

function classify(text: string, span: Span): Occurrence {
  const before = text.slice(Math.max(0, span.start - 100), span.start);
  const after = text.slice(span.end, span.end + 120);
  let negation: Occurrence['negation'] = null;
  if (NEGATION_BEFORE.test(before) || NEGATION_AFTER.test(after)) negation = 'strong';
  else if ((DOUBT_BEFORE.test(before) && !COMPARED_BEFORE.test(before)) || DOUBT_AFTER.test(after)) negation = 'weak';
  const declared = negation !== 'strong' && (CUE_BEFORE.test(before) || VERDICT_AFTER.test(after));
  return { key: span.key, start: span.start, end: span.end, declared, negation: declared ? null : negation };
}
