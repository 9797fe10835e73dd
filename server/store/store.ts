import { listEvents, type EventQuery } from './eventLog';
import { currentProcess } from './lock/processIdentity';
import { getAnswers, getQuestionDetail, ratingsOfQuestion } from './queries/questionDetail';
import { listQuestions } from './queries/questionList';
import { AnswerTotalsCache, newestAnswerId } from './queries/answerTotals';
import { questionProgress, raterProgress, type ProgressScope } from './queries/progress';
import { streamRatings, type RatingStreamFilter } from './queries/ratingStream';
import { exportChunks, streamExport, streamExportQuestions, type ExportItem, type ExportQuestion, type ExportStreamFilter } from './queries/exportSnapshot';
import { ratedRubricKeys } from './queries/ratedRubrics';
import { clearAnswerScores, countUnscoredAnswers, readAnswerScores, saveAnswerScores, unscoredAnswers, type CachedScores, type UnscoredAnswer } from './queries/answerScores';
import { reviewQueue } from './queries/reviewQueue';
import { listQuestionSets, questionKeys, type QuestionKeys } from './queries/questionSets';
import { mergeDatabase } from './mergeDatabase';
import { emptyMergeReport, mergeBatch, type MergeBatch } from './writes/merge';
import { countRows, firstQuestionOfFile, listModels, questionOfAnswer } from './queries/projectFacts';
import { ensureRater, listRaters } from './rows/raterRows';
import { listRubrics, registerRubric } from './rows/rubricRows';
import type { Transactions } from './transactions';
import type {
  AnswerFlag,
  AnswerInput,
  ChoiceOverride,
  ChoiceOverrideInput,
  Draft,
  JobItem,
  JobSpec,
  JobStatus,
  MergeReport,
  Preference,
  PreferenceInput,
  QuestionDetail,
  QuestionListParams,
  QuestionListResult,
  QuestionProgress,
  QuestionSetInfo,
  QueueItem,
  QueueParams,
  Rater,
  RaterKind,
  RaterProgress,
  Rating,
  RatingInput,
  RatingRecord,
  RubricVersion,
  RubricVersionInput,
  StoredAnswer,
  StoreEvent,
  UndoResult,
} from './types';
import { clearChoiceOverride, setChoiceOverride } from './writes/choiceOverrides';
import { deleteDraft, saveDraft } from './writes/drafts';
import { setFlag } from './writes/flags';
import { addGeneratedAnswer } from './writes/generatedAnswers';
import { claimJobItems, completeJobItem, createJob, failJobItem, jobItems, jobStatus, listJobs, setJobState } from './writes/generationJobs';
import { ImportSession, type ImportSessionOptions } from './writes/importSession';
import { deletePreference, savePreference } from './writes/preferences';
import { deleteRating, saveRating } from './writes/ratings';
import { undoLastChange } from './writes/undo';

/**
 * A MedReview review database. Every method is one transaction; a write's promise resolves only after its
 * COMMIT is on disk, so the caller can acknowledge it to the panel. Calls are carried out in the order made.
 * Get one with `openStore`, and `close()` it when done (the binding does not garbage-collect).
 */
export class Store {
  private readonly answerTotals = new AnswerTotalsCache();

  constructor(
    private readonly tx: Transactions,
    private readonly now: () => number,
    private readonly importOptions: ImportSessionOptions,
  ) {}

  get path(): string {
    return this.tx.dbPath;
  }

  close(): Promise<void> {
    return this.tx.close();
  }

  // ---------------------------------------------------------------- setup

  addRater(name: string, kind: RaterKind = 'physician'): Promise<void> {
    return this.tx.run((c) => void ensureRater(c, name, this.now(), kind));
  }

  raters(): Promise<Rater[]> {
    return this.tx.run((c) => listRaters(c));
  }

  registerRubric(rubric: RubricVersionInput): Promise<RubricVersion> {
    return this.tx.run((c) => registerRubric(c, rubric, this.now()));
  }

  rubrics(): Promise<RubricVersion[]> {
    return this.tx.run((c) => listRubrics(c));
  }

  // ---------------------------------------------------------------- questions and answers

  /** Starts a bulk import into a question set (created if new); call `finish()` on it at the end. */
  startImport(set: string): ImportSession {
    return new ImportSession(this.tx, set, this.now, this.importOptions);
  }

  models(): Promise<string[]> {
    return this.tx.run((c) => listModels(c));
  }

  counts(): Promise<{ questions: number; answers: number }> {
    return this.tx.run((c) => countRows(c));
  }

  questionOfAnswer(answerUid: string): Promise<string | undefined> {
    return this.tx.run((c) => questionOfAnswer(c, answerUid));
  }

