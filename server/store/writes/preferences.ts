import { randomUUID } from 'node:crypto';
import { StoreInputError } from '../errors';
import { appendEvent } from '../eventLog';
import { answerRowId, requireAnswer } from '../rows/ratingRows';
import { ensureRater, raterId as findRaterId } from '../rows/raterRows';
import type { Connection, Row } from '../sqlite/connection';
import { readNumber, readText, TEXT_PARAM, utf8 } from '../sqlite/text';
import type { Preference, PreferenceChoice, PreferenceInput } from '../types';
import type { UndoableEntity } from './undoableEntity';

const CHOICES: readonly PreferenceChoice[] = ['a', 'b', 'tie', 'both-bad'];

export const PREFERENCE_SELECT = `SELECT p.uid AS uid, CAST(rt.name AS BLOB) AS rater, q.uid AS question_uid,
    aa.uid AS answer_a, ab.uid AS answer_b, p.choice AS choice, p.blind AS blind, p.shown_first AS shown_first,
    CAST(p.comment AS BLOB) AS comment, p.revision AS revision, p.created_at AS created_at, p.updated_at AS updated_at
  FROM preferences p
  JOIN raters rt ON rt.id = p.rater_id
  JOIN answers aa ON aa.id = p.answer_a_id
  JOIN answers ab ON ab.id = p.answer_b_id
  JOIN questions q ON q.id = aa.question_id`;

export function preferenceFromRow(row: Row): Preference {
  return {
    uid: readText(row.uid),
    rater: readText(row.rater),
    questionUid: readText(row.question_uid),
    answerA: readText(row.answer_a),
    answerB: readText(row.answer_b),
    choice: readText(row.choice) as PreferenceChoice,
    blind: row.blind === 1,
    shownFirst: row.shown_first === null ? null : (readText(row.shown_first) as 'a' | 'b'),
    comment: readText(row.comment),
    revision: readNumber(row.revision),
    createdAt: readNumber(row.created_at),
    updatedAt: readNumber(row.updated_at),
  };
}

function flip<T extends string | null>(side: T): T {
  return (side === 'a' ? 'b' : side === 'b' ? 'a' : side) as T;
}

/** The pair in canonical order (smaller uid first) with choice and shown-first side turned to match. */
export function canonicalPreference(input: PreferenceInput): PreferenceInput {
  if (input.answerA < input.answerB) return input;
  const turned: PreferenceInput = { ...input, answerA: input.answerB, answerB: input.answerA, choice: flip(input.choice) };
  if (input.shownFirst) turned.shownFirst = flip(input.shownFirst);
  return turned;
}

export function preferenceKey(answerA: string, answerB: string): string {
  return `${answerA} ${answerB}`;
}

function findPreference(c: Connection, rater: number, a: number, b: number): Preference | null {
  const row = c.get(`${PREFERENCE_SELECT} WHERE p.rater_id = ? AND p.answer_a_id = ? AND p.answer_b_id = ? LIMIT 1`, [rater, a, b]);
  return row ? preferenceFromRow(row) : null;
}

function writePreference(c: Connection, raterId: number, p: Preference): void {
  c.run(
    `INSERT INTO preferences (uid, rater_id, answer_a_id, answer_b_id, choice, blind, shown_first, comment, revision, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ${TEXT_PARAM}, ?, ?, ?)
     ON CONFLICT (rater_id, answer_a_id, answer_b_id) DO UPDATE SET choice = excluded.choice, blind = excluded.blind,
       shown_first = excluded.shown_first, comment = excluded.comment, revision = excluded.revision, updated_at = excluded.updated_at`,
    [
      p.uid,
      raterId,
      requireAnswer(c, p.answerA),
      requireAnswer(c, p.answerB),
      p.choice,
      p.blind,
      p.shownFirst,
      utf8(p.comment),
      p.revision,
      p.createdAt,
      p.updatedAt,
    ],
  );
}

