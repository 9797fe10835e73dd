/**
 * The webview <-> extension boundary. Every message has a literal method name, typed params and result, and
 * says which way it travels. Requests carry an id and a timeout and always end in exactly one response:
 * a result or a typed error, never silence (the webview also gives up on its own when the timeout passes).
 *
 * The view types are the server's (server/protocol.ts): the extension forwards them unchanged.
 */
import type {
  AccuracyView,
  AdjudicationView,
  CorrectExtractionParams,
  GetQuestionParams,
  ListQuestionsParams,
  ListQuestionsResult,
  QuestionDetail,
  QuestionFilters,
  RatingView,
  PreferenceView,
  RubricView,
  SaveDraftParams,
  SavePreferenceParams,
  SaveRatingParams,
  ServerStatus,
  SetFlagParams,
  UndoResultView,
  ExportFormatName,
  ExportResultView,
  SummaryParams,
} from '../server/protocol';
import type { StudySummary } from '../server/summary/types';
import type {
  BatchDone,
  BatchProgress,
  EndpointsListResult,
  GenerateStartResult,
  GenerationDone,
  GenerationProgress,
  GenerationSnapshot,
  StartGenerationParams,
  TemplatesListResult,
} from '../server/protocol';

export type {
  BatchDone,
  BatchProgress,
  EndpointView,
  EndpointsListResult,
  GenerateStartResult,
  GenerationDone,
  GenerationErrorView,
  GenerationPhase,
  GenerationProgress,
  GenerationSnapshot,
  SamplingOverrides,
  StartGenerationParams,
  TemplateChoice,
  TemplatesListResult,
} from '../server/protocol';

export type {
  AccuracyView,
  AdjudicationAnswer,
  AdjudicationView,
  RaterRatingView,
  AnswerView,
  DraftView,
  ListQuestionsResult,
  QuestionDetail,
  QuestionFilters,
  QuestionSummary,
  RaterProgressView,
  PreferenceChoiceView,
  PreferenceView,
  RatingView,
  RougeView,
  RubricView,
  ServerStatus,
  ExportFormatName,
  ExportResultView,
} from '../server/protocol';
export type { StudySummary } from '../server/summary/types';

/** A request type: the method name plus phantom params/result types checked at both ends. */
export interface WebviewRequestType<P, R> {
  readonly kind: 'request';
  readonly method: string;
  /**
   * True for requests that change nothing the panel shows (reads). Anything else may change stored data, so
   * data fetched before it went out is not reused after (see webview/questionPrefetch.ts).
   */
  readonly readOnly?: true;
  readonly _params?: P;
  readonly _result?: R;
}

/** A notification type: the method name plus its phantom params type. */
export interface WebviewNotificationType<P> {
  readonly kind: 'notification';
  readonly method: string;
  readonly _params?: P;
}

function request<P, R>(method: string): WebviewRequestType<P, R> {
  return { kind: 'request', method };
}

function query<P, R>(method: string): WebviewRequestType<P, R> {
  return { kind: 'request', method, readOnly: true };
}

function notification<P>(method: string): WebviewNotificationType<P> {
  return { kind: 'notification', method };
}

// ---------------------------------------------------------------- requests: webview -> extension

/** webview -> extension: a page of the question list. */
export const ListQuestions = query<ListQuestionsParams, ListQuestionsResult>('questions/list');

/** webview -> extension: one question with its answers. */
export const GetQuestion = query<GetQuestionParams, QuestionDetail>('question/get');

/** webview -> extension: the data status (loading, ready, error). */
export const GetStatus = query<void, ServerStatus>('status/get');

/** webview -> extension: open the log output (after an error the panel offers it). */
export const ShowLog = query<void, void>('log/show');

/** webview -> extension: the rubric ratings are made with. */
export const GetRubric = query<void, RubricView>('rubric/get');

/** webview -> extension: save a complete rating; answered only after the store committed it. */
export const SaveRating = request<SaveRatingParams, RatingView>('rating/save');

/** webview -> extension: keep a half-filled form as a draft. */
export const SaveDraft = request<SaveDraftParams, void>('draft/save');

/** webview -> extension: take back this rater's last change. */
export const Undo = request<void, UndoResultView | null>('rating/undo');

