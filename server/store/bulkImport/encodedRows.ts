import { INSERT_ANSWER, INSERT_ANSWER_TEXTS } from '../rows/answerInsert';
import { INSERT_QUESTION, INSERT_QUESTION_TEXTS, INSERT_REFERENCE } from '../rows/questionRows';
import type { Connection } from '../sqlite/connection';
import { readNumber } from '../sqlite/text';
import { answerUidOfUtf8 } from '../uids';
import { A, ABSENT, ANSWER_NUMBERS, Q, QUESTION_NUMBERS, type EncodedBatch } from './batchLayout';
import type { ImportTarget } from './importTarget';
import { questionByTextKey } from './questionLookup';

const INSERT_NEW_QUESTION = `${INSERT_QUESTION} ON CONFLICT (uid) DO NOTHING`;

/** Reads the fields of one batch: texts as bytes to bind, or as strings where this thread needs them. */
class BatchFields {
  private readonly text: Buffer;
  /** Shared values by where they start in the batch's bytes. */
  private readonly sharedStrings = new Map<number, string>();

  constructor(private readonly batch: EncodedBatch) {
    this.text = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  }

  /** The bytes of the range at `at` in `numbers`, bound as text by `CAST(? AS TEXT)`; null when absent. */
  bytes(numbers: Float64Array, at: number): Uint8Array | null {
    const start = numbers[at] as number;
    return start === ABSENT ? null : this.batch.bytes.subarray(start, numbers[at + 1]);
  }

  string(numbers: Float64Array, at: number): string {
    return this.text.toString('utf8', numbers[at], numbers[at + 1]);
  }

  /**
   * A value the worker wrote once per batch and points every row at (model, file: BatchWriter.sharedText),
   * decoded once per batch instead of once per row.
   */
  shared(numbers: Float64Array, at: number): string {
    const start = numbers[at] as number;
    let s = this.sharedStrings.get(start);
    if (s === undefined) this.sharedStrings.set(start, (s = this.string(numbers, at)));
    return s;
  }
}

/**
 * Writes a batch's questions: the same rows, checks and counts as the object path (ImportSession), with the
 * texts bound as slices of the batch's bytes.
 */
export function writeEncodedQuestions(c: Connection, b: EncodedBatch, t: ImportTarget): void {
  const f = new BatchFields(b);
  const n = b.questions;
  for (let at = 0; at < b.questionCount * QUESTION_NUMBERS; at += QUESTION_NUMBERS) {
    const extId = f.string(n, at + Q.extId);
    const uid = f.string(n, at + Q.uid);
    const file = f.shared(n, at + Q.file);
    const clash = t.members.get(extId);
    if (clash && clash.uid !== uid) {
      const message = `question id '${extId}' is already in set '${t.setName}' with a different text`;
      t.tally.problems.push({ file, line: n[at + Q.line] as number, column: 1, field: 'id', severity: 'error', code: 'duplicate-id', message });
      continue;
    }
    const fileId = t.fileId(file);
    const id = clash?.id ?? insertQuestion(c, f, n, at, uid, fileId, t.now);
    const added = c.run('INSERT INTO set_questions (set_id, question_id, ordinal) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [t.setId, id, t.nextOrdinal]);
    if (added.changes > 0) {
      t.members.note(extId, { id, uid }, t.nextOrdinal++);
      t.tally.questions.added++;
    } else {
      t.tally.questions.existing++;
    }
  }
}

/** Inserts the question at `at` unless one with its uid is stored (in another set); returns its row id. */
function insertQuestion(c: Connection, f: BatchFields, n: Float64Array, at: number, uid: string, fileId: number, now: number): number {
  const reference = f.bytes(n, at + Q.reference);
  const info = c.run(INSERT_NEW_QUESTION, [f.bytes(n, at + Q.uid), f.bytes(n, at + Q.extId), f.bytes(n, at + Q.kind), f.bytes(n, at + Q.textKey), reference ? 1 : 0, fileId, n[at + Q.line] as number, now]);
  if (info.changes === 0) return readNumber(c.get('SELECT id FROM questions WHERE uid = ?', [uid])?.id);
  const id = info.lastInsertRowid;
  c.run(INSERT_QUESTION_TEXTS, [id, f.bytes(n, at + Q.text), f.bytes(n, at + Q.options), f.bytes(n, at + Q.context)]);
  if (reference) c.run(INSERT_REFERENCE, [id, reference, f.bytes(n, at + Q.reasoning), f.bytes(n, at + Q.label)]);
  return id;
}

/** Writes a batch's answers (after its questions), each to the set's question with its dataset id. */
export function writeEncodedAnswers(c: Connection, b: EncodedBatch, t: ImportTarget): void {
  const f = new BatchFields(b);
  const n = b.answers;
  for (let at = 0; at < b.answerCount * ANSWER_NUMBERS; at += ANSWER_NUMBERS) {
    const questionId = f.string(n, at + A.questionId);
    const file = f.shared(n, at + A.file);
    const line = n[at + A.line] as number;
    const question = t.members.get(questionId) ?? questionByTextKey(c, t.setId, questionId);
    if (!question) {
      t.tally.problems.push({ file, line, column: 1, field: 'questionId', severity: 'error', code: 'unknown-question', message: `no question '${questionId}' in set '${t.setName}'` });
      continue;
    }
    const raw = f.bytes(n, at + A.raw) as Uint8Array;
    // The worker hashed with the question it expected; the set may hold another one under that id.
    const uid = question.uid === f.string(n, at + A.assumedQuestionUid) ? f.bytes(n, at + A.uid) : Buffer.from(answerUidOfUtf8(question.uid, f.shared(n, at + A.model), raw));
    const info = c.run(INSERT_ANSWER, [
      uid,
      question.id,
      f.bytes(n, at + A.model),
      f.bytes(n, at + A.state),
      f.bytes(n, at + A.flags),
      f.bytes(n, at + A.finishReason),
      f.bytes(n, at + A.params),
      f.bytes(n, at + A.timings),
      null,
      'file',
      t.fileId(file),
      line,
      null,
      null,
      null,
      0,
      t.now,
      ...partPosition(n, at + A.reasoningSource),
      ...partPosition(n, at + A.answerSource),
    ]);
    if (info.changes === 0) {
      t.tally.answers.existing++;
      continue;
    }
    c.run(INSERT_ANSWER_TEXTS, [info.lastInsertRowid, raw, f.bytes(n, at + A.serverReasoning), f.bytes(n, at + A.reasoningText), f.bytes(n, at + A.answerText)]);
    t.tally.answers.added++;
  }
}

/** Source, start and end of a split part, or three nulls when it is stored as its own text. */
function partPosition(n: Float64Array, at: number): (number | null)[] {
  const source = n[at] as number;
  return source === ABSENT ? [null, null, null] : [source, n[at + 1] as number, n[at + 2] as number];
}
