import type { ImportSink } from '../../dataset';
import type { ModelAnswer, Question } from '../../dataset/model';
import { questionUid, textKey } from '../uids';
import { BatchWriter, type BatchBuffers } from './batchWriter';
import type { EncodedBatch } from './batchLayout';
import type { KnownQuestions } from './workerMessages';

export interface BatchLimits {
  batchBytes: number;
  batchRows: number;
  maxInFlight: number;
}

/**
 * The ImportSink the parse worker gives `importDatasets` (one run): it answers "is this question stored?" as
 * StoreImportSink does, from the set's ids and text keys, encodes what it is given, and posts full batches. When `maxInFlight` batches are waiting for the writer, the next call
 * waits too, which makes the reader wait: memory stays at a few batches however large the files.
 */
export class WorkerSink implements ImportSink {
  private readonly ids: Set<string>;
  private readonly idByText: Map<string, string>;
  private readonly uidById: Map<string, string>;
  private readonly writer: BatchWriter;
  private inFlight = 0;
  private wake: (() => void) | undefined;

  constructor(
    known: KnownQuestions,
    private readonly limits: BatchLimits,
    private readonly post: (batch: EncodedBatch, buffers: BatchBuffers) => void,
  ) {
    this.ids = new Set(known.ids);
    this.idByText = new Map(known.textKeys);
    this.uidById = new Map(known.uids);
    // Room for a full batch and its last records, so the buffers rarely have to grow.
    this.writer = new BatchWriter(limits.batchBytes + 2 ** 20, limits.batchRows + 64);
  }

  findQuestion(ref: { id?: string; text?: string }): string | undefined {
    if (ref.id !== undefined && this.ids.has(ref.id)) return ref.id;
    return ref.text === undefined ? undefined : this.idByText.get(textKey(ref.text));
  }

  async addQuestions(questions: Question[]): Promise<void> {
    for (const q of questions) {
      const uid = questionUid(q.id, q.text);
      // The importer finds this run's questions in its own index and asks the sink only about stored ones,
      // so ids and text keys are not added here (they would double the worker's live memory). A stored
      // question keeps its id: the writer will reject this one as a duplicate.
      if (!this.uidById.has(q.id)) this.uidById.set(q.id, uid);
      this.writer.addQuestion(q, uid, textKey(q.text));
    }
    await this.postIfFull();
  }

  async addAnswers(answers: ModelAnswer[]): Promise<void> {
    for (const a of answers) this.writer.addAnswer(a, this.uidById.get(a.questionId) ?? '');
    await this.postIfFull();
  }

  /** Posts what is left. */
  async end(): Promise<void> {
    if (this.writer.rows > 0) await this.postBatch();
  }

  /** The writer took a batch, and is done with the buffers of earlier ones. */
  taken(spareBuffers: readonly BatchBuffers[] = []): void {
    for (const b of spareBuffers) this.writer.reuse(b);
    this.inFlight--;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private async postIfFull(): Promise<void> {
    if (this.writer.size >= this.limits.batchBytes || this.writer.rows >= this.limits.batchRows) await this.postBatch();
  }

  private async postBatch(): Promise<void> {
    while (this.inFlight >= this.limits.maxInFlight) await new Promise<void>((resolve) => (this.wake = resolve));
    this.inFlight++;
    const { batch, buffers } = this.writer.take();
    this.post(batch, buffers);
  }
}
