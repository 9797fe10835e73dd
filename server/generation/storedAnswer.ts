import type { GenerationResult, Usage } from '../inference';
import type { AnswerInput, TokenUsage } from '../store';
import type { TemplateSource } from './templateRefs';

function tokenUsage(u: Usage | undefined): TokenUsage | undefined {
  if (!u) return undefined;
  const out: TokenUsage = {};
  for (const [k, v] of Object.entries(u)) if (typeof v === 'number') out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

/** The text the model continued: the raw prompt, or for chat the user message (the server added the rest). */
function promptText(r: GenerationResult): string | undefined {
  return r.prompt.mode === 'completion' ? r.prompt.prompt : r.prompt.messages.at(-1)?.content;
}

/**
 * A generation as the store keeps it: text and split, every parameter sent, finish reason, timings, usage,
 * endpoint, served model id and the template version (its full text, stored once per hash). Anything short of
 * `complete` is marked incomplete: the text may stop mid-sentence.
 */
export function answerInputOf(r: GenerationResult, template: TemplateSource): AnswerInput {
  const timings = r.timings ? { ...r.timings, attempts: r.attempts, startedAt: r.startedAt } : { attempts: r.attempts, startedAt: r.startedAt };
  return {
    questionId: r.questionId ?? '',
    model: r.model,
    raw: r.raw,
    ...(r.serverReasoning ? { serverReasoning: r.serverReasoning } : {}),
    split: r.split,
    params: r.params,
    timings,
    ...(r.finishReason ? { finishReason: r.finishReason } : {}),
    prompt: promptText(r),
    generation: {
      endpoint: `${r.endpoint.name} (${r.endpoint.url}, ${r.api} API)`,
      ...(r.servedModel ? { modelId: r.servedModel } : {}),
      template: { name: template.ref, hash: template.template.hash, body: template.text },
      usage: tokenUsage(r.usage),
      incomplete: r.status !== 'complete',
    },
  };
}

/**
 * A generation worth storing: a complete one (even an empty answer says something about the model), or a
 * broken or cancelled one that produced some text. A failure or a cancel before the first token did not.
 */
export function worthStoring(r: GenerationResult): boolean {
  return r.status === 'complete' || r.raw !== '' || (r.serverReasoning ?? '') !== '';
}
