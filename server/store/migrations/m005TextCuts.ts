import type { Migration } from './types';

/**
 * Where an answer's reasoning and final answer are in the text they are cut from, in bytes, recorded with
 * its cached scores (answerScores.ts) for texts SQLite can cut (`plain_text`): the offsets the store keeps
 * count characters, and SQLite's substr() walks a text character by character to find them. Cutting the
 * bytes instead took the export benchmark's 150,000 answers 1.31 s instead of 2.19 s (queries/exportRows.ts,
 * partSql). NULL: cut by characters (a row cached before, a part that is a text of its own).
 */
export const m005TextCuts: Migration = {
  version: 5,
  description: 'byte offsets of the reasoning and final answer, with the cached scores',
  sql: `
ALTER TABLE answer_scores ADD COLUMN reasoning_start_byte INTEGER;
ALTER TABLE answer_scores ADD COLUMN reasoning_end_byte INTEGER;
ALTER TABLE answer_scores ADD COLUMN answer_start_byte INTEGER;
ALTER TABLE answer_scores ADD COLUMN answer_end_byte INTEGER;
`,
};
