/**
 * The extension <-> language server boundary: every custom message, with its literal method name, its typed
 * params and result, and which way it travels. Both sides import this file and nothing else about the other.
 *
 * Errors travel as JSON-RPC errors whose `code` is one of `ServerErrorCode`, so the client can tell "no such
 * question" from "the store is busy" without parsing messages.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { StudySummary } from './summary/types';
import type { QuestionKind } from './dataset/model';
import type { Rubric } from './rubric/types';
import type { SplitFlag, ThinkState } from './think/types';
import type { RougeType } from './metrics/rouge/types';

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
  /** Inference servers answers are generated on (`medreview.endpoints`); absent: one llama.cpp on 127.0.0.1:8080. */
  endpoints?: EndpointSetting[];
  /** Defaults for fresh generations (`medreview.generation.*`). */
  generation?: GenerationSettings;
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
  /**
   * Only questions with an answer whose ROUGE F-measure against the reference answer is below this (0-1];
   * the metric is ListQuestionsResult.rougeFilter's. Questions without a reference never match.
   */
  lowRouge?: number;
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
  /** Raters who have rated every answer of the question, and how many the study wants (`ratersPerQuestion`). */
  ratersComplete: number;
  ratersTarget: number;
  flagged: boolean;
  hasReference: boolean;
}

