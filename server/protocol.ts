/**
 * The extension <-> language server boundary: every custom message, with its literal method name, its typed
 * params and result, and which way it travels. Both sides import this file and nothing else about the other.
 *
 * Errors travel as JSON-RPC errors whose `code` is one of `ServerErrorCode`, so the client can tell "no such
 * question" from "the store is busy" without parsing messages.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { QuestionKind } from './dataset/model';
import type { Rubric } from './rubric/types';
import type { SplitFlag, ThinkState } from './think/types';

export const ServerErrorCode = {
  NotFound: -32001,
  StoreUnavailable: -32002,
  InvalidParams: -32602,
  Internal: -32603,
} as const;
export type ServerErrorCode = (typeof ServerErrorCode)[keyof typeof ServerErrorCode];

/** Settings the client reads through its typed config module (src/config.ts) and hands to the server. */
export interface ServerSettings {
  /** Dataset and model-answer files or folders, relative to a workspace folder, loaded at start. */
  datasets: string[];
  /** The review database, relative to the first workspace folder (or absolute). */
  databasePath: string;
  /** Empty: the operating-system user name. */
  raterId: string;
  /** Empty: the built-in physician rubric. */
  rubricPath: string;
  blind: boolean;
  ratersPerQuestion: number;
  rouge: { useStemmer: boolean; metrics: string[] };
  thinkTagNames: string[];
}

/** Sent as `initializationOptions` when the client starts the server. */
export interface InitializationOptions {
  settings: ServerSettings;
  /** Workspace folder paths on disk (the server resolves dataset globs against them). */
  workspaceFolders: string[];
}

// ---------------------------------------------------------------- questions

/** Filters of the question list; all combine (AND). */
export interface QuestionFilters {
  /** Case-insensitive substring of the question text or its dataset id. */
  search?: string;
  /** Only questions with an answer this rater has not rated yet. */
  ungraded?: boolean;
  /** Only questions with an answer some rater flagged. */
  flagged?: boolean;
  /** Only questions where raters' overall scores for an answer differ. */
  disagreement?: boolean;
  /** Only questions answered by this model. */
  model?: string;
  /** Only questions with an answer in this finish state. */
  finish?: 'unclosed' | 'truncated';
}

export interface QuestionSummary {
  /** The store's question id (stable across databases). */
  id: string;
  /** The dataset's own id. */
  datasetId: string;
  /** The question text, shortened for a list row. */
  title: string;
  kind: QuestionKind;
  answerCount: number;
  /** Answers of this question the current rater has rated. */
  gradedByMe: number;
  flagged: boolean;
  hasReference: boolean;
}

export interface ListQuestionsParams {
  filters?: QuestionFilters;
  offset?: number;
  limit?: number;
}

export interface RaterProgressView {
  rater: string;
  gradedAnswers: number;
  totalAnswers: number;
  gradedQuestions: number;
  totalQuestions: number;
}

export interface ListQuestionsResult {
  questions: QuestionSummary[];
  /** Number of questions matching the filters (the list is paged). */
  total: number;
  /** The current rater's progress over the whole project. */
  progress: RaterProgressView;
  /** Every model in the project, for the model filter. */
  models: string[];
}

/** extension -> server: one page of the question list. */
export const ListQuestionsRequest = new RequestType<ListQuestionsParams, ListQuestionsResult, void>(
  'medreview/listQuestions',
);

/** One ROUGE metric: precision, recall and F-measure against the reference. */
export interface RougeTriple {
  precision: number;
  recall: number;
  fmeasure: number;
}

/** ROUGE of one text against its reference, by metric name (`rouge1`, ...); null where there is no reference. */
export type RougeView = Record<string, RougeTriple> | null;

export interface AccuracyView {
  verdict: 'correct' | 'incorrect' | 'not-extractable';
  /** The option letter or label the extractor found (or the physician's correction). */
  extracted: string | null;
  state: 'chosen' | 'ambiguous' | 'none';
  /** The dataset's label. */
  label: string;
  /** A physician corrected the extraction. */
  overridden: boolean;
  /** Short excerpt the extraction was based on. */
  evidence?: string;
}

