import type { Connection } from '../sqlite/connection';
import { TEXT_PARAM, utf8, utf8OrNull } from '../sqlite/text';
import type { AnswerInput } from '../types';
import { answerUid } from '../uids';
import { encodePart, partPosition } from './answerRows';

/** Every text is bound as UTF-8 bytes, so the import worker's encoded rows bind the same statement. */
export const INSERT_ANSWER = `INSERT INTO answers (uid, question_id, model, think_state, split_flags, finish_reason, params, timings,
    usage, origin, source_file_id, source_line, endpoint, model_id, template_hash, incomplete, created_at,
    reasoning_source, reasoning_start, reasoning_end, answer_source, answer_start, answer_end)
  VALUES (${TEXT_PARAM}, ?, ${TEXT_PARAM}, ${TEXT_PARAM}, ${TEXT_PARAM}, ${TEXT_PARAM}, ${TEXT_PARAM}, ${TEXT_PARAM},
    ?, ?, ?, ?, ${TEXT_PARAM}, ${TEXT_PARAM}, ?, ?, ?,
    ?, ?, ?, ?, ?, ?)
  ON CONFLICT (uid) DO NOTHING`;

export const INSERT_ANSWER_TEXTS = `INSERT INTO answer_texts (answer_id, raw, server_reasoning, reasoning, answer)
  VALUES (?, ${TEXT_PARAM}, ${TEXT_PARAM}, ${TEXT_PARAM}, ${TEXT_PARAM})`;

export interface AnswerTarget {
  questionId: number;
  questionUid: string;
  /** `source_files` row of the file the answer was read from, if any. */
  fileId: number | null;
}

/** Inserts an answer unless the same answer (same uid) is already stored; returns its uid and whether it is new. */
export function insertAnswer(c: Connection, target: AnswerTarget, a: AnswerInput, now: number): { uid: string; inserted: boolean } {
  const template = a.generation?.template;
  const uid = answerUid(target.questionUid, a.model, a.raw, template?.hash);
  if (template) {
    c.run(`INSERT INTO templates (hash, name, body, created_at) VALUES (?, ${TEXT_PARAM}, ${TEXT_PARAM}, ?) ON CONFLICT (hash) DO NOTHING`, [
      template.hash,
      utf8(template.name),
      utf8(template.body),
      now,
    ]);
  }
  const g = a.generation;
  const reasoning = encodePart(a.split.reasoning, a.raw, a.serverReasoning);
  const answer = encodePart(a.split.answer, a.raw, a.serverReasoning);
  const info = c.run(INSERT_ANSWER, [
    utf8(uid),
    target.questionId,
    utf8(a.model),
    utf8(a.split.state),
    utf8(a.split.flags.join(',')),
    utf8OrNull(a.finishReason),
    utf8OrNull(jsonOrNull(a.params)),
    utf8OrNull(jsonOrNull(a.timings)),
    jsonOrNull(g?.usage),
    g ? 'generation' : 'file',
    target.fileId,
    a.source?.line ?? null,
    utf8OrNull(g?.endpoint),
    utf8OrNull(g?.modelId),
    template?.hash ?? null,
    g?.incomplete ? 1 : 0,
    now,
    ...partPosition(reasoning),
    ...partPosition(answer),
  ]);
  if (info.changes === 0) return { uid, inserted: false };
  c.run(INSERT_ANSWER_TEXTS, [info.lastInsertRowid, utf8(a.raw), utf8OrNull(a.serverReasoning), reasoning.text, answer.text]);
  return { uid, inserted: true };
}

/** JSON text of a value, or null; JSON escapes NUL, so plain string binding is safe. */
export function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
