import { StoreInputError } from '../errors';
import type { SqlParam } from '../sqlite/connection';
import { utf8 } from '../sqlite/text';
import type { QuestionFilter } from '../types';

/** A WHERE clause over `q` (questions) and, when a set is named, `sq` (its membership rows). */
export interface FilterSql {
  from: string;
  /** The same rows without the join to `questions` when no condition needs it (counting 100,000 rows). */
  countFrom: string;
  where: string;
  params: SqlParam[];
  order: string;
}

const THINK_STATES = new Set(['complete', 'none', 'unclosed']);

/** `r` restricted to the filter's rubric, as an SQL condition with its parameters. */
export function rubricCondition(alias: string, rubricKey: string | undefined): { sql: string; params: SqlParam[] } {
  return rubricKey === undefined ? { sql: '', params: [] } : { sql: ` AND ${alias}.rubric_key = CAST(? AS TEXT)`, params: [utf8(rubricKey)] };
}

/**
 * Builds the question filter of the panel's list. Each condition is answered from indexes, per question
 * (EXISTS over its answers) or once for the whole table (answer attributes), so the list can be paged over
 * 100,000 questions. `CROSS JOIN` fixes the join order where SQLite would otherwise walk all of a rater's
 * ratings for every question.
 */
export function buildQuestionFilter(f: QuestionFilter, setId: number | undefined): FilterSql {
  // The question's row id: from the membership row when there is one, so counting needs no join.
  const qid = setId === undefined ? 'q.id' : 'sq.question_id';
  const where: string[] = [];
  const params: SqlParam[] = [];
  const rk = rubricCondition('r', f.rubricKey);
  if (setId !== undefined) {
    where.push('sq.set_id = ?');
    params.push(setId);
  }
  if (f.ungradedBy !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM answers a WHERE a.question_id = ${qid} AND NOT EXISTS (
      SELECT 1 FROM ratings r WHERE r.answer_id = a.id AND r.rater_id = (SELECT id FROM raters WHERE name = CAST(? AS TEXT))${rk.sql}))`);
    params.push(utf8(f.ungradedBy), ...rk.params);
  }
  if (f.queuedFor !== undefined) {
    const { rater, overlap } = f.queuedFor;
    if (!(Number.isInteger(overlap) && overlap >= 1)) throw new StoreInputError('queuedFor.overlap', 'must be a whole number of raters, 1 or more');
    where.push(`EXISTS (SELECT 1 FROM answers a WHERE a.question_id = ${qid} AND NOT EXISTS (
      SELECT 1 FROM ratings r WHERE r.answer_id = a.id AND r.rater_id = (SELECT id FROM raters WHERE name = CAST(? AS TEXT))${rk.sql})
      AND (SELECT count(DISTINCT r.rater_id) FROM ratings r WHERE r.answer_id = a.id${rk.sql}) < ?)`);
    params.push(utf8(rater), ...rk.params, ...rk.params, overlap);
  }
  if (f.flagged) where.push(`EXISTS (SELECT 1 FROM answers a JOIN answer_flags fl ON fl.answer_id = a.id WHERE a.question_id = ${qid})`);
  if (f.disagreementAtLeast !== undefined) {
    if (!(f.disagreementAtLeast >= 1)) throw new StoreInputError('disagreementAtLeast', 'must be 1 or more');
    where.push(`EXISTS (SELECT 1 FROM answers a CROSS JOIN ratings r ON r.answer_id = a.id
      WHERE a.question_id = ${qid} AND r.overall IS NOT NULL${rk.sql}
      GROUP BY a.id HAVING max(r.overall) - min(r.overall) >= ?)`);
    params.push(...rk.params, f.disagreementAtLeast);
  }
  // Conditions on answers hold for one and the same answer ("model-b's unclosed answers"), and are asked of
  // the answers table as a whole, where an index on the model or the state finds the few that match.
  const answer: string[] = [];
  if (f.model !== undefined) {
    answer.push('a.model = CAST(? AS TEXT)');
    params.push(utf8(f.model));
  }
  if (f.thinkState !== undefined) {
    if (!THINK_STATES.has(f.thinkState)) throw new StoreInputError('thinkState', 'must be complete, none or unclosed');
    answer.push('a.think_state = ?');
    params.push(f.thinkState);
  }
  if (f.finishReason !== undefined) {
    answer.push('a.finish_reason = CAST(? AS TEXT)');
    params.push(utf8(f.finishReason));
  }
  if (f.scoreBelow !== undefined) {
    const { scorer, path, below } = f.scoreBelow;
    if (!Number.isFinite(below)) throw new StoreInputError('scoreBelow.below', 'must be a number');
    answer.push(`EXISTS (SELECT 1 FROM answer_scores s WHERE s.answer_id = a.id AND s.scorer = CAST(? AS TEXT) AND (s.scores ->> CAST(? AS TEXT)) < ?)`);
    params.push(utf8(scorer), utf8(path), below);
  }
  if (answer.length) where.push(`${qid} IN (SELECT a.question_id FROM answers a WHERE ${answer.join(' AND ')})`);
  if (f.search !== undefined && f.search.trim() !== '') {
    // lower() folds ASCII only; medical text is searched mostly by Latin terms and ids.
    where.push(`(instr(lower(q.ext_id), lower(CAST(? AS TEXT))) > 0
      OR instr(lower((SELECT qt.text FROM question_texts qt WHERE qt.question_id = ${qid})), lower(CAST(? AS TEXT))) > 0)`);
    params.push(utf8(f.search.trim()), utf8(f.search.trim()));
  }
  const needsQuestion = setId === undefined || (f.search !== undefined && f.search.trim() !== '');
  return {
    from: setId === undefined ? 'questions q' : 'set_questions sq JOIN questions q ON q.id = sq.question_id',
    countFrom: needsQuestion ? (setId === undefined ? 'questions q' : 'set_questions sq JOIN questions q ON q.id = sq.question_id') : 'set_questions sq',
    where: where.length ? `WHERE ${where.join(' AND ')}` : '',
    params,
    order: setId === undefined ? 'q.id' : 'sq.ordinal',
  };
}
