/**
 * Entry point of the parse worker thread (see workerImport.ts): runs the dataset importer over the files
 * into a WorkerSink and posts encoded batches, problems and the final report to the writing thread.
 * It must not load the SQLite binding: it reads files and encodes, nothing else.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { importDatasets } from '../../dataset';
import type { Problem } from '../../problem';
import type { FromWorker, ToWorker, WorkerStart } from './workerMessages';
import { WorkerSink } from './workerSink';

/** Problems are sent with the next batch, or on their own once this many are waiting. */
const PROBLEMS_PER_MESSAGE = 500;

/**
 * Records the importer hands over at once (it hands over after each 64 kB chunk at the latest). Its default
 * of 250 records held a megabyte of parsed text across several young-generation collections, which
 * promoted it all to the old generation: ten times the full collections. The sink encodes at once, so
 * smaller costs nothing.
 */
const RECORDS_PER_CALL = 16;

async function run(port: NonNullable<typeof parentPort>, start: WorkerStart): Promise<void> {
  let problems: Problem[] = [];
  const send = (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
  const sink = new WorkerSink(start.known, start, (batch, buffers) => {
    send({ kind: 'batch', batch, problems }, [buffers.bytes, buffers.questions, buffers.answers]);
    problems = [];
  });
  // The sink holds its own sets now; `workerData` stays referenced for the thread's life, and these lists
  // (three entries per stored question) would stay with it.
  start.known = { ids: [], textKeys: [], uids: [] };
  port.on('message', (m: ToWorker) => {
    if (m.kind === 'taken') sink.taken(m.spareBuffers);
  });
  const onProblem = (p: Problem): void => {
    problems.push(p);
    if (problems.length < PROBLEMS_PER_MESSAGE) return;
    send({ kind: 'problems', problems });
    problems = [];
  };
  const report = await importDatasets(start.files, { ...start.options, batchSize: RECORDS_PER_CALL, blockingReads: true, onProblem }, sink);
  await sink.end();
  send({ kind: 'done', report, problems });
  // Nothing more to say or hear: the thread ends once its messages are out.
  port.close();
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  run(port, workerData as WorkerStart).catch((err: unknown) => {
    const failed: FromWorker = { kind: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    port.postMessage(failed);
    port.close();
  });
}
