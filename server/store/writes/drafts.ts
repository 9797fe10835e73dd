import { StoreInputError } from '../errors';
import { requireAnswer } from '../rows/ratingRows';
import { ensureRater } from '../rows/raterRows';
import type { Connection, Row } from '../sqlite/connection';
import { readNumber, readText, TEXT_PARAM, utf8 } from '../sqlite/text';
import type { Draft } from '../types';

/** A form is small; a megabyte means something other than a rating form is being stored. */
const MAX_FORM_BYTES = 1_000_000;

export const DRAFT_SELECT = `SELECT CAST(rt.name AS BLOB) AS rater, a.uid AS answer_uid, CAST(d.rubric_key AS BLOB) AS rubric_key,
    CAST(d.form AS BLOB) AS form, d.updated_at AS updated_at
  FROM drafts d JOIN raters rt ON rt.id = d.rater_id JOIN answers a ON a.id = d.answer_id`;

export function draftFromRow(row: Row): Draft {
  return {
    rater: readText(row.rater),
    answerUid: readText(row.answer_uid),
    rubricKey: readText(row.rubric_key),
    form: JSON.parse(readText(row.form)) as unknown,
    updatedAt: readNumber(row.updated_at),
  };
}

/** Keeps a half-filled form. Drafts are working state, not changes: they are not in the event log. */
export function saveDraft(c: Connection, d: Omit<Draft, 'updatedAt'>, now: number): Draft {
  const form = JSON.stringify(d.form);
  if (form === undefined) throw new StoreInputError('form', 'must be a JSON value');
  if (form.length > MAX_FORM_BYTES) throw new StoreInputError('form', 'is larger than 1 MB');
  const answer = requireAnswer(c, d.answerUid);
  const rater = ensureRater(c, d.rater, now);
  c.run(
    `INSERT INTO drafts (rater_id, answer_id, rubric_key, form, updated_at) VALUES (?, ?, ${TEXT_PARAM}, ?, ?)
     ON CONFLICT (rater_id, answer_id, rubric_key) DO UPDATE SET form = excluded.form, updated_at = excluded.updated_at`,
    [rater, answer, utf8(d.rubricKey), form, now],
  );
  return { ...d, form: JSON.parse(form) as unknown, updatedAt: now };
}

export function deleteDraft(c: Connection, rater: string, answerUid: string, rubricKey: string): boolean {
  return (
    c.run(
      `DELETE FROM drafts WHERE rater_id = (SELECT id FROM raters WHERE name = ${TEXT_PARAM})
         AND answer_id = (SELECT id FROM answers WHERE uid = ?) AND rubric_key = ${TEXT_PARAM}`,
      [utf8(rater), answerUid, utf8(rubricKey)],
    ).changes > 0
  );
}
