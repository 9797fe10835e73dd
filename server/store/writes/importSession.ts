import type { Question } from '../../dataset/model';
import type { Problem } from '../../problem';
import { appendEvent } from '../eventLog';
import { insertAnswer } from '../rows/answerInsert';
import { upsertQuestion } from '../rows/questionRows';
import { ensureSet, ensureSourceFile, nextOrdinal, recordSetSource } from '../rows/setRows';
import type { Connection } from '../sqlite/connection';
import { readNumber, readText, TEXT_PARAM, utf8 } from '../sqlite/text';
import type { Transactions } from '../transactions';
import type { AnswerInput, ImportedFile, ImportSummary } from '../types';
import { questionUid, textKey } from '../uids';

export interface ImportSessionOptions {
  /** Rows per transaction. Bigger batches are faster; each holds the lock while it commits. */
  batchRows: number;
  /** Also flush when the buffered text reaches this many characters, to keep memory flat. */
  batchChars: number;
}

export const DEFAULT_IMPORT_OPTIONS: ImportSessionOptions = { batchRows: 5_000, batchChars: 16_000_000 };

const MAX_LISTED_PROBLEMS = 1_000;

/**
 * Membership test written as EXISTS so SQLite looks the question up by its indexed id or text key first;
 * as a join it would walk every member of the set for each row (quadratic over an import).
 */
const IN_SET = 'EXISTS (SELECT 1 FROM set_questions sq WHERE sq.set_id = ? AND sq.question_id = q.id)';

/**
 * Bulk import into one question set: rows are buffered and written in large transactions with prepared
 * statements. Re-importing the same file is harmless: identical questions and answers are recognised by
 * their uids and counted as existing.
 */
export class ImportSession {
  private questions: Question[] = [];
  private answers: AnswerInput[] = [];
  private bufferedChars = 0;
  private readonly summary: ImportSummary;

  constructor(
    private readonly tx: Transactions,
    private readonly set: string,
    private readonly now: () => number,
    private readonly options: ImportSessionOptions = DEFAULT_IMPORT_OPTIONS,
  ) {
    this.summary = { set, questions: { added: 0, existing: 0 }, answers: { added: 0, existing: 0 }, problems: [], problemCount: 0 };
  }

  async addQuestions(batch: readonly Question[]): Promise<void> {
    for (const q of batch) {
      this.questions.push(q);
      this.bufferedChars += q.text.length + (q.reference?.answer.length ?? 0) + (q.reference?.reasoning?.length ?? 0);
    }
    await this.flushIfFull();
  }

  async addAnswers(batch: readonly AnswerInput[]): Promise<void> {
    for (const a of batch) {
      this.answers.push(a);
      this.bufferedChars += a.raw.length + (a.serverReasoning?.length ?? 0);
    }
    await this.flushIfFull();
  }

  /** Writes what is buffered, records each file's counts on the set, and logs the import. */
  async finish(files: readonly ImportedFile[] = []): Promise<ImportSummary> {
    await this.flush();
    await this.tx.run((c) => {
      const now = this.now();
      const set = ensureSet(c, this.set, now);
      for (const f of files) recordSetSource(c, set, ensureSourceFile(c, f.file), { format: f.format, taken: f.taken, rejected: f.rejected, now });
      const after = { files: files.map((f) => f.file), questions: this.summary.questions, answers: this.summary.answers, problems: this.summary.problemCount };
      appendEvent(c, { at: now, raterId: null, kind: 'import', entity: 'question-set', entityKey: this.set, before: null, after, undoable: false });
      // Fresh statistics for the query planner after a large change; the limit keeps it to a sample.
      c.exec('PRAGMA analysis_limit = 1000; PRAGMA optimize');
    });
    return this.summary;
  }

  private async flushIfFull(): Promise<void> {
    const rows = this.questions.length + this.answers.length;
    if (rows >= this.options.batchRows || this.bufferedChars >= this.options.batchChars) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.questions.length === 0 && this.answers.length === 0) return;
    const questions = this.questions;
    const answers = this.answers;
    this.questions = [];
    this.answers = [];
    this.bufferedChars = 0;
    await this.tx.run((c) => {
      const now = this.now();
      const set = ensureSet(c, this.set, now);
      const files = new Map<string, number>();
      const fileId = (path: string): number => {
        let id = files.get(path);
        if (id === undefined) files.set(path, (id = ensureSourceFile(c, path)));
        return id;
      };
      this.writeQuestions(c, set, questions, fileId, now);
      this.writeAnswers(c, set, answers, fileId, now);
    });
  }

  private writeQuestions(c: Connection, set: number, questions: Question[], fileId: (p: string) => number, now: number): void {
    let ordinal = nextOrdinal(c, set);
    for (const q of questions) {
      const clash = c.get(`SELECT q.uid FROM questions q WHERE q.ext_id = ${TEXT_PARAM} AND ${IN_SET} LIMIT 1`, [utf8(q.id), set]);
      const uid = questionUid(q.id, q.text);
      if (clash && readText(clash.uid) !== uid) {
        this.problem({ file: q.source.file, line: q.source.line, column: 1, field: 'id', severity: 'error', code: 'duplicate-id', message: `question id '${q.id}' is already in set '${this.set}' with a different text` });
        continue;
      }
      const { id } = upsertQuestion(c, q, fileId(q.source.file), now, uid);
      const added = c.run('INSERT INTO set_questions (set_id, question_id, ordinal) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [set, id, ordinal]);
      if (added.changes > 0) {
        ordinal++;
        this.summary.questions.added++;
      } else {
        this.summary.questions.existing++;
      }
    }
  }

  private writeAnswers(c: Connection, set: number, answers: AnswerInput[], fileId: (p: string) => number, now: number): void {
    for (const a of answers) {
      const question = findQuestionInSet(c, set, a);
      if (!question) {
        const line = a.source?.line ?? 0;
        this.problem({ file: a.source?.file ?? '', line, column: 1, field: 'questionId', severity: 'error', code: 'unknown-question', message: `no question '${a.questionId}' in set '${this.set}'` });
        continue;
      }
      const file = a.source ? fileId(a.source.file) : null;
      const { inserted } = insertAnswer(c, { questionId: question.id, questionUid: question.uid, fileId: file }, a, now);
      if (inserted) this.summary.answers.added++;
      else this.summary.answers.existing++;
    }
  }

  private problem(p: Problem): void {
    this.summary.problemCount++;
    if (this.summary.problems.length < MAX_LISTED_PROBLEMS) this.summary.problems.push(p);
  }
}

/** The set's question an answer belongs to: by dataset id, else by exact question text. */
function findQuestionInSet(c: Connection, set: number, a: AnswerInput): { id: number; uid: string } | undefined {
  const row =
    c.get(`SELECT q.id AS id, q.uid AS uid FROM questions q WHERE q.ext_id = ${TEXT_PARAM} AND ${IN_SET} LIMIT 1`, [utf8(a.questionId), set]) ??
    c.get(`SELECT q.id AS id, q.uid AS uid FROM questions q WHERE q.text_key = ? AND ${IN_SET} LIMIT 1`, [textKey(a.questionText ?? a.questionId), set]);
  return row ? { id: readNumber(row.id), uid: readText(row.uid) } : undefined;
}
