import type { ModelAnswer, Question } from '../dataset/model';
import type { ImportSink } from '../dataset/sink';
import type { Store } from './store';
import type { ImportedFile, ImportSummary } from './types';
import { textKey } from './uids';
import type { ImportSession } from './writes/importSession';

/**
 * The store as the destination of `importDatasets` (server/dataset): `medreview import --db` and the
 * language server's import. The dataset reader asks synchronously whether a question is already stored, so
 * the set's question ids and text keys are loaded once up front (ids and hashes, not texts) and kept current
 * as questions arrive.
 */
export class StoreImportSink implements ImportSink {
  private constructor(
    private readonly session: ImportSession,
    private readonly ids: Set<string>,
    private readonly idByText: Map<string, string>,
  ) {}

  static async open(store: Store, set: string): Promise<StoreImportSink> {
    const keys = await store.questionKeys(set);
    return new StoreImportSink(store.startImport(set), new Set(keys.ids), new Map(keys.textKeys));
  }

  findQuestion(ref: { id?: string; text?: string }): string | undefined {
    if (ref.id !== undefined && this.ids.has(ref.id)) return ref.id;
    return ref.text === undefined ? undefined : this.idByText.get(textKey(ref.text));
  }

  async addQuestions(questions: Question[]): Promise<void> {
    for (const q of questions) {
      this.ids.add(q.id);
      const key = textKey(q.text);
      if (!this.idByText.has(key)) this.idByText.set(key, q.id);
    }
    await this.session.addQuestions(questions);
  }

  async addAnswers(answers: ModelAnswer[]): Promise<void> {
    await this.session.addAnswers(answers);
  }

  /** Writes the rest and records the reader's per-file counts (`ImportReport.files` fits `ImportedFile`). */
  finish(files: readonly ImportedFile[] = []): Promise<ImportSummary> {
    return this.session.finish(files);
  }
}
