import axios, { isAxiosError } from 'axios';
import { backoffDelay, DEFAULT_RETRY, pause } from './backoff';
import { endpointWarnings } from './endpoints';
import { failureFromHttp, isRetryable } from './serverErrors';
import type { Endpoint, InferenceFailure, RetryPolicy, ServerKind } from './types';

/** What a server says about itself: `/v1/models` everywhere, `/props` on llama.cpp. */
export interface ServerInfo {
  models: string[];
  /** Tokens of context a request may use (per slot on llama.cpp). */
  contextSize?: number;
  /** Parallel slots (llama.cpp `total_slots`). */
  slots?: number;
  server?: ServerKind;
  warnings: string[];
}

/** A failure before any generation: the server cannot be reached, refuses the key, or never finishes loading. */
export class InferenceError extends Error {
  constructor(readonly failure: InferenceFailure) {
    super(failure.message);
    this.name = 'InferenceError';
  }
}

export interface ProbeOptions {
  signal?: AbortSignal;
  /** Per request. Default 10 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  onRetry?: (attempt: number, delayMs: number, reason: string) => void;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);
const posInt = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined);

type Fetched = { status: number; json?: Obj; retryAfterMs?: number; text: string };

async function getJson(endpoint: Endpoint, path: string, options: ProbeOptions): Promise<Fetched> {
  const signals = [AbortSignal.timeout(options.timeoutMs ?? 10_000), ...(options.signal ? [options.signal] : [])];
  try {
    const res = await axios.get<string>(endpoint.baseUrl + path, {
      responseType: 'text',
      transformResponse: (x: string) => x,
      signal: AbortSignal.any(signals),
      proxy: false,
      maxRedirects: 0,
      validateStatus: () => true,
      headers: endpoint.apiKey ? { Authorization: `Bearer ${endpoint.apiKey}` } : {},
    });
    let json: Obj | undefined;
    try {
      json = obj(JSON.parse(res.data));
    } catch {
      json = undefined;
    }
    const retryAfter = Number(res.headers['retry-after']);
    return { status: res.status, json, text: res.data, retryAfterMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined };
  } catch (err) {
    const code = isAxiosError(err) ? (err.code ?? '') : '';
    const why = code === 'ECONNREFUSED' ? 'connection refused' : code === 'ERR_CANCELED' ? (options.signal?.aborted ? 'cancelled' : `no answer within ${options.timeoutMs ?? 10_000} ms`) : err instanceof Error ? err.message : String(err);
    throw new InferenceError({ kind: 'unreachable', message: `Cannot reach ${endpoint.name} at ${endpoint.baseUrl}: ${why}. Is the server running?` });
  }
}

/** GET with the same "Loading model" backoff as generation: a server just started answers 503 for a while. */
async function getWithRetry(endpoint: Endpoint, path: string, options: ProbeOptions): Promise<Fetched> {
  const policy = { ...DEFAULT_RETRY, ...options.retry };
  for (let attempt = 1; ; attempt++) {
    const got = await getJson(endpoint, path, options);
    if (!isRetryable(got.status) || attempt >= policy.maxAttempts) return got;
    const delay = backoffDelay(policy, attempt, got.retryAfterMs);
    options.onRetry?.(attempt, delay, `HTTP ${got.status}`);
    if (!(await pause(delay, options.signal))) throw new InferenceError({ kind: 'unreachable', message: 'cancelled' });
  }
}

function modelsOf(json: Obj | undefined): { models: string[]; contextSize?: number; server?: ServerKind } {
  const data = Array.isArray(json?.['data']) ? (json['data'] as unknown[]).map(obj) : [];
  const ollamaStyle = Array.isArray(json?.['models']) ? (json['models'] as unknown[]).map(obj) : [];
  const ids = [...data.map((d) => d?.['id']), ...ollamaStyle.map((m) => m?.['model'] ?? m?.['name'])].filter((x): x is string => typeof x === 'string' && x !== '');
  const first = data[0];
  const contextSize = posInt(obj(first?.['meta'])?.['n_ctx']) ?? posInt(first?.['max_model_len']);
  const owner = first?.['owned_by'];
  const server: ServerKind | undefined = owner === 'llamacpp' ? 'llama.cpp' : owner === 'vllm' ? 'vllm' : owner === 'library' || owner === 'ollama' ? 'ollama' : undefined;
  return { models: [...new Set(ids)], contextSize, server };
}

/** Reads model names, context size and slot count; throws InferenceError when the server cannot answer. */
export async function probeEndpoint(endpoint: Endpoint, options: ProbeOptions = {}): Promise<ServerInfo> {
  const warnings = endpointWarnings(endpoint.baseUrl);
  const models = await getWithRetry(endpoint, '/v1/models', options);
  if (models.status < 200 || models.status >= 300) throw new InferenceError(failureFromHttp(models.status, models.text));
  const fromModels = modelsOf(models.json);
  const info: ServerInfo = { ...fromModels, warnings };
  const props = endpoint.server === 'vllm' || endpoint.server === 'ollama' || fromModels.server === 'vllm' || fromModels.server === 'ollama' ? undefined : await getJson(endpoint, '/props', options).catch(() => undefined);
  if (props && props.status === 200 && props.json) {
    info.slots = posInt(props.json['total_slots']);
    info.contextSize = posInt(obj(props.json['default_generation_settings'])?.['n_ctx']) ?? info.contextSize;
    info.server ??= 'llama.cpp';
  }
  return info;
}

/** The endpoint with what it left out (model, slots, context) filled in from the server. */
export async function describeEndpoint(endpoint: Endpoint, options: ProbeOptions = {}): Promise<{ endpoint: Endpoint; info: ServerInfo }> {
  const info = await probeEndpoint(endpoint, options);
  return {
    info,
    endpoint: {
      ...endpoint,
      model: endpoint.model ?? info.models[0],
      slots: endpoint.slots ?? info.slots,
      contextSize: endpoint.contextSize ?? info.contextSize,
      server: endpoint.server === 'openai-compatible' && info.server ? info.server : endpoint.server,
    },
  };
}
