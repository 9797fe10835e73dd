/**
 * Which `<...>` runs in a model output are markup: reasoning tags (configurable names, any case,
 * stray spaces tolerated) and end-of-sequence tokens that a server or a decoding step left in the text.
 */

export type MarkupKind = 'open' | 'close' | 'eos';

export const DEFAULT_TAG_NAMES: readonly string[] = ['think', 'thinking'];

/** Longest `<...>` run considered markup; anything longer is ordinary text. */
export const MAX_MARKUP_LENGTH = 48;

/**
 * End-of-sequence (and end-of-turn) tokens of common model families, written in the form
 * `normalizeSpecialToken` produces, so that mangled spellings such as `< | end_of_sentence | >`
 * (a DeepSeek token after a lossy detokenisation) match the real `<｜end▁of▁sentence｜>`.
 */
const END_TOKENS = new Set(
  [
    '</s>', // Llama-2, Mistral
    '<|eot_id|>', // Llama-3
    '<|eom_id|>',
    '<|end_of_text|>',
    '<|endoftext|>', // GPT-2 family, Qwen base
    '<|im_end|>', // ChatML (Qwen, many fine-tunes)
    '<｜end▁of▁sentence｜>', // DeepSeek
    '<end_of_turn>', // Gemma
    '<eos>',
    '<|eos|>',
    '<|end|>', // Phi-3
    '<|return|>',
  ].map(normalizeSpecialToken),
);

/** Drops the characters that decoding tends to add, drop or swap inside special tokens. */
function normalizeSpecialToken(token: string): string {
  return token.replace(/[\s_▁-]/g, '').replace(/｜/g, '|').toLowerCase();
}

/** Characters a markup run may contain between `<` and `>`; a run with any other is plain text. */
export function isMarkupChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 48 && code <= 57) || // 0-9
    code === 32 || code === 9 || // space, tab
    code === 47 || code === 124 || code === 95 || code === 45 || // / | _ -
    code === 0xff5c || code === 0x2581 // ｜ ▁ (DeepSeek's special-token spelling)
  );
}

export type MarkupClassifier = (run: string) => MarkupKind | undefined;

/** A classifier for complete `<...>` runs, for the given reasoning tag names. */
export function createMarkupClassifier(tagNames: readonly string[] = DEFAULT_TAG_NAMES): MarkupClassifier {
  const names = new Set(tagNames.map((n) => n.toLowerCase()));
  const classify = (run: string): MarkupKind | undefined => {
    const compact = run.replace(/\s+/g, '').toLowerCase();
    const inner = compact.slice(1, -1);
    if (inner.startsWith('/') && names.has(inner.slice(1))) return 'close';
    if (names.has(inner)) return 'open';
    if (END_TOKENS.has(normalizeSpecialToken(run))) return 'eos';
    return undefined;
  };
  // The same few spellings recur in every output of a run; remember them (bounded, since text is untrusted).
  const seen = new Map<string, MarkupKind | null>();
  return (run) => {
    const known = seen.get(run);
    if (known !== undefined) return known ?? undefined;
    const kind = classify(run);
    // A copy as the key: `run` is a slice of a whole output, which the map would otherwise keep alive.
    if (seen.size < MEMO_LIMIT) seen.set((' ' + run).slice(1), kind ?? null);
    return kind;
  };
}

const MEMO_LIMIT = 4096;
