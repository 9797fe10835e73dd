/**
 * What the store keeps besides the shared domain model (server/dataset/model.ts): ratings, preferences,
 * drafts, flags, corrections, rubric and template versions, generation jobs, and the event log.
 *
 * Public references are stable uids, never row numbers: a question's uid is derived from its dataset id and
 * text, an answer's from its question, model, output and template, so the same answer has the same uid in
 * every rater's database and ratings can be merged between them.
 */
import type { GenerationParams, GenerationTimings, ModelAnswer, Question, SourceLocation } from '../dataset/model';
import type { Problem } from '../problem';
import type { SplitResult, ThinkState } from '../think/types';

// ------------------------------------------------------------------ questions and answers

export interface StoredQuestion extends Question {
  uid: string;
}

/** Token counts as the server reported them (`prompt_tokens`, `completion_tokens`, ...). */
export type TokenUsage = Record<string, number>;

/** Where a freshly generated answer came from. */
export interface GenerationInfo {
  endpoint: string;
  /** The model id the server reported (may differ from the display name in `model`). */
  modelId?: string;
  /** The prompt template, stored once per hash. */
  template?: TemplateVersion;
  usage?: TokenUsage;
  /** The stream ended early (connection closed, cancelled): the text is partial. */
  incomplete?: boolean;
}

export interface TemplateVersion {
  name: string;
  hash: string;
  body: string;
}

/** A model answer read from a file (with `source`) or generated (with `generation`). */
export type AnswerInput = Omit<ModelAnswer, 'source'> & {
  source?: SourceLocation;
  generation?: GenerationInfo;
  /** For answer files that name their question by its exact text rather than (or besides) its id. */
  questionText?: string;
};

/** What the reader made of one imported file, recorded on the set (`medreview import`'s per-file report). */
export interface ImportedFile {
  file: string;
  format?: string;
  taken: number;
  rejected: number;
}

export interface ImportSummary {
  set: string;
  questions: { added: number; existing: number };
  answers: { added: number; existing: number };
  /** Rows the store could not take (duplicate id with other text, answer for an unknown question). */
  problems: Problem[];
  /** Problems beyond the first 1,000 are counted, not listed. */
  problemCount: number;
}

export interface StoredAnswer {
  uid: string;
  questionUid: string;
  model: string;
  raw: string;
  serverReasoning?: string;
  split: SplitResult;
  params?: GenerationParams;
  timings?: GenerationTimings;
  finishReason?: string;
  origin: 'file' | 'generation';
  source?: SourceLocation;
  generation?: Omit<GenerationInfo, 'template'> & { templateHash?: string; templateName?: string };
  createdAt: number;
}

export interface QuestionSetInfo {
  name: string;
  questionCount: number;
  files: { file: string; format?: string; importedAt: number; taken: number; rejected: number }[];
  createdAt: number;
}

// ------------------------------------------------------------------ raters and rubrics

export type RaterKind = 'physician' | 'consensus';

export interface Rater {
  name: string;
  kind: RaterKind;
  createdAt: number;
}

export interface RubricVersionInput {
  /** The rubric's own id (e.g. `med-palm`): ratings under any version of it count as the same study. */
  key: string;
  /** The version the rubric file declares. */
  version: string;
  /** Content hash from the rubric module; a rating references exactly this. */
  hash: string;
  /** The rubric JSON as text, kept so any old rating can be shown with the form it was made with. */
  body: string;
}

export interface RubricVersion extends RubricVersionInput {
  createdAt: number;
}

// ------------------------------------------------------------------ rater work

export type AxisValue = number | string | boolean | null;

export interface RatingInput {
  rater: string;
  answerUid: string;
  /** Hash of a rubric version registered with `registerRubric`. */
  rubricHash: string;
  values: Record<string, AxisValue>;
  /** Overall score 1-5, or null when the rubric has none. */
  overall: number | null;
  comment?: string;
  /** Saved in blind mode (model names hidden, order shuffled). */
  blind: boolean;
  /** 0-based position the answer was shown at among the question's answers. */
  shownPosition?: number | null;
  /** When given, the save fails with StoreConflictError unless the stored rating has this revision. */
  expectedRevision?: number;
}

