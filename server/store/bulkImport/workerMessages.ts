import type { ImportOptions, ImportReport } from '../../dataset';
import type { Problem } from '../../problem';
import type { EncodedBatch } from './batchLayout';
import type { BatchBuffers } from './batchWriter';

/** The questions of the set stored before the import, as the parse worker needs them to match answers. */
export interface KnownQuestions {
  ids: string[];
  /** [text key, dataset id], as `textKey` in uids.ts computes the key. */
  textKeys: [string, string][];
  /** [dataset id, uid] of stored questions, so the worker can hash answer uids for them too. */
  uids: [string, string][];
}

/** Everything of ImportOptions but the callback, which stays on the writing thread. */
export type WorkerImportOptions = Omit<ImportOptions, 'onProblem'>;

/** What the worker starts with (its `workerData`). */
export interface WorkerStart {
  files: string[];
  options: WorkerImportOptions;
  known: KnownQuestions;
  /** A batch is posted when its text reaches this many bytes, or it holds `batchRows` records. */
  batchBytes: number;
  batchRows: number;
  /** Batches posted and not yet taken by the writer, at most; then parsing waits. */
  maxInFlight: number;
}

export type FromWorker =
  | { kind: 'batch'; batch: EncodedBatch; problems: Problem[] }
  | { kind: 'problems'; problems: Problem[] }
  | { kind: 'done'; report: ImportReport; problems: Problem[] }
  | { kind: 'failed'; message: string };

/**
 * The writer has taken a batch: the worker may post another. With it come the buffers of batches already
 * written, for the worker to fill again instead of allocating (a gigabyte of them over a large import).
 */
export interface ToWorker {
  kind: 'taken';
  spareBuffers: BatchBuffers[];
}
