import { errorOf } from './chunkFields';
import type { FailureKind, InferenceFailure } from './types';

/**
 * Turns a server's error answer (HTTP status + body) into a failure a person can act on. llama.cpp gives
 * context overflow as `exceed_context_size_error` with `n_prompt_tokens` and `n_ctx`; vLLM only in the
 * message text, so both are read.
 */

function parseBody(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

interface Overflow {
  promptTokens?: number;
  contextSize?: number;
}

/** Token counts of a context overflow, from llama.cpp's fields or from vLLM's / llama.cpp's message text. */
export function contextOverflow(message: string, details: Record<string, number | string>): Overflow | undefined {
  const nPrompt = details['n_prompt_tokens'];
  const nCtx = details['n_ctx'];
  if (details['type'] === 'exceed_context_size_error' || (typeof nPrompt === 'number' && typeof nCtx === 'number')) {
    return { promptTokens: typeof nPrompt === 'number' ? nPrompt : undefined, contextSize: typeof nCtx === 'number' ? nCtx : undefined };
  }
  const vllm = /maximum context length is (\d+) tokens.*?requested (\d+) tokens(?: \((\d+) in the messages)?/s.exec(message);
  if (vllm) return { contextSize: Number(vllm[1]), promptTokens: Number(vllm[3] ?? vllm[2]) };
  const vllmNew = /maximum context length is (\d+) tokens.*?request has (\d+) input tokens/s.exec(message);
  if (vllmNew) return { contextSize: Number(vllmNew[1]), promptTokens: Number(vllmNew[2]) };
  const llama = /request \((\d+) tokens\) exceeds the available context size \((\d+) tokens\)/.exec(message);
  if (llama) return { promptTokens: Number(llama[1]), contextSize: Number(llama[2]) };
  return undefined;
}

function overflowFailure(status: number, o: Overflow, serverMessage: string): InferenceFailure {
  const counts = o.promptTokens !== undefined && o.contextSize !== undefined ? `the prompt has ${o.promptTokens} tokens but the model's context holds ${o.contextSize}` : 'the prompt does not fit the model\'s context';
  const details: Record<string, number | string> = {};
  if (o.promptTokens !== undefined) details['promptTokens'] = o.promptTokens;
  if (o.contextSize !== undefined) details['contextSize'] = o.contextSize;
  return { kind: 'context-overflow', status, message: `Context overflow: ${counts}. Shorten the prompt or template, or start the server with a larger context. (server: ${serverMessage})`, details };
}

function kindForStatus(status: number): FailureKind {
  if (status === 503) return 'loading';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not-found';
  if (status >= 400 && status < 500) return 'bad-request';
  return 'server-error';
}

const ADVICE: Partial<Record<FailureKind, string>> = {
  loading: 'The server is still loading the model; try again in a moment.',
  auth: 'Check the endpoint\'s API key.',
  'not-found': 'Check the endpoint URL and that the server offers this API (llama.cpp, vLLM and Ollama differ).',
};

export function failureFromHttp(status: number, bodyText: string): InferenceFailure {
  const body = parseBody(bodyText);
  const err = body ? errorOf(body) : undefined;
  const message = err?.message ?? (bodyText.trim().slice(0, 300) || `HTTP ${status}`);
  const details = { ...(err?.details ?? {}), ...(err?.type ? { type: err.type } : {}) };
  const overflow = contextOverflow(message, details);
  if (overflow) return overflowFailure(status, overflow, message);
  const kind = kindForStatus(status);
  const advice = ADVICE[kind];
  return { kind, status, message: `HTTP ${status}: ${message}${advice ? `. ${advice}` : ''}`, details };
}

/** An error the server put inside a stream it had started. */
export function failureFromStreamError(err: { message: string; type?: string; details: Record<string, number | string> }): InferenceFailure {
  const details = { ...err.details, ...(err.type ? { type: err.type } : {}) };
  const overflow = contextOverflow(err.message, details);
  if (overflow) return overflowFailure(200, overflow, err.message);
  return { kind: 'stream-error', message: `The server reported an error mid-stream: ${err.message}`, details };
}

/** Whether another attempt may succeed: the model is loading, or the server asks to slow down. */
export function isRetryable(status: number): boolean {
  return status === 503 || status === 429;
}