  firstQuestionOfFile(path: string): Promise<string | undefined> {
    return this.tx.run((c) => firstQuestionOfFile(c, path));
  }

  /** Dataset ids and text keys of a set's questions, for matching answers to stored questions. */
  questionKeys(set: string): Promise<QuestionKeys> {
    return this.tx.run((c) => questionKeys(c, set));
  }

  addGeneratedAnswer(questionUid: string, answer: AnswerInput): Promise<{ uid: string; inserted: boolean }> {
    return this.tx.run((c) => addGeneratedAnswer(c, questionUid, answer, this.now()));
  }

  questionSets(): Promise<QuestionSetInfo[]> {
    return this.tx.run((c) => listQuestionSets(c));
  }

  listQuestions(params: QuestionListParams = {}): Promise<QuestionListResult> {
    return this.tx.run((c) => listQuestions(c, params));
  }

  getQuestion(questionUid: string, rater?: string): Promise<QuestionDetail> {
    return this.tx.run((c) => getQuestionDetail(c, questionUid, rater));
  }

  getAnswers(answerUids: readonly string[]): Promise<StoredAnswer[]> {
    return this.tx.run((c) => getAnswers(c, answerUids));
  }

  /** All raters' ratings of a question; for adjudication, or once this rater has saved. */
  ratingsOfQuestion(questionUid: string): Promise<Rating[]> {
    return this.tx.run((c) => ratingsOfQuestion(c, questionUid));
  }

  queue(params: QueueParams): Promise<QueueItem[]> {
    return this.tx.run((c) => reviewQueue(c, params));
  }

  raterProgress(scope: ProgressScope = {}): Promise<RaterProgress[]> {
    return this.tx.run((c) => raterProgress(c, scope, this.answerTotals));
  }

  questionProgress(questionUids: readonly string[], rubricKey?: string): Promise<QuestionProgress[]> {
    return this.tx.run((c) => questionProgress(c, questionUids, rubricKey));
  }

  // ---------------------------------------------------------------- rater work

  saveRating(input: RatingInput): Promise<Rating> {
    return this.tx.run((c) => saveRating(c, input, this.now()));
  }

  deleteRating(rater: string, answerUid: string, rubricKey: string): Promise<boolean> {
    return this.tx.run((c) => deleteRating(c, rater, answerUid, rubricKey, this.now()));
  }

  savePreference(input: PreferenceInput): Promise<Preference> {
    return this.tx.run((c) => savePreference(c, input, this.now()));
  }

  deletePreference(rater: string, answerA: string, answerB: string): Promise<boolean> {
    return this.tx.run((c) => deletePreference(c, rater, answerA, answerB, this.now()));
  }

  saveDraft(draft: Omit<Draft, 'updatedAt'>): Promise<Draft> {
    return this.tx.run((c) => saveDraft(c, draft, this.now()));
  }

  deleteDraft(rater: string, answerUid: string, rubricKey: string): Promise<boolean> {
    return this.tx.run((c) => deleteDraft(c, rater, answerUid, rubricKey));
  }

  /** Flags an answer with a note, or clears this rater's flag with `null`. */
  setFlag(rater: string, answerUid: string, note: string | null): Promise<AnswerFlag | null> {
    return this.tx.run((c) => setFlag(c, rater, answerUid, note, this.now()));
  }

  setChoiceOverride(input: ChoiceOverrideInput): Promise<ChoiceOverride> {
    return this.tx.run((c) => setChoiceOverride(c, input, this.now()));
  }

  clearChoiceOverride(rater: string, answerUid: string): Promise<boolean> {
    return this.tx.run((c) => clearChoiceOverride(c, rater, answerUid, this.now()));
  }

  /** Takes back this rater's latest change not yet taken back; undefined when there is none. */
  undoLastChange(rater: string): Promise<UndoResult | undefined> {
    return this.tx.run((c) => undoLastChange(c, rater, this.now()));
  }

  events(query: EventQuery = {}): Promise<StoreEvent[]> {
    return this.tx.run((c) => listEvents(c, query));
  }

  // ---------------------------------------------------------------- export and merge

  streamRatings(filter: RatingStreamFilter = {}): AsyncGenerator<RatingRecord> {
    return streamRatings(this.tx, filter);
  }

  /**
   * Rated questions with their answers, ratings, corrections (and preferences when asked for), question by
   * question, as of the moment the stream started; read in short transactions (queries/exportSnapshot.ts).
   */
  streamExport(filter: Omit<ExportStreamFilter, 'lines' | 'tally' | 'summary' | 'dpo'> = {}): AsyncGenerator<ExportQuestion> {
    return streamExportQuestions(this.tx, filter);
  }

