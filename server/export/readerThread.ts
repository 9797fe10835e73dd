import { Worker } from 'node:worker_threads';
import { threadCode, type ThreadCode } from '../workerThreads/threadCode';
import { isBuiltLines, type ExportItem, type ExportStreamFilter, type Store } from '../store';
import type { ReaderMessage, ReaderStart } from './readerMessages';

/** File name of the reader thread's bundle, next to the bundles of the CLI and the language server. */
export const BUNDLED_READER = 'export-worker.js';

/** From this many answers on, reading on other threads pays for starting them (about a tenth of a second). */
const WORKER_FROM_ANSWERS = 10_000;

/**
 * The export's items as Store.streamExportItems gives them, read on a thread of its own when that pays:
 * reading through the WASM SQLite binding is half of a large export's time, and formatting the other half,
 * so on two cores the two overlap. The reader opens the same database file and reads the same export's
 * chunks (one moment's state, short read transactions) and this thread takes them in order. One reader, not
 * several: every transaction of the store, reads too, holds the database's write lock (transactions.ts), so
 * two readers would only take turns. `inWorker` undefined decides by the study's size; where the reader's
 * code is not there (a build without its bundle), the store is read on this thread.
 */
export async function exportStream(store: Store, filter: ExportStreamFilter, inWorker?: boolean): Promise<AsyncIterable<ExportItem>> {
  const script = inWorker === false ? undefined : readerScript();
  if (!script || (inWorker === undefined && (await store.counts()).answers < WORKER_FROM_ANSWERS)) return store.streamExportItems(filter);
  return fromReader(script, store, filter);
}

/** The thread starts with the first read, so an export that fails before reading leaves no thread behind. */
async function* fromReader(script: ThreadCode, store: Store, filter: ExportStreamFilter): AsyncGenerator<ExportItem> {
  const start = await store.startExport(filter);
  const reader = new Reader(script, { path: store.path, filter, start });
  try {
    for (let index = 0; index <= start.bounds.length; index++) {
      for (const item of await reader.chunk(index)) yield withBuffers(item);
    }
  } finally {
    await reader.stop();
  }
}

/** One reader thread and the chunks it has sent that were not taken yet. */
class Reader {
  private readonly worker: Worker;
  private readonly queue: ReaderMessage[] = [];
  private failure: Error | undefined;
  private exited = false;
  private wake: (() => void) | undefined;

  constructor(script: ThreadCode, start: ReaderStart) {
    this.worker = new Worker(script.code, { eval: script.eval, workerData: start });
    this.worker.on('message', (m: ReaderMessage) => this.arrived(m));
    this.worker.on('error', (err) => {
      this.failure ??= err;
      this.wake?.();
    });
    this.worker.on('exit', () => {
      this.exited = true;
      this.wake?.();
    });
  }

  private arrived(m: ReaderMessage): void {
    this.queue.push(m);
    this.wake?.();
  }

  /** The chunk with this index, which must be the next this reader sends. */
  async chunk(index: number): Promise<ExportItem[]> {
    while (this.queue.length === 0 && !this.failure && !this.exited) await new Promise<void>((resolve) => (this.wake = resolve));
    const m = this.queue.shift();
    if (!m) throw this.failure ?? new Error('the export reader thread stopped before the end of the export');
    if (m.kind === 'error') throw new Error(m.message);
    if (m.kind === 'end') throw new Error(`internal: the export reader ended before chunk ${index}`);
    if (m.index !== index) throw new Error(`internal: the export reader sent chunk ${m.index} where ${index} was due`);
    // Asked for at once, so the reader reads its next chunk while this one is written.
    this.worker.postMessage('more');
    return m.items;
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

/** A Buffer crosses threads as a plain Uint8Array; the writers want Buffers (a view, not a copy). */
function withBuffers(item: ExportItem): ExportItem {
  if (isBuiltLines(item)) {
    item.lines = asBuffer(item.lines);
    return item;
  }
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
