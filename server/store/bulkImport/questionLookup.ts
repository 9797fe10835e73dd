import type { Connection } from '../sqlite/connection';
import { readNumber, readText } from '../sqlite/text';
import { textKey } from '../uids';
import type { SetMember } from './setMembers';

/**
 * Membership test written as EXISTS so SQLite looks the question up by its indexed text key first; as a join
 * it would walk every member of the set for each row (quadratic over an import).
 */
const BY_TEXT_KEY = `SELECT q.id AS id, q.uid AS uid FROM questions q WHERE q.text_key = ?
  AND EXISTS (SELECT 1 FROM set_questions sq WHERE sq.set_id = ? AND sq.question_id = q.id) LIMIT 1`;

/** The set's question with exactly this text (apart from surrounding whitespace), if any. */
export function questionByTextKey(c: Connection, setId: number, text: string): SetMember | undefined {
  const row = c.get(BY_TEXT_KEY, [textKey(text), setId]);
  return row ? { id: readNumber(row.id), uid: readText(row.uid) } : undefined;
}
