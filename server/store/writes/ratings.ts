import { randomUUID } from 'node:crypto';
import { StoreConflictError, StoreInputError } from '../errors';
import { appendEvent } from '../eventLog';
import { answerRowId, findRating, requireAnswer } from '../rows/ratingRows';
import { ensureRater, raterId as findRaterId } from '../rows/raterRows';
import { requireRubric } from '../rows/rubricRows';
import type { Connection } from '../sqlite/connection';
import { TEXT_PARAM, utf8 } from '../sqlite/text';
import type { AxisValue, Rating, RatingInput } from '../types';
import type { UndoableEntity } from './undoableEntity';

const MAX_COMMENT = 100_000;

/** Event key of a rating: the answer's uid (hex, no spaces) and the rubric key. */
export function ratingKey(answerUid: string, rubricKey: string): string {
  return `${answerUid} ${rubricKey}`;
}

function splitKey(key: string): { answerUid: string; rubricKey: string } {
  const at = key.indexOf(' ');
  return { answerUid: key.slice(0, at), rubricKey: key.slice(at + 1) };
}

export function checkRatingInput(input: RatingInput): void {
  for (const [axis, value] of Object.entries(input.values)) {
    if (axis === '' || axis.length > 200) throw new StoreInputError('values', `axis id '${axis.slice(0, 40)}' is empty or too long`);
    if (!isAxisValue(value)) throw new StoreInputError(`values.${axis}`, 'must be a number, text, true/false or null');
  }
  if (input.overall !== null && !(Number.isInteger(input.overall) && input.overall >= 1 && input.overall <= 5)) {
    throw new StoreInputError('overall', `must be a whole number from 1 to 5, got ${String(input.overall)}`);
  }
  const pos = input.shownPosition;
  if (pos !== undefined && pos !== null && !(Number.isInteger(pos) && pos >= 0)) {
    throw new StoreInputError('shownPosition', `must be a position from 0, got ${String(pos)}`);
  }
  if ((input.comment ?? '').length > MAX_COMMENT) throw new StoreInputError('comment', `longer than ${MAX_COMMENT} characters`);
}

