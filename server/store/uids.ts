import { hash } from 'node:crypto';

/**
 * Content-derived identities. The same question or answer gets the same uid in every rater's database, which
 * is what lets ratings be merged between databases without guessing. 128 bits of SHA-256.
 */
function digest(parts: readonly string[]): string {
  return hash('sha256', parts.join('\u0000') + '\u0000', 'hex').slice(0, 32);
}

export function questionUid(datasetId: string, text: string): string {
  return digest(['q', datasetId, text]);
}

export function answerUid(questionUid: string, model: string, raw: string, templateHash = ''): string {
  return digest(['a', questionUid, model, templateHash, raw]);
}

/**
 * Key for finding a question by its text (model-answer files that carry the text instead of an id): the
 * exact text apart from surrounding whitespace, as the dataset readers match it.
 */
export function textKey(text: string): string {
  return digest(['t', text.trim()]);
}
