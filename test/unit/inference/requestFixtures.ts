import type { Question } from '../../../server/dataset/model';
import type { ApiKind, GenerateOptions, GenerationEvent, GenerationRequest } from '../../../server/inference';
import { builtinTemplate, renderTemplate } from '../../../server/templates';

/** The question the llama-server recordings were made with (their scripted model ignores it). */
export const feverQuestion: Question = {
  id: 'fever-1',
  text: 'A 30-year-old has fever and cough. What should they do?',
  kind: 'open',
  source: { file: 'test', line: 1 },
};

/** A request for the built-in chat template (chat API) or CoT template (completions/native API). */
export function requestFor(baseUrl: string, api: ApiKind = 'chat', fields: Partial<GenerationRequest> = {}): GenerationRequest {
  const template = builtinTemplate(api === 'chat' ? 'plain-chat' : 'medical-cot');
  return {
    endpoint: { name: 'replay', baseUrl, server: 'llama.cpp' },
    model: 'model.gguf',
    api,
    prompt: renderTemplate(template, feverQuestion),
    params: { ...template.params, max_tokens: 64, seed: 42, stop: template.stop.length ? template.stop : undefined },
    template: { id: template.id, hash: template.hash },
    questionId: feverQuestion.id,
    ...fields,
  };
}

/** Options that collect every event, with retries and timers short enough for tests. */
export function recording(extra: GenerateOptions = {}): { events: GenerationEvent[]; options: GenerateOptions } {
  const events: GenerationEvent[] = [];
  return {
    events,
    options: { retry: { initialDelayMs: 20, maxDelayMs: 100 }, ...extra, onEvent: (e) => events.push(e) },
  };
}

export const FEVER_REASONING = 'Patient with fever and cough suggests viral infection; supportive care fits';
export const FEVER_ANSWER = 'Rest plus plenty of water.';
export const PNEUMONIA_REASONING = 'Fever, productive cough and focal crackles point to community-acquired pneumonia; severity scoring decides where to treat.';
export const PNEUMONIA_ANSWER = 'Score severity with CURB-65; if low, treat at home with oral amoxicillin and review in 48 hours.';
