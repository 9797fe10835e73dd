import type { Question } from '../../dataset/model';
import type { EncodedBatch } from '../bulkImport/batchLayout';
import { writeEncodedAnswers, writeEncodedQuestions } from '../bulkImport/encodedRows';
import type { ImportTarget, TransactionTally } from '../bulkImport/importTarget';
import { storedQuestionUids } from '../bulkImport/knownQuestions';
import { questionByTextKey } from '../bulkImport/questionLookup';
import { SetMembers } from '../bulkImport/setMembers';
import { appendEvent } from '../eventLog';
import { insertAnswer } from '../rows/answerInsert';
import { upsertQuestion } from '../rows/questionRows';
import { ensureSet, ensureSourceFile, nextOrdinal, recordSetSource } from '../rows/setRows';
import type { Connection } from '../sqlite/connection';
import type { Transactions } from '../transactions';
import type { AnswerInput, ImportedFile, ImportSummary } from '../types';
import { questionUid } from '../uids';

export interface ImportSessionOptions {
  /** Rows per transaction. Bigger batches are faster; each holds the lock while it commits. */
  batchRows: number;
  /** Also flush when the buffered text reaches this many characters (UTF-8 bytes for encoded batches), to keep memory flat. */
  batchChars: number;
  /**
   * `importDatasets` into a StoreImportSink parses in a worker thread while this thread writes (see
   * bulkImport/). Off: parse and write on this thread, as with any other sink.
   */
  parseWorker: boolean;
}

/**
 * Each import transaction rewrites the pages of the uid and text-key indexes it touches (random keys touch
 * most of them) and journals their old content: 10,000 rows per transaction instead of 5,000 wrote 20% fewer
 * bytes and synced a third as often for 100,000 questions with 300,000 answers. 24 MB of text instead of 32
 * wrote 3% more (1.81 GB instead of 1.76) and keeps 8 MB fewer encoded rows waiting for their transaction.
 * A transaction holds the lock for well under a second; a save in another window waits at most that long
 * (the import steps aside when asked).
 */
export const DEFAULT_IMPORT_OPTIONS: ImportSessionOptions = { batchRows: 10_000, batchChars: 24_000_000, parseWorker: true };

/**
 * Page cache of an import transaction, in SQLite's units (negative: kibibytes). It must hold the random index
 * pages a transaction touches (13 MB of answer uids at 300,000 answers) besides the new rows, which SQLite
 * writes out early without a journal sync when the cache is full: 24 MB wrote 1% more than 32 MB and read
 * 20 MB more, 16 MB wrote 10% more and read 2.6 times as much.
 */
const IMPORT_CACHE_SIZE = -24_000;

const MAX_LISTED_PROBLEMS = 1_000;

/**
 * The first transaction takes an eighth of the limits, each next one twice its predecessor's, up to the full
 * limits. The writer cannot start before the first transaction is full, and at the start of an import its
 * indexes are small, so a short first one lets writing start 0.3 s earlier (100,000 questions: the parser
 * fills 10,000 rows in that time) for almost no extra pages written.
 */
const RAMP_STEPS = 3;

/**
 * Bulk import into one question set: rows are buffered and written in large transactions with prepared
 * statements. Re-importing the same file is harmless: identical questions and answers are recognised by
 * their uids and counted as existing. Rows come as objects (`addQuestions`, `addAnswers`) or as batches the
 * parse worker encoded (`addEncoded`); both are written by the same rules.
 */
export class ImportSession {
  private questions: Question[] = [];
  private answers: AnswerInput[] = [];
  private encoded: { batch: EncodedBatch; written?: () => void }[] = [];
  private bufferedRows = 0;
  private bufferedChars = 0;
  /** Transactions committed so far (for RAMP_STEPS). */
  private flushes = 0;
  private readonly members = new SetMembers();
  private readonly summary: ImportSummary;

  constructor(
    private readonly tx: Transactions,
    private readonly set: string,
    private readonly now: () => number,
    readonly options: ImportSessionOptions = DEFAULT_IMPORT_OPTIONS,
  ) {
    this.summary = { set, questions: { added: 0, existing: 0 }, answers: { added: 0, existing: 0 }, problems: [], problemCount: 0 };
  }

  get setName(): string {
    return this.set;
  }

  async addQuestions(batch: readonly Question[]): Promise<void> {
    for (const q of batch) {
      this.questions.push(q);
      this.bufferedChars += q.text.length + (q.reference?.answer.length ?? 0) + (q.reference?.reasoning?.length ?? 0);
    }
    this.bufferedRows += batch.length;
    await this.flushIfFull();
  }

  async addAnswers(batch: readonly AnswerInput[]): Promise<void> {
    for (const a of batch) {
      this.answers.push(a);
      this.bufferedChars += a.raw.length + (a.serverReasoning?.length ?? 0);
    }
    this.bufferedRows += batch.length;
    await this.flushIfFull();
  }

