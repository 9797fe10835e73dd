import type { Connection } from '../sqlite/connection';
import { readText } from '../sqlite/text';

/** [dataset id, uid] of every question in the set, in the set's order. */
export function storedQuestionUids(c: Connection, set: string): [string, string][] {
  const rows = c.all(
    `SELECT CAST(q.ext_id AS BLOB) AS ext_id, q.uid AS uid FROM set_questions sq JOIN questions q ON q.id = sq.question_id
     JOIN question_sets s ON s.id = sq.set_id WHERE s.name = CAST(? AS TEXT) ORDER BY sq.ordinal`,
    [Buffer.from(set, 'utf8')],
  );
  return rows.map((r) => [readText(r.ext_id), readText(r.uid)]);
}
