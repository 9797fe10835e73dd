import axios, { isAxiosError, type AxiosResponse } from 'axios';
import type { Readable } from 'node:stream';
import { readChunk } from './chunkFields';
import { watchedAgents } from './connectWatch';
import { GenerationState } from './generationState';
import { PhaseTimers, type TimeoutPhase } from './phaseTimers';
import { API_PATHS, requestBody } from './requestBody';
import { failureFromHttp, isRetryable } from './serverErrors';
import { readSse, readText } from './sseReader';
import type { GenerationEvent, GenerationRequest, GenerationResult, InferenceFailure, Timeouts } from './types';

/** One HTTP attempt at a generation; the retry loop around it lives in generate.ts. */

export type AttemptOutcome = { kind: 'done'; result: GenerationResult } | { kind: 'retry'; failure: InferenceFailure; retryAfterMs?: number };

export interface AttemptContext {
  signal?: AbortSignal;
  onEvent: (e: GenerationEvent) => void;
  timeouts: Timeouts;
  attempt: number;
  startedAt: string;
}

const ERROR_BODY_LIMIT = 64 * 1024;
const JSON_BODY_LIMIT = 16 * 1024 * 1024;
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ETIMEDOUT']);

type StopReason = 'user' | TimeoutPhase;

function retryAfterMs(res: AxiosResponse): number | undefined {
  const v = Number(res.headers['retry-after']);
  return Number.isFinite(v) && v >= 0 ? v * 1000 : undefined;
}

function headers(req: GenerationRequest): Record<string, string> {
  const h: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'text/event-stream, application/json' };
  if (req.endpoint.apiKey) h['Authorization'] = `Bearer ${req.endpoint.apiKey}`;
  return h;
}

function errorCode(err: unknown): string | undefined {
  if (isAxiosError(err)) return err.code ?? (err.cause as { code?: string } | undefined)?.code;
  return (err as { code?: string } | undefined)?.code;
}

/** Reads the answer body: an SSE stream chunk by chunk, or a whole JSON answer from a server that did not stream. */
async function readAnswer(req: GenerationRequest, res: AxiosResponse<Readable>, state: GenerationState, onBytes: () => void): Promise<void> {
  const type = String(res.headers['content-type'] ?? '');
  const onData = (data: string): void => {
    if (data === '[DONE]') return state.markDone();
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch {
      return state.noteProtocolError(`the server sent an event that is not JSON: ${data.slice(0, 120)}`);
    }
    state.apply(readChunk(req.api, value));
  };
  if (type.includes('text/event-stream')) return readSse(res.data, onData, onBytes);
  const text = await readText(res.data, JSON_BODY_LIMIT, onBytes);
  onData(text);
  if (!state.error) state.markDone();
}

function unreachable(req: GenerationRequest, why: string): InferenceFailure {
  return { kind: 'unreachable', message: `Cannot reach ${req.endpoint.name} at ${req.endpoint.baseUrl}: ${why}. Is the server running?` };
}

/** Resets before any answer (a server restarting, a crashed worker) are worth another attempt. */
const RETRY_BEFORE_ANSWER = new Set(['ECONNRESET', 'EPIPE']);

/** After the body ended or broke: complete if the server said it was done, else whatever text came, marked. */
function ended(state: GenerationState, ctx: AttemptContext, failure: InferenceFailure | undefined): AttemptOutcome {
  const status = state.sawEnd && !state.error ? 'complete' : state.hasText ? 'incomplete' : 'failed';
  return { kind: 'done', result: state.toResult(status, status === 'complete' ? undefined : (state.error ?? failure), ctx.attempt, ctx.startedAt) };
}