export interface Rating {
  uid: string;
  rater: string;
  answerUid: string;
  questionUid: string;
  rubricKey: string;
  rubricVersion: string;
  rubricHash: string;
  values: Record<string, AxisValue>;
  overall: number | null;
  comment: string;
  blind: boolean;
  shownPosition: number | null;
  /** 1 on creation, +1 on every change (including an undo). */
  revision: number;
  createdAt: number;
  updatedAt: number;
}

export type PreferenceChoice = 'a' | 'b' | 'tie' | 'both-bad';

export interface PreferenceInput {
  rater: string;
  answerA: string;
  answerB: string;
  choice: PreferenceChoice;
  blind: boolean;
  /** Which of the two was shown first (left, or on top). */
  shownFirst?: 'a' | 'b';
  comment?: string;
}

/**
 * A stored preference. The pair is kept in a canonical order (answerA's uid sorts before answerB's), with
 * `choice` and `shownFirst` turned accordingly, so (x, y) and (y, x) are the same preference.
 */
export interface Preference {
  uid: string;
  rater: string;
  questionUid: string;
  answerA: string;
  answerB: string;
  choice: PreferenceChoice;
  blind: boolean;
  shownFirst: 'a' | 'b' | null;
  comment: string;
  revision: number;
  createdAt: number;
  updatedAt: number;
}

/** A half-filled rating form. Never counted as a rating. */
export interface Draft {
  rater: string;
  answerUid: string;
  rubricKey: string;
  /** Whatever the panel's form holds; stored as JSON. */
  form: unknown;
  updatedAt: number;
}

/** A physician's correction of the option letter / yes-no label extracted from an answer. */
export interface ChoiceOverrideInput {
  rater: string;
  answerUid: string;
  /** What the extractor found (null: nothing). */
  extracted: string | null;
  corrected: string;
  note?: string;
}

export interface ChoiceOverride extends Required<ChoiceOverrideInput> {
  createdAt: number;
  updatedAt: number;
}

export interface AnswerFlag {
  rater: string;
  answerUid: string;
  note: string;
  createdAt: number;
}

// ------------------------------------------------------------------ event log

export type EventEntity = 'rating' | 'preference' | 'choice-override' | 'flag' | 'question-set' | 'answer' | 'job';

export type EventKind =
  | 'save'
  | 'delete'
  | 'undo'
  /** A rating or preference taken from another rater's database. */
  | 'merge'
  | 'import';

/** One entry of the append-only log: who changed what, when, and the state before and after. */
export interface StoreEvent {
  id: number;
  at: number;
  rater: string | null;
  kind: EventKind;
  entity: EventEntity;
  entityKey: string;
  before: unknown;
  after: unknown;
  /** Whether "undo last change" may take this back. */
  undoable: boolean;
  /** For an undo: the event it took back. */
  undoes: number | null;
}

export interface UndoResult {
  /** The change that was taken back. */
  undone: StoreEvent;
  /** The undo's own event. */
  event: StoreEvent;
}

// ------------------------------------------------------------------ panel queries

export interface QuestionFilter {
  /** Question set name; all questions when absent. */
  set?: string;
  /** Ratings under this rubric key count; any rubric when absent. */
  rubricKey?: string;
  /** Only questions with at least one answer this rater has not rated. */
  ungradedBy?: string;
  /**
   * Only questions with an answer in this rater's queue under a target overlap: not rated by the rater and
   * rated by fewer than `overlap` raters (the same rule as `Store.queue`).
   */
  queuedFor?: { rater: string; overlap: number };
  /** Only questions with an answer some rater flagged. */
  flagged?: boolean;
  /**
   * Only questions where two raters' overall scores for the same answer differ by at least this much
   * (1 = any difference).
   */
  disagreementAtLeast?: number;
  model?: string;
  thinkState?: ThinkState;
  finishReason?: string;
  /**
   * Only questions with an answer whose scores cached by `scorer` (Store.saveAnswerScores) hold a number
   * below `below` at the JSON `path` (an answer without such scores, or with null there, does not match).
   */
  scoreBelow?: { scorer: string; path: string; below: number };
  /** Case-insensitive substring of the question text or its dataset id. */
  search?: string;
}

