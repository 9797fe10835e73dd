import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  BatchCancelRequest,
  BatchListRequest,
  BatchResumeRequest,
  BatchStartRequest,
  EndpointsListRequest,
  GenerateStartRequest,
  TemplatesListRequest,
  type BatchDone,
  type BatchStartResult,
  type EndpointsListResult,
  type GenerateStartResult,
  type QuestionFilters,
  type StartGenerationParams,
  type TemplatesListResult,
} from '../../server/protocol';
import { BatchProgressView } from './batchProgress';
import type { EndpointKeyStore } from './endpointKeys';
import { pickEndpointModel, pickModels, pickTemplates } from './pickers';

/**
 * What the extension adds to generation: API keys from SecretStorage, quick picks, warnings about endpoints
 * that would send medical text unencrypted, and progress notifications for batch jobs. The work is the
 * server's.
 */
export class GenerationActions {
  readonly batches: BatchProgressView;
  private readonly warned = new Set<string>();

  constructor(
    private readonly server: () => LanguageClient,
    private readonly keys: EndpointKeyStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.batches = new BatchProgressView(
      (jobId) => this.cancelBatch(jobId),
      (done) => void this.reportBatch(done),
    );
  }

  /** Every use of a risky endpoint goes to the log; the notification is shown once per session. */
  warn(warnings: readonly string[]): void {
    for (const w of warnings) {
      this.log.warn(w);
      if (this.warned.has(w)) continue;
      this.warned.add(w);
      void vscode.window.showWarningMessage(`MedReview: ${w}`);
    }
  }

  async start(params: StartGenerationParams, token?: vscode.CancellationToken): Promise<GenerateStartResult> {
    const result = await this.server().sendRequest(GenerateStartRequest, { ...params, keys: await this.keys.keys() }, token);
    this.warn(result.warnings);
    return result;
  }

  /** The configured endpoints, each asked (with its key) for its models and slots. */
  async endpoints(token?: vscode.CancellationToken): Promise<EndpointsListResult> {
    return this.server().sendRequest(EndpointsListRequest, { keys: await this.keys.keys() }, token);
  }

  /** Endpoint, model and template in quick picks, then the generation; null when a picker was dismissed. */
  async choose(target: { answerId?: string; questionId?: string }): Promise<GenerateStartResult | null> {
    const { endpoints, templates } = await this.lists();
    const where = await pickEndpointModel(endpoints.endpoints, typeof target.answerId === 'string');
    if (!where) return null;
    const [template] = (await pickTemplates(templates, false)) ?? [];
    if (!template) return null;
    return this.start({ answerId: target.answerId, questionId: target.questionId, endpoint: where.endpoint, model: where.model, template });
  }

  /** "Generate Answers for All Questions" (or those matching the panel's filters); null when dismissed. */
  async generateAll(filters?: QuestionFilters): Promise<{ jobId: string } | null> {
    const { endpoints, templates } = await this.lists();
    const models = await pickModels(endpoints.endpoints);
    if (!models) return null;
    const refs = await pickTemplates(templates, true);
    if (!refs) return null;
    const result = await this.server().sendRequest(BatchStartRequest, { models, templates: refs, filters, keys: await this.keys.keys() });
    this.follow(result);
    return { jobId: result.jobId };
  }

  /** "Resume Generation Job": pick an unfinished job. */
  async resumeInteractively(): Promise<void> {
    const jobs = (await this.server().sendRequest(BatchListRequest)).filter((j) => j.resumable);
    if (jobs.length === 0) {
      void vscode.window.showInformationMessage('MedReview: no unfinished generation job.');
      return;
    }
    const picked = await vscode.window.showQuickPick(
      jobs.map((j) => ({ label: j.name, description: `${j.remaining} of ${j.total} left · ${j.state}`, detail: `started ${new Date(j.createdAt).toLocaleString()}`, job: j })),
      { title: 'MedReview: Resume Generation Job' },
    );
    if (picked) await this.resume(picked.job.jobId);
  }

  /** At start: jobs a crash or reload interrupted are offered for resuming (cancelled ones are not). */
  async offerResume(): Promise<void> {
    const jobs = (await this.server().sendRequest(BatchListRequest)).filter((j) => j.resumable && j.state === 'active');
    for (const job of jobs) {
      const choice = await vscode.window.showInformationMessage(`MedReview: the generation job "${job.name}" stopped with ${job.remaining} of ${job.total} answers left. Resume it?`, 'Resume', 'Not Now');
      if (choice === 'Resume') await this.resume(job.jobId);
    }
  }

  private async resume(jobId: string): Promise<void> {
    this.follow(await this.server().sendRequest(BatchResumeRequest, { jobId, keys: await this.keys.keys() }));
  }

  private follow(result: BatchStartResult): void {
    this.warn(result.warnings);
    this.log.info(`generation job ${result.name}: ${result.remaining} of ${result.total} to generate`);
    this.batches.track(result.jobId, result.name, result);
  }

  private async cancelBatch(jobId: string): Promise<void> {
    await this.server().sendRequest(BatchCancelRequest, { jobId });
  }

  private async reportBatch(d: BatchDone): Promise<void> {
    for (const p of d.problems) this.log.warn(`generation job ${d.name}: ${p}`);
    if (d.state === 'done' && d.problems.length === 0) {
      void vscode.window.showInformationMessage(`MedReview: ${d.name}: ${d.summary}`);
      return;
    }
    const why = d.problems[0] ? ` ${d.problems[0]}` : '';
    const choice = await vscode.window.showWarningMessage(`MedReview: ${d.name}: ${d.summary}; ${d.remaining} left to do.${why}`, 'Resume', 'Show Log');
    if (choice === 'Show Log') this.log.show();
    if (choice === 'Resume') await this.resume(d.jobId);
  }

  /** Endpoints (asked for their models) and templates, while a progress message says what is going on. */
  private async lists(): Promise<{ endpoints: EndpointsListResult; templates: TemplatesListResult }> {
    const keys = await this.keys.keys();
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'MedReview: asking the inference servers' }, async () => {
      const [endpoints, templates] = await Promise.all([this.server().sendRequest(EndpointsListRequest, { keys }), this.server().sendRequest(TemplatesListRequest)]);
      for (const p of endpoints.problems) this.log.warn(`settings: ${p}`);
      for (const e of endpoints.endpoints) if (e.error) this.log.warn(`endpoint ${e.name}: ${e.error}`);
      return { endpoints, templates };
    });
  }
}
