import { createHash } from 'node:crypto';

/**
 * A key for a question's exact text (trimmed), used to match answers to questions by text without
 * keeping every question's text in memory.
 */
export function questionTextKey(text: string): string {
  return createHash('sha256').update(text.trim()).digest('hex').slice(0, 32);
}

/**
 * The id of a question whose dataset has none (medical-o1, MedQA): derived from its text, so the same
 * question gets the same id in every import and on every machine.
 */
export function derivedQuestionId(prefix: string, textKey: string): string {
  return `${prefix}-${textKey.slice(0, 12)}`;
}
