import type { Migration } from './types';

/**
 * Automatic scores of an answer (ROUGE against the reference, the extracted choice graded against the
 * label), kept so an export, a summary or the panel computes them once per answer rather than every time:
 * at 0.1-0.5 ms per answer they were most of an export's time. A row is keyed by the answer, the scorer's
 * version (a change to ROUGE or extraction code bumps it) and the ROUGE settings. What the scores are made
 * from (the answer's texts and split, the question, its options and reference) has no UPDATE path today;
 * the triggers drop an answer's rows if one is ever added, so a stale score cannot be served.
 * `plain_text` says the answer's stored texts have no NUL and no character outside the Basic Multilingual
 * Plane, so SQLite's character offsets are JavaScript's and SQLite can cut reasoning and answer out of the
 * raw output itself (queries/exportRows.ts), sparing the export the decoding of every answer.
 */
export const m004AnswerScores: Migration = {
  version: 4,
  description: 'answer score cache (ROUGE, graded extraction)',
  sql: `
CREATE TABLE answer_scores (
  answer_id INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
  scorer TEXT NOT NULL,
  scores TEXT NOT NULL,
  plain_text INTEGER NOT NULL DEFAULT 0 CHECK (plain_text IN (0, 1)),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (answer_id, scorer)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER answer_scores_answer_changed AFTER UPDATE ON answers
BEGIN DELETE FROM answer_scores WHERE answer_id = old.id; END;
CREATE TRIGGER answer_scores_answer_deleted AFTER DELETE ON answers
BEGIN DELETE FROM answer_scores WHERE answer_id = old.id; END;
CREATE TRIGGER answer_scores_text_changed AFTER UPDATE ON answer_texts
BEGIN DELETE FROM answer_scores WHERE answer_id = old.answer_id; END;
CREATE TRIGGER answer_scores_question_changed AFTER UPDATE ON questions
BEGIN DELETE FROM answer_scores WHERE answer_id IN (SELECT id FROM answers WHERE question_id = old.id); END;
CREATE TRIGGER answer_scores_question_text_changed AFTER UPDATE ON question_texts
BEGIN DELETE FROM answer_scores WHERE answer_id IN (SELECT id FROM answers WHERE question_id = old.question_id); END;
CREATE TRIGGER answer_scores_reference_changed AFTER UPDATE ON question_references
BEGIN DELETE FROM answer_scores WHERE answer_id IN (SELECT id FROM answers WHERE question_id = old.question_id); END;
CREATE TRIGGER answer_scores_reference_deleted AFTER DELETE ON question_references
BEGIN DELETE FROM answer_scores WHERE answer_id IN (SELECT id FROM answers WHERE question_id = old.question_id); END;
CREATE TRIGGER answer_scores_reference_added AFTER INSERT ON question_references
BEGIN DELETE FROM answer_scores WHERE answer_id IN (SELECT id FROM answers WHERE question_id = new.question_id); END;
`,
};
