import type { Question, QuestionKind, ReferenceAnswer } from '../../dataset/model';
import type { Connection, Row } from '../sqlite/connection';
import { readJson, readNumber, readOptionalText, readText, TEXT_PARAM, utf8, utf8OrNull } from '../sqlite/text';
import type { StoredQuestion } from '../types';
import { questionUid, textKey } from '../uids';
import { jsonOrNull } from './answerInsert';

export const QUESTION_COLUMNS = `q.id AS id, q.uid AS uid, CAST(q.ext_id AS BLOB) AS ext_id, q.kind AS kind,
  CAST(qt.text AS BLOB) AS text, CAST(qt.options AS BLOB) AS options, CAST(qt.context AS BLOB) AS context,
  CAST(qr.answer AS BLOB) AS reference_answer, CAST(qr.reasoning AS BLOB) AS reference_reasoning,
  CAST(qr.label AS BLOB) AS reference_label, CAST(f.path AS BLOB) AS source_path, q.source_line AS source_line`;

/** The joins `QUESTION_COLUMNS` needs, after `FROM questions q`. */
export const QUESTION_JOINS = `JOIN question_texts qt ON qt.question_id = q.id
  LEFT JOIN question_references qr ON qr.question_id = q.id
  LEFT JOIN source_files f ON f.id = q.source_file_id`;

export function questionFromRow(row: Row): StoredQuestion {
  const q: StoredQuestion = {
    uid: readText(row.uid),
    id: readText(row.ext_id),
    text: readText(row.text),
    kind: readText(row.kind) as QuestionKind,
    source: { file: readOptionalText(row.source_path) ?? '', line: row.source_line === null ? 0 : readNumber(row.source_line) },
  };
  const options = readJson<Record<string, string>>(row.options);
  const context = readJson<string[]>(row.context);
  const answer = readOptionalText(row.reference_answer);
  if (options) q.options = options;
  if (context) q.context = context;
  if (answer !== undefined) {
    const reference: ReferenceAnswer = { answer };
    const reasoning = readOptionalText(row.reference_reasoning);
    const label = readOptionalText(row.reference_label);
    if (reasoning !== undefined) reference.reasoning = reasoning;
    if (label !== undefined) reference.label = label;
    q.reference = reference;
  }
  return q;
}

/** Every text is bound as UTF-8 bytes, so the import worker's encoded rows bind the same statement. */
export const INSERT_QUESTION = `INSERT INTO questions (uid, ext_id, kind, text_key, has_reference, source_file_id, source_line, created_at)
  VALUES (${TEXT_PARAM}, ${TEXT_PARAM}, ${TEXT_PARAM}, ${TEXT_PARAM}, ?, ?, ?, ?)`;

export const INSERT_QUESTION_TEXTS = `INSERT INTO question_texts (question_id, text, options, context) VALUES (?, ${TEXT_PARAM}, ${TEXT_PARAM}, ${TEXT_PARAM})`;

export const INSERT_REFERENCE = `INSERT INTO question_references (question_id, answer, reasoning, label)
  VALUES (?, ${TEXT_PARAM}, ${TEXT_PARAM}, ${TEXT_PARAM})`;

/** Inserts a question, or finds the identical one already stored; returns its row id and uid. */
export function upsertQuestion(c: Connection, q: Question, fileId: number | null, now: number, uid = questionUid(q.id, q.text)): { id: number; uid: string } {
  const existing = c.get('SELECT id FROM questions WHERE uid = ?', [uid]);
  if (existing) return { id: readNumber(existing.id), uid };
  const id = c.run(INSERT_QUESTION, [utf8(uid), utf8(q.id), utf8(q.kind), utf8(textKey(q.text)), q.reference ? 1 : 0, fileId, q.source.line, now]).lastInsertRowid;
  c.run(INSERT_QUESTION_TEXTS, [id, utf8(q.text), utf8OrNull(jsonOrNull(q.options)), utf8OrNull(jsonOrNull(q.context))]);
  if (q.reference) {
    c.run(INSERT_REFERENCE, [id, utf8(q.reference.answer), utf8OrNull(q.reference.reasoning), utf8OrNull(q.reference.label)]);
  }
  return { id, uid };
}

/** Row id of a question by uid, or undefined. */
export function questionRowId(c: Connection, uid: string): number | undefined {
  const row = c.get('SELECT id FROM questions WHERE uid = ?', [uid]);
  return row ? readNumber(row.id) : undefined;
}
