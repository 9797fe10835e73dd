import { appendEvent } from '../eventLog';
import { answerRowId, requireAnswer } from '../rows/ratingRows';
import { ensureRater } from '../rows/raterRows';
import type { Connection, Row } from '../sqlite/connection';
import { readNumber, readText, TEXT_PARAM, utf8 } from '../sqlite/text';
import type { AnswerFlag } from '../types';
import type { UndoableEntity } from './undoableEntity';

export const FLAG_SELECT = `SELECT CAST(rt.name AS BLOB) AS rater, a.uid AS answer_uid, CAST(f.note AS BLOB) AS note, f.created_at AS created_at
  FROM answer_flags f JOIN raters rt ON rt.id = f.rater_id JOIN answers a ON a.id = f.answer_id`;

export function flagFromRow(row: Row): AnswerFlag {
  return { rater: readText(row.rater), answerUid: readText(row.answer_uid), note: readText(row.note), createdAt: readNumber(row.created_at) };
}

function findFlag(c: Connection, rater: number, answer: number): AnswerFlag | null {
  const row = c.get(`${FLAG_SELECT} WHERE f.rater_id = ? AND f.answer_id = ? LIMIT 1`, [rater, answer]);
  return row ? flagFromRow(row) : null;
}

function put(c: Connection, rater: number, answer: number, note: string, createdAt: number): void {
  c.run(
    `INSERT INTO answer_flags (rater_id, answer_id, note, created_at) VALUES (?, ?, ${TEXT_PARAM}, ?)
     ON CONFLICT (rater_id, answer_id) DO UPDATE SET note = excluded.note`,
    [rater, answer, utf8(note), createdAt],
  );
}

/** Flags (note given) or unflags (note null) an answer for this rater; logs the change when there is one. */
export function setFlag(c: Connection, raterName: string, answerUid: string, note: string | null, now: number): AnswerFlag | null {
  const answer = requireAnswer(c, answerUid);
  const rater = ensureRater(c, raterName, now);
  const before = findFlag(c, rater, answer);
  if (note === null) {
    if (!before) return null;
    c.run('DELETE FROM answer_flags WHERE rater_id = ? AND answer_id = ?', [rater, answer]);
  } else {
    if (before?.note === note) return before;
    put(c, rater, answer, note, before?.createdAt ?? now);
  }
  const after = findFlag(c, rater, answer);
  appendEvent(c, { at: now, raterId: rater, kind: note === null ? 'delete' : 'save', entity: 'flag', entityKey: answerUid, before, after, undoable: true });
  return after;
}

export const flagEntity: UndoableEntity<AnswerFlag> = {
  entity: 'flag',
  read(c, raterId, key) {
    const answer = answerRowId(c, key);
    return answer === undefined ? null : findFlag(c, raterId, answer);
  },
  restore(c, raterId, key, snapshot) {
    const answer = requireAnswer(c, key);
    if (!snapshot) c.run('DELETE FROM answer_flags WHERE rater_id = ? AND answer_id = ?', [raterId, answer]);
    else put(c, raterId, answer, snapshot.note, snapshot.createdAt);
    return findFlag(c, raterId, answer);
  },
};