/** webview -> extension: flag or unflag an answer. */
export const SetFlag = request<SetFlagParams, void>('answer/flag');

/** webview -> extension: every rater's ratings of a question, names revealed, for adjudication. */
export const GetAdjudication = query<GetQuestionParams, AdjudicationView>('adjudication/get');

/** webview -> extension: a pairwise preference between two answers shown left and right. */
export const SavePreference = request<SavePreferenceParams, PreferenceView>('preference/save');

/** webview -> extension: correct (or clear the correction of) the choice extracted from an answer. */
export const CorrectExtraction = request<CorrectExtractionParams, AccuracyView | null>('extraction/correct');

/** webview -> extension: put text on the clipboard (the page itself may not). */
export const CopyText = query<{ text: string }, void>('clipboard/copy');

/** webview -> extension: the per-model summary of the ratings made with the active rubric. */
export const GetSummary = query<SummaryParams, StudySummary>('summary/get');

/**
 * webview -> extension: export the review database. The extension asks for the format (unless given), the
 * options and the file; null when the user cancelled a step.
 */
export const ExportReview = request<{ format?: ExportFormatName }, ExportResultView | null>('export/run');

/** A file the panel made (a summary document or chart) for the extension to save where the user chooses. */
export interface PanelFile {
  fileName: string;
  content: string;
  /** `base64` for binary content (PNG); the extension decodes it before writing. */
  encoding: 'utf8' | 'base64';
}

/** webview -> extension: ask where to save a file and write it; the path written, or null when cancelled. */
export const SaveFile = request<PanelFile, { path: string } | null>('file/save');

/** A keyboard shortcut as VS Code knows it by default. */
export interface Shortcut {
  command: string;
  title: string;
  key: string;
}

/** webview -> extension: the panel's keybindings (from the extension's manifest). */
export const GetShortcuts = query<void, Shortcut[]>('shortcuts/get');

/** webview -> extension: open VS Code's Keyboard Shortcuts editor on the panel's commands. */
export const OpenKeybindings = query<void, void>('shortcuts/open');

// ---------------------------------------------------------------- notifications: extension -> webview

/** extension -> webview: the server's data status changed. */
export const StatusChanged = notification<ServerStatus>('status/changed');

/**
 * Panel actions bound to VS Code keybindings (package.json `contributes.keybindings`), so users can rebind
 * them: the key reaches VS Code, which runs the command, which the extension forwards here.
 */
export type PanelCommand =
  | 'nextQuestion'
  | 'previousQuestion'
  | 'nextAnswer'
  | 'previousAnswer'
  | 'nextField'
  | 'previousField'
  | 'choose'
  | 'toggleReasoning'
  | 'focusComment'
  | 'save'
  | 'undo'
  | 'flag'
  | 'showShortcuts'
  | 'showGuidelines'
  | 'preferLeft'
  | 'preferRight'
  | 'preferTie'
  | 'preferBothBad'
  // Generation (the panel decides which answer: the focused one).
  | 'regenerate'
  | 'cancelGeneration'
  // Not bound to a key: the "Show Summary" command opens the panel on its summary.
  | 'showSummary';

/** extension -> webview: run a keyboard action; `key` is the pressed key for `choose`. */
export const RunPanelCommand = notification<{ command: PanelCommand; key?: string }>('panel/command');

/** extension -> webview: show this question (e.g. after "Open in MedReview" on a dataset file). */
export const SelectQuestion = notification<{ id: string }>('question/select');

/** extension -> webview: ratings changed outside the panel (a merge): reload the list, progress and the question shown. */
export const RatingsChanged = notification<void>('ratings/changed');

/**
 * View state the panel keeps across hide and window reload. The webview saves it with `setState`, and VS Code
 * hands it back to the panel serializer on reload, so no message is needed for it.
 */
export interface PanelViewState {
  selectedQuestionId?: string;
  filters?: QuestionFilters;
  focusedAnswer?: number;
  focusedField?: number;
  scrollTop?: number;
  adjudicating?: boolean;
}

// ---------------------------------------------------------------- notifications: webview -> extension

/**
 * webview -> extension: a text field in the panel gained or lost focus. The extension sets the
 * `medreview.textInputFocused` context key so single-key shortcuts do not fire while the user types.
 */