/** A rating as the panel shows and edits it. */
export interface RatingView {
  values: Record<string, string | number | boolean | null>;
  overall: number | null;
  comment: string;
  /** Increases with every change; sent back on save so a concurrent change is detected, not overwritten. */
  revision: number;
  updatedAt: number;
}

/** A half-filled form, kept across reloads but never counted as a rating. */
export interface DraftView {
  values: Record<string, string | number | boolean | null>;
  overall: number | null;
  comment: string;
}

export interface AnswerView {
  /** The store's answer id. */
  id: string;
  /** 0-based place on screen (shuffled per rater in blind mode); stored with the rating. */
  position: number;
  /** "Answer A" while blind, else the model name. */
  label: string;
  /** The model; absent while the rater is blind. */
  model?: string;
  reasoning: string;
  answer: string;
  state: ThinkState;
  flags: SplitFlag[];
  finishReason?: string;
  /** The answer names its model or maker (masked while blind). */
  unblinding: boolean;
  rouge: { answer: RougeView; reasoning: RougeView };
  accuracy: AccuracyView | null;
  myRating: RatingView | null;
  myDraft: DraftView | null;
  flaggedByMe: boolean;
  /** Other raters who rated this answer (their ratings stay hidden until this rater has saved). */
  otherRaters: number;
  origin: 'file' | 'generation';
  /** Generation parameters, timings and source, shown on hover. */
  details: Record<string, string | number | boolean>;
}

/** A pairwise preference this rater gave, with the pair as it was shown (left, right). */
export interface PreferenceView {
  left: string;
  right: string;
  choice: PreferenceChoiceView;
}

export type PreferenceChoiceView = 'left' | 'right' | 'tie' | 'both-bad';

export interface QuestionDetail {
  id: string;
  datasetId: string;
  text: string;
  kind: QuestionKind;
  options?: Record<string, string>;
  context?: string[];
  reference?: { answer: string; reasoning?: string; label?: string };
  answers: AnswerView[];
  /** This rater's pairwise preferences between these answers. */
  preferences: PreferenceView[];
  /** Blind mode is on and this rater has not yet rated every answer of this question. */
  blind: boolean;
  /** Where the question was read from. */
  source: { file: string; line: number };
}

export interface GetQuestionParams {
  id: string;
}

/** extension -> server: one question with its reference and every model's answer, as this rater sees them. */
export const GetQuestionRequest = new RequestType<GetQuestionParams, QuestionDetail, void>('medreview/getQuestion');

export interface OpenDatasetParams {
  /** Path of a dataset or model-answers file on disk. */
  file: string;
}

export interface OpenDatasetResult {
  /** The first question the file holds or answers, to select in the panel; absent when it has none. */
  questionId?: string;
  /** Rows taken and rejected from the file. */
  taken: number;
  rejected: number;
}

/** extension -> server: import a file into the project (if it is not imported yet) for the panel to show. */
export const OpenDatasetRequest = new RequestType<OpenDatasetParams, OpenDatasetResult, void>('medreview/openDataset');

// ---------------------------------------------------------------- rubric

/** The active rubric, validated and with defaults filled in (server/rubric's `Rubric`). */
export interface RubricView {
  rubric: Rubric;
  /** Content hash of this version: what a rating is saved against. */
  hash: string;
  /** The file it came from; absent for the built-in rubric. */
  file?: string;
  /** Problems in the rubric file, if it could not be used (the built-in rubric is used instead). */
  problems: string[];
}

/** extension -> server: the rubric ratings are made with. */
export const GetRubricRequest = new RequestType0<RubricView, void>('medreview/getRubric');

// ---------------------------------------------------------------- ratings

