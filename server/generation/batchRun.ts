import type { GenerationParams, Question } from '../dataset/model';
import { batchSummaryLine, generationKey, runBatch, type BatchEvent, type RetryPolicy, type Timeouts } from '../inference';
import type { OpenProject } from '../project/project';
import type { BatchCounts, BatchDone, BatchProgress, EndpointKeys } from '../protocol';
import type { JobItem, JobStatus, Store } from '../store';
import { describeTargets, jobEndpoints } from './batchEndpoints';
import { readJobConfig } from './jobConfig';
import { StoreJobSink } from './jobSink';
import { systemClock, type Clock } from './progressThrottle';

export interface BatchEvents {
  progress(p: BatchProgress): void;
  done(d: BatchDone): void;
}

export interface BatchRunOptions {
  timeouts?: Partial<Timeouts>;
  retry?: Partial<RetryPolicy>;
  /** Least time between two progress messages of a job. */
  progressIntervalMs?: number;
  clock?: Clock;
  log?: (message: string) => void;
}

/** More than any job holds: a run claims all of its job's open items at once. */
const CLAIM_ALL = 10_000_000;

export function countsOf(s: JobStatus): BatchCounts {
  const c = s.counts;
  return { total: c.pending + c.running + c.done + c.failed, done: c.done, failed: c.failed, remaining: c.pending + c.running };
}

/** The questions of the claimed items, with the store's uid as their id (the key the items use). */
async function questionsOf(store: Store, uids: readonly string[]): Promise<Question[]> {
  const out: Question[] = [];
  for (const uid of uids) out.push({ ...(await store.getQuestion(uid)).question, id: uid });
  return out;
}

/**
 * One run of a stored generation job in this process: claims its open items (so another window's server
 * does not run them too), runs them with the batch scheduler at each endpoint's slot count, stores each
 * complete answer together with its item's new state, and on the way out puts whatever did not finish back
 * in the queue. A crash instead leaves the claims to a process that has ended, which the next run takes over.
 */
export class BatchJobRun {
  private readonly abort = new AbortController();
  private readonly problems: string[] = [];
  private name = '';
  private active = 0;
  private completionTokens = 0;
  private lastAnswer: BatchProgress['lastAnswer'];
  private timer: unknown;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private finished = false;
  private stopReason: 'user' | 'shutdown' | undefined;
  private sink: StoreJobSink | undefined;

  constructor(
    readonly jobId: string,
    private readonly project: OpenProject,
    private readonly keys: EndpointKeys,
    private readonly events: BatchEvents,
    private readonly options: BatchRunOptions = {},
  ) {}

  /**
   * Stops the run. A user's cancel marks the job cancelled (not offered again at start); a shutdown leaves it
   * active, so the next start offers to resume it, as after a crash.
   */
  cancel(reason: 'user' | 'shutdown' = 'user'): void {
    this.stopReason ??= reason;
    this.abort.abort();
  }

  /** Runs to the end and sends `batch/done`; never rejects. */
  async run(): Promise<void> {
    let summary = '';
    try {
      summary = await this.runOpenItems();
    } catch (err) {
      this.problems.push(err instanceof Error ? err.message : String(err));
    }
    await this.finish(summary);
  }

  /** Claims the job's open items and generates them; returns the summary line. */
  private async runOpenItems(): Promise<string> {
    const store = this.project.store;
    const status = await store.jobStatus(this.jobId);
    this.name = status.name;
    const { config, templates } = readJobConfig(status.config);
    const claimed = await store.claimJobItems(this.jobId, CLAIM_ALL);
    if (claimed.length === 0) return countsOf(status).remaining > 0 ? 'nothing to claim: another MedReview window is running this job' : 'nothing left to do';
    const uids = [...new Set(claimed.map((i) => i.questionUid))];
    const planned = new Set(uids.flatMap((uid) => config.models.flatMap((m) => templates.map((t) => generationKey(uid, m.model, t.template.hash)))));
    const byHash = new Map(templates.map((t) => [t.template.hash, t]));
    this.sink = new StoreJobSink(store, claimed, planned, byHash, (item, answerId) => this.stored(item, answerId));
    const endpoints = jobEndpoints(this.project.settings.endpoints, config.models);
    const params: GenerationParams = { ...config.overrides };
    // The servers are asked for their slots while the questions are read.
    const [questions, targets] = await Promise.all([
      questionsOf(store, uids),
      describeTargets(config.models, templates, endpoints, this.keys, params, this.abort.signal, this.problems),
    ]);
    if (targets.length === 0) return 'nothing generated: no endpoint of the job could be reached';
    const result = await runBatch({
      questions,
      targets,
      sink: this.sink,
      signal: this.abort.signal,
      onEvent: (e) => this.onBatchEvent(e),
      tagNames: this.project.settings.thinkTagNames,
      timeouts: this.options.timeouts,
      retry: this.options.retry,
    });
    this.problems.push(...result.unreachable.map((u) => u.message));
    return batchSummaryLine(result);
  }

  private async finish(summary: string): Promise<void> {
    const store = this.project.store;
    this.finished = true;
    this.stopTimer();
    try {
      await this.sink?.releaseUnrun(this.stopReason ? `stopped (${this.stopReason}) before it ran` : 'not run: no reachable endpoint');
      const status = this.stopReason === 'user' ? await store.cancelJob(this.jobId) : await store.jobStatus(this.jobId);
      this.events.done({ jobId: this.jobId, name: this.name, state: status.state, ...countsOf(status), summary: summary || this.problems[0] || 'stopped', problems: this.problems });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.options.log?.(`generation job ${this.jobId}: ${message}`);
      this.events.done({ jobId: this.jobId, name: this.name, state: 'active', total: 0, done: 0, failed: 0, remaining: 0, summary: message, problems: [...this.problems, message] });
    }
  }

  private onBatchEvent(e: BatchEvent): void {
    if (e.type === 'started') this.active++;
    else if (e.type === 'finished') {
      this.active--;
      this.completionTokens += e.result.usage?.completionTokens ?? 0;
      this.progressSoon();
    } else if (e.type === 'endpoint-down') this.options.log?.(`generation job ${this.name}: endpoint ${e.endpoint} is down: ${e.failure.message}`);
  }

  private stored(item: JobItem, answerId: string): void {
    this.lastAnswer = { questionId: item.questionUid, answerId };
  }

  /** At most one progress message per interval; the last change is never lost (a timer sends it). */
  private progressSoon(): void {
    if (this.timer !== undefined) return;
    const clock = this.options.clock ?? systemClock;
    const wait = this.lastSentAt + (this.options.progressIntervalMs ?? 250) - clock.now();
    this.timer = clock.setTimeout(() => void this.sendProgress(), Math.max(0, wait));
  }

  private stopTimer(): void {
    if (this.timer !== undefined) (this.options.clock ?? systemClock).clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async sendProgress(): Promise<void> {
    this.timer = undefined;
    this.lastSentAt = (this.options.clock ?? systemClock).now();
    try {
      const status = await this.project.store.jobStatus(this.jobId);
      if (this.finished) return;
      this.events.progress({ jobId: this.jobId, name: this.name, ...countsOf(status), active: this.active, completionTokens: this.completionTokens, ...(this.lastAnswer ? { lastAnswer: this.lastAnswer } : {}) });
    } catch (err) {
      this.options.log?.(`generation job ${this.jobId}: progress: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

