import type { OpenProject } from '../project/project';
import type { BatchResumeParams, BatchStartParams, BatchStartResult, JobView } from '../protocol';
import type { QuestionFilter } from '../store';
import { BatchJobRun, countsOf, type BatchEvents, type BatchRunOptions } from './batchRun';
import { jobEndpoints, targetApi } from './batchEndpoints';
import { checkKeys } from './generationPlan';
import { checkModels, jobConfigOf, readJobConfig } from './jobConfig';
import { jobQuestionUids } from './jobQuestions';
import { checkOverrides, GenerationParamsError, settingOverrides } from './sampling';
import { DEFAULT_TEMPLATE_REF, loadTemplateRef, type TemplateSource } from './templateRefs';

function checkTemplateRefs(raw: unknown, fallback: string): string[] {
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) return [fallback];
  if (!Array.isArray(raw) || !raw.every((r) => typeof r === 'string' && r !== '')) throw new GenerationParamsError('templates: expected a list of template references');
  return [...new Set(raw as string[])];
}

function defaultName(models: string[], templates: TemplateSource[], questions: number): string {
  return `${models.join(', ')} · ${templates.map((t) => t.template.id).join(', ')} · ${questions} question${questions === 1 ? '' : 's'}`;
}

/**
 * Batch generation jobs: created in the store (so they survive a crash or reload), run by this server, one
 * run per job at a time, cancelled and resumed by id.
 */
export class BatchJobs {
  private readonly running = new Map<string, { run: BatchJobRun; finished: Promise<void> }>();

  constructor(
    private readonly project: () => Promise<OpenProject>,
    private readonly folders: readonly string[],
    private readonly events: BatchEvents,
    private readonly options: BatchRunOptions = {},
  ) {}

  /** Checks the request, creates the job (questions x models x templates) and starts running it. */
  async start(params: BatchStartParams, filter: QuestionFilter = {}): Promise<BatchStartResult> {
    const p = await this.project();
    if (typeof params !== 'object' || params === null) throw new GenerationParamsError('expected an object');
    const models = checkModels(params.models);
    const templates: TemplateSource[] = [];
    for (const ref of checkTemplateRefs(params.templates, p.settings.generation?.template ?? DEFAULT_TEMPLATE_REF)) templates.push(await loadTemplateRef(ref, this.folders));
    const endpoints = jobEndpoints(p.settings.endpoints, models);
    for (const m of models) for (const t of templates) targetApi(m, t, endpoints);
    const overrides = { ...checkOverrides(settingOverrides(p.settings.generation), 'medreview.generation'), ...checkOverrides(params.params) };
    const questions = await jobQuestionUids(p.store, params.questionIds, filter);
    if (questions.length === 0) throw new GenerationParamsError('no question matches: nothing to generate');
    const name = typeof params.name === 'string' && params.name.trim() ? params.name.trim() : defaultName(models.map((m) => m.model), templates, questions.length);
    const items = questions.flatMap((questionUid) => models.flatMap((m) => templates.map((t) => ({ questionUid, model: m.model, templateHash: t.template.hash }))));
    const job = await p.store.createJob({ name, config: jobConfigOf(models, templates, overrides), items });
    const warnings = [...new Set([...endpoints.values()].flatMap((c) => c.warnings))];
    this.launch(job.uid, p, checkKeys(params.keys));
    return { jobId: job.uid, name, ...countsOf(job), warnings };
  }

  /** Runs a job again: its open items (pending, or claimed by a process that ended); done ones stay done. */
  async resume(params: BatchResumeParams): Promise<BatchStartResult> {
    const p = await this.project();
    if (typeof params?.jobId !== 'string') throw new GenerationParamsError('jobId: expected a job id');
    if (this.running.has(params.jobId)) throw new GenerationParamsError('this job is already running');
    const status = await p.store.jobStatus(params.jobId);
    const { config } = readJobConfig(status.config);
    const endpoints = jobEndpoints(p.settings.endpoints, config.models);
    const resumed = status.state === 'cancelled' ? await p.store.resumeJob(params.jobId) : status;
    this.launch(resumed.uid, p, checkKeys(params.keys));
    return { jobId: resumed.uid, name: resumed.name, ...countsOf(resumed), warnings: [...new Set([...endpoints.values()].flatMap((c) => c.warnings))] };
  }

  /** Stops a job running here; in-flight requests are aborted and their items left to do. */
  cancel(jobId: unknown): boolean {
    const entry = typeof jobId === 'string' ? this.running.get(jobId) : undefined;
    entry?.run.cancel('user');
    return entry !== undefined;
  }

  async list(): Promise<JobView[]> {
    const p = await this.project();
    return (await p.store.jobs()).map((s) => {
      const counts = countsOf(s);
      let models: string[] = [];
      let templates: string[] = [];
      try {
        const { config } = readJobConfig(s.config);
        models = config.models.map((m) => m.model);
        templates = config.templates.map((t) => t.ref);
      } catch {
        // A job this version cannot read is listed, but not offered for resuming.
      }
      const running = this.running.has(s.uid);
      const resumable = !running && models.length > 0 && s.state !== 'done' && counts.remaining > 0;
      return { jobId: s.uid, name: s.name, state: s.state, ...counts, models, templates, createdAt: s.createdAt, running, resumable };
    });
  }

  /** Stops every run and waits for each to put its unfinished items back (server shutdown: the jobs stay resumable). */
  async stopAll(): Promise<void> {
    for (const e of this.running.values()) e.run.cancel('shutdown');
    await this.idle();
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((e) => e.finished));
  }

  private launch(jobId: string, p: OpenProject, keys: ReturnType<typeof checkKeys>): void {
    if (this.running.has(jobId)) throw new GenerationParamsError('this job is already running');
    const run = new BatchJobRun(jobId, p, keys, this.events, this.options);
    const finished = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => run.run())
      .finally(() => this.running.delete(jobId));
    this.running.set(jobId, { run, finished });
  }
}
