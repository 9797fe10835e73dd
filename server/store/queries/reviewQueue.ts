import { StoreInputError } from '../errors';
import { setId as findSetId } from '../rows/setRows';
import type { Connection, SqlParam } from '../sqlite/connection';
import { readNumber, readText, utf8 } from '../sqlite/text';
import type { QueueItem, QueueParams } from '../types';
import { rubricCondition } from './questionFilter';

/**
 * What a rater should grade next under a target overlap (raters per answer). An answer is queued for a rater
 * when the rater has not rated it and fewer than `overlap` raters have; so an answer is never queued twice
 * for one rater, and never beyond the overlap. Questions other raters have started come first (finishing
 * an overlap is worth more for agreement than starting a new one; no ORDER BY, so the scan of ratings stops
 * as soon as enough are found), then the rest in set order.
 */
export function reviewQueue(c: Connection, p: QueueParams): QueueItem[] {
  if (!(Number.isInteger(p.overlap) && p.overlap >= 1)) throw new StoreInputError('overlap', 'must be a whole number of raters, 1 or more');
  const limit = Math.min(Math.max(p.limit ?? 20, 1), 500);
  const set = p.set === undefined ? undefined : findSetId(c, p.set);
  if (p.set !== undefined && set === undefined) return [];
  const rk = rubricCondition('r', p.rubricKey);
  const me = utf8(p.rater);
  // An answer this rater still has to do: not rated by them, and short of the overlap.
  const needs = `NOT EXISTS (SELECT 1 FROM ratings r WHERE r.answer_id = a.id AND r.rater_id = (SELECT id FROM raters WHERE name = CAST(? AS TEXT))${rk.sql})
    AND (SELECT count(DISTINCT r.rater_id) FROM ratings r WHERE r.answer_id = a.id${rk.sql}) < ?`;
  const needsParams: SqlParam[] = [me, ...rk.params, ...rk.params, p.overlap];
  const inSet = set === undefined ? '' : 'AND a.question_id IN (SELECT question_id FROM set_questions WHERE set_id = ?)';
  const setParams: SqlParam[] = set === undefined ? [] : [set];

  const started = c.all(
    `SELECT DISTINCT a.question_id AS qid FROM ratings r JOIN answers a ON a.id = r.answer_id
     WHERE 1 = 1${rk.sql} ${inSet} AND ${needs} LIMIT ?`,
    [...rk.params, ...setParams, ...needsParams, limit],
  );
  const chosen = new Set(started.map((r) => readNumber(r.qid)));
  if (chosen.size < limit) {
    const order = set === undefined ? 'q.id' : 'sq.ordinal';
    const from = set === undefined ? 'questions q' : 'set_questions sq JOIN questions q ON q.id = sq.question_id AND sq.set_id = ?';
    const fresh = c.all(
      `SELECT q.id AS qid FROM ${from} WHERE EXISTS (SELECT 1 FROM answers a WHERE a.question_id = q.id AND ${needs})
       ORDER BY ${order} LIMIT ?`,
      [...setParams, ...needsParams, limit + chosen.size],
    );
    for (const r of fresh) {
      if (chosen.size >= limit) break;
      chosen.add(readNumber(r.qid));
    }
  }
  return [...chosen].map((qid) => ({
    questionUid: readText(c.get('SELECT uid FROM questions WHERE id = ?', [qid])?.uid),
    answerUids: c.all(`SELECT a.uid AS uid FROM answers a WHERE a.question_id = ? AND ${needs} ORDER BY a.id`, [qid, ...needsParams]).map((r) => readText(r.uid)),
  }));
}
