import { StoreNotFoundError } from '../errors';
import { ANSWER_COLUMNS, ANSWER_JOINS, answerFromRow } from '../rows/answerRows';
import { QUESTION_COLUMNS, QUESTION_JOINS, questionFromRow } from '../rows/questionRows';
import { RATING_SELECT, ratingFromRow } from '../rows/ratingRows';
import type { Connection } from '../sqlite/connection';
import { readNumber, utf8 } from '../sqlite/text';
import type { QuestionDetail, Rating, StoredAnswer, StoredQuestion } from '../types';
import { OVERRIDE_SELECT, overrideFromRow } from '../writes/choiceOverrides';
import { DRAFT_SELECT, draftFromRow } from '../writes/drafts';
import { FLAG_SELECT, flagFromRow } from '../writes/flags';
import { PREFERENCE_SELECT, preferenceFromRow } from '../writes/preferences';

export function getQuestionRow(c: Connection, uid: string): { id: number; question: StoredQuestion } {
  const row = c.get(`SELECT ${QUESTION_COLUMNS} FROM questions q ${QUESTION_JOINS} WHERE q.uid = ? LIMIT 1`, [uid]);
  if (!row) throw new StoreNotFoundError('question', uid);
  return { id: readNumber(row.id), question: questionFromRow(row) };
}

export function answersOfQuestion(c: Connection, questionId: number): StoredAnswer[] {
  return c.all(`SELECT ${ANSWER_COLUMNS} FROM answers a ${ANSWER_JOINS} WHERE a.question_id = ? ORDER BY a.id`, [questionId]).map(answerFromRow);
}

export function getAnswers(c: Connection, uids: readonly string[]): StoredAnswer[] {
  return uids.flatMap((uid) => c.all(`SELECT ${ANSWER_COLUMNS} FROM answers a ${ANSWER_JOINS} WHERE a.uid = ?`, [uid]).map(answerFromRow));
}

/**
 * One question with its answers and what this rater has done on them. Other raters' ratings are only
 * counted here; `ratingsOfQuestion` returns them for when the panel may reveal them.
 *
 * Everything is looked up per answer (a question has a handful) by full keys: filtering a join by question
 * and rater lets SQLite walk all of the rater's ratings instead, which is slow once they number 100,000.
 */
export function getQuestionDetail(c: Connection, uid: string, rater: string | undefined): QuestionDetail {
  const { id, question } = getQuestionRow(c, uid);
  const answers = answersOfQuestion(c, id);
  const answerIds = c.all('SELECT id FROM answers WHERE question_id = ? ORDER BY id', [id]).map((r) => readNumber(r.id));
  const me = rater === undefined ? undefined : c.get(`SELECT id FROM raters WHERE name = CAST(? AS TEXT)`, [utf8(rater)])?.id;
  const otherRaters: Record<string, number> = {};
  const detail: QuestionDetail = { question, answers, ratings: [], drafts: [], preferences: [], flags: [], overrides: [], otherRaters };
  for (const [i, answerId] of answerIds.entries()) {
    const others = c.get('SELECT count(DISTINCT rater_id) AS n FROM ratings WHERE answer_id = ? AND rater_id IS NOT ?', [answerId, me ?? null]);
    const n = readNumber(others?.n ?? 0);
    if (n > 0) otherRaters[answers[i]!.uid] = n;
    if (me === undefined || me === null) continue;
    const mine = [me, answerId];
    detail.ratings.push(...c.all(`${RATING_SELECT} WHERE r.rater_id = ? AND r.answer_id = ?`, mine).map(ratingFromRow));
    detail.drafts.push(...c.all(`${DRAFT_SELECT} WHERE d.rater_id = ? AND d.answer_id = ?`, mine).map(draftFromRow));
    detail.preferences.push(...c.all(`${PREFERENCE_SELECT} WHERE p.rater_id = ? AND p.answer_a_id = ?`, mine).map(preferenceFromRow));
    detail.flags.push(...c.all(`${FLAG_SELECT} WHERE f.rater_id = ? AND f.answer_id = ?`, mine).map(flagFromRow));
    detail.overrides.push(...c.all(`${OVERRIDE_SELECT} WHERE o.rater_id = ? AND o.answer_id = ?`, mine).map(overrideFromRow));
  }
  return detail;
}

/** Every rater's ratings of a question's answers (adjudication, or after this rater has saved). */
export function ratingsOfQuestion(c: Connection, uid: string): Rating[] {
  const { id } = getQuestionRow(c, uid);
  return c
    .all('SELECT id FROM answers WHERE question_id = ? ORDER BY id', [id])
    .flatMap((a) => c.all(`${RATING_SELECT} WHERE r.answer_id = ? ORDER BY rt.name`, [readNumber(a.id)]).map(ratingFromRow));
}
