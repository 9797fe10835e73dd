import type { GenerationParams, Question } from '../dataset/model';
import type { PromptTemplate } from '../templates/types';
import type { GenerationSink } from './sink';
import type { ApiKind, Endpoint, GenerationEvent, GenerationResult, InferenceFailure, RetryPolicy, Timeouts } from './types';

export interface BatchTarget {
  /** Model name sent to its endpoints. */
  model: string;
  template: PromptTemplate;
  /** Endpoints serving this model, each kept at its own `slots` (1 when unknown). Several spread the load. */
  endpoints: Endpoint[];
  /** Default: `chat` for a chat-mode template, `completions` for a completion-mode one. */
  api?: ApiKind;
  /** Overrides of the template's sampling parameters (e.g. max_tokens, seed from the command line). */
  params?: GenerationParams;
}

export interface BatchOptions {
  questions: readonly Question[];
  targets: readonly BatchTarget[];
  sink: GenerationSink;
  signal?: AbortSignal;
  onEvent?: (e: BatchEvent) => void;
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetryPolicy>;
  tagNames?: readonly string[];
}

export type BatchEvent =
  /** What will run: `skipped` were already done (a resumed batch). */
  | { type: 'planned'; total: number; skipped: number }
  | { type: 'started'; key: string; questionId: string; model: string; endpoint: string }
  /** A generation's own events: waiting, retrying, every streamed delta. */
  | { type: 'generation'; key: string; questionId: string; model: string; event: GenerationEvent }
  | { type: 'finished'; key: string; result: GenerationResult; finished: number; total: number }
  | { type: 'endpoint-down'; endpoint: string; failure: InferenceFailure };

export interface BatchSummary {
  /** Generations the batch had to do (done ones excluded). */
  total: number;
  skipped: number;
  complete: number;
  incomplete: number;
  failed: number;
  cancelled: number;
  /** Never started: cancelled before their turn, or every endpoint for their model was down. */
  notRun: number;
  completionTokens: number;
  wallMs: number;
  /** Endpoints that could not be reached, with why. */
  unreachable: { endpoint: string; message: string }[];
}
