import type { GenerationTimings } from '../dataset/model';
import { createThinkStream, mergeReasoningFields } from '../think';
import type { SplitResult, ThinkStream } from '../think/types';
import type { ChunkFields } from './chunkFields';
import { failureFromStreamError } from './serverErrors';
import type { GenerationEvent, GenerationRequest, GenerationResult, GenerationStatus, InferenceFailure, Usage } from './types';

/**
 * Everything one attempt has received so far, fed chunk by chunk: the text, the server's reasoning, the
 * live split (through the shared think splitter), how it ended, usage and timings.
 */
export class GenerationState {
  raw = '';
  serverReasoning = '';
  finishReason?: string;
  usage?: Usage;
  serverTimings?: Record<string, number>;
  servedModel?: string;
  error?: InferenceFailure;
  /** The server said it was done: `[DONE]`, a finish reason, or the native `stop: true`. */
  sawEnd = false;
  private firstTokenAt?: number;
  private readonly think: ThinkStream;

  constructor(
    private readonly req: GenerationRequest,
    private readonly startedAtMs: number,
    private readonly onEvent: (e: GenerationEvent) => void,
  ) {
    const prompt = req.prompt.mode === 'completion' ? req.prompt.prompt : undefined;
    this.think = createThinkStream({ tagNames: req.tagNames }, { thinkOpenedByPrompt: req.prompt.thinkOpenedByPrompt, prompt });
  }

  apply(f: ChunkFields): void {
    if (f.error) {
      this.error ??= failureFromStreamError(f.error);
      return;
    }
    if (f.model) this.servedModel = f.model;
    const reasoning = mergeReasoningFields(f.reasoningContent, f.reasoning);
    if (f.content || reasoning) {
      this.firstTokenAt ??= Date.now();
      this.raw += f.content ?? '';
      this.serverReasoning += reasoning;
      this.onEvent({ type: 'delta', ...this.think.push({ content: f.content, reasoning_content: f.reasoningContent, reasoning: f.reasoning }) });
    }
    if (f.finishReason) this.finishReason = f.finishReason;
    if (f.finishReason || f.ended) this.sawEnd = true;
    if (f.usage) this.usage = f.usage;
    if (f.serverTimings) this.serverTimings = f.serverTimings;
  }

  markDone(): void {
    this.sawEnd = true;
  }

  noteProtocolError(message: string): void {
    this.error ??= { kind: 'protocol', message };
  }

  get hasText(): boolean {
    return this.raw !== '' || this.serverReasoning !== '';
  }

  private timings(endMs: number): GenerationTimings | undefined {
    const t = this.serverTimings;
    const out: GenerationTimings = { totalMs: endMs - this.startedAtMs };
    if (this.firstTokenAt !== undefined) out.firstTokenMs = this.firstTokenAt - this.startedAtMs;
    if (t?.['prompt_per_second'] !== undefined) out.promptTokensPerSecond = t['prompt_per_second'];
    if (t?.['predicted_per_second'] !== undefined) out.predictedTokensPerSecond = t['predicted_per_second'];
    if (t) out['server'] = t;
    return out;
  }

  /** Usage as reported; llama.cpp without `include_usage` only sends timings, which carry the same counts. */
  private usageOrFromTimings(): Usage | undefined {
    if (this.usage) return this.usage;
    const t = this.serverTimings;
    if (t?.['predicted_n'] === undefined) return undefined;
    const prompt = (t['prompt_n'] ?? 0) + (t['cache_n'] ?? 0);
    return { promptTokens: prompt, completionTokens: t['predicted_n'], totalTokens: prompt + t['predicted_n'], cachedTokens: t['cache_n'] };
  }

  toResult(status: GenerationStatus, error: InferenceFailure | undefined, attempts: number, startedAt: string): GenerationResult {
    const split: SplitResult = this.think.end();
    const r = this.req;
    return {
      questionId: r.questionId,
      endpoint: { name: r.endpoint.name, url: r.endpoint.baseUrl },
      model: r.model,
      servedModel: this.servedModel,
      api: r.api,
      template: r.template,
      prompt: r.prompt,
      params: r.params,
      status,
      error,
      finishReason: this.finishReason,
      usage: this.usageOrFromTimings(),
      timings: this.timings(Date.now()),
      raw: this.raw,
      serverReasoning: this.serverReasoning || undefined,
      split,
      attempts,
      startedAt,
    };
  }
}
