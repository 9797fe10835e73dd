import type { ApiKind, Usage } from './types';

/**
 * The fields this client uses from one server message: a streamed chunk or a whole (non-streamed) answer,
 * in any of the three APIs and the three servers' dialects. Server output is untrusted: every field is
 * checked for its type and anything unexpected is ignored rather than trusted.
 */
export interface ChunkFields {
  content?: string;
  reasoningContent?: string;
  reasoning?: string;
  finishReason?: string;
  usage?: Usage;
  /** llama.cpp's `timings` object, numbers only. */
  serverTimings?: Record<string, number>;
  error?: { message: string; type?: string; code?: string | number; details: Record<string, number | string> };
  model?: string;
  /** The native endpoint's `stop: true`: the last message. */
  ended?: boolean;
}

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function numbersOf(v: unknown): Record<string, number> | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(o)) if (num(x) !== undefined) out[k] = x as number;
  return out;
}

function usageOf(v: unknown): Usage | undefined {
  const u = obj(v);
  if (!u) return undefined;
  return {
    promptTokens: num(u['prompt_tokens']),
    completionTokens: num(u['completion_tokens']),
    totalTokens: num(u['total_tokens']),
    cachedTokens: num(obj(u['prompt_tokens_details'])?.['cached_tokens']),
  };
}

/** `{"error": {...}}`, `{"error": "text"}`, or vLLM's older top-level `{"object": "error", "message": ...}`. */
export function errorOf(o: Obj): ChunkFields['error'] {
  const e = o['object'] === 'error' ? o : (obj(o['error']) ?? (str(o['error']) !== undefined ? { message: o['error'] } : undefined));
  if (!e) return undefined;
  const details: Record<string, number | string> = {};
  for (const [k, x] of Object.entries(e)) if (k !== 'message' && (typeof x === 'number' || typeof x === 'string')) details[k] = x;
  const code = e['code'];
  return { message: str(e['message']) ?? 'the server reported an error without a message', type: str(e['type']), code: typeof code === 'number' || typeof code === 'string' ? code : undefined, details };
}

/** llama.cpp native stop types, in OpenAI finish-reason words. */
function nativeFinish(o: Obj): string | undefined {
  if (o['stop'] !== true) return undefined;
  const t = str(o['stop_type']);
  if (t === 'limit') return 'length';
  if (t === 'eos' || t === 'word') return 'stop';
  return t ?? 'stop';
}

function nativeUsage(o: Obj): Usage | undefined {
  const predicted = num(o['tokens_predicted']);
  const evaluated = num(o['tokens_evaluated']);
  if (o['stop'] !== true || (predicted === undefined && evaluated === undefined)) return undefined;
  return { promptTokens: evaluated, completionTokens: predicted, totalTokens: (predicted ?? 0) + (evaluated ?? 0) };
}

function choiceFields(api: ApiKind, choice: Obj | undefined): ChunkFields {
  if (!choice) return {};
  const finishReason = str(choice['finish_reason']);
  if (api === 'completions') return { content: str(choice['text']), finishReason };
  // Streams carry `delta`, whole answers `message`.
  const part = obj(choice['delta']) ?? obj(choice['message']) ?? {};
  return { content: str(part['content']), reasoningContent: str(part['reasoning_content']), reasoning: str(part['reasoning']), finishReason };
}

export function readChunk(api: ApiKind, value: unknown): ChunkFields {
  const o = obj(value);
  if (!o) return { error: { message: 'the server sent a message that is not a JSON object', details: {} } };
  const error = errorOf(o);
  if (error) return { error };
  const common = { serverTimings: numbersOf(o['timings']), model: str(o['model']) };
  if (api === 'native') {
    return { ...common, content: str(o['content']), finishReason: nativeFinish(o), usage: nativeUsage(o), ended: o['stop'] === true };
  }
  const choices = Array.isArray(o['choices']) ? (o['choices'] as unknown[]) : [];
  return { ...common, ...choiceFields(api, obj(choices[0])), usage: usageOf(o['usage']) };
}
