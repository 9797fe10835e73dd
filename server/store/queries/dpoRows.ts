import { QUESTION_COLUMNS, QUESTION_JOINS, questionFromRow } from '../rows/questionRows';
import type { Connection } from '../sqlite/connection';
import { readNumber, utf8 } from '../sqlite/text';
import type { Preference, StoredQuestion } from '../types';
import { PREFERENCE_SELECT, preferenceFromRow } from '../writes/preferences';
import { partSql } from './exportRows';

/**
 * What the DPO export reads of a chunk, for the reader thread to hand over cheaply (ExportStreamFilter.dpo):
 * the questions and preferences as objects (a few hundred), but each answer reduced to its ids, model and
 * rating figures in one JSON array SQLite writes, and its final answer JSON-quoted by SQLite, all of them
 * one after another in one buffer that changes threads without a copy. As objects, the chunk's answers and
 * ratings cost the reader as much to hand over as to read (7.7 s for 300,000 ratings, against 7.6 s read
 * and written on one thread).
 */
export interface DpoRows {
  dpo: {
    /** The questions with a rated or compared answer, in id order. */
    questions: StoredQuestion[];
    /** Their preferences, in the order stored. */
    preferences: Preference[];
    /** JSON: one DpoAnswerRow per answer rated under the rubric key or compared, in any order. */
    answers: Uint8Array;
    /**
     * The answers' completions JSON-quoted (the final answer, or with `withReasoning` the reasoning wrapped
     * in <think> before it, as export/promptText.ts's completionText makes it), in the order of `answers`,
     * each `DpoAnswerRow[4]` bytes long.
     */
    finals: Uint8Array;
  };
}

/**
 * [question row id, answer row id, answer uid, model, bytes of its quoted completion, ratings, distinct
 * raters, overall scores given, their sum, 1 if its final answer is more than white space]. The mean is the
 * sum over the count, divided in JavaScript as the object path divides it: SQLite would print a REAL with 15
 * digits, which is not always the same number.
 */
export type DpoAnswerRow = [number, number, string, string, number, number, number, number, number, 0 | 1];

/**
 * What String.prototype.trim() removes (ECMAScript's WhiteSpace and LineTerminator), for SQLite's trim(X, Y),
 * which removes any character of Y from both ends: the same cut.
 */
export const JS_WHITE_SPACE = '\t\n\u000b\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

const IN_QUESTIONS = 'IN (SELECT value FROM json_each(?1))';

/** completionText in SQL: ?5 1 with the reasoning; ?6 JS_WHITE_SPACE. */
const COMPLETION = `IIF(?5, concat('<think>', char(10), trim(${partSql('reasoning')}, ?6), char(10), '</think>', char(10), char(10), ${partSql('answer')}),
  ${partSql('answer')})`;

/**
 * The answers of the questions ?1 rated under rubric key ?2, or among the uids ?4 (compared), with their
 * figures, and the ids of their questions. `ok` is 0 when one of them has no scores cached by scorer ?3, or
 * texts SQLite cannot cut (`plain_text`, exportRows.ts): the chunk is then read as objects. Both aggregates
 * are fed the rows in one pass, so in the same order, whatever it is: the lengths in `j` find each
 * completion in `finals`.
 */
const ANSWERS_SQL = `SELECT CAST('[' || ifnull(group_concat(concat('[', question_id, ',', id, ',', json_quote(uid), ',', json_quote(model), ',',
      length(CAST(final AS BLOB)), ',', ratings, ',', raters, ',', scored, ',', total, ',', has_final, ']')), '') || ']' AS BLOB) AS j,
    CAST(ifnull(group_concat(final, ''), '') AS BLOB) AS finals, json_group_array(DISTINCT question_id) AS questions, ifnull(min(ok), 1) AS ok
  FROM (SELECT a.question_id AS question_id, a.id AS id, a.uid AS uid, a.model AS model, ifnull(f.ratings, 0) AS ratings, ifnull(f.raters, 0) AS raters,
      ifnull(f.scored, 0) AS scored, ifnull(f.total, 0) AS total, ifnull(s.plain_text = 1, 0) AS ok,
      json_quote(${COMPLETION}) AS final, trim(${partSql('answer')}, ?6) <> '' AS has_final
    FROM answers a
    LEFT JOIN (SELECT r.answer_id AS answer_id, count(*) AS ratings, count(DISTINCT r.rater_id) AS raters, count(r.overall) AS scored, ifnull(sum(r.overall), 0) AS total
      FROM ratings r JOIN answers ra ON ra.id = r.answer_id WHERE ra.question_id ${IN_QUESTIONS} AND r.rubric_key = CAST(?2 AS TEXT) GROUP BY r.answer_id) f ON f.answer_id = a.id
    LEFT JOIN answer_scores s ON s.answer_id = a.id AND s.scorer = CAST(?3 AS TEXT)
    LEFT JOIN answer_texts x ON x.answer_id = a.id
    WHERE a.question_id ${IN_QUESTIONS} AND (f.answer_id IS NOT NULL OR a.uid IN (SELECT value FROM json_each(?4)))
    LIMIT -1 OFFSET 0)`;

export interface DpoRowsFilter {
  rubricKey: string;
  scorer: string;
  /** Completions with the reasoning in front of the final answer. */
  withReasoning: boolean;
}

/** The DPO rows of the questions `ids`, or undefined when SQLite cannot quote every completion (see ANSWERS_SQL). */
export function readDpoRows(c: Connection, ids: readonly number[], f: DpoRowsFilter): DpoRows | undefined {
  const idList = JSON.stringify(ids);
  const preferences = c.all(`${PREFERENCE_SELECT} WHERE aa.question_id ${IN_QUESTIONS} ORDER BY p.id`, [idList]).map(preferenceFromRow);
  const compared = JSON.stringify([...new Set(preferences.flatMap((p) => [p.answerA, p.answerB]))]);
  const row = c.get(ANSWERS_SQL, [idList, utf8(f.rubricKey), utf8(f.scorer), compared, f.withReasoning ? 1 : 0, utf8(JS_WHITE_SPACE)]);
  if (!row || readNumber(row.ok) !== 1 || !(row.j instanceof Uint8Array) || !(row.finals instanceof Uint8Array)) return undefined;
  const questions = c.all(`SELECT ${QUESTION_COLUMNS} FROM questions q ${QUESTION_JOINS} WHERE q.id ${IN_QUESTIONS} ORDER BY q.id`, [String(row.questions)]).map(questionFromRow);
  return { dpo: { questions, preferences, answers: row.j, finals: row.finals } };
}

