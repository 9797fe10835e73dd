import type { Connection } from '../sqlite/connection';
import { readNumber, readText } from '../sqlite/text';

/** Every model that has an answer in the database, for the panel's model filter and blind masking. */
export function listModels(c: Connection): string[] {
  return c.all('SELECT DISTINCT CAST(model AS BLOB) AS model FROM answers ORDER BY model').map((r) => readText(r.model));
}

/** How many questions and answers the database holds. */
export function countRows(c: Connection): { questions: number; answers: number } {
  const row = c.all('SELECT (SELECT count(*) FROM questions) AS q, (SELECT count(*) FROM answers) AS a')[0];
  return { questions: readNumber(row?.q), answers: readNumber(row?.a) };
}

/**
 * The first question read from a file, or else the first question an answers file answers: what "Open in
 * MedReview" on that file shows. Undefined when the file gave nothing.
 */
export function firstQuestionOfFile(c: Connection, path: string): string | undefined {
  const rows = c.all(
    `SELECT q.uid AS uid FROM questions q JOIN source_files f ON f.id = q.source_file_id WHERE f.path = CAST(? AS TEXT)
     UNION ALL
     SELECT q.uid FROM answers a JOIN questions q ON q.id = a.question_id JOIN source_files f ON f.id = a.source_file_id WHERE f.path = CAST(? AS TEXT)
     LIMIT 1`,
    [Buffer.from(path, 'utf8'), Buffer.from(path, 'utf8')],
  );
  return rows[0] ? readText(rows[0].uid) : undefined;
}

/** The question an answer belongs to. */
export function questionOfAnswer(c: Connection, answerUid: string): string | undefined {
  const rows = c.all('SELECT q.uid AS uid FROM answers a JOIN questions q ON q.id = a.question_id WHERE a.uid = ?', [answerUid]);
  return rows[0] ? readText(rows[0].uid) : undefined;
}