  /** Takes a batch from the parse worker; its bytes are only read, and `written` is called once it is committed. */
  async addEncoded(batch: EncodedBatch, written?: () => void): Promise<void> {
    this.encoded.push({ batch, written });
    this.bufferedRows += batch.questionCount + batch.answerCount;
    this.bufferedChars += batch.textBytes;
    await this.flushIfFull();
  }

  /** Writes what is buffered now, in one transaction. */
  commitBuffered(): Promise<void> {
    return this.flush();
  }

  /** [dataset id, uid] of the questions the set held when its last transaction committed. */
  storedQuestionUids(): Promise<[string, string][]> {
    return this.tx.run((c) => storedQuestionUids(c, this.set));
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
    const share = 2 ** (Math.min(this.flushes, RAMP_STEPS) - RAMP_STEPS);
    if (this.bufferedRows >= this.options.batchRows * share || this.bufferedChars >= this.options.batchChars * share) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.bufferedRows === 0) return;
    const { questions, answers, encoded } = this;
    this.questions = [];
    this.answers = [];
    this.encoded = [];
    this.bufferedRows = 0;
    this.bufferedChars = 0;
    const tally = await this.tx.run((c) => {
      const t = this.target(c);
      this.writeQuestions(c, questions, t);
      for (const e of encoded) writeEncodedQuestions(c, e.batch, t);
      this.writeAnswers(c, answers, t);
      for (const e of encoded) writeEncodedAnswers(c, e.batch, t);
      return t.tally;
    });
    this.members.commit();
    this.flushes++;
    this.count(tally);
    for (const e of encoded) e.written?.();
  }

  /** The set (made if need be) and what this transaction's writers share. */
  private target(c: Connection): ImportTarget {
    c.exec(`PRAGMA cache_size=${IMPORT_CACHE_SIZE}`);
    const now = this.now();
    const setId = ensureSet(c, this.set, now);
    this.members.begin(c, setId);
    const files = new Map<string, number>();
    return {
      setName: this.set,
      setId,
      now,
      members: this.members,
      nextOrdinal: nextOrdinal(c, setId),
      tally: { questions: { added: 0, existing: 0 }, answers: { added: 0, existing: 0 }, problems: [] },
      fileId: (path) => {
        let id = files.get(path);
        if (id === undefined) files.set(path, (id = ensureSourceFile(c, path)));
        return id;
      },
    };
  }

  private writeQuestions(c: Connection, questions: Question[], t: ImportTarget): void {
    for (const q of questions) {
      const clash = t.members.get(q.id);
      const uid = questionUid(q.id, q.text);
      if (clash && clash.uid !== uid) {
        t.tally.problems.push({ file: q.source.file, line: q.source.line, column: 1, field: 'id', severity: 'error', code: 'duplicate-id', message: `question id '${q.id}' is already in set '${this.set}' with a different text` });
        continue;
      }
      const { id } = upsertQuestion(c, q, t.fileId(q.source.file), t.now, uid);
      const added = c.run('INSERT INTO set_questions (set_id, question_id, ordinal) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [t.setId, id, t.nextOrdinal]);
      if (added.changes > 0) {
        t.members.note(q.id, { id, uid }, t.nextOrdinal++);
        t.tally.questions.added++;
      } else {
        t.tally.questions.existing++;
      }
    }
  }

  private writeAnswers(c: Connection, answers: AnswerInput[], t: ImportTarget): void {
    for (const a of answers) {
      // By dataset id, else by exact question text.
      const question = t.members.get(a.questionId) ?? questionByTextKey(c, t.setId, a.questionText ?? a.questionId);
      if (!question) {
        const line = a.source?.line ?? 0;
        t.tally.problems.push({ file: a.source?.file ?? '', line, column: 1, field: 'questionId', severity: 'error', code: 'unknown-question', message: `no question '${a.questionId}' in set '${this.set}'` });
        continue;
      }
      const file = a.source ? t.fileId(a.source.file) : null;
      const { inserted } = insertAnswer(c, { questionId: question.id, questionUid: question.uid, fileId: file }, a, t.now);
      if (inserted) t.tally.answers.added++;
      else t.tally.answers.existing++;
    }
  }

  /** Adds a committed transaction's counts and problems to the summary. */
  private count(tally: TransactionTally): void {
    const s = this.summary;
    s.questions.added += tally.questions.added;
    s.questions.existing += tally.questions.existing;
    s.answers.added += tally.answers.added;
    s.answers.existing += tally.answers.existing;
    s.problemCount += tally.problems.length;
    s.problems.push(...tally.problems.slice(0, Math.max(0, MAX_LISTED_PROBLEMS - s.problems.length)));
  }
}
