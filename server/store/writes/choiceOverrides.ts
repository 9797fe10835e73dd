import { StoreInputError } from '../errors';
import { appendEvent } from '../eventLog';
import { answerRowId, requireAnswer } from '../rows/ratingRows';
import { ensureRater } from '../rows/raterRows';
import type { Connection, Row } from '../sqlite/connection';
import { readNumber, readOptionalText, readText, TEXT_PARAM, utf8, utf8OrNull } from '../sqlite/text';
import type { ChoiceOverride, ChoiceOverrideInput } from '../types';
import type { UndoableEntity } from './undoableEntity';

export const OVERRIDE_SELECT = `SELECT CAST(rt.name AS BLOB) AS rater, a.uid AS answer_uid, CAST(o.extracted AS BLOB) AS extracted,
    CAST(o.corrected AS BLOB) AS corrected, CAST(o.note AS BLOB) AS note, o.created_at AS created_at, o.updated_at AS updated_at
  FROM choice_overrides o JOIN raters rt ON rt.id = o.rater_id JOIN answers a ON a.id = o.answer_id`;

export function overrideFromRow(row: Row): ChoiceOverride {
  return {
    rater: readText(row.rater),
    answerUid: readText(row.answer_uid),
    extracted: readOptionalText(row.extracted) ?? null,
    corrected: readText(row.corrected),
    note: readText(row.note),
    createdAt: readNumber(row.created_at),
    updatedAt: readNumber(row.updated_at),
  };
}

function findOverride(c: Connection, rater: number, answer: number): ChoiceOverride | null {
  const row = c.get(`${OVERRIDE_SELECT} WHERE o.rater_id = ? AND o.answer_id = ? LIMIT 1`, [rater, answer]);
  return row ? overrideFromRow(row) : null;
}

function put(c: Connection, rater: number, answer: number, o: ChoiceOverride): void {
  c.run(
    `INSERT INTO choice_overrides (rater_id, answer_id, extracted, corrected, note, created_at, updated_at)
     VALUES (?, ?, ${TEXT_PARAM}, ${TEXT_PARAM}, ${TEXT_PARAM}, ?, ?)
     ON CONFLICT (rater_id, answer_id) DO UPDATE SET extracted = excluded.extracted, corrected = excluded.corrected,
       note = excluded.note, updated_at = excluded.updated_at`,
    [rater, answer, utf8OrNull(o.extracted), utf8(o.corrected), utf8(o.note), o.createdAt, o.updatedAt],
  );
}

export function setChoiceOverride(c: Connection, input: ChoiceOverrideInput, now: number): ChoiceOverride {
  if (input.corrected.trim() === '' || input.corrected.length > 100) {
    throw new StoreInputError('corrected', 'expected an option letter or a yes/no/maybe label');
  }
  const answer = requireAnswer(c, input.answerUid);
  const rater = ensureRater(c, input.rater, now);
  const before = findOverride(c, rater, answer);
  const note = input.note ?? '';
  if (before && before.extracted === input.extracted && before.corrected === input.corrected && before.note === note) return before;
  put(c, rater, answer, { ...input, note, createdAt: before?.createdAt ?? now, updatedAt: now });
  const after = findOverride(c, rater, answer);
  appendEvent(c, { at: now, raterId: rater, kind: 'save', entity: 'choice-override', entityKey: input.answerUid, before, after, undoable: true });
  if (!after) throw new Error('internal: override vanished inside its own transaction');
  return after;
}

export function clearChoiceOverride(c: Connection, raterName: string, answerUid: string, now: number): boolean {
  const answer = requireAnswer(c, answerUid);
  const rater = ensureRater(c, raterName, now);
  const before = findOverride(c, rater, answer);
  if (!before) return false;
  c.run('DELETE FROM choice_overrides WHERE rater_id = ? AND answer_id = ?', [rater, answer]);
  appendEvent(c, { at: now, raterId: rater, kind: 'delete', entity: 'choice-override', entityKey: answerUid, before, after: null, undoable: true });
  return true;
}

/** Writes an override exactly as given (merge). */
export function putChoiceOverride(c: Connection, raterId: number, o: ChoiceOverride): void {
  put(c, raterId, requireAnswer(c, o.answerUid), o);
}

export const overrideEntity: UndoableEntity<ChoiceOverride> = {
  entity: 'choice-override',
  read(c, raterId, key) {
    const answer = answerRowId(c, key);
    return answer === undefined ? null : findOverride(c, raterId, answer);
  },
  restore(c, raterId, key, snapshot, now) {
    const answer = requireAnswer(c, key);
    if (!snapshot) c.run('DELETE FROM choice_overrides WHERE rater_id = ? AND answer_id = ?', [raterId, answer]);
    else put(c, raterId, answer, { ...snapshot, updatedAt: now });
    return findOverride(c, raterId, answer);
  },
};
