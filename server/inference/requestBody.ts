import type { GenerationParams } from '../dataset/model';
import type { RenderedPrompt } from '../templates/types';
import type { ApiKind } from './types';

/** Path and JSON body of a streaming generation request for each API. */

export const API_PATHS: Record<ApiKind, string> = {
  chat: '/v1/chat/completions',
  completions: '/v1/completions',
  native: '/completion',
};

const SAMPLING_KEYS = ['temperature', 'top_p', 'top_k', 'min_p', 'repeat_penalty', 'seed'] as const;

/** Only the parameters that were set: anything absent is left to the server's defaults, and recorded as absent. */
function sampling(params: GenerationParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of SAMPLING_KEYS) if (params[k] !== undefined) out[k] = params[k];
  if (params.stop && params.stop.length > 0) out['stop'] = params.stop;
  return out;
}

function promptText(prompt: RenderedPrompt, api: ApiKind): string {
  if (prompt.mode !== 'completion') throw new Error(`a chat-mode template cannot be sent to the ${api} API, which takes raw text: use a completion-mode template or the chat API`);
  return prompt.prompt;
}

export function requestBody(api: ApiKind, model: string, prompt: RenderedPrompt, params: GenerationParams): Record<string, unknown> {
  const common = sampling(params);
  if (api === 'chat') {
    if (prompt.mode !== 'chat') throw new Error('a completion-mode template cannot be sent to the chat API, which applies the model\'s chat template: use the completions or native API');
    return { model, messages: prompt.messages, stream: true, stream_options: { include_usage: true }, ...common, ...(params.max_tokens !== undefined ? { max_tokens: params.max_tokens } : {}) };
  }
  if (api === 'completions') {
    return { model, prompt: promptText(prompt, api), stream: true, stream_options: { include_usage: true }, ...common, ...(params.max_tokens !== undefined ? { max_tokens: params.max_tokens } : {}) };
  }
  // llama.cpp's native endpoint names the token limit n_predict.
  return { prompt: promptText(prompt, api), stream: true, ...common, ...(params.max_tokens !== undefined ? { n_predict: params.max_tokens } : {}) };
}