function isAxisValue(v: unknown): v is AxisValue {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

interface RatingWrite {
  uid: string;
  raterId: number;
  answerId: number;
  rubricKey: string;
  rubricVersionId: number;
  values: Record<string, AxisValue>;
  overall: number | null;
  comment: string;
  blind: boolean;
  shownPosition: number | null;
  revision: number;
  createdAt: number;
  updatedAt: number;
}

function writeRating(c: Connection, w: RatingWrite): void {
  c.run(
    `INSERT INTO ratings (uid, rater_id, answer_id, rubric_key, rubric_version_id, axis_values, overall, comment,
       blind, shown_position, revision, created_at, updated_at)
     VALUES (?, ?, ?, ${TEXT_PARAM}, ?, ?, ?, ${TEXT_PARAM}, ?, ?, ?, ?, ?)
     ON CONFLICT (rater_id, answer_id, rubric_key) DO UPDATE SET
       rubric_version_id = excluded.rubric_version_id, axis_values = excluded.axis_values, overall = excluded.overall,
       comment = excluded.comment, blind = excluded.blind, shown_position = excluded.shown_position,
       revision = excluded.revision, updated_at = excluded.updated_at`,
    [
      w.uid,
      w.raterId,
      w.answerId,
      utf8(w.rubricKey),
      w.rubricVersionId,
      JSON.stringify(w.values),
      w.overall,
      utf8(w.comment),
      w.blind,
      w.shownPosition,
      w.revision,
      w.createdAt,
      w.updatedAt,
    ],
  );
}

function deleteDraft(c: Connection, rater: number, answer: number, rubricKey: string): void {
  c.run(`DELETE FROM drafts WHERE rater_id = ? AND answer_id = ? AND rubric_key = ${TEXT_PARAM}`, [rater, answer, utf8(rubricKey)]);
}

function sameContent(r: Rating, input: RatingInput): boolean {
  return (
    r.rubricHash === input.rubricHash &&
    JSON.stringify(r.values) === JSON.stringify(input.values) &&
    r.overall === input.overall &&
    r.comment === (input.comment ?? '') &&
    r.blind === input.blind &&
    r.shownPosition === (input.shownPosition ?? null)
  );
}

/** Creates or updates this rater's rating of an answer under a rubric, deletes the draft, logs the change. */
export function saveRating(c: Connection, input: RatingInput, now: number): Rating {
  checkRatingInput(input);
  const rater = ensureRater(c, input.rater, now);
  const answer = requireAnswer(c, input.answerUid);
  const rubric = requireRubric(c, input.rubricHash);
  const before = findRating(c, rater, answer, rubric.key);
  if (input.expectedRevision !== undefined && (before?.revision ?? 0) !== input.expectedRevision) {
    throw new StoreConflictError(
      `the rating was changed elsewhere (revision ${before?.revision ?? 0}, expected ${input.expectedRevision}); reload it before saving`,
    );
  }
  deleteDraft(c, rater, answer, rubric.key);
  if (before && sameContent(before, input)) return before;
  writeRating(c, {
    uid: before?.uid ?? randomUUID(),
    raterId: rater,
    answerId: answer,
    rubricKey: rubric.key,
    rubricVersionId: rubric.id,
    values: input.values,
    overall: input.overall,
    comment: input.comment ?? '',
    blind: input.blind,
    shownPosition: input.shownPosition ?? null,
    revision: (before?.revision ?? 0) + 1,
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
  });
  const after = mustFind(c, rater, answer, rubric.key);
  appendEvent(c, { at: now, raterId: rater, kind: 'save', entity: 'rating', entityKey: ratingKey(input.answerUid, rubric.key), before, after, undoable: true });
  return after;
}

/** Removes this rater's rating; returns whether there was one. */
export function deleteRating(c: Connection, rater: string, answerUid: string, rubricKey: string, now: number): boolean {
  const raterRow = findRaterId(c, rater);
  const answer = answerRowId(c, answerUid);
  if (raterRow === undefined || answer === undefined) return false;
  const before = findRating(c, raterRow, answer, rubricKey);
  if (!before) return false;
  c.run(`DELETE FROM ratings WHERE rater_id = ? AND answer_id = ? AND rubric_key = ${TEXT_PARAM}`, [raterRow, answer, utf8(rubricKey)]);
  appendEvent(c, { at: now, raterId: raterRow, kind: 'delete', entity: 'rating', entityKey: ratingKey(answerUid, rubricKey), before, after: null, undoable: true });
  return true;
}

function mustFind(c: Connection, rater: number, answer: number, rubricKey: string): Rating {
  const r = findRating(c, rater, answer, rubricKey);
  if (!r) throw new Error('internal: rating vanished inside its own transaction');
  return r;
}

/** Writes a rating exactly as given (merge and undo), under its own uid and revision. */
export function putRating(c: Connection, raterId: number, r: Rating): void {
  writeRating(c, {
    uid: r.uid,
    raterId,
    answerId: requireAnswer(c, r.answerUid),
    rubricKey: r.rubricKey,
    rubricVersionId: requireRubric(c, r.rubricHash).id,
    values: r.values,
    overall: r.overall,
    comment: r.comment,
    blind: r.blind,
    shownPosition: r.shownPosition,
    revision: r.revision,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  });
}

export const ratingEntity: UndoableEntity<Rating> = {
  entity: 'rating',
  read(c, raterId, key) {
    const { answerUid, rubricKey } = splitKey(key);
    const answer = answerRowId(c, answerUid);
    return answer === undefined ? null : findRating(c, raterId, answer, rubricKey);
  },
  restore(c, raterId, key, snapshot, now) {
    const { answerUid, rubricKey } = splitKey(key);
    const current = this.read(c, raterId, key);
    if (!snapshot) {
      c.run(`DELETE FROM ratings WHERE rater_id = ? AND answer_id = ? AND rubric_key = ${TEXT_PARAM}`, [
        raterId,
        requireAnswer(c, answerUid),
        utf8(rubricKey),
      ]);
      return null;
    }
    const revision = Math.max(current?.revision ?? 0, snapshot.revision) + 1;
    putRating(c, raterId, { ...snapshot, uid: current?.uid ?? snapshot.uid, revision, updatedAt: now });
    return this.read(c, raterId, key);
  },
};