/** What a thrown error means, given why (if at all) this client stopped the request itself. */
function outcomeOfError(err: unknown, req: GenerationRequest, ctx: AttemptContext, state: GenerationState, stopped: StopReason | undefined, responded: boolean): AttemptOutcome {
  const done = (status: GenerationResult['status'], failure?: InferenceFailure): AttemptOutcome => ({ kind: 'done', result: state.toResult(status, failure, ctx.attempt, ctx.startedAt) });
  if (stopped === 'user') return done('cancelled', state.error);
  if (stopped === 'connect') return done('failed', unreachable(req, `no connection within ${ctx.timeouts.connectMs} ms`));
  if (stopped === 'first-byte') return done('failed', { kind: 'stalled', message: `Connected to ${req.endpoint.baseUrl} but no answer began within ${ctx.timeouts.firstByteMs} ms.` });
  if (stopped === 'idle') return ended(state, ctx, { kind: 'stalled', message: `The stream went silent for ${ctx.timeouts.idleMs} ms; the text so far is kept, marked incomplete.` });
  const code = errorCode(err);
  if (!responded) {
    if (code && RETRY_BEFORE_ANSWER.has(code)) return { kind: 'retry', failure: { kind: 'disconnected', message: `${req.endpoint.baseUrl} closed the connection before answering (${code})` } };
    if (code && UNREACHABLE_CODES.has(code)) return done('failed', unreachable(req, code === 'ECONNREFUSED' ? 'connection refused' : code));
    if (isAxiosError(err)) return done('failed', unreachable(req, err.message));
    throw err;
  }
  return ended(state, ctx, { kind: 'disconnected', message: 'The connection closed before the server finished; the text so far is kept, marked incomplete.' });
}

export async function attemptOnce(req: GenerationRequest, ctx: AttemptContext): Promise<AttemptOutcome> {
  // A template in the wrong mode for the API is the caller's mistake: it throws before anything is sent.
  const body = requestBody(req.api, req.model, req.prompt, req.params);
  const abort = new AbortController();
  let stopped: StopReason | undefined;
  const stop = (why: StopReason): void => {
    stopped ??= why;
    abort.abort();
  };
  const onUserAbort = (): void => stop('user');
  ctx.signal?.addEventListener('abort', onUserAbort, { once: true });
  const timers = new PhaseTimers(ctx.timeouts, stop, (sinceMs) => ctx.onEvent({ type: 'waiting', sinceMs }));
  const state = new GenerationState(req, Date.parse(ctx.startedAt), ctx.onEvent);
  const agents = watchedAgents(() => timers.connected());
  let responded = false;
  try {
    if (ctx.signal?.aborted) stop('user');
    timers.start();
    const res = await axios.post<Readable>(req.endpoint.baseUrl + API_PATHS[req.api], body, {
      responseType: 'stream',
      signal: abort.signal,
      ...agents,
      // Never through a proxy from the environment, never to wherever a redirect points: the prompt is medical text.
      proxy: false,
      maxRedirects: 0,
      timeout: 0,
      validateStatus: () => true,
      headers: headers(req),
    });
    responded = true;
    timers.bytes();
    ctx.onEvent({ type: 'streaming' });
    if (res.status < 200 || res.status >= 300) {
      const failure = failureFromHttp(res.status, await readText(res.data, ERROR_BODY_LIMIT, () => timers.bytes()));
      if (isRetryable(res.status)) return { kind: 'retry', failure, retryAfterMs: retryAfterMs(res) };
      return { kind: 'done', result: state.toResult('failed', failure, ctx.attempt, ctx.startedAt) };
    }
    await readAnswer(req, res, state, () => timers.bytes());
    if (stopped) throw new Error(`stopped: ${stopped}`);
    return ended(state, ctx, { kind: 'disconnected', message: 'The stream ended without the server saying it was done; the text so far is kept, marked incomplete.' });
  } catch (err) {
    return outcomeOfError(err, req, ctx, state, stopped, responded);
  } finally {
    timers.clear();
    ctx.signal?.removeEventListener('abort', onUserAbort);
    agents.httpAgent.destroy();
    agents.httpsAgent.destroy();
  }
}
