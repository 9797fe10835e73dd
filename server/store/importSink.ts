import { importDatasets, type ImportOptions, type ImportReport } from '../dataset';
import type { ModelAnswer, Question } from '../dataset/model';
import type { ImportSink } from '../dataset/sink';
import { Q, QUESTION_NUMBERS, type EncodedBatch } from './bulkImport/batchLayout';
import { importInWorker } from './bulkImport/workerImport';
import { parseWorkerStarter } from './bulkImport/workerScript';
import type { Store } from './store';
import type { ImportedFile, ImportSummary } from './types';
import { textKey } from './uids';
import type { ImportSession } from './writes/importSession';

/**
 * The store as the destination of `importDatasets` (server/dataset): `medreview import --db` and the
 * language server's import. The dataset reader asks synchronously whether a question is already stored, so
 * the set's question ids and text keys are loaded once up front (ids and hashes, not texts) and kept current
 * as questions arrive.
 *
 * `importDatasets` hands a whole import to `importFiles`, which parses in a worker thread while this thread
 * writes (bulkImport/workerImport.ts): on two cores, the import takes about as long as the slower half.
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
    for (const q of questions) this.noteQuestion(q.id, textKey(q.text));
    await this.session.addQuestions(questions);
  }

  async addAnswers(answers: ModelAnswer[]): Promise<void> {
    await this.session.addAnswers(answers);
  }

  /**
   * The whole import, parsed in a worker thread when its code can be found (see workerScript.ts) and the
   * store's `import.parseWorker` option is on; otherwise on this thread. Same report, problems and rows.
   */
  async importFiles(files: string[], options: ImportOptions): Promise<ImportReport> {
    const startWorker = this.session.options.parseWorker ? parseWorkerStarter() : undefined;
    if (!startWorker) return importDatasets(files, options, this.onThisThread());
    const known = { ids: [...this.ids], textKeys: [...this.idByText], uids: await this.session.storedQuestionUids() };
    return importInWorker(startWorker, files, options, { known, take: (batch, written) => this.takeEncoded(batch, written) });
  }

  /** Writes the rest and records the reader's per-file counts (`ImportReport.files` fits `ImportedFile`). */
  finish(files: readonly ImportedFile[] = []): Promise<ImportSummary> {
    return this.session.finish(files);
  }

  private async takeEncoded(batch: EncodedBatch, written: () => void): Promise<void> {
    const text = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
    const n = batch.questions;
    for (let at = 0; at < batch.questionCount * QUESTION_NUMBERS; at += QUESTION_NUMBERS) {
      this.noteQuestion(text.toString('utf8', n[at + Q.extId], n[at + Q.extId + 1]), text.toString('utf8', n[at + Q.textKey], n[at + Q.textKey + 1]));
    }
    await this.session.addEncoded(batch, written);
  }

  private noteQuestion(id: string, key: string): void {
    this.ids.add(id);
    if (!this.idByText.has(key)) this.idByText.set(key, id);
  }

  /** This sink without `importFiles`, for `importDatasets` to use record by record. */
  private onThisThread(): ImportSink {
    return {
      findQuestion: (ref) => this.findQuestion(ref),
      addQuestions: (questions) => this.addQuestions(questions),
      addAnswers: (answers) => this.addAnswers(answers),
    };
  }
}