  /**
   * The same stream, with the lines SQLite can build handed out as bytes (`filter.lines`), the answers sft
   * leaves out counted (`filter.tally`), and the summary's and DPO's rows written by SQLite (`filter.summary`,
   * `filter.dpo`).
   */
  streamExportItems(filter: ExportStreamFilter): AsyncGenerator<ExportItem> {
    return streamExport(this.tx, filter);
  }

  /** The same items a chunk (one read transaction) at a time, for the export's reader thread. */
  exportChunks(filter: ExportStreamFilter): AsyncGenerator<ExportItem[]> {
    return exportChunks(this.tx, filter);
  }

  /** Caches answers' automatic scores (queries/answerScores.ts); returns how many were kept. */
  saveAnswerScores(items: readonly CachedScores[]): Promise<number> {
    return this.tx.run((c) => saveAnswerScores(c, items, this.now()));
  }

  /** Cached scores of these answers made by `scorer`, by answer uid. */
  answerScores(answerUids: readonly string[], scorer: string): Promise<Map<string, string>> {
    return this.tx.run((c) => readAnswerScores(c, answerUids, scorer));
  }

  /** Up to `limit` answers with no scores by `scorer` yet, with their questions' uids. */
  unscoredAnswers(scorer: string, limit: number): Promise<UnscoredAnswer[]> {
    return this.tx.run((c) => unscoredAnswers(c, scorer, limit));
  }

  /** The largest answer id: it changes exactly when answers are added (queries/answerTotals.ts). */
  newestAnswerId(): Promise<number> {
    return this.tx.run((c) => newestAnswerId(c));
  }

  /** How many answers have no scores by `scorer` yet. */
  countUnscoredAnswers(scorer: string): Promise<number> {
    return this.tx.run((c) => countUnscoredAnswers(c, scorer));
  }

  /** Empties the score cache; returns how many scores were dropped. */
  clearAnswerScores(): Promise<number> {
    return this.tx.run((c) => clearAnswerScores(c));
  }

  /** Rubric keys with at least one rating. */
  ratedRubricKeys(): Promise<string[]> {
    return this.tx.run((c) => ratedRubricKeys(c));
  }

  mergeFrom(otherDatabasePath: string): Promise<MergeReport> {
    return mergeDatabase(this.tx, otherDatabasePath, this.now);
  }

  /**
   * Merges items read from another rater's export (same rules as `mergeFrom`); `source` names it in the
   * report. Rubric versions the ratings reference must be included unless this database has them.
   */
  async mergeRecords(batch: MergeBatch, source: string): Promise<MergeReport> {
    const report = emptyMergeReport(source);
    await this.tx.run((c) => mergeBatch(c, batch, report, this.now()));
    return report;
  }

  // ---------------------------------------------------------------- generation jobs

  createJob(spec: JobSpec): Promise<JobStatus> {
    return this.tx.run((c) => createJob(c, spec, this.now()));
  }

  jobStatus(jobUid: string): Promise<JobStatus> {
    return this.tx.run((c) => jobStatus(c, jobUid));
  }

  jobs(): Promise<JobStatus[]> {
    return this.tx.run((c) => listJobs(c));
  }

  jobItems(jobUid: string): Promise<JobItem[]> {
    return this.tx.run((c) => jobItems(c, jobUid));
  }

  /** Claims up to `max` items for this process, including items abandoned by a process that has ended. */
  claimJobItems(jobUid: string, max: number): Promise<JobItem[]> {
    return this.tx.run((c) => claimJobItems(c, jobUid, max, currentProcess(), this.now()));
  }

  completeJobItem(itemId: number, answer: AnswerInput): Promise<string> {
    return this.tx.run((c) => completeJobItem(c, itemId, answer, this.now()));
  }

  failJobItem(itemId: number, error: string, retry: boolean): Promise<void> {
    return this.tx.run((c) => failJobItem(c, itemId, error, retry, this.now()));
  }

  cancelJob(jobUid: string): Promise<JobStatus> {
    return this.tx.run((c) => setJobState(c, jobUid, 'cancelled', this.now()));
  }

  resumeJob(jobUid: string): Promise<JobStatus> {
    return this.tx.run((c) => setJobState(c, jobUid, 'active', this.now()));
  }

  // ---------------------------------------------------------------- maintenance

  /** `PRAGMA integrity_check`: ['ok'] for a sound database, otherwise SQLite's findings. Reads every page. */
  integrityCheck(): Promise<string[]> {
    return this.tx.run((c) => c.all('PRAGMA integrity_check').map((r) => String(r.integrity_check)));
  }
}