export interface ListQuestionsParams {
  filters?: QuestionFilters;
  offset?: number;
  limit?: number;
  /**
   * false: leave out the rater's progress (counting it reads every rating: tens of milliseconds on a large
   * study, wasted on every page of a fast scroll). Default true.
   */
  withProgress?: boolean;
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
  /** The current rater's progress over the whole project; absent when not asked for. */
  progress?: RaterProgressView;
  /** Every model in the project, for the model filter; empty in a blind study (the filter would hint which answer is whose). */
  models: string[];
  /** The study is blind (`medreview.review.blind`). */
  blind: boolean;
  /**
   * The metric the `lowRouge` filter compares (ROUGE-L when the project computes it), and, with that filter
   * on, how many answers have no score yet: they are left out of the list until scored, so ask again until
   * none are left.
   */
  rougeFilter: { metric: RougeType; unscored?: number };
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
  /** The stream ended early (connection closed, cancelled): the text is partial. */
  incomplete: boolean;
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

// ---------------------------------------------------------------- generation (fresh answers from inference servers)
//
// Flow: `generate/start` returns at once with a generation id (or a typed error for a request that cannot
// run: unknown answer, endpoint or template, a template in the wrong mode for the endpoint's API). Everything
// that happens on the network is reported by notifications: any number of `generate/progress`, then exactly
// one `generate/done`, after which nothing more is sent for that id. `generate/done` is sent only after the
// answer is committed to the store.

export type EndpointPreset = 'llama.cpp' | 'vllm' | 'ollama' | 'openai';
export type EndpointApi = 'chat' | 'completions' | 'native';

/** One entry of `medreview.endpoints`. API keys are not here: the extension keeps them in SecretStorage. */
export interface EndpointSetting {
  /** Unique name; also the key the API key is stored under. */
  name: string;
  preset: EndpointPreset;
  /** Base URL; default the preset's (llama.cpp :8080, vLLM :8000, Ollama :11434). Required for `openai`. */
  url?: string;
  /** Model to request; default the first the server lists. */
  model?: string;
  /** Default: `chat` for a chat-mode template, `completions` for a completion-mode one. */
  api?: EndpointApi;
  /** Requests at once in a batch; default the server's slot count (llama.cpp `/props`), else 1. */
  slots?: number;
}

export interface GenerationSettings {
  /** `builtin:medical-cot`, `builtin:plain-chat`, or a `*.prompt.md` path relative to the workspace folder. */
  template: string;
  /** null: the template's value (or the server's default). */
  maxTokens: number | null;
  temperature: number | null;
  seed: number | null;
}

/** API keys by endpoint name, read from SecretStorage for one request. The server never stores or logs them. */
export type EndpointKeys = Record<string, string>;

/** Sampling parameters that override the template's and the settings'. */
export interface SamplingOverrides {
  temperature?: number;
  top_p?: number;
  max_tokens?: number;
  seed?: number;
}

export interface StartGenerationParams {
  /** Regenerate this answer: its question, and its model unless `model` is given. */
  answerId?: string;
  /** Or generate for this question (one of `answerId`, `questionId` is required). */
  questionId?: string;
  /** Model name sent to the server; default the answer's, else the endpoint's, else the first the server lists. */
  model?: string;
  /** Endpoint name from `medreview.endpoints`; default the first. */
  endpoint?: string;
  /** Template reference (as in `medreview.generation.template`); default that setting. */
  template?: string;
  params?: SamplingOverrides;
}

export interface GenerateStartParams extends StartGenerationParams {
  keys?: EndpointKeys;
}

export interface GenerateStartResult {
  generationId: string;
  questionId: string;
  /** The answer being regenerated, if any. */
  regenerates?: string;
  /** Absent when it is read from the server first (it is in every progress notification). */
  model?: string;
  endpoint: string;
  template: { id: string; hash: string; mode: 'chat' | 'completion' };
  /** For a person: e.g. a non-loopback http:// endpoint (medical text would travel unencrypted). */
  warnings: string[];
}

/** extension -> server: start generating one answer (streamed back by `generate/progress`, ended by `generate/done`). */
export const GenerateStartRequest = new RequestType<GenerateStartParams, GenerateStartResult, void>('medreview/generate/start');

export type GenerationPhase = 'waiting' | 'retrying' | 'streaming';

/**
 * server -> extension: text arrived. Throttled to at most ~30 per second per generation: deltas in between
 * are concatenated. Apply in `seq` order: append the deltas, or when `replaced` is true, show `reasoning` and
 * `answer` (the whole text so far; the deltas are then empty). `state` is provisional: `unclosed` while inside
 * the reasoning block.
 */
export interface GenerationProgress {
  generationId: string;
  /** 1, 2, 3, ... per generation. */
  seq: number;
  questionId: string;
  regenerates?: string;
  model: string;
  endpoint: string;
  phase: GenerationPhase;
  reasoningDelta: string;
  answerDelta: string;
  replaced: boolean;
  /** Present exactly when `replaced` is true. */
  reasoning?: string;
  answer?: string;
  state: ThinkState;
  /** Connected, no bytes yet (queued behind busy slots, or reading the prompt). Not an error. */
  waiting?: { sinceMs: number };
  /** The server is loading the model (503) or dropped the connection before answering: trying again. */
  retrying?: { attempt: number; delayMs: number; reason: string };
}

export const GenerateProgressNotification = new NotificationType<GenerationProgress>('medreview/generate/progress');

export interface GenerationErrorView {
  kind: string;
  message: string;
}

/**
 * server -> extension: the generation ended; the last message for its id. `complete`: the server finished
 * (any finish reason; `length` means truncated). `incomplete`: the stream broke, the partial text is stored,
 * marked incomplete. `cancelled`: stopped by `generate/cancel`, partial text (if any) stored and marked.
 * `failed`: no text; nothing stored; `error` says why.
 */
export interface GenerationDone {
  generationId: string;
  questionId: string;
  regenerates?: string;
  model: string;
  endpoint: string;
  status: 'complete' | 'incomplete' | 'cancelled' | 'failed';
  error?: GenerationErrorView;
  /** The stored answer; absent when nothing was stored. */
  answerId?: string;
  /** False when the identical answer was already stored (the same text from the same model and template). */
  newAnswer?: boolean;
  finishReason?: string;
  /** The final split (as stored). */
  state?: ThinkState;
  flags?: SplitFlag[];
  /** When the answer is degenerate: what to check in the template (usually its mode). */
  hint?: string;
  usage?: Record<string, number>;
}

export const GenerateDoneNotification = new NotificationType<GenerationDone>('medreview/generate/done');

export interface GenerateCancelParams {
  generationId: string;
}

/** extension -> server: stop a generation (the HTTP request is aborted, so the server frees its slot). */
export const GenerateCancelRequest = new RequestType<GenerateCancelParams, { cancelled: boolean }, void>('medreview/generate/cancel');

/** A generation still running, with the text sent so far (progress with `seq` up to this one is included). */
export interface GenerationSnapshot {
  generationId: string;
  seq: number;
  questionId: string;
  regenerates?: string;
  model: string;
  endpoint: string;
  phase: GenerationPhase;
  reasoning: string;
  answer: string;
  state: ThinkState;
}

/** extension -> server: the generations running now (for a panel that was reloaded mid-stream). */
export const GenerateRunningRequest = new RequestType0<GenerationSnapshot[], void>('medreview/generate/running');

export interface EndpointsListParams {
  keys?: EndpointKeys;
  /** Ask each server for its models and slots (default true). */
  probe?: boolean;
}

export interface EndpointView {
  name: string;
  preset: EndpointPreset;
  url: string;
  api?: EndpointApi;
  /** The model set in the settings. */
  model?: string;
  /** Absent when not probed. */
  reachable?: boolean;
  /** Models the server lists. */
  models: string[];
  slots?: number;
  contextSize?: number;
  /** Why the server could not be asked. */
  error?: string;
  warnings: string[];
}

export interface EndpointsListResult {
  endpoints: EndpointView[];
  /** Entries of `medreview.endpoints` that could not be used, with the field (`medreview.endpoints[1].url: ...`). */
  problems: string[];
}

/** extension -> server: the configured endpoints, with what each server says about itself. */
export const EndpointsListRequest = new RequestType<EndpointsListParams, EndpointsListResult, void>('medreview/endpoints/list');

export interface TemplateChoice {
  /** What `template` fields take: `builtin:<id>` or a workspace-relative path. */
  ref: string;
  id: string;
  /** Absent (with the hash) when the template has errors. */
  mode?: 'chat' | 'completion';
  hash?: string;
  description?: string;
  /** Errors (`file:line:col: ...`) that keep a workspace template from being used. */
  errors: string[];
}

export interface TemplatesListResult {
  templates: TemplateChoice[];
  /** `medreview.generation.template`. */
  defaultTemplate: string;
}

/** extension -> server: the built-in templates and the workspace's `*.prompt.md` files. */
export const TemplatesListRequest = new RequestType0<TemplatesListResult, void>('medreview/templates/list');

// ---------------------------------------------------------------- batch generation jobs

export interface BatchModelChoice {
  model: string;
  /** Endpoint names serving this model; several spread its requests (each at its own slot count). */
  endpoints: string[];
}

export interface BatchStartParams {
  name?: string;
  models: BatchModelChoice[];
  /** Template references; default the `medreview.generation.template` setting. */
  templates?: string[];
  /** The questions; default those matching `filters`, or all. */
  questionIds?: string[];
  filters?: QuestionFilters;
  params?: SamplingOverrides;
  keys?: EndpointKeys;
}

/** A job as it starts: `total` generations (questions x models x templates), `done` already (a resumed job). */
export interface BatchStartResult extends BatchCounts {
  jobId: string;
  name: string;
  warnings: string[];
}

/** extension -> server: create a generation job in the store and run it (progress by `batch/progress`). */
export const BatchStartRequest = new RequestType<BatchStartParams, BatchStartResult, void>('medreview/batch/start');

export interface BatchResumeParams {
  jobId: string;
  keys?: EndpointKeys;
}

/** extension -> server: run an unfinished or cancelled job again; what is done stays done. */
export const BatchResumeRequest = new RequestType<BatchResumeParams, BatchStartResult, void>('medreview/batch/resume');

/**
 * extension -> server: stop a running job: in-flight requests are aborted and their items left to do; the job is
 * marked cancelled (not offered again at start, but `batch/resume` continues it).
 */
export const BatchCancelRequest = new RequestType<{ jobId: string }, { cancelled: boolean }, void>('medreview/batch/cancel');

export interface BatchCounts {
  total: number;
  done: number;
  failed: number;
  /** Still to do (pending, or claimed by a process that has ended). */
  remaining: number;
}

export interface JobView extends BatchCounts {
  jobId: string;
  name: string;
  state: 'active' | 'cancelled' | 'done';
  models: string[];
  templates: string[];
  createdAt: number;
  /** This server is running it now. */
  running: boolean;
  /** Unfinished and not running here: `batch/resume` would continue it. */
  resumable: boolean;
}

/** extension -> server: every generation job in the store. */
export const BatchListRequest = new RequestType0<JobView[], void>('medreview/batch/list');

/** server -> extension: a running job advanced (throttled to a few per second). */
export interface BatchProgress extends BatchCounts {
  jobId: string;
  name: string;
  /** Generations running now. */
  active: number;
  completionTokens: number;
  /** The answer stored last, so a panel showing its question can refresh. */
  lastAnswer?: { questionId: string; answerId: string };
}

export const BatchProgressNotification = new NotificationType<BatchProgress>('medreview/batch/progress');

/** server -> extension: a job run ended (finished, cancelled, or stopped by unreachable servers). */
export interface BatchDone extends BatchCounts {
  jobId: string;
  name: string;
  state: 'active' | 'cancelled' | 'done';
  /** One line for a person. */
  summary: string;
  /** Why the run stopped early, if it did (unreachable endpoints, an error). */
  problems: string[];
}

export const BatchDoneNotification = new NotificationType<BatchDone>('medreview/batch/done');

// ---------------------------------------------------------------- export and summary

/** The export formats (server/export's EXPORT_FORMATS): ratings, training data, and the per-model summary. */
export type ExportFormatName = 'jsonl' | 'csv' | 'dpo' | 'sft' | 'summary-md' | 'summary-csv';

export interface ExportParams {
  format: ExportFormatName;
  /** Absolute path of the file to write; it appears only once the export is complete. */
  path: string;
  minRaters?: number;
  /** sft: mean overall score an answer needs; dpo: the chosen answer of a pair built from ratings. */
  minOverall?: number;
  /** dpo: also write tie and both-bad pairs. */
  includeTies?: boolean;
  /** dpo, sft: put the reasoning into completions, wrapped in think tags. */
  withReasoning?: boolean;
}

export interface ExportResultView {
  format: ExportFormatName;
  path: string;
  /** Questions, answers and ratings read. */
  questions: number;
  answers: number;
  ratings: number;
  /** Lines, rows or documents written. */
  written: number;
  /** Candidates left out, by reason. */
  skipped: Record<string, number>;
  rubricKey?: string;
}

/** extension -> server: write an export of the review database to a file (refused with InvalidParams when it cannot be made as asked). */
export const ExportRequest = new RequestType<ExportParams, ExportResultView, void>('medreview/export');

export interface SummaryParams {
  /** Only answers rated by at least this many raters (default 1). */
  minRaters?: number;
}

/** extension -> server: the per-model summary of the ratings made with the active rubric (server/summary's StudySummary). */
export const GetSummaryRequest = new RequestType<SummaryParams, StudySummary, void>('medreview/getSummary');

// ---------------------------------------------------------------- merge

export interface MergeRatingsParams {
  /** Absolute path of another rater's review database; it must be closed (not open in a MedReview window). */
  path: string;
}

/** How many of each kind of item: ratings, pairwise preferences, choice corrections. */
export interface MergeCountsView {
  ratings: number;
  preferences: number;
  overrides: number;
}

export interface MergeResultView {
  source: string;
  ratersAdded: string[];
  added: MergeCountsView;
  unchanged: MergeCountsView;
  updated: MergeCountsView;
  /** Items left as they are here because theirs differ. */
  conflicts: number;
  /** Items about answers this database lacks, and rubric versions it does not know. */
  missingAnswers: number;
  missingRubrics: number;
  /** The whole report, as `medreview merge` prints it (every conflict with both sides). */
  report: string;
}

/**
 * extension -> server: bring another rater's ratings, preferences and choice corrections into the open
 * review database; nothing here is overwritten (refused with InvalidParams for a file that cannot be merged).
 */
export const MergeRatingsRequest = new RequestType<MergeRatingsParams, MergeResultView, void>('medreview/mergeRatings');
