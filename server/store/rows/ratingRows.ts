import { StoreNotFoundError } from '../errors';
import type { Connection, Row } from '../sqlite/connection';
import { readNumber, readOptionalNumber, readText } from '../sqlite/text';
import type { AxisValue, Rating } from '../types';

export const RATING_SELECT = `SELECT r.uid AS uid, CAST(rt.name AS BLOB) AS rater, a.uid AS answer_uid, q.uid AS question_uid,
    CAST(r.rubric_key AS BLOB) AS rubric_key, CAST(rv.version AS BLOB) AS rubric_version, rv.hash AS rubric_hash,
    r.axis_values AS axis_values, r.overall AS overall, CAST(r.comment AS BLOB) AS comment, r.blind AS blind,
    r.shown_position AS shown_position, r.revision AS revision, r.created_at AS created_at, r.updated_at AS updated_at
  FROM ratings r
  JOIN raters rt ON rt.id = r.rater_id
  JOIN answers a ON a.id = r.answer_id
  JOIN questions q ON q.id = a.question_id
  JOIN rubric_versions rv ON rv.id = r.rubric_version_id`;

export function ratingFromRow(row: Row): Rating {
  return {
    uid: readText(row.uid),
    rater: readText(row.rater),
    answerUid: readText(row.answer_uid),
    questionUid: readText(row.question_uid),
    rubricKey: readText(row.rubric_key),
    rubricVersion: readText(row.rubric_version),
    rubricHash: readText(row.rubric_hash),
    values: JSON.parse(readText(row.axis_values)) as Record<string, AxisValue>,
    overall: readOptionalNumber(row.overall) ?? null,
    comment: readText(row.comment),
    blind: row.blind === 1,
    shownPosition: readOptionalNumber(row.shown_position) ?? null,
    revision: readNumber(row.revision),
    createdAt: readNumber(row.created_at),
    updatedAt: readNumber(row.updated_at),
  };
}

export function findRating(c: Connection, rater: number, answer: number, rubricKey: string): Rating | null {
  const row = c.get(`${RATING_SELECT} WHERE r.rater_id = ? AND r.answer_id = ? AND r.rubric_key = CAST(? AS TEXT) LIMIT 1`, [
    rater,
    answer,
    Buffer.from(rubricKey, 'utf8'),
  ]);
  return row ? ratingFromRow(row) : null;
}

export function answerRowId(c: Connection, uid: string): number | undefined {
  const row = c.get('SELECT id FROM answers WHERE uid = ?', [uid]);
  return row ? readNumber(row.id) : undefined;
}

export function requireAnswer(c: Connection, uid: string): number {
  const id = answerRowId(c, uid);
  if (id === undefined) throw new StoreNotFoundError('answer', uid);
  return id;
}
