import type { ModelAnswer, SourceLocation } from '../dataset/model';
import type { GenerationResult, GenerationStatus, Usage } from './types';

/** Where a generated answer came from, beyond what ModelAnswer holds: what the store keeps for a generation. */
export interface GenerationProvenance {
  endpoint: { name: string; url: string };
  servedModel?: string;
  template?: { id: string; hash: string };
  status: GenerationStatus;
  usage?: Usage;
  startedAt: string;
}

/** A generation as the answer the panel and store handle, with its provenance alongside. */
export function toModelAnswer(r: GenerationResult, source: SourceLocation): ModelAnswer & { generation: GenerationProvenance } {
  return {
    questionId: r.questionId ?? '',
    model: r.model,
    raw: r.raw,
    serverReasoning: r.serverReasoning,
    split: r.split,
    params: r.params,
    timings: r.timings,
    finishReason: r.finishReason,
    // The text the model continued: the raw prompt, or for chat the user message (the server added the rest).
    prompt: r.prompt.mode === 'completion' ? r.prompt.prompt : r.prompt.messages.at(-1)?.content,
    source,
    generation: { endpoint: r.endpoint, servedModel: r.servedModel, template: r.template, status: r.status, usage: r.usage, startedAt: r.startedAt },
  };
}
