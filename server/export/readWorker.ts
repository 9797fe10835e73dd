/**
 * The export's reader thread: opens the review database itself and streams the export's questions
 * (Store.streamExport, the same snapshot and the same short read transactions) to the thread that formats
 * them, a batch at a time, at most two batches ahead. Started by readerThread.ts; the bundle has it as
 * export-worker.js next to cli.js and server.js.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore, type ExportQuestion } from '../store';
import type { ReaderMessage, ReaderStart } from './readerMessages';

const AHEAD = 2;

async function run(port: NonNullable<typeof parentPort>, start: ReaderStart): Promise<void> {
  let credits = AHEAD;
  let wake: (() => void) | undefined;
  port.on('message', () => {
    credits++;
    wake?.();
  });
  const send = (message: ReaderMessage): void => port.postMessage(message);
  const store = await openStore(start.path, { create: false });
  try {
    let batch: ExportQuestion[] = [];
    for await (const q of store.streamExport(start.filter)) {
      batch.push(q);
      if (batch.length < start.batchSize) continue;
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
      send({ kind: 'batch', questions: batch });
      batch = [];
    }
    if (batch.length > 0) send({ kind: 'batch', questions: batch });
    send({ kind: 'end' });
  } finally {
    await store.close();
  }
}

if (parentPort) {
  const port = parentPort;
  const start = workerData as ReaderStart;
  run(port, start).catch((err: unknown) => {
    port.postMessage({ kind: 'error', message: err instanceof Error ? err.message : String(err) } satisfies ReaderMessage);
  });
}

