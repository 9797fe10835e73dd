import type { ModelAnswer, Question } from '../../dataset/model';
import { jsonOrNull } from '../rows/answerInsert';
import { locatePart } from '../rows/answerRows';
import { answerUidPrefix, uidOfBytes } from '../uids';
import { ABSENT, ANSWER_NUMBERS, QUESTION_NUMBERS, type EncodedBatch } from './batchLayout';

/** The three buffers of a batch, which travel to the writing thread and come back to be filled again. */
export interface BatchBuffers {
  bytes: ArrayBuffer;
  questions: ArrayBuffer;
  answers: ArrayBuffer;
}

/**
 * Builds EncodedBatches in the parse worker: texts are written once, as UTF-8, into a buffer that is then
 * transferred whole. Everything the writing thread would otherwise compute per row (uids, JSON of parameters,
 * where reasoning and answer sit in the raw output) is computed here, off the thread that holds the lock.
 *
 * Values are written in the order of the Q and A tables in batchLayout.ts (the round-trip test in
 * test/unit/store checks every field).
 */
export class BatchWriter {
  private bytes!: Buffer;
  private used = 0;
  private textBytes = 0;
  private questions!: NumberColumn;
  private answers!: NumberColumn;
  /** Byte ranges of repeated short texts (model, file, state) in this batch, written once. */
  private readonly shared = new Map<string, [number, number]>();
  private readonly spares: BatchBuffers[] = [];

  /**
   * @param byteCapacity bytes a batch usually reaches (a larger record makes that batch's buffer grow)
   * @param rowCapacity records a batch usually reaches
   */
  constructor(
    private readonly byteCapacity: number,
    private readonly rowCapacity: number,
  ) {
    this.start(this.allocate());
  }

  get rows(): number {
    return this.questions.length / QUESTION_NUMBERS + this.answers.length / ANSWER_NUMBERS;
  }

  get size(): number {
    return this.used;
  }

  /** Takes back the buffers of a batch the writing thread is done with, for a later batch. */
  reuse(buffers: BatchBuffers): void {
    if (buffers.bytes.byteLength >= this.byteCapacity) this.spares.push(buffers);
  }

  addQuestion(q: Question, uid: string, textKey: string): void {
    const n = this.questions;
    n.push(q.source.line);
    this.text(n, q.id);
    this.text(n, uid);
    this.text(n, textKey);
    this.sharedText(n, q.kind);
    this.sharedText(n, q.source.file);
    this.text(n, q.reference?.label);
    this.content(n, q.text);
    this.content(n, jsonOrNull(q.options));
    this.content(n, jsonOrNull(q.context));
    this.content(n, q.reference?.answer);
    this.content(n, q.reference?.reasoning);
  }

  /** `questionUid`: the uid of the question the worker matched the answer to, or '' when it does not know it. */
  addAnswer(a: ModelAnswer, questionUid: string): void {
    const n = this.answers;
    n.push(a.source.line);
    this.text(n, a.questionId);
    this.text(n, questionUid);
    // The uid's digest input is the prefix, the raw output and a NUL: written next to each other, the raw
    // output's bytes are hashed where they lie, and the same range is bound as the stored raw text.
    const hashStart = this.used;
    this.write(answerUidPrefix(questionUid, a.model));
    const rawStart = this.used;
    this.write(a.raw);
    const rawEnd = this.used;
    this.reserve(1);
    this.bytes[this.used++] = 0;
    this.textBytes += rawEnd - rawStart;
    this.text(n, uidOfBytes(this.bytes.subarray(hashStart, this.used)));
    this.sharedText(n, a.model);
    this.sharedText(n, a.split.state);
    this.sharedText(n, a.split.flags.join(','));
    this.sharedText(n, a.finishReason);
    this.text(n, jsonOrNull(a.params));
    this.text(n, jsonOrNull(a.timings));
    this.sharedText(n, a.source.file);
    n.pair(rawStart, rawEnd);
    this.content(n, a.serverReasoning);
    this.part(n, a.split.reasoning, a);
    this.part(n, a.split.answer, a);
  }

