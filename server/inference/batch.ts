import type { GenerationParams } from '../dataset/model';
import { renderTemplate } from '../templates/render';
import type { TemplateMode } from '../templates/types';
import type { BatchEvent, BatchOptions, BatchSummary, BatchTarget } from './batchTypes';
import { generate } from './generate';
import { ChangeSignal, JobQueue, type BatchJob } from './jobQueue';
import { generationKey } from './sink';
import type { ApiKind, Endpoint, GenerationResult } from './types';

/**
 * Runs questions x targets with each endpoint kept at its own slot count: one worker per slot, each taking
 * the next job of the targets its endpoint serves. Done work (the sink's keys) is skipped, so a batch
 * resumes after a crash; cancel stops new work and aborts what runs (partial text is still saved).
 */

export function defaultApi(mode: TemplateMode): ApiKind {
  return mode === 'chat' ? 'chat' : 'completions';
}

function checkTarget(t: BatchTarget): void {
  const api = t.api ?? defaultApi(t.template.mode);
  if ((api === 'chat') !== (t.template.mode === 'chat')) {
    throw new Error(`template '${t.template.id}' is in ${t.template.mode} mode but the ${api} API was chosen for ${t.model}: chat mode needs the chat API, completion mode the completions or native API`);
  }
  if (t.endpoints.length === 0) throw new Error(`no endpoint serves ${t.model}`);
}

/** The template's parameters, the caller's overrides on top, and the template's stop strings. */
export function effectiveParams(t: BatchTarget): GenerationParams {
  const params: GenerationParams = { ...t.template.params, ...t.params };
  if (t.template.stop.length > 0 && params.stop === undefined) params.stop = t.template.stop;
  return params;
}

interface Pool {
  endpoint: Endpoint;
  queues: JobQueue[];
  down: boolean;
  turn: number;
}

class BatchRun {
  readonly summary: BatchSummary = { total: 0, skipped: 0, complete: 0, incomplete: 0, failed: 0, cancelled: 0, notRun: 0, completionTokens: 0, wallMs: 0, unreachable: [] };
  private readonly changed = new ChangeSignal();
  private readonly stop = new AbortController();
  private fatal: Error | undefined;
  private finished = 0;

  constructor(private readonly o: BatchOptions) {
    o.signal?.addEventListener('abort', () => this.halt(), { once: true });
    if (o.signal?.aborted) this.halt();
  }

  private emit(e: BatchEvent): void {
    this.o.onEvent?.(e);
  }

  private halt(): void {
    this.stop.abort();
    this.changed.notify();
  }

  async run(): Promise<BatchSummary> {
    const started = Date.now();
    const pools = await this.plan();
    await Promise.all(pools.flatMap((p) => Array.from({ length: Math.max(1, p.endpoint.slots ?? 1) }, () => this.worker(p))));
    for (const q of new Set(pools.flatMap((p) => p.queues))) this.summary.notRun += q.drain().length;
    this.summary.wallMs = Date.now() - started;
    if (this.fatal) throw this.fatal;
    return this.summary;
  }

  /** Queues per target (done work left out) and one pool per endpoint, shared by the targets it serves. */
  private async plan(): Promise<Pool[]> {
    for (const t of this.o.targets) checkTarget(t);
    const done = await this.o.sink.doneKeys();
    const pools = new Map<string, Pool>();
    for (const target of this.o.targets) {
      const jobs: BatchJob[] = [];
      for (const question of this.o.questions) {
        const key = generationKey(question.id, target.model, target.template.hash);
        if (done.has(key)) this.summary.skipped++;
        else jobs.push({ key, question, target });
      }
      this.summary.total += jobs.length;
      const queue = new JobQueue(jobs);
      for (const endpoint of target.endpoints) {
        const pool = pools.get(endpoint.baseUrl) ?? { endpoint, queues: [], down: false, turn: 0 };
        pool.queues.push(queue);
        queue.liveEndpoints++;
        pools.set(endpoint.baseUrl, pool);
      }
    }
    this.emit({ type: 'planned', total: this.summary.total, skipped: this.summary.skipped });
    return [...pools.values()];
  }

  /** Round robin over the pool's targets, so two templates on one server advance together. */
  private take(pool: Pool): { job: BatchJob; queue: JobQueue } | undefined {
    for (let i = 0; i < pool.queues.length; i++) {
      const queue = pool.queues[(pool.turn + i) % pool.queues.length];
      const job = queue?.take();
      if (queue && job) {
        pool.turn = (pool.turn + i + 1) % pool.queues.length;
        return { job, queue };
      }
    }
    return undefined;
  }

  private async worker(pool: Pool): Promise<void> {
    while (!this.stop.signal.aborted && !pool.down) {
      const next = this.take(pool);
      if (!next) {
        if (pool.queues.every((q) => q.settled)) return;
        await this.changed.wait();
        continue;
      }
      try {
        await this.runJob(pool, next.job, next.queue);
      } catch (err) {
        this.fatal ??= err instanceof Error ? err : new Error(`batch stopped: ${JSON.stringify(err)}`);
        next.queue.finish();
        this.halt();
      }
    }
  }

  private async runJob(pool: Pool, job: BatchJob, queue: JobQueue): Promise<void> {
    const { target, question, key } = job;
    this.emit({ type: 'started', key, questionId: question.id, model: target.model, endpoint: pool.endpoint.name });
    const result = await generate(
      {
        endpoint: pool.endpoint,
        model: target.model,
        api: target.api ?? defaultApi(target.template.mode),
        prompt: renderTemplate(target.template, question),
        params: effectiveParams(target),
        template: { id: target.template.id, hash: target.template.hash },
        questionId: question.id,
        tagNames: this.o.tagNames,
      },
      { signal: this.stop.signal, timeouts: this.o.timeouts, retry: this.o.retry, onEvent: (event) => this.emit({ type: 'generation', key, questionId: question.id, model: target.model, event }) },
    );
    if (result.status === 'failed' && result.error?.kind === 'unreachable') return this.endpointDown(pool, job, queue, result);
    await this.o.sink.save(result);
    queue.finish();
    this.count(result);
    this.emit({ type: 'finished', key, result, finished: ++this.finished, total: this.summary.total });
    this.changed.notify();
  }

  /** The endpoint stops taking work; its job goes back for the model's other endpoints, if any is left. */
  private endpointDown(pool: Pool, job: BatchJob, queue: JobQueue, result: GenerationResult): void {
    queue.giveBack(job);
    if (!pool.down) {
      pool.down = true;
      const failure = result.error ?? { kind: 'unreachable' as const, message: 'unreachable' };
      this.summary.unreachable.push({ endpoint: `${pool.endpoint.name} (${pool.endpoint.baseUrl})`, message: failure.message });
      this.emit({ type: 'endpoint-down', endpoint: pool.endpoint.name, failure });
      for (const q of pool.queues) if (--q.liveEndpoints === 0) this.summary.notRun += q.drain().length;
    }
    this.changed.notify();
  }

  private count(r: GenerationResult): void {
    this.summary[r.status]++;
    this.summary.completionTokens += r.usage?.completionTokens ?? 0;
  }
}

export function runBatch(options: BatchOptions): Promise<BatchSummary> {
  return new BatchRun(options).run();
}
