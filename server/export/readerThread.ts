import { Worker } from 'node:worker_threads';
import { threadCode, type ThreadCode } from '../workerThreads/threadCode';
import { isExportQuestion, type ExportItem, type ExportStreamFilter, type Store } from '../store';
import type { ReaderMessage, ReaderStart } from './readerMessages';

/** File name of the reader thread's bundle, next to the bundles of the CLI and the language server. */
export const BUNDLED_READER = 'export-worker.js';

/** From this many answers on, reading on a second thread pays for starting it (about a tenth of a second). */
const WORKER_FROM_ANSWERS = 10_000;

/**
 * The export's items as Store.streamExportItems gives them, read on a thread of its own when that pays:
 * reading through the WASM SQLite binding is half of a large export's time, and formatting the other half,
 * so on two cores the two overlap. The reader opens the same database file and reads it the same way (one
 * moment's state, short read transactions). One reader, not several: every transaction of the store, reads
 * too, holds the database's write lock (transactions.ts), so two readers would only take turns. `inWorker`
 * undefined decides by the study's size; where the reader's code is not there (a build without its bundle),
 * the store is read on this thread.
 */
export async function exportStream(store: Store, filter: ExportStreamFilter, inWorker?: boolean): Promise<AsyncIterable<ExportItem>> {
  const script = inWorker === false ? undefined : readerScript();
  if (!script || (inWorker === undefined && (await store.counts()).answers < WORKER_FROM_ANSWERS)) return store.streamExportItems(filter);
  return fromReader(script, { path: store.path, filter });
}

/** The thread starts with the first read, so an export that fails before reading leaves no thread behind. */
async function* fromReader(script: ThreadCode, start: ReaderStart): AsyncGenerator<ExportItem> {
  const worker = new Worker(script.code, { eval: script.eval, workerData: start });
  const queue: ReaderMessage[] = [];
  let failure: Error | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  worker.on('message', (m: ReaderMessage) => {
    queue.push(m);
    wake?.();
  });
  worker.on('error', (err) => {
    failure ??= err;
    wake?.();
  });
  worker.on('exit', () => {
    exited = true;
    wake?.();
  });
  try {
    for (;;) {
      while (queue.length === 0 && !failure && !exited) await new Promise<void>((resolve) => (wake = resolve));
      const m = queue.shift();
      if (!m) throw failure ?? new Error('the export reader thread stopped before the end of the export');
      if (m.kind === 'end') return;
      if (m.kind === 'error') throw new Error(m.message);
      // Asked for at once, so the reader reads the next chunk while this one is written.
      worker.postMessage('more');
      for (const item of m.items) yield withBuffers(item);
    }
  } finally {
    await worker.terminate();
  }
}

/** A Buffer crosses threads as a plain Uint8Array; the writers want Buffers (a view, not a copy). */
function withBuffers(item: ExportItem): ExportItem {
  if (!isExportQuestion(item)) return item;
  for (const a of item.answers) {
    if (a.quoted) a.quoted = { reasoning: asBuffer(a.quoted.reasoning), answer: asBuffer(a.quoted.answer) };
  }
  return item;
}

function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

/** The reader's bundle beside this one, or its TypeScript source through tsx when running from source. */
function readerScript(dir = __dirname): ThreadCode | undefined {
  return threadCode(dir, BUNDLED_READER, 'readWorker.ts');
}
