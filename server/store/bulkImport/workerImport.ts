import type { ImportOptions, ImportReport } from '../../dataset';
import type { Problem } from '../../problem';
import type { EncodedBatch } from './batchLayout';
import type { BatchBuffers } from './batchWriter';
import type { FromWorker, KnownQuestions, ToWorker, WorkerStart } from './workerMessages';
import type { WorkerStarter } from './workerScript';

/** Where the worker's batches go on this thread. */
export interface BatchTarget {
  known: KnownQuestions;
  /**
   * Resolves once the batch is written or buffered; until then the worker is held back. Calls `written`
   * once its bytes are no longer needed.
   */
  take: (batch: EncodedBatch, written: () => void) => Promise<void>;
}

/**
 * Batch size: big enough that a message per batch costs nothing, small enough that the writer starts early.
 * With eight in flight the worker can parse a whole transaction's worth ahead (ImportSession's 24 MB) while
 * this thread commits the last one; with fewer it stood idle during each commit.
 */
const LIMITS = { batchBytes: 4 * 2 ** 20, batchRows: 2_000, maxInFlight: 8 };

/**
 * The worker's heap: parsing keeps little alive (the question index and the answer keys of the file being
 * read: about 50 MB for 100,000 questions), and without a cap V8 lets garbage pile up to hundreds of
 * megabytes before it collects.
 */
const WORKER_HEAP_MB = 128;

/**
 * The worker's young generation. Parsing allocates about five bytes for every byte read (decoded chunks,
 * parsed records, split parts) that die within a record; with V8's default the worker scavenged 420 times
 * for 1.1 GB of files, with 64 MB (32 MB semi-spaces) 240 times, and the import took 0.4-0.6 s less for about
 * 15 MB more peak RSS. 128 MB made the old generation collect more often and grew RSS by 100 MB; a smaller
 * old generation (96 MB) made the collector thrash (40% more CPU).
 */
const WORKER_YOUNG_MB = 64;

/**
 * Runs `importDatasets` in a worker thread: the worker reads, checks and encodes (two cores: parsing the next
 * batch while this thread writes the last one into SQLite), this thread writes. Problems reach
 * `options.onProblem` here, in the order the worker found them; the report is the importer's own.
 */
export function importInWorker(startWorker: WorkerStarter, files: string[], options: ImportOptions, target: BatchTarget): Promise<ImportReport> {
  const { onProblem, ...rest } = options;
  const start: WorkerStart = { files, options: rest, known: target.known, ...LIMITS };
  // Only `take` is kept for the import's length: the closures below must not hold `target`, whose `known`
  // lists (three entries per stored question, tens of megabytes) the worker has its own copy of.
  const { take } = target;
  const worker = startWorker({ workerData: start, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
  const tell = (m: ToWorker): void => worker.postMessage(m, m.spareBuffers.flatMap((b) => [b.bytes, b.questions, b.answers]));
  let spareBuffers: BatchBuffers[] = [];
  const report = (problems: Problem[]): void => {
    for (const p of problems) onProblem?.(p);
  };
  return new Promise<ImportReport>((resolve, reject) => {
    let queue = Promise.resolve();
    let settled = false;
    let done = false;
    const fail = (err: unknown): void => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(err instanceof Error ? err : new Error(String(err)));
    };
    const handle = async (m: FromWorker): Promise<void> => {
      if (settled) return;
      if (m.kind === 'failed') return fail(new Error(`reading the files failed: ${m.message}`));
      report(m.problems);
      if (m.kind === 'batch') {
        const { bytes, questions, answers } = m.batch;
        const buffers = { bytes: bytes.buffer as ArrayBuffer, questions: questions.buffer as ArrayBuffer, answers: answers.buffer as ArrayBuffer };
        await take(m.batch, () => spareBuffers.push(buffers));
        tell({ kind: 'taken', spareBuffers });
        spareBuffers = [];
      } else if (m.kind === 'done') {
        settled = true;
        resolve(m.report);
      }
    };
    worker.on('message', (m: FromWorker) => {
      // Noted here, not in the queue: the worker may exit before the queue reaches its last message.
      if (m.kind === 'done') done = true;
      queue = queue.then(() => handle(m)).catch(fail);
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code !== 'ERR_WORKER_OUT_OF_MEMORY') return fail(err);
      fail(new Error(`reading the files needed more than the import's ${WORKER_HEAP_MB} MB of memory (a record of tens of megabytes?); the rows written so far stay, and importing again skips them`));
    });
    worker.on('exit', (code) => {
      if (!done) fail(new Error(`the import's parse worker stopped (exit code ${code}) before it was done`));
    });
  });
}
