import { jsonBody, llamaFixturePath, ownFixturePath, recordedErrorBodies, recordedLoadingBody, type RecordedBody } from './transcripts';

/**
 * JSON error bodies by name, for the `jsonError=` fault and for the error scenarios. The llama-server ones
 * are the recorded bytes; the context-overflow bodies are ours (see test/fixtures/README.md).
 */
const RECORDED_LABELS: Record<string, string> = {
  invalid_json: 'invalid JSON',
  no_messages: 'no messages',
  temperature_string: 'temperature string',
  max_tokens_string: 'max_tokens string',
  n_2: 'n=2',
  not_found: 'unknown path',
};

export const ERROR_BODY_NAMES = [...Object.keys(RECORDED_LABELS), 'loading', 'context_overflow', 'vllm_context_overflow'];

export function errorBody(name: string): RecordedBody {
  if (name === 'loading') return recordedLoadingBody();
  if (name === 'context_overflow') return jsonBody(ownFixturePath('llamacpp/context_overflow.json'), 400);
  if (name === 'vllm_context_overflow') return jsonBody(ownFixturePath('vllm/context_overflow.json'), 400);
  const label = RECORDED_LABELS[name];
  const body = label ? recordedErrorBodies().get(label) : undefined;
  if (!body) throw new Error(`no error body named '${name}' (known: ${ERROR_BODY_NAMES.join(', ')}; recorded in ${llamaFixturePath('bad_params.txt')})`);
  return body;
}

/** llama-server's in-stream error frame (the `data: {"error":...}` shape named in issue 7). */
export const LLAMA_STREAM_ERROR_FRAME = Buffer.from(
  'data: {"error":{"code":500,"message":"injected by the replay server: generation failed","type":"server_error"}}\n\n',
  'utf8',
);

/** vLLM's in-stream error shape (also used for the Ollama family, which has no recorded one). */
export const VLLM_STREAM_ERROR_FRAME = Buffer.from(
  'data: {"error":{"message":"injected by the replay server: generation failed","type":"InternalServerError","param":null,"code":500}}\n\n',
  'utf8',
);
