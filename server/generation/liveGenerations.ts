import { randomUUID } from 'node:crypto';
import type { OpenProject } from '../project/project';
import type { GenerateStartParams, GenerateStartResult, GenerationSnapshot } from '../protocol';
import { planGeneration } from './generationPlan';
import { LiveGeneration, type GenerationEvents, type LiveGenerationOptions } from './liveGeneration';

/**
 * The single generations running in this server (regenerate from the panel), by id: start, cancel, and a
 * snapshot of each for a panel that was reloaded mid-stream.
 */
export class LiveGenerations {
  private readonly running = new Map<string, { live: LiveGeneration; finished: Promise<void> }>();

  constructor(
    private readonly project: () => Promise<OpenProject>,
    private readonly folders: readonly string[],
    private readonly events: GenerationEvents,
    private readonly options: LiveGenerationOptions = {},
  ) {}

  /**
   * Checks the request and starts it. Resolves with the id before anything is streamed: the first progress
   * is sent on a later turn of the event loop, after this result has been written to the connection.
   */
  async start(params: GenerateStartParams): Promise<GenerateStartResult> {
    const project = await this.project();
    const plan = await planGeneration(project, this.folders, params);
    const id = randomUUID();
    const live = new LiveGeneration(id, plan, project, this.events, this.options);
    const finished = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => live.run())
      .finally(() => this.running.delete(id));
    this.running.set(id, { live, finished });
    const { template } = plan.template;
    return {
      generationId: id,
      questionId: plan.question.uid,
      ...(plan.regenerates !== undefined ? { regenerates: plan.regenerates } : {}),
      ...(plan.model !== undefined ? { model: plan.model } : {}),
      endpoint: plan.endpoint.name,
      template: { id: template.id, hash: template.hash, mode: template.mode },
      warnings: plan.warnings,
    };
  }

  /** Aborts the request; `done` (status cancelled) follows. False when no such generation is running. */
  cancel(generationId: unknown): boolean {
    const entry = typeof generationId === 'string' ? this.running.get(generationId) : undefined;
    entry?.live.cancel();
    return entry !== undefined;
  }

  snapshots(): GenerationSnapshot[] {
    return [...this.running.values()].map((e) => e.live.snapshot());
  }

  /** Cancels every generation and waits until each has sent its `done` (server shutdown). */
  async stopAll(): Promise<void> {
    for (const e of this.running.values()) e.live.cancel();
    await this.idle();
  }

  /** Resolves once every generation started so far has sent its `done`. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()].map((e) => e.finished));
  }
}
