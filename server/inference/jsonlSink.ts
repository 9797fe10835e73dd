import { appendFile, open, readFile } from 'node:fs/promises';
import { generationKey, type GenerationSink } from './sink';
import type { GenerationResult } from './types';

/**
 * The line `medreview generate` writes per generation (issue 7's contract), plus `status` (and `error`,
 * `flags`) so a resumed run knows which lines are done and a reader sees which text is partial.
 */
export function generationLine(r: GenerationResult): Record<string, unknown> {
  return {
    questionId: r.questionId,
    model: r.model,
    output: r.raw,
    reasoning: r.split.reasoning,
    answer: r.split.answer,
    state: r.split.state,
    finishReason: r.finishReason ?? null,
    usage: r.usage ?? null,
    timings: r.timings ?? null,
    params: r.params,
    templateHash: r.template?.hash ?? null,
    status: r.status,
    flags: r.split.flags,
    ...(r.error ? { error: r.error } : {}),
  };
}

function keyOfLine(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (v['status'] !== 'complete' || typeof v['questionId'] !== 'string' || typeof v['model'] !== 'string') return undefined;
  return generationKey(v['questionId'], v['model'], typeof v['templateHash'] === 'string' ? v['templateHash'] : undefined);
}

/**
 * Appends one JSON line per result, so a crash loses at most the line being written. A line torn by a
 * crash is skipped when resuming (and counted), and the next line starts on a fresh line.
 */
export class JsonlGenerationSink implements GenerationSink {
  /** Lines of the existing file that could not be read (a torn last line after a crash). */
  unreadableLines = 0;
  private prepared = false;

  constructor(readonly path: string) {}

  async doneKeys(): Promise<Set<string>> {
    const keys = new Set<string>();
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return keys;
      throw err;
    }
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const key = keyOfLine(JSON.parse(line));
        if (key) keys.add(key);
      } catch {
        this.unreadableLines++;
      }
    }
    return keys;
  }

  async save(result: GenerationResult): Promise<void> {
    if (!this.prepared) {
      await this.startOnFreshLine();
      this.prepared = true;
    }
    await appendFile(this.path, JSON.stringify(generationLine(result)) + '\n');
  }

  private async startOnFreshLine(): Promise<void> {
    const file = await open(this.path, 'a+');
    try {
      const { size } = await file.stat();
      if (size === 0) return;
      const last = Buffer.alloc(1);
      await file.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) await file.appendFile('\n');
    } finally {
      await file.close();
    }
  }
}
