import type { GenerationEvents, BatchEvents } from '../../../server/generation';
import type { BatchDone, BatchProgress, EndpointSetting, GenerationDone, GenerationProgress, ServerSettings } from '../../../server/protocol';
import { openSampleProject } from '../project/projectHarness';

type Waiter = { check: () => boolean; resolve: () => void };

/** Everything the generation modules sent, in order, with waits on conditions (never on time). */
export class SentMessages implements GenerationEvents, BatchEvents {
  readonly all: ({ kind: 'progress'; at: number; p: GenerationProgress } | { kind: 'done'; at: number; d: GenerationDone } | { kind: 'batch-progress'; p: BatchProgress } | { kind: 'batch-done'; d: BatchDone })[] = [];
  private readonly waiters: Waiter[] = [];

  readonly progress = (p: GenerationProgress | BatchProgress): void => {
    if ('generationId' in p) this.push({ kind: 'progress', at: Date.now(), p });
    else this.push({ kind: 'batch-progress', p });
  };

  readonly done = (d: GenerationDone | BatchDone): void => {
    if ('generationId' in d) this.push({ kind: 'done', at: Date.now(), d });
    else this.push({ kind: 'batch-done', d });
  };

  progressOf(id: string): GenerationProgress[] {
    return this.all.flatMap((m) => (m.kind === 'progress' && m.p.generationId === id ? [m.p] : []));
  }

  doneOf(id: string): GenerationDone | undefined {
    return this.all.flatMap((m) => (m.kind === 'done' && m.d.generationId === id ? [m.d] : []))[0];
  }

  batchDone(jobId: string): BatchDone[] {
    return this.all.flatMap((m) => (m.kind === 'batch-done' && m.d.jobId === jobId ? [m.d] : []));
  }

  /** Resolves when `check` holds (checked now and after every message). */
  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ check, resolve }));
  }

  private push(m: SentMessages['all'][number]): void {
    this.all.push(m);
    for (const w of [...this.waiters]) {
      if (!w.check()) continue;
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve();
    }
  }
}

/** The text a panel shows after applying the progress messages in order (deltas appended, `replaced` redrawn). */
export function shownText(progress: readonly GenerationProgress[]): { reasoning: string; answer: string } {
  let reasoning = '';
  let answer = '';
  for (const p of progress) {
    if (p.replaced) {
      reasoning = p.reasoning ?? '';
      answer = p.answer ?? '';
    } else {
      reasoning += p.reasoningDelta;
      answer += p.answerDelta;
    }
  }
  return { reasoning, answer };
}

/** The shipped sample workspace (10 questions, 19 answers from files) with these endpoints configured. */
export function sampleProjectWith(endpoints: EndpointSetting[], generation?: Partial<NonNullable<ServerSettings['generation']>>) {
  return openSampleProject({ endpoints, generation: { template: 'builtin:medical-cot', maxTokens: null, temperature: null, seed: null, ...generation } });
}
