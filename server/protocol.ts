/**
 * The extension <-> language server boundary: every custom message, with its literal method name, its typed
 * params and result, and which way it travels. Both sides import this file and nothing else about the other.
 *
 * Errors travel as JSON-RPC errors whose `code` is one of `ServerErrorCode`, so the client can tell "no such
 * question" from "the store is busy" without parsing messages.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { QuestionKind } from './dataset/model';
import type { SplitFlag, ThinkState } from './think/types';

export const ServerErrorCode = {
  NotFound: -32001,
  StoreUnavailable: -32002,
  InvalidParams: -32602,
  Internal: -32603,
} as const;
export type ServerErrorCode = (typeof ServerErrorCode)[keyof typeof ServerErrorCode];

/** Settings the client reads through its typed config module and hands to the server. */
export interface ServerSettings {
  /** Workspace-relative globs of dataset and model-answer files to load at start. */
  datasets: string[];
  thinkTagNames: string[];
}

/** Sent as `initializationOptions` when the client starts the server. */
export interface InitializationOptions {
  settings: ServerSettings;
  /** Workspace folder paths on disk (the server resolves dataset globs against them). */
  workspaceFolders: string[];
}

// ---------------------------------------------------------------- questions

export interface QuestionSummary {
  id: string;
  /** The question text, shortened for a list row. */
  title: string;
  kind: QuestionKind;
  answerCount: number;
  hasReference: boolean;
}

export interface ListQuestionsParams {
  /** Case-insensitive substring of the question text. */
  search?: string;
  offset?: number;
  limit?: number;
}

export interface ListQuestionsResult {
  questions: QuestionSummary[];
  /** Number of questions matching the filter (the list is paged). */
  total: number;
}

/** extension -> server: one page of the question list. */
export const ListQuestionsRequest = new RequestType<ListQuestionsParams, ListQuestionsResult, void>(
  'medreview/listQuestions',
);

export interface AnswerView {
  /** Stable answer id (question id + model + source). */
  id: string;
  model: string;
  reasoning: string;
  answer: string;
  state: ThinkState;
  flags: SplitFlag[];
  finishReason?: string;
  /** Generation parameters and timings, shown on hover. */
  details: Record<string, string | number | boolean>;
}

export interface QuestionDetail {
  id: string;
  text: string;
  kind: QuestionKind;
  options?: Record<string, string>;
  context?: string[];
  reference?: { answer: string; reasoning?: string; label?: string };
  answers: AnswerView[];
  /** Where the question was read from, for "open source file". */
  source: { file: string; line: number };
}

export interface GetQuestionParams {
  id: string;
}

/** extension -> server: one question with its reference and every model's answer. */
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

/** extension -> server: load a file into the project (if it is not loaded yet) for the panel to show. */
export const OpenDatasetRequest = new RequestType<OpenDatasetParams, OpenDatasetResult, void>('medreview/openDataset');

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
