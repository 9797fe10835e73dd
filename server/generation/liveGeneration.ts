import { describeEndpoint, generate, InferenceError, type GenerationResult, type RetryPolicy, type Timeouts } from '../inference';
import type { OpenProject } from '../project/project';
import type { GenerationDone, GenerationErrorView, GenerationPhase, GenerationProgress, GenerationSnapshot } from '../protocol';
import { renderTemplate, templateModeHint } from '../templates';
import type { ThinkState } from '../think/types';
import type { GenerationPlan } from './generationPlan';
import { ProgressThrottle, type Clock, type ProgressPayload } from './progressThrottle';
import { answerInputOf, worthStoring } from './storedAnswer';

/** Where a generation's messages go: the language server's connection, or a test's list. */
export interface GenerationEvents {
  progress(p: GenerationProgress): void;
  done(d: GenerationDone): void;
}

export interface LiveGenerationOptions {
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetryPolicy>;
  throttleMs?: number;
  clock?: Clock;
  log?: (message: string) => void;
}

type Outcome = Omit<GenerationDone, 'generationId' | 'questionId' | 'regenerates' | 'model' | 'endpoint'>;

const MODEL_PROBE_TIMEOUT_MS = 10_000;

/**
 * One generation from start to `done`: finds the model if the request left it open, streams through the
 * inference client into throttled progress, stores whatever text came (partial text marked incomplete), and
 * ends with exactly one `done`, sent after the store committed.
 */
export class LiveGeneration {
  private readonly abort = new AbortController();
  private readonly throttle: ProgressThrottle;
  private seq = 0;
  private phase: GenerationPhase = 'waiting';
  private reasoning = '';
  private answer = '';
  private state: ThinkState = 'none';
  private model: string;

  constructor(
    readonly id: string,
    private readonly plan: GenerationPlan,
    private readonly project: OpenProject,
    private readonly events: GenerationEvents,
    private readonly options: LiveGenerationOptions,
  ) {
    this.model = plan.model ?? '';
    this.throttle = new ProgressThrottle((p) => this.emit(p), options.throttleMs, options.clock);
  }

  cancel(): void {
    this.abort.abort();
  }

  snapshot(): GenerationSnapshot {
    return { ...this.identity(), seq: this.seq, phase: this.phase, reasoning: this.reasoning, answer: this.answer, state: this.state };
  }

  /** Runs to the end; never rejects (every failure becomes a `failed` done). */
  async run(): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await this.generateAndStore();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.options.log?.(`generation ${this.id} failed: ${message}`);
      outcome = { status: 'failed', error: { kind: 'internal', message } };
    }
    this.throttle.close();
    this.events.done({ ...this.identity(), ...outcome });
  }

  private identity(): Pick<GenerationProgress, 'generationId' | 'questionId' | 'regenerates' | 'model' | 'endpoint'> {
    const { question, regenerates, endpoint } = this.plan;
    return { generationId: this.id, questionId: question.uid, ...(regenerates !== undefined ? { regenerates } : {}), model: this.model, endpoint: endpoint.name };
  }

  private emit(p: ProgressPayload): void {
    this.seq++;
    this.phase = p.phase;
    this.state = p.state;
    if (p.replaced) {
      this.reasoning = p.reasoning ?? '';
      this.answer = p.answer ?? '';
    } else {
      this.reasoning += p.reasoningDelta;
      this.answer += p.answerDelta;
    }
    this.events.progress({ ...this.identity(), seq: this.seq, ...p });
  }

  /** The model the request names, else the first the server lists. */
  private async resolveModel(): Promise<GenerationErrorView | undefined> {
    if (this.model) return undefined;
    try {
      const { endpoint } = await describeEndpoint(this.plan.endpoint, { signal: this.abort.signal, timeoutMs: MODEL_PROBE_TIMEOUT_MS, retry: this.options.retry });
      if (endpoint.model) this.model = endpoint.model;
      else return { kind: 'no-model', message: `${this.plan.endpoint.name} (${this.plan.endpoint.baseUrl}) lists no model; choose one` };
    } catch (err) {
      if (!(err instanceof InferenceError)) throw err;
      return { kind: err.failure.kind, message: err.failure.message };
    }
    return undefined;
  }

  private async generateAndStore(): Promise<Outcome> {
    const unresolved = await this.resolveModel();
    if (unresolved) return { status: this.abort.signal.aborted ? 'cancelled' : 'failed', error: unresolved };
    const { plan } = this;
    const result = await generate(
      {
        endpoint: plan.endpoint,
        model: this.model,
        api: plan.api,
        prompt: renderTemplate(plan.template.template, plan.question),
        params: plan.params,
        template: { id: plan.template.template.id, hash: plan.template.template.hash },
        questionId: plan.question.uid,
        tagNames: this.project.settings.thinkTagNames,
      },
      { signal: this.abort.signal, timeouts: this.options.timeouts, retry: this.options.retry, onEvent: (e) => this.throttle.push(e) },
    );
    this.throttle.flush();
    return { ...outcomeOf(result, plan), ...(await this.store(result)) };
  }

  private async store(result: GenerationResult): Promise<Pick<Outcome, 'answerId' | 'newAnswer'>> {
    if (!worthStoring(result)) return {};
    const p = this.project;
    const { uid, inserted } = await p.store.addGeneratedAnswer(this.plan.question.uid, answerInputOf(result, this.plan.template));
    if (inserted && !p.models.includes(result.model)) p.models = await p.store.models();
    return { answerId: uid, newAnswer: inserted };
  }
}

/** What `done` says about a finished request (before storing). */
function outcomeOf(r: GenerationResult, plan: GenerationPlan): Outcome {
  const hint = templateModeHint(r.split.flags, plan.template.template.mode);
  const usage: Record<string, number> = {};
  for (const [k, v] of Object.entries(r.usage ?? {})) if (typeof v === 'number') usage[k] = v;
  return {
    status: r.status,
    ...(r.error ? { error: { kind: r.error.kind, message: r.error.message } } : {}),
    ...(r.finishReason ? { finishReason: r.finishReason } : {}),
    state: r.split.state,
    flags: r.split.flags,
    ...(hint ? { hint } : {}),
    ...(Object.keys(usage).length ? { usage } : {}),
  };
}