export const TextInputFocusChanged = notification<{ focused: boolean }>('focus/textInput');

// ---------------------------------------------------------------- generation (regenerate, streaming, batch)
//
// A regenerate: `generate/start` (or `generate/choose`, which asks the user in VS Code's own pickers first)
// answers with a generation id, or with a typed error for a request that cannot run. Then the extension
// forwards, for that id, any number of `generate/progress` notifications followed by exactly one
// `generate/done`, in the order the server sent them, and nothing after `done`. The start response is posted
// before the first progress of its generation. `generate/done` comes after the answer was stored: ask for
// the question again (`question/get`) to show it with its ROUGE, details and rating form.

/** webview -> extension: generate (regenerate `answerId`, or a new answer for `questionId`); API keys are added by the extension. */
export const StartGeneration = request<StartGenerationParams, GenerateStartResult>('generate/start');

/**
 * webview -> extension: ask the user (quick picks: endpoint, model, template) and start; null when they
 * dismissed a picker. Pass a long timeout (the user is choosing), e.g. 300000.
 */
export const ChooseAndGenerate = request<{ answerId?: string; questionId?: string }, GenerateStartResult | null>('generate/choose');

/** webview -> extension: stop a generation; `generate/done` with status `cancelled` follows (false: it had already ended). */
export const CancelGeneration = request<{ generationId: string }, { cancelled: boolean }>('generate/cancel');

/** webview -> extension: generations running now with their text so far (after a panel reload). Skip progress with `seq` <= the snapshot's. */
export const RunningGenerations = query<void, GenerationSnapshot[]>('generate/running');

/** webview -> extension: the configured endpoints, each asked for its models (takes up to ~3 s for an unreachable one). */
export const ListEndpoints = query<void, EndpointsListResult>('endpoints/list');

/** webview -> extension: the built-in and workspace prompt templates. */
export const ListTemplates = query<void, TemplatesListResult>('templates/list');

/**
 * webview -> extension: generate answers for every question matching `filters` (all when absent): the
 * extension asks for models and templates in quick picks and runs a batch job with a progress notification;
 * null when the user dismissed a picker. Pass a long timeout, e.g. 300000.
 */
export const GenerateForQuestions = request<{ filters?: QuestionFilters }, { jobId: string } | null>('batch/generate');

/** extension -> webview: streamed text of a generation (see GenerationProgress for how to apply it). */
export const GenerationProgressed = notification<GenerationProgress>('generate/progress');

/** extension -> webview: a generation ended; its answer (if any) is stored. */
export const GenerationFinished = notification<GenerationDone>('generate/done');

/** extension -> webview: a batch job advanced; `lastAnswer` names the answer stored last. */
export const BatchProgressed = notification<BatchProgress>('batch/progress');

/** extension -> webview: a batch job run ended. */
export const BatchFinished = notification<BatchDone>('batch/done');

// ---------------------------------------------------------------- envelopes

export enum WebviewErrorCode {
  Timeout = 'timeout',
  NotFound = 'not-found',
  InvalidParams = 'invalid-params',
  ServerUnavailable = 'server-unavailable',
  Internal = 'internal',
  UnknownMethod = 'unknown-method',
}

export interface WebviewError {
  code: WebviewErrorCode;
  message: string;
}

export interface RequestMessage {
  kind: 'request';
  id: number;
  method: string;
  params: unknown;
  /** Milliseconds after which the sender gives up; the host cancels the work then too. */
  timeoutMs: number;
}

export type ResponseMessage =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: WebviewError };

export interface NotificationMessage {
  kind: 'notification';
  method: string;
  params: unknown;
}

export type WebviewMessage = RequestMessage | ResponseMessage | NotificationMessage;

/** Default timeout for a webview request; long operations (export, batch) pass their own. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** Checks the shape of a message that crossed the boundary (the other side is a different trust domain). */
export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m.kind) {
    case 'request':
      return typeof m.id === 'number' && typeof m.method === 'string' && typeof m.timeoutMs === 'number';
    case 'response':
      return typeof m.id === 'number' && typeof m.ok === 'boolean';
    case 'notification':
      return typeof m.method === 'string';
    default:
      return false;
  }
}
