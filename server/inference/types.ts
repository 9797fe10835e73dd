import type { GenerationParams, GenerationTimings } from '../dataset/model';
import type { RenderedPrompt } from '../templates/types';
import type { SplitResult, ThinkStreamUpdate } from '../think/types';

/** Which HTTP API a request uses: OpenAI `/v1/chat/completions`, OpenAI `/v1/completions`, llama.cpp `/completion`. */
export type ApiKind = 'chat' | 'completions' | 'native';

export type ServerKind = 'llama.cpp' | 'vllm' | 'ollama' | 'openai-compatible';

/** A named inference server. `model`, `slots` and `contextSize` are read from the server when left out. */
export interface Endpoint {
  name: string;
  /** e.g. `http://127.0.0.1:8080`, without a trailing `/v1`. */
  baseUrl: string;
  server: ServerKind;
  /** Sent as `Authorization: Bearer ...`; kept by the caller (SecretStorage in the extension). */
  apiKey?: string;
  model?: string;
  slots?: number;
  contextSize?: number;
}

export interface Usage {
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
  cachedTokens?: number;
}

export type FailureKind =
  /** Connection refused, host not found, or no connection within the connect timeout. */
  | 'unreachable'
  /** 503 "Loading model" still after every retry. */
  | 'loading'
  /** The prompt does not fit the context window. */
  | 'context-overflow'
  | 'bad-request'
  | 'auth'
  | 'not-found'
  | 'server-error'
  /** The server reported an error inside the stream. */
  | 'stream-error'
  /** The connection closed before the server said it was done. */
  | 'disconnected'
  /** Bytes stopped flowing for longer than the idle timeout. */
  | 'stalled'
  /** The answer was not in a shape this client understands. */
  | 'protocol';

export interface InferenceFailure {
  kind: FailureKind;
  /** A sentence for a person: what happened and, where it helps, what to do. */
  message: string;
  status?: number;
  /** e.g. `{ promptTokens, contextSize }` for a context overflow. */
  details?: Record<string, number | string>;
}

/**
 * `complete`: the server finished (whatever the finish reason). `incomplete`: some text came but it may be
 * cut short (the connection closed, stalled, or the server reported an error mid-stream); it is kept.
 * `cancelled`: stopped by the user, partial text kept. `failed`: no text was generated.
 */
export type GenerationStatus = 'complete' | 'incomplete' | 'cancelled' | 'failed';

export interface GenerationRequest {
  endpoint: Endpoint;
  model: string;
  api: ApiKind;
  prompt: RenderedPrompt;
  /** Everything sent: the template's parameters with any overrides, and its stop strings. */
  params: GenerationParams;
  template?: { id: string; hash: string };
  questionId?: string;
  /** Reasoning tag names for the splitter (default think, thinking). */
  tagNames?: readonly string[];
}

export interface GenerationResult {
  questionId?: string;
  endpoint: { name: string; url: string };
  /** The model requested. */
  model: string;
  /** The model the server said answered, when it said. */
  servedModel?: string;
  api: ApiKind;
  template?: { id: string; hash: string };
  /** Exactly what was sent: the chat messages or the completion prompt. */
  prompt: RenderedPrompt;
  params: GenerationParams;
  status: GenerationStatus;
  error?: InferenceFailure;
  finishReason?: string;
  usage?: Usage;
  timings?: GenerationTimings;
  /** The generated text exactly as received (the `content` deltas, or a completion's text). */
  raw: string;
  /** Reasoning the server sent apart (`reasoning_content` / `reasoning`). */
  serverReasoning?: string;
  split: SplitResult;
  /** Attempts made (more than one after 503 "Loading model" retries). */
  attempts: number;
  startedAt: string;
}

export type GenerationEvent =
  /** Connected, no bytes yet: queued behind busy slots or processing the prompt. Not an error. */
  | { type: 'waiting'; sinceMs: number }
  | { type: 'retrying'; attempt: number; delayMs: number; reason: string }
  /** The first byte of the answer arrived. */
  | { type: 'streaming' }
  | ({ type: 'delta' } & ThinkStreamUpdate);

export interface Timeouts {
  /** To establish the TCP (or TLS) connection. */
  connectMs: number;
  /** Silence allowed once bytes flow; pings count as bytes. */
  idleMs: number;
  /** How long without a byte before a `waiting` event. */
  waitingNoticeMs: number;
  /** Longest wait for the first byte after connecting; 0: no limit (a queue may legitimately be long). */
  firstByteMs: number;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface GenerateOptions {
  signal?: AbortSignal;
  onEvent?: (e: GenerationEvent) => void;
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetryPolicy>;
}
