import type { GenerationParams } from '../../dataset/model';
import type { ThinkState } from '../../think/types';
import type { Row, SqlParam } from '../sqlite/connection';
import { readNumber, readText, utf8 } from '../sqlite/text';
import type { Transactions } from '../transactions';
import type { AxisValue, RatingRecord } from '../types';

export interface RatingStreamFilter {
  set?: string;
  rubricKey?: string;
  rater?: string;
  /** Rows per read transaction: each chunk holds the lock only briefly, so other windows keep saving. */
  chunkSize?: number;
}

/**
 * One JSON array per rating, built by SQLite: the binding's per-column calls cost more than the whole join,
 * so a single column per row reads 300,000 ratings much faster. JSON escapes NUL, so content survives.
 */
const RECORD_SELECT = `SELECT r.id AS rowid_, json_array(r.uid, rt.name, a.uid, q.uid, r.rubric_key, rv.version, rv.hash,
    json(r.axis_values), r.overall, r.comment, r.blind, r.shown_position, r.revision, r.created_at, r.updated_at,
    q.ext_id, a.model, a.think_state, a.finish_reason, json(a.params), a.origin, a.endpoint, a.model_id, a.template_hash) AS j
  FROM ratings r
  JOIN raters rt ON rt.id = r.rater_id
  JOIN answers a ON a.id = r.answer_id
  JOIN questions q ON q.id = a.question_id
  JOIN rubric_versions rv ON rv.id = r.rubric_version_id`;

type RecordTuple = [
  string, string, string, string, string, string, string,
  Record<string, AxisValue>, number | null, string, number, number | null, number, number, number,
  string, string, ThinkState, string | null, GenerationParams | null, RatingRecord['origin'], string | null, string | null, string | null,
];

function recordFromRow(row: Row): RatingRecord {
  const [uid, rater, answerUid, questionUid, rubricKey, rubricVersion, rubricHash, values, overall, comment, blind, shownPosition,
    revision, createdAt, updatedAt, questionId, model, thinkState, finishReason, params, origin, endpoint, modelId, templateHash] =
    JSON.parse(readText(row.j)) as RecordTuple;
  const record: RatingRecord = {
    uid, rater, answerUid, questionUid, rubricKey, rubricVersion, rubricHash, values, overall, comment,
    blind: blind === 1, shownPosition, revision, createdAt, updatedAt, questionId, model, thinkState, origin,
  };
  if (finishReason !== null) record.finishReason = finishReason;
  if (params !== null) record.params = params;
  if (endpoint !== null) record.endpoint = endpoint;
  if (modelId !== null) record.modelId = modelId;
  if (templateHash !== null) record.templateHash = templateHash;
  return record;
}

/**
 * Every rating with its answer's model and generation details, in rating order, read in chunks of short
 * transactions by keyset (never OFFSET), so memory stays flat and the lock is never held for the whole export.
 */
export async function* streamRatings(tx: Transactions, f: RatingStreamFilter = {}): AsyncGenerator<RatingRecord> {
  const where: string[] = ['r.id > ?'];
  const params: SqlParam[] = [];
  if (f.set !== undefined) {
    where.push('a.question_id IN (SELECT sq.question_id FROM set_questions sq JOIN question_sets s ON s.id = sq.set_id WHERE s.name = CAST(? AS TEXT))');
    params.push(utf8(f.set));
  }
  if (f.rubricKey !== undefined) {
    where.push('r.rubric_key = CAST(? AS TEXT)');
    params.push(utf8(f.rubricKey));
  }
  if (f.rater !== undefined) {
    where.push('rt.name = CAST(? AS TEXT)');
    params.push(utf8(f.rater));
  }
  const sql = `${RECORD_SELECT} WHERE ${where.join(' AND ')} ORDER BY r.id LIMIT ?`;
  const chunk = Math.max(1, f.chunkSize ?? 5_000);
  let after = 0;
  for (;;) {
    const rows = await tx.run((c) => c.all(sql, [after, ...params, chunk]));
    for (const row of rows) yield recordFromRow(row);
    const last = rows[rows.length - 1];
    if (!last || rows.length < chunk) return;
    after = readNumber(last.rowid_);
  }
}
