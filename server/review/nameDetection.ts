import { AI_NOUN, AMBIGUOUS_NAMES, DISTINCTIVE_NAMES, EPONYM_FOLLOWERS, NAME_SUFFIX, type AmbiguousName, type NameKind } from './knownNames';

export interface NameSpan {
  start: number;
  end: number;
  kind: NameKind | 'self-identification';
  reason: string;
}

// Unicode-aware word edges: JavaScript's \b only knows ASCII letters, and model output is not ASCII.
// A digit may follow a name directly: "Qwen2.5", "Llama3" are versions, not other words.
const BEFORE = '(?<![\\p{L}\\p{N}_])';
const AFTER = '(?![\\p{L}_])';

function wordRegex(source: string, caseSensitive = false): RegExp {
  return new RegExp(`${BEFORE}(?:${source})${AFTER}`, caseSensitive ? 'gu' : 'giu');
}

// Sticky, so it matches exactly at the end of a name and can look behind at the name's last letter.
const suffixAt = new RegExp(NAME_SUFFIX, 'uy');

/** End of a name once its version and variant suffixes ("-R1-Distill-Llama-8B", " 3.1 70B") are added. */
function extendWithSuffix(text: string, end: number): number {
  suffixAt.lastIndex = end;
  const m = suffixAt.exec(text);
  return end + (m?.[0].length ?? 0);
}

/** Spans of names that are never ordinary words. */
export function distinctiveNameSpans(text: string): NameSpan[] {
  const spans: NameSpan[] = [];
  for (const name of DISTINCTIVE_NAMES) {
    for (const m of text.matchAll(wordRegex(name.source, name.caseSensitive))) {
      const start = m.index;
      spans.push({ start, end: extendWithSuffix(text, start + m[0].length), kind: name.kind, reason: `names a ${name.kind === 'maker' ? 'model maker' : 'model'}` });
    }
  }
  return spans;
}

