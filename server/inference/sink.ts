import type { GenerationResult } from './types';

/**
 * Where finished generations go: the JSONL file of `medreview generate`, or the SQLite store in the
 * extension. A batch asks it what is already done (so a resumed batch skips it) and hands it every result,
 * including cancelled and incomplete ones, whose partial text is worth keeping.
 */
export interface GenerationSink {
  /** Keys (see generationKey) of generations that completed and need not be redone. */
  doneKeys(): Promise<Set<string>>;
  save(result: GenerationResult): Promise<void>;
}

/** One generation's identity in a batch: the same question, model and template version is the same work. */
export function generationKey(questionId: string, model: string, templateHash: string | undefined): string {
  return JSON.stringify([questionId, model, templateHash ?? null]);
}

export function keyOfResult(r: GenerationResult): string {
  return generationKey(r.questionId ?? '', r.model, r.template?.hash);
}

/** Keeps results in memory: for tests and for callers that store elsewhere afterwards. */
export class MemoryGenerationSink implements GenerationSink {
  readonly results: GenerationResult[] = [];

  constructor(private readonly done = new Set<string>()) {}

  doneKeys(): Promise<Set<string>> {
    return Promise.resolve(new Set([...this.done, ...this.results.filter((r) => r.status === 'complete').map(keyOfResult)]));
  }

  save(result: GenerationResult): Promise<void> {
    this.results.push(result);
    return Promise.resolve();
  }
}