export interface QuestionListParams extends QuestionFilter {
  /** Whose progress the rows show. */
  rater?: string;
  offset?: number;
  limit?: number;
}

export interface QuestionListRow {
  uid: string;
  id: string;
  /** The question text shortened for a list row. */
  title: string;
  kind: Question['kind'];
  answerCount: number;
  /** Answers of this question the list's rater has rated. */
  gradedByRater: number;
  /** Distinct raters who rated every answer of the question. */
  ratersComplete: number;
  flagged: boolean;
  hasReference: boolean;
}

export interface QuestionListResult {
  rows: QuestionListRow[];
  /** Questions matching the filter (the list is paged). */
  total: number;
}

export interface QuestionDetail {
  question: StoredQuestion;
  answers: StoredAnswer[];
  /** This rater's ratings, drafts, preferences, flags and corrections on these answers. */
  ratings: Rating[];
  drafts: Draft[];
  preferences: Preference[];
  flags: AnswerFlag[];
  overrides: ChoiceOverride[];
  /** How many other raters rated each answer (their ratings stay hidden until this rater has saved). */
  otherRaters: Record<string, number>;
}

export interface QueueParams {
  rater: string;
  set?: string;
  rubricKey?: string;
  /** Target number of raters per answer. */
  overlap: number;
  limit?: number;
}

export interface QueueItem {
  questionUid: string;
  /** The answers of the question this rater still has to rate, each needing more raters. */
  answerUids: string[];
}

export interface RaterProgress {
  rater: string;
  gradedAnswers: number;
  totalAnswers: number;
  /** Questions whose every answer this rater has rated. */
  gradedQuestions: number;
  totalQuestions: number;
}

export interface QuestionProgress {
  questionUid: string;
  answerCount: number;
  /** Raters who rated every answer. */
  ratersComplete: number;
  /** Fewest and most raters any one answer has. */
  minRatersPerAnswer: number;
  maxRatersPerAnswer: number;
}

// ------------------------------------------------------------------ export and merge

/** One rating with everything an export needs about its answer, question and rubric. */
export interface RatingRecord extends Rating {
  questionId: string;
  model: string;
  thinkState: ThinkState;
  finishReason?: string;
  params?: GenerationParams;
  origin: 'file' | 'generation';
  endpoint?: string;
  modelId?: string;
  templateHash?: string;
}

export interface MergeConflict {
  entity: 'rating' | 'preference' | 'choice-override';
  rater: string;
  key: string;
  ours: unknown;
  theirs: unknown;
}

export interface MergeCounts {
  ratings: number;
  preferences: number;
  overrides: number;
}

export interface MergeReport {
  source: string;
  ratersAdded: string[];
  added: MergeCounts;
  /** Already present with identical content. */
  unchanged: MergeCounts;
  /**
   * Newer revisions of items an earlier merge brought in and nobody changed here since: taken over, since
   * they are the same rater's own later edits.
   */
  updated: MergeCounts;
  /** Present on both sides with different content: nothing was overwritten. */
  conflicts: MergeConflict[];
  /** Items about answers this database does not have (import the same dataset files first). */
  missingAnswers: { entity: MergeConflict['entity']; rater: string; answerUid: string }[];
  /** Ratings whose rubric version is unknown here and came without its text. */
  missingRubrics: string[];
}

// ------------------------------------------------------------------ generation jobs

export type JobState = 'active' | 'cancelled' | 'done';
export type JobItemState = 'pending' | 'running' | 'done' | 'failed';

export interface JobSpec {
  name: string;
  /** Endpoints, sampling parameters, ...: kept for the job runner, opaque to the store. */
  config: unknown;
  items: { questionUid: string; model: string; templateHash?: string }[];
}

export interface JobItem {
  id: number;
  questionUid: string;
  model: string;
  templateHash: string;
  state: JobItemState;
  attempts: number;
  answerUid?: string;
  error?: string;
}

export interface JobStatus {
  uid: string;
  name: string;
  state: JobState;
  config: unknown;
  counts: Record<JobItemState, number>;
  createdAt: number;
  updatedAt: number;
}