const SELF_BEFORE = /(?:\bI\s+am|\bI['’]m|\bmy\s+name\s+is|\bcall\s+me|\bthis\s+is|\b(?:AI|assistant|model|chatbot|LLM)\b[^.!?\n]{0,30}\b(?:called|named|known\s+as))\s+$/iu;
const MAKER_BEFORE = /\b(?:developed|created|trained|built|made|designed|released|fine-?tuned|programmed|produced|owned|powered)\s+by\s+(?:the\s+)?(?:team\s+at\s+)?$/iu;
const MAKER_PREFIX = /\b(?:Meta|Google|Microsoft|Anthropic|Mistral|Alibaba|OpenAI|DeepSeek|Amazon)(?:['’]s)?\s+$/iu;
const AI_SELF_REFERENCE = /\b(?:I|me|my|AI|assistant|language\s+model|LLM|chatbot)\b/u;
const AI_AFTER = new RegExp(`^\\s*[,(–—-]?\\s*(?:an?\\s+|the\\s+)?${AI_NOUN}\\b`, 'iu');
const EPONYM_AFTER = new RegExp(`^${EPONYM_FOLLOWERS}`, 'iu');

/**
 * Spans of ambiguous names used as model or maker names: with a version ("Llama-3", "Claude 3"), in a
 * self-introduction ("I am Claude"), beside an AI noun ("Gemini, an AI model"), as the maker of an AI
 * ("an AI developed by Google"), or after a maker ("Meta's Llama", "Google Gemini"). Eponyms are never masked.
 */
export function ambiguousNameSpans(text: string): NameSpan[] {
  const spans: NameSpan[] = [];
  for (const name of compiledAmbiguousNames()) {
    for (const m of text.matchAll(name.word)) {
      const start = m.index;
      const end = start + m[0].length;
      const after = text.slice(end, end + 80);
      if (EPONYM_AFTER.test(after) || name.exclude?.test(after)) continue;
      const reason = contextReason(name, text.slice(Math.max(0, start - 120), start), after);
      if (reason) spans.push({ start, end: extendWithSuffix(text, end), kind: name.kind, reason });
    }
  }
  return spans;
}

interface CompiledName {
  kind: NameKind;
  word: RegExp;
  version?: RegExp;
  exclude?: RegExp;
}

let compiled: CompiledName[] | undefined;

/** Built once: a hostile answer can name "Claude" a hundred thousand times. */
function compiledAmbiguousNames(): CompiledName[] {
  compiled ??= AMBIGUOUS_NAMES.map((name: AmbiguousName) => {
    const c: CompiledName = { kind: name.kind, word: wordRegex(name.source, name.caseSensitive) };
    if (name.version) c.version = new RegExp(`^(?:${name.version})`, 'u');
    if (name.exclude) c.exclude = new RegExp(`^(?:${name.exclude})`, 'iu');
    return c;
  });
  // matchAll clones the regex, so sharing the compiled global regexes between calls is safe.
  return compiled;
}

function contextReason(name: CompiledName, before: string, after: string): string | undefined {
  if (name.version?.test(after)) return 'model name with a version';
  const near = before.slice(-60);
  if (SELF_BEFORE.test(near)) return 'the answer introduces itself by this name';
  if (AI_AFTER.test(after)) return 'named as an AI';
  if (name.kind === 'model' && MAKER_PREFIX.test(near)) return "named as a maker's model";
  // "developed by Google" is a maker only when the sentence is about an AI ("As an AI developed by ...").
  if (MAKER_BEFORE.test(near) && AI_SELF_REFERENCE.test(before.split(/[.!?\n]/).pop() ?? '')) return 'named as the maker of the AI';
  return undefined;
}

/**
 * Ambiguous names standing right next to a masked name ("Meta Llama-3", "Google Gemini 1.5") belong to
 * it, and so do chains of them. Two sweeps over the names in text order carry "masked" rightwards and
 * leftwards, so the cost stays linear however long a hostile chain is.
 */
export function adjacentAmbiguousSpans(text: string, found: readonly NameSpan[]): NameSpan[] {
  interface Item {
    start: number;
    end: number;
    kind: NameSpan['kind'];
    masked: boolean;
  }
  const covered = coverageTest(found);
  const candidates: Item[] = compiledAmbiguousNames().flatMap((name) =>
    [...text.matchAll(name.word)]
      .map((m) => ({ start: m.index, end: m.index + m[0].length, kind: name.kind, masked: false }))
      .filter((c) => !covered(c.start, c.end) && !EPONYM_AFTER.test(text.slice(c.end, c.end + 80))),
  );
  const items: Item[] = [...found.map((s) => ({ start: s.start, end: s.end, kind: s.kind, masked: true })), ...candidates].sort((a, b) => a.start - b.start);
  const touching = (left: Item, right: Item): boolean => left.end <= right.start && /^(?:['’]s)?[\s-]{0,2}$/u.test(text.slice(left.end, right.start));
  for (let i = 1; i < items.length; i++) {
    const [prev, cur] = [items[i - 1], items[i]];
    if (prev && cur && prev.masked && !cur.masked && touching(prev, cur)) cur.masked = true;
  }
  for (let i = items.length - 2; i >= 0; i--) {
    const [cur, next] = [items[i], items[i + 1]];
    if (cur && next && next.masked && !cur.masked && touching(cur, next)) cur.masked = true;
  }
  return candidates.filter((c) => c.masked).map((c) => ({ start: c.start, end: extendWithSuffix(text, c.end), kind: c.kind, reason: 'part of a model name' }));
}

/** Whether [start, end) lies inside one of the spans (spans may overlap; checked by binary search). */
function coverageTest(spans: readonly NameSpan[]): (start: number, end: number) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const reach: number[] = [];
  for (const s of sorted) reach.push(Math.max(s.end, reach[reach.length - 1] ?? 0));
  return (start, end) => {
    let lo = 0;
    let hi = sorted.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid]?.start ?? 0) <= start) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return last >= 0 && (reach[last] ?? 0) >= end;
  };
}
