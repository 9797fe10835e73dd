import { setId as findSetId } from '../rows/setRows';
import type { Connection, Row, SqlParam } from '../sqlite/connection';
import { readNumber, readText, utf8 } from '../sqlite/text';
import type { QuestionListParams, QuestionListResult, QuestionListRow } from '../types';
import { buildQuestionFilter, rubricCondition } from './questionFilter';

const TITLE_LENGTH = 160;
const MAX_PAGE = 1_000;

function title(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > TITLE_LENGTH ? flat.slice(0, TITLE_LENGTH - 1) + '…' : flat;
}

/** One page of the panel's question list, with this rater's progress on each row. */
export function listQuestions(c: Connection, p: QuestionListParams): QuestionListResult {
  const set = p.set === undefined ? undefined : findSetId(c, p.set);
  if (p.set !== undefined && set === undefined) return { rows: [], total: 0 };
  const f = buildQuestionFilter(p, set);
  const totalRow = c.get(`SELECT count(*) AS n FROM ${f.countFrom} ${f.where}`, f.params);
  const rk = rubricCondition('r', p.rubricKey);
  const rater: SqlParam = p.rater === undefined ? null : utf8(p.rater);
  const limit = Math.min(Math.max(p.limit ?? 100, 0), MAX_PAGE);
  const rows = c.all(
    `SELECT q.uid AS uid, CAST(q.ext_id AS BLOB) AS ext_id, q.kind AS kind,
       (SELECT CAST(substr(qt.text, 1, 400) AS BLOB) FROM question_texts qt WHERE qt.question_id = q.id) AS head,
       q.has_reference AS has_reference,
       (SELECT count(*) FROM answers a WHERE a.question_id = q.id) AS answer_count,
       (SELECT count(DISTINCT r.answer_id) FROM answers a CROSS JOIN ratings r ON r.answer_id = a.id
          WHERE a.question_id = q.id AND r.rater_id = (SELECT id FROM raters WHERE name = CAST(? AS TEXT))${rk.sql}) AS graded,
       (SELECT count(*) FROM (SELECT r.rater_id FROM answers a CROSS JOIN ratings r ON r.answer_id = a.id
          WHERE a.question_id = q.id${rk.sql} GROUP BY r.rater_id
          HAVING count(DISTINCT r.answer_id) = (SELECT count(*) FROM answers a2 WHERE a2.question_id = q.id))) AS raters_complete,
       EXISTS (SELECT 1 FROM answers a JOIN answer_flags fl ON fl.answer_id = a.id WHERE a.question_id = q.id) AS flagged
     FROM ${f.from} ${f.where} ORDER BY ${f.order} LIMIT ? OFFSET ?`,
    [rater, ...rk.params, ...rk.params, ...f.params, limit, Math.max(p.offset ?? 0, 0)],
  );
  return { rows: rows.map(toRow), total: totalRow ? readNumber(totalRow.n) : 0 };
}

function toRow(row: Row): QuestionListRow {
  return {
    uid: readText(row.uid),
    id: readText(row.ext_id),
    title: title(readText(row.head)),
    kind: readText(row.kind) as QuestionListRow['kind'],
    answerCount: readNumber(row.answer_count),
    gradedByRater: readNumber(row.graded),
    ratersComplete: readNumber(row.raters_complete),
    flagged: row.flagged === 1,
    hasReference: row.has_reference === 1,
  };
}