function checkPair(c: Connection, input: PreferenceInput): { a: number; b: number } {
  if (!CHOICES.includes(input.choice)) throw new StoreInputError('choice', `must be one of ${CHOICES.join(', ')}`);
  if (input.answerA === input.answerB) throw new StoreInputError('answerB', 'a preference compares two different answers');
  const a = requireAnswer(c, input.answerA);
  const b = requireAnswer(c, input.answerB);
  const sameQuestion = c.get('SELECT (SELECT question_id FROM answers WHERE id = ?) = (SELECT question_id FROM answers WHERE id = ?) AS same', [a, b]);
  if (sameQuestion?.same !== 1) throw new StoreInputError('answerB', 'both answers must belong to the same question');
  return { a, b };
}

export function savePreference(c: Connection, raw: PreferenceInput, now: number): Preference {
  const input = canonicalPreference(raw);
  const { a, b } = checkPair(c, input);
  const rater = ensureRater(c, input.rater, now);
  const before = findPreference(c, rater, a, b);
  const comment = input.comment ?? '';
  const shownFirst = input.shownFirst ?? null;
  if (before && before.choice === input.choice && before.blind === input.blind && before.shownFirst === shownFirst && before.comment === comment) {
    return before;
  }
  const next: Preference = {
    uid: before?.uid ?? randomUUID(),
    rater: input.rater,
    questionUid: '',
    answerA: input.answerA,
    answerB: input.answerB,
    choice: input.choice,
    blind: input.blind,
    shownFirst,
    comment,
    revision: (before?.revision ?? 0) + 1,
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
  };
  writePreference(c, rater, next);
  const after = findPreference(c, rater, a, b);
  appendEvent(c, { at: now, raterId: rater, kind: 'save', entity: 'preference', entityKey: preferenceKey(input.answerA, input.answerB), before, after, undoable: true });
  if (!after) throw new Error('internal: preference vanished inside its own transaction');
  return after;
}

export function deletePreference(c: Connection, rater: string, answerA: string, answerB: string, now: number): boolean {
  const [x, y] = answerA < answerB ? [answerA, answerB] : [answerB, answerA];
  const raterRow = findRaterId(c, rater);
  const a = answerRowId(c, x);
  const b = answerRowId(c, y);
  if (raterRow === undefined || a === undefined || b === undefined) return false;
  const before = findPreference(c, raterRow, a, b);
  if (!before) return false;
  c.run('DELETE FROM preferences WHERE rater_id = ? AND answer_a_id = ? AND answer_b_id = ?', [raterRow, a, b]);
  appendEvent(c, { at: now, raterId: raterRow, kind: 'delete', entity: 'preference', entityKey: preferenceKey(x, y), before, after: null, undoable: true });
  return true;
}

/** Writes a preference exactly as given (merge), under its own uid and revision. */
export function putPreference(c: Connection, raterId: number, p: Preference): void {
  writePreference(c, raterId, p);
}

export const preferenceEntity: UndoableEntity<Preference> = {
  entity: 'preference',
  read(c, raterId, key) {
    const [x = '', y = ''] = key.split(' ');
    const a = answerRowId(c, x);
    const b = answerRowId(c, y);
    return a === undefined || b === undefined ? null : findPreference(c, raterId, a, b);
  },
  restore(c, raterId, key, snapshot, now) {
    const current = this.read(c, raterId, key);
    const [x = '', y = ''] = key.split(' ');
    if (!snapshot) {
      c.run('DELETE FROM preferences WHERE rater_id = ? AND answer_a_id = ? AND answer_b_id = ?', [raterId, requireAnswer(c, x), requireAnswer(c, y)]);
      return null;
    }
    const revision = Math.max(current?.revision ?? 0, snapshot.revision) + 1;
    writePreference(c, raterId, { ...snapshot, uid: current?.uid ?? snapshot.uid, revision, updatedAt: now });
    return this.read(c, raterId, key);
  },
};
