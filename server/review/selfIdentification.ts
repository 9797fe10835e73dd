import type { NameSpan } from './nameDetection';

// A proper name: up to four capitalised words ("Acme Health Labs") or a name such as "01.AI". A dot
// belongs to a word only between letters, so a name never runs on into the next sentence.
const WORD = String.raw`\p{Lu}[\p{L}\p{N}&'’-]*(?:\.[\p{L}\p{N}]+)*`;
const NAME = String.raw`(${WORD}(?:\s+(?:${WORD}|AI|Labs?|Research|Inc\.?)){0,3}|\d+\.AI)`;
const AI = String.raw`(?:AI|assistant|(?:large\s+)?language\s+model|LLM|chatbot|model)`;
const MADE = String.raw`(?:developed|created|trained|built|made|designed|released|fine-?tuned|programmed|produced|owned)`;

/** Phrases in which an answer names its maker or itself, whatever the name is. */
const PATTERNS: { regex: RegExp; kind: NameSpan['kind']; reason: string }[] = [
  // "As an AI language model developed by Acme", "a chatbot trained by the team at Acme"
  { regex: new RegExp(String.raw`\b${AI}\b[^.!?\n]{0,40}?\b${MADE}\s+by\s+(?:the\s+)?(?:team\s+at\s+)?${NAME}`, 'dgu'), kind: 'maker', reason: 'names the maker of the AI' },
  // "I was trained by Acme"
  { regex: new RegExp(String.raw`\bI\s+(?:was|am|have\s+been|['’]ve\s+been)\s+${MADE}\s+by\s+(?:the\s+)?(?:team\s+at\s+)?${NAME}`, 'dgu'), kind: 'maker', reason: 'names its maker' },
  // "my developers at Acme", "my creators are Acme"
  { regex: new RegExp(String.raw`\b[Mm]y\s+(?:creators?|developers?|makers?|trainers?)\s+(?:at|are|is|from)\s+${NAME}`, 'dgu'), kind: 'maker', reason: 'names its maker' },
  // "I am Orion, an AI assistant"
  { regex: new RegExp(String.raw`\b(?:I\s+am|I['’]m)\s+${NAME}\s*,\s*(?:an?\s+)?${AI}\b`, 'dgu'), kind: 'model', reason: 'introduces itself by name' },
  // "an AI assistant called Orion"
  { regex: new RegExp(String.raw`\b${AI}\s+(?:called|named|known\s+as)\s+${NAME}`, 'dgu'), kind: 'model', reason: 'introduces itself by name' },
];

// Capitalised words that start a phrase without being a name.
const NOT_NAMES = new Set(['The', 'A', 'An', 'This', 'That', 'These', 'Those', 'It', 'I', 'My', 'Our', 'Your', 'Its', 'Dr', 'Dr.', 'Doctor', 'Professor']);

/** Spans of the names in self-identifying phrases ("As an AI developed by <name>"); only the name is masked. */
export function selfIdentificationSpans(text: string): NameSpan[] {
  const spans: NameSpan[] = [];
  for (const { regex, kind, reason } of PATTERNS) {
    for (const m of text.matchAll(regex)) {
      const at = m.indices?.[1];
      const name = (m[1] ?? '').replace(/[.'’-]+$/u, '');
      if (!at || !name || NOT_NAMES.has(name.split(/\s+/u)[0] ?? '')) continue;
      spans.push({ start: at[0], end: at[0] + name.length, kind, reason });
    }
  }
  return spans;
}
