import { errorBody } from './errorBodies';
import { httpTranscriptBody, jsonBody, llamaFixturePath, ownFixturePath, sseBody, type RecordedBody } from './transcripts';

/** What the replay server is asked: the endpoint path (scenario prefix removed) and the parsed JSON body. */
export interface PlannedRequest {
  method: string;
  path: string;
  json: unknown;
}

export interface ResponsePlan {
  recorded: RecordedBody;
  /** Serve as server-sent events, frame by frame (faults apply per frame). */
  stream: boolean;
  /** The recording ends with the client hanging up: destroy the connection after the last frame. */
  cutAtEnd: boolean;
  /** The `Server` header of the family this imitates. */
  server: string;
}

type Family = 'llama' | 'vllm' | 'ollama';

/** Scenarios that always answer one recording, whatever the request. */
const FIXED: Record<string, { family: Family; recorded: () => RecordedBody; stream: boolean; cutAtEnd?: boolean }> = {
  chat_stream: { family: 'llama', recorded: () => sseBody(llamaFixturePath('chat_stream.txt')), stream: true },
  chat_stream_no_usage: { family: 'llama', recorded: () => sseBody(llamaFixturePath('chat_stream_no_usage.txt')), stream: true },
  chat_nonstream: { family: 'llama', recorded: () => httpTranscriptBody(llamaFixturePath('chat_nonstream.txt')), stream: false },
  completion_stream: { family: 'llama', recorded: () => sseBody(llamaFixturePath('completion_stream.txt')), stream: true },
  v1_completions_stream: { family: 'llama', recorded: () => sseBody(llamaFixturePath('v1_completions_stream.txt')), stream: true },
  v1_completions_think: { family: 'llama', recorded: () => jsonBody(llamaFixturePath('v1_completions_think.json')), stream: false },
  return_progress: { family: 'llama', recorded: () => sseBody(llamaFixturePath('return_progress.txt')), stream: true },
  disconnect_partial: { family: 'llama', recorded: () => sseBody(llamaFixturePath('disconnect_partial.txt')), stream: true, cutAtEnd: true },
  vllm: { family: 'vllm', recorded: () => sseBody(ownFixturePath('vllm/chat_stream_both.txt')), stream: true },
  vllm_reasoning: { family: 'vllm', recorded: () => sseBody(ownFixturePath('vllm/chat_stream_reasoning.txt')), stream: true },
  vllm_error: { family: 'vllm', recorded: () => sseBody(ownFixturePath('vllm/chat_stream_error_done.txt')), stream: true },
  vllm_overflow: { family: 'vllm', recorded: () => errorBody('vllm_context_overflow'), stream: false },
  ollama: { family: 'ollama', recorded: () => sseBody(ownFixturePath('ollama/chat_stream_reasoning.txt')), stream: true },
  context_overflow: { family: 'llama', recorded: () => errorBody('context_overflow'), stream: false },
};

export const SCENARIO_NAMES = ['llama', ...Object.keys(FIXED)];

function familyOf(name: string): Family {
  return FIXED[name]?.family ?? 'llama';
}

function wantsStream(json: unknown): boolean {
  return typeof json === 'object' && json !== null && (json as { stream?: unknown }).stream === true;
}

function wantsUsage(json: unknown): boolean {
  const opts = typeof json === 'object' && json !== null ? (json as { stream_options?: { include_usage?: unknown } }).stream_options : undefined;
  return opts?.include_usage === true;
}

/** GET endpoints every scenario answers from its family's recordings. */
function infoRoute(family: Family, path: string): RecordedBody | undefined {
  if (path === '/v1/models' || path === '/models') {
    if (family === 'vllm') return jsonBody(ownFixturePath('vllm/models.json'));
    if (family === 'ollama') return jsonBody(ownFixturePath('ollama/models.json'));
    return jsonBody(llamaFixturePath('v1_models.json'));
  }
  if (family === 'llama' && path === '/props') return jsonBody(llamaFixturePath('props.json'));
  if (family === 'llama' && path === '/health') return { status: 200, contentType: 'application/json; charset=utf-8', body: Buffer.from('{"status":"ok"}'), source: 'health_probe.txt (last line)' };
  return undefined;
}

/** The `llama` scenario: what llama-server recorded for this endpoint and streaming mode. */
function llamaRoute(path: string, json: unknown): { recorded: RecordedBody; stream: boolean } | undefined {
  const stream = wantsStream(json);
  if (path === '/v1/chat/completions') {
    if (!stream) return { recorded: httpTranscriptBody(llamaFixturePath('chat_nonstream.txt')), stream };
    return { recorded: sseBody(llamaFixturePath(wantsUsage(json) ? 'chat_stream.txt' : 'chat_stream_no_usage.txt')), stream };
  }
  if (path === '/v1/completions') {
    return stream ? { recorded: sseBody(llamaFixturePath('v1_completions_stream.txt')), stream } : { recorded: jsonBody(llamaFixturePath('v1_completions_think.json')), stream };
  }
  if (path === '/completion' && stream) return { recorded: sseBody(llamaFixturePath('completion_stream.txt')), stream };
  return undefined;
}

const SERVER_HEADER: Record<Family, string> = { llama: 'llama.cpp', vllm: 'uvicorn', ollama: 'ollama' };

export function planResponse(scenario: string, req: PlannedRequest): ResponsePlan {
  const family = familyOf(scenario);
  const server = SERVER_HEADER[family];
  if (req.method === 'GET') {
    const info = infoRoute(family, req.path);
    return { recorded: info ?? errorBody('not_found'), stream: false, cutAtEnd: false, server };
  }
  const fixed = FIXED[scenario];
  if (fixed) return { recorded: fixed.recorded(), stream: fixed.stream, cutAtEnd: fixed.cutAtEnd ?? false, server };
  if (scenario !== 'llama') throw new Error(`unknown scenario '${scenario}' (known: ${SCENARIO_NAMES.join(', ')})`);
  const routed = llamaRoute(req.path, req.json);
  return routed ? { ...routed, cutAtEnd: false, server } : { recorded: errorBody('not_found'), stream: false, cutAtEnd: false, server };
}