export interface SaveRatingParams {
  answerId: string;
  values: Record<string, string | number | boolean | null>;
  overall: number | null;
  comment: string;
  /** The answer's position on screen when it was rated (blind studies analyse position effects). */
  position: number;
  /** The revision the form was based on; absent for a first rating. A mismatch is refused, not overwritten. */
  expectedRevision?: number;
  /** Save as the adjudicated consensus (rater "consensus") instead of as this rater. */
  consensus?: boolean;
}

/**
 * extension -> server: save a complete rating (the consensus rating of an adjudication when `consensus`). Answered only after the transaction committed, so the panel
 * shows "saved" only for what is on disk. An incomplete form is refused with InvalidParams.
 */
export const SaveRatingRequest = new RequestType<SaveRatingParams, RatingView, void>('medreview/saveRating');

export interface SaveDraftParams {
  answerId: string;
  draft: DraftView;
}

/** extension -> server: keep a half-filled form (never counted as a rating). */
export const SaveDraftRequest = new RequestType<SaveDraftParams, void, void>('medreview/saveDraft');

export interface UndoResultView {
  /** What was taken back, in words ("rating of Answer B", "flag"). */
  description: string;
  /** The question the change belonged to, to show it. */
  questionId?: string;
}

/** extension -> server: take back this rater's last change (from the audit log); null when there is none. */
export const UndoRequest = new RequestType0<UndoResultView | null, void>('medreview/undo');

export interface SetFlagParams {
  answerId: string;
  flagged: boolean;
  note?: string;
}

/** extension -> server: flag (or unflag) an answer for discussion. */
export const SetFlagRequest = new RequestType<SetFlagParams, void, void>('medreview/setFlag');

// ---------------------------------------------------------------- preferences and corrections

export interface SavePreferenceParams {
  left: string;
  right: string;
  choice: PreferenceChoiceView;
}

/** extension -> server: which of two answers to the same question is better (or tie, or both bad). */
export const SavePreferenceRequest = new RequestType<SavePreferenceParams, PreferenceView, void>('medreview/savePreference');

export interface CorrectExtractionParams {
  answerId: string;
  /** The option letter or label the answer really gives; null removes the correction. */
  corrected: string | null;
}

/** extension -> server: a physician's correction of the extracted choice; graded from then on. */
export const CorrectExtractionRequest = new RequestType<CorrectExtractionParams, AccuracyView | null, void>('medreview/correctExtraction');

// ---------------------------------------------------------------- adjudication

/** One rater's rating of an answer, shown with the rater's name during adjudication. */
export interface RaterRatingView {
  rater: string;
  values: Record<string, string | number | boolean | null>;
  overall: number | null;
  comment: string;
}

export interface AdjudicationAnswer {
  /** The answer with model names revealed; `myRating` is the consensus rating so far. */
  answer: AnswerView;
  ratings: RaterRatingView[];
  /** Fields (axis ids, `overall`) on which the raters gave different values. */
  disagreements: string[];
}

export interface AdjudicationView {
  questionId: string;
  /** False while this rater still has answers of the question to rate: the others' ratings stay hidden. */
  available: boolean;
  answers: AdjudicationAnswer[];
}

/** extension -> server: every rater's ratings of a question's answers, names revealed, for adjudication. */
export const GetAdjudicationRequest = new RequestType<GetQuestionParams, AdjudicationView, void>('medreview/getAdjudication');

// ---------------------------------------------------------------- status

export interface ServerStatus {
  state: 'loading' | 'ready' | 'error';
  questionCount: number;
  answerCount: number;
  /** Files loaded, with how many rows were taken and rejected. */
  files: { file: string; taken: number; rejected: number }[];
  message?: string;
}

/** extension -> server: the current status (also pushed with `StatusNotification`). */
export const GetStatusRequest = new RequestType0<ServerStatus, void>('medreview/getStatus');

/** server -> extension: the status changed (data loaded, reloaded, failed). */
export const StatusNotification = new NotificationType<ServerStatus>('medreview/status');

// ---------------------------------------------------------------- settings

/** extension -> server: settings changed (the client's typed config module is the only reader of settings). */
export const SettingsChangedNotification = new NotificationType<ServerSettings>('medreview/settingsChanged');
