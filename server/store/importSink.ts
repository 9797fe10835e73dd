import { importDatasets, type ImportOptions, type ImportReport } from '../dataset';
import type { ModelAnswer, Question } from '../dataset/model';
import type { ImportSink } from '../dataset/sink';
import { importInWorker } from './bulkImport/workerImport';
import { parseWorkerStarter, type WorkerStarter } from './bulkImport/workerScript';
import type { QuestionKeys } from './queries/questionSets';
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
    private readonly store: Store,
    private readonly session: ImportSession,
    /**
     * The set's question ids and text keys, for `findQuestion`. Undefined after an import through the parse
     * worker, which keeps its own (noting each question here too cost the writing thread 24 MB of heap and
     * a string decode per question for 100,000 of them); the next asynchronous call loads them again.
     */
    private keys: SetKeys | undefined,
  ) {}

  static async open(store: Store, set: string): Promise<StoreImportSink> {
    return new StoreImportSink(store, store.startImport(set), setKeys(await store.questionKeys(set)));
  }

  findQuestion(ref: { id?: string; text?: string }): string | undefined {
    const keys = this.keys;
    if (!keys) throw new Error('internal: StoreImportSink.findQuestion right after importFiles; the set is read again by the next import call');
    if (ref.id !== undefined && keys.ids.has(ref.id)) return ref.id;
    return ref.text === undefined ? undefined : keys.idByText.get(textKey(ref.text));
  }

  async addQuestions(questions: Question[]): Promise<void> {
    const keys = await this.currentKeys();
    for (const q of questions) noteQuestion(keys, q.id, textKey(q.text));
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
    if (!startWorker) {
      await this.currentKeys();
      return importDatasets(files, options, this.onThisThread());
    }
    const report = await this.parseInWorker(startWorker, files, options);
    // Committed now, so that reading the set again (currentKeys) sees this import's questions.
    await this.session.commitBuffered();
    return report;
  }
  /** Writes the rest and records the reader's per-file counts (`ImportReport.files` fits `ImportedFile`). */
  finish(files: readonly ImportedFile[] = []): Promise<ImportSummary> {
    return this.session.finish(files);
  }

  /**
   * Hands the set's questions to the worker and lets go of them here. It returns the import's promise
   * without awaiting it, so that no suspended frame keeps `keys` and `known` (tens of megabytes for
   * 100,000 questions) alive while the import runs.
   */
  private async parseInWorker(startWorker: WorkerStarter, files: string[], options: ImportOptions): Promise<ImportReport> {
    const keys = await this.currentKeys();
    const known = { ids: [...keys.ids], textKeys: [...keys.idByText], uids: await this.session.storedQuestionUids() };
    this.keys = undefined;
    return importInWorker(startWorker, files, options, { known, take: (batch, written) => this.session.addEncoded(batch, written) });
  }

  private async currentKeys(): Promise<SetKeys> {
    this.keys ??= setKeys(await this.store.questionKeys(this.session.setName));
    return this.keys;
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

interface SetKeys {
  ids: Set<string>;
  /** Dataset id by text key; the first question with a text keeps it. */
  idByText: Map<string, string>;
}

function setKeys(keys: QuestionKeys): SetKeys {
  return { ids: new Set(keys.ids), idByText: new Map(keys.textKeys) };
}

function noteQuestion(keys: SetKeys, id: string, key: string): void {
  keys.ids.add(id);
  if (!keys.idByText.has(key)) keys.idByText.set(key, id);
}