  /** Hands over what was written, buffers and all, and starts the next batch in spare (or new) buffers. */
  take(): { batch: EncodedBatch; buffers: BatchBuffers } {
    const buffers: BatchBuffers = { bytes: this.bytes.buffer as ArrayBuffer, questions: this.questions.buffer, answers: this.answers.buffer };
    const batch: EncodedBatch = {
      questionCount: this.questions.length / QUESTION_NUMBERS,
      answerCount: this.answers.length / ANSWER_NUMBERS,
      bytes: new Uint8Array(buffers.bytes, 0, this.used),
      questions: new Float64Array(buffers.questions, 0, this.questions.length),
      answers: new Float64Array(buffers.answers, 0, this.answers.length),
      textBytes: this.textBytes,
    };
    this.start(this.spares.pop() ?? this.allocate());
    return { batch, buffers };
  }

  private allocate(): BatchBuffers {
    return {
      // Not Node's shared pool: a pooled Buffer cannot be transferred to another thread.
      bytes: Buffer.allocUnsafeSlow(this.byteCapacity).buffer,
      questions: new ArrayBuffer(this.rowCapacity * QUESTION_NUMBERS * 8),
      answers: new ArrayBuffer(this.rowCapacity * ANSWER_NUMBERS * 8),
    };
  }

  private start(buffers: BatchBuffers): void {
    this.bytes = Buffer.from(buffers.bytes);
    this.questions = new NumberColumn(buffers.questions);
    this.answers = new NumberColumn(buffers.answers);
    this.used = 0;
    this.textBytes = 0;
    this.shared.clear();
  }

  /** Source, start, end, text start, text end of a split part: a slice of an input where it is one. */
  private part(n: NumberColumn, part: string, a: ModelAnswer): void {
    const slice = locatePart(part, a.raw, a.serverReasoning);
    if (slice) {
      n.push(slice.source);
      n.pair(slice.start, slice.end);
      n.pair(ABSENT, ABSENT);
    } else {
      n.push(ABSENT);
      n.pair(ABSENT, ABSENT);
      this.content(n, part);
    }
  }

  /** A text that counts as the row's content (toward a transaction's size). */
  private content(n: NumberColumn, s: string | null | undefined): void {
    const before = this.used;
    this.text(n, s);
    this.textBytes += this.used - before;
  }

  /** Writes `s` as UTF-8 and pushes its byte range, or ABSENT twice for no value. */
  private text(n: NumberColumn, s: string | null | undefined): void {
    if (s === undefined || s === null) return n.pair(ABSENT, ABSENT);
    const start = this.used;
    this.write(s);
    n.pair(start, this.used);
  }

  /** Like `text`, but a value already written in this batch is pointed at again. */
  private sharedText(n: NumberColumn, s: string | null | undefined): void {
    if (s === undefined || s === null) return n.pair(ABSENT, ABSENT);
    let range = this.shared.get(s);
    if (!range) {
      const start = this.used;
      this.write(s);
      this.shared.set(s, (range = [start, this.used]));
    }
    n.pair(range[0], range[1]);
  }

  private write(s: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    this.reserve(s.length * 3);
    this.used += this.bytes.write(s, this.used, 'utf8');
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.bytes.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.used + bytes));
    this.bytes.copy(bigger, 0, 0, this.used);
    this.bytes = bigger;
  }
}

/** A growable run of numbers in one ArrayBuffer. */
class NumberColumn {
  length = 0;
  private values: Float64Array;

  constructor(buffer: ArrayBuffer) {
    this.values = new Float64Array(buffer);
  }

  get buffer(): ArrayBuffer {
    return this.values.buffer as ArrayBuffer;
  }

  push(value: number): void {
    if (this.length === this.values.length) this.grow();
    this.values[this.length++] = value;
  }

  pair(a: number, b: number): void {
    this.push(a);
    this.push(b);
  }

  private grow(): void {
    const bigger = new Float64Array(Math.max(16, this.values.length * 2));
    bigger.set(this.values);
    this.values = bigger;
  }
}
