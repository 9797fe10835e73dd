import type { NameSpan } from './nameDetection';

// Parts of model ids that say nothing about which model it is.
const SIZE_OR_VERSION = /^(?:v?\d+(?:\.\d+)*[a-z]?|\d+(?:\.\d+)?[bmk]|\d+x\d+b|r\d+|q\d\w*|fp\d+|int\d+|bf16|f16)$/i;

/**
 * The strings by which an answer could name one of the study's models: the full id as configured
 * ("unsloth/DeepSeek-R1-Distill-Llama-8B"), its last path segment without a parenthetical, and the
 * parts of it that look like coined names (inner capitals or letters mixed with digits: "DeepSeek",
 * "HuatuoGPT", "Med42"). Plain words of an id ("medical", "heart") are left out: masking them would
 * black out ordinary medical text.
 */
export function studyNameVariants(modelId: string): string[] {
  const id = modelId.trim();
  const variants = new Set<string>();
  const add = (s: string): void => {
    const t = s.trim();
    if (t.length >= 3) variants.add(t);
  };
  add(id);
  const withoutNote = id.replace(/\s*\([^)]*\)\s*$/u, '');
  add(withoutNote);
  const segments = withoutNote.split('/');
  add(segments[segments.length - 1] ?? '');
  for (const part of withoutNote.split(/[\s/_():,[\]-]+/u)) {
    if (part.length >= 4 && !SIZE_OR_VERSION.test(part) && isCoinedName(part)) add(part);
  }
  return [...variants];
}

function isCoinedName(word: string): boolean {
  const innerCapital = /\p{Ll}\p{Lu}/u.test(word);
  const lettersAndDigits = /\p{L}/u.test(word) && /\p{N}/u.test(word);
  return innerCapital || lettersAndDigits;
}

/** Spans where any of the study's model ids (or their coined parts) occur, in any letter case. */
export function studyModelSpans(text: string, modelIds: readonly string[]): NameSpan[] {
  const variants = [...new Set(modelIds.flatMap(studyNameVariants))].sort((a, b) => b.length - a.length);
  if (variants.length === 0) return [];
  const alternatives = variants.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const regex = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives})(?![\\p{L}\\p{N}_])`, 'giu');
  return [...text.matchAll(regex)].map((m) => ({ start: m.index, end: m.index + m[0].length, kind: 'model' as const, reason: "names one of the study's models" }));
}
