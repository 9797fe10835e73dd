import { setId as findSetId } from '../rows/setRows';
import type { Connection, SqlParam } from '../sqlite/connection';
import { readNumber, readText } from '../sqlite/text';
import type { QuestionProgress, RaterProgress } from '../types';
import { countAnswers, type AnswerTotalsCache } from './answerTotals';
import { rubricCondition } from './questionFilter';

export interface ProgressScope {
  set?: string;
  rubricKey?: string;
}

/**
 * Graded/total answers and questions for every rater, within a set (or everything; then the totals come
 * from `storeTotals` when given).
 */
export function raterProgress(c: Connection, scope: ProgressScope, storeTotals?: AnswerTotalsCache): RaterProgress[] {
  const set = scope.set === undefined ? undefined : findSetId(c, scope.set);
  if (scope.set !== undefined && set === undefined) return [];
  const inSet = set === undefined ? '' : 'AND a.question_id IN (SELECT question_id FROM set_questions WHERE set_id = ?)';
  const setParams: SqlParam[] = set === undefined ? [] : [set];
  const rk = rubricCondition('r', scope.rubricKey);
  const { answers: totalAnswers, questions: totalQuestions } = set === undefined && storeTotals ? storeTotals.get(c) : countAnswers(c, `WHERE 1 = 1 ${inSet}`, setParams);
  const rows = c.all(
    `SELECT CAST(rt.name AS BLOB) AS rater,
       (SELECT count(DISTINCT r.answer_id) FROM ratings r JOIN answers a ON a.id = r.answer_id
          WHERE r.rater_id = rt.id${rk.sql} ${inSet}) AS answers,
       (SELECT count(*) FROM (SELECT a.question_id AS qid, count(DISTINCT r.answer_id) AS n
          FROM ratings r JOIN answers a ON a.id = r.answer_id WHERE r.rater_id = rt.id${rk.sql} ${inSet}
          GROUP BY a.question_id) x
        WHERE x.n = (SELECT count(*) FROM answers a2 WHERE a2.question_id = x.qid)) AS questions
     FROM raters rt ORDER BY rt.name`,
    [...rk.params, ...setParams, ...rk.params, ...setParams],
  );
  return rows.map((r) => ({
    rater: readText(r.rater),
    gradedAnswers: readNumber(r.answers),
    totalAnswers,
    gradedQuestions: readNumber(r.questions),
    totalQuestions,
  }));
}

/** Per question: how many raters finished it and how covered its least and most rated answers are. */
export function questionProgress(c: Connection, questionUids: readonly string[], rubricKey?: string): QuestionProgress[] {
  const rk = rubricCondition('r', rubricKey);
  return questionUids.flatMap((uid) => {
    const q = c.get('SELECT id FROM questions WHERE uid = ?', [uid]);
    if (!q) return [];
    const qid = readNumber(q.id);
    const perAnswer = c.all(
      `SELECT (SELECT count(DISTINCT r.rater_id) FROM ratings r WHERE r.answer_id = a.id${rk.sql}) AS n FROM answers a WHERE a.question_id = ?`,
      [...rk.params, qid],
    ).map((r) => readNumber(r.n));
    const complete = c.get(
      `SELECT count(*) AS n FROM (SELECT r.rater_id FROM ratings r JOIN answers a ON a.id = r.answer_id
         WHERE a.question_id = ?${rk.sql} GROUP BY r.rater_id HAVING count(DISTINCT r.answer_id) = ?)`,
      [qid, ...rk.params, perAnswer.length],
    );
    return [
      {
        questionUid: uid,
        answerCount: perAnswer.length,
        ratersComplete: perAnswer.length === 0 ? 0 : readNumber(complete?.n ?? 0),
        minRatersPerAnswer: perAnswer.length ? Math.min(...perAnswer) : 0,
        maxRatersPerAnswer: perAnswer.length ? Math.max(...perAnswer) : 0,
      },
    ];
  });
}
