import type { Connection } from '../sqlite/connection';
import { readNumber, readOptionalText, readText } from '../sqlite/text';
import type { QuestionSetInfo } from '../types';

export function listQuestionSets(c: Connection): QuestionSetInfo[] {
  return c.all('SELECT id, CAST(name AS BLOB) AS name, created_at, (SELECT count(*) FROM set_questions WHERE set_id = s.id) AS n FROM question_sets s ORDER BY name').map((s) => ({
    name: readText(s.name),
    questionCount: readNumber(s.n),
    createdAt: readNumber(s.created_at),
    files: c
      .all(
        `SELECT CAST(f.path AS BLOB) AS path, ss.format, ss.imported_at, ss.taken, ss.rejected
         FROM set_sources ss JOIN source_files f ON f.id = ss.file_id WHERE ss.set_id = ? ORDER BY ss.imported_at`,
        [readNumber(s.id)],
      )
      .map((f) => {
        const file: QuestionSetInfo['files'][number] = {
          file: readText(f.path),
          importedAt: readNumber(f.imported_at),
          taken: readNumber(f.taken),
          rejected: readNumber(f.rejected),
        };
        const format = readOptionalText(f.format);
        if (format !== undefined) file.format = format;
        return file;
      }),
  }));
}

export interface QuestionKeys {
  ids: string[];
  /** [text key, dataset id] of each question (text key as `textKey` in uids.ts computes it). */
  textKeys: [string, string][];
}

export function questionKeys(c: Connection, set: string): QuestionKeys {
  const rows = c.all(
    `SELECT CAST(q.ext_id AS BLOB) AS ext_id, q.text_key AS text_key FROM set_questions sq JOIN questions q ON q.id = sq.question_id
     JOIN question_sets s ON s.id = sq.set_id WHERE s.name = CAST(? AS TEXT) ORDER BY sq.ordinal`,
    [Buffer.from(set, 'utf8')],
  );
  return { ids: rows.map((r) => readText(r.ext_id)), textKeys: rows.map((r) => [readText(r.text_key), readText(r.ext_id)]) };
}
