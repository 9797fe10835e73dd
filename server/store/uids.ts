import { createHash, hash } from 'node:crypto';

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

/**
 * What `answerUid` hashes in front of the raw output: with the output's UTF-8 bytes and a NUL after them, the
 * same digest input (the parts are joined with NUL, so encoding them one by one gives the joined text's bytes).
 */
export function answerUidPrefix(questionUid: string, model: string, templateHash = ''): string {
  return `a\u0000${questionUid}\u0000${model}\u0000${templateHash}\u0000`;
}

/** A uid from the digest input as bytes (see answerUidPrefix). */
export function uidOfBytes(input: Uint8Array): string {
  return hash('sha256', input, 'hex').slice(0, 32);
}

/** `answerUid` from the raw output's UTF-8 bytes. */
export function answerUidOfUtf8(questionUid: string, model: string, raw: Uint8Array, templateHash = ''): string {
  return createHash('sha256').update(answerUidPrefix(questionUid, model, templateHash)).update(raw).update('\u0000').digest('hex').slice(0, 32);
}
